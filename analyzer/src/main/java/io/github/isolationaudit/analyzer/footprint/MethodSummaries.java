package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Confidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each node of the call graph reaches, computed once for the whole suite, bottom-up over the
 * strongly connected components of the call graph: every access a node's code or its callees make,
 * with the shortest call chain to it (the first call in bytecode order among equally short ones, as
 * a breadth-first search from the node finds it), kept as a pointer to the next hop so a chain is
 * only spelled out for what a report shows.
 *
 * <p>A summary entry is keyed by an access id ({@code >= 0}) or, for a site whose key comes from a
 * parameter, by the site ({@code < 0}): its value bound along the entry's chain, still in terms of
 * the node's parameters or resolved where none was left, as a search along that chain binds it. A
 * test's search finishes the binding along its own path to the node.
 *
 * <p>The summaries follow only the edges every test may take: a virtual call into a type that only
 * some test classes create (a "hole", see {@link TestOwnedTypes}) is left out, and each component
 * records which holes it can reach. A test whose own holes a node cannot reach uses its summary as
 * it is; elsewhere the test's search walks the node itself.
 */
final class MethodSummaries {

  /** Access ids of sites, and the binding of a parameter-keyed site's value over one call. */
  interface Binder {
    /**
     * A parameter-keyed site's value bound over the edge {@code edge} of {@code caller}: the value
     * in terms of the caller's parameters while one is left, else the site resolved (null value).
     */
    Lifted lift(int symbolicKey, Value value, int caller, int edge);

    /** The access id of a site whose key is known. */
    int id(FootprintAnalysis.Site site);

    /** The symbolic key of a parameter-keyed site. */
    int symbolic(FootprintAnalysis.Site site);
  }

  /** A bound value: still in terms of parameters, or the site resolved. */
  record Lifted(Value value, FootprintAnalysis.Site site) {}

  /** One node's entries, sorted by key. */
  static final class Summary {
    static final Summary EMPTY = new Summary(0);

    final int[] keys;
    final int[] dist;

    /** The edge to the next hop; at distance 0, {@link #OWN} plus the index of the site. */
    final int[] edge;

    /** The key of the entry at the next hop. */
    final int[] next;

    /** The lowest confidence of the edges on the way (not counting the site's own). */
    final byte[] conf;

    /** The site the entry ends at, resolved; null for a site whose value still has a parameter. */
    final FootprintAnalysis.Site[] site;

    /** For a site keyed by a parameter and not yet resolved: its value in the node's parameters. */
    final Value[] value;

    Summary(int size) {
      keys = new int[size];
      dist = new int[size];
      edge = new int[size];
      next = new int[size];
      conf = new byte[size];
      site = new FootprintAnalysis.Site[size];
      value = new Value[size];
    }

    int size() {
      return keys.length;
    }

    int find(int key) {
      return Arrays.binarySearch(keys, key);
    }
  }

  /** Edge codes at distance 0: the site index above this base, below every real edge index. */
  static final int OWN = Integer.MIN_VALUE;

  private final CallGraph graph;
  private final FootprintAnalysis.Site[][] sites;
  private final boolean[] relevant;
  private final int[][] holeOf;
  private final Binder binder;
  private final Summary[] summaries;
  private final int[] component;
  private final List<BitSet> holes = new ArrayList<>();
  private static final BitSet NO_HOLES = new BitSet();

  /**
   * @param holeOf per node and edge, the hole the edge enters ({@code -1}: an edge every test may
   *     take); null for a node without such edges
   */
  MethodSummaries(
      CallGraph graph,
      FootprintAnalysis.Site[][] sites,
      boolean[] relevant,
      int[][] holeOf,
      Binder binder) {
    this.graph = graph;
    this.sites = sites;
    this.relevant = relevant;
    this.holeOf = holeOf;
    this.binder = binder;
    int n = graph.size();
    this.summaries = new Summary[n];
    this.component = new int[n];
    Arrays.fill(component, -1);
    components();
    interned = null;
    internedAs = null;
    frozen = null;
  }

  /**
   * The lifted values made so far, each kept once: the nodes of one method in many contexts (an
   * inherited test-support method seen from each test class) lift the same values over the same
   * calls, and would keep thousands of equal copies.
   */
  private Map<Value, Value> interned = new HashMap<>();

  /**
   * The kept copy of each value interned so far, by the identity of the value given: the binder
   * hands out one object for one binding, so most values come again as the same object, and a
   * lookup by identity spares hashing the whole tree of a value.
   */
  private Map<Value, Value> internedAs = new java.util.IdentityHashMap<>();

  private Value intern(Value v) {
    if (v == null) {
      return null;
    }
    Value seen = internedAs.get(v);
    if (seen != null) {
      return seen;
    }
    Value known = interned.putIfAbsent(v, v);
    Value kept = known != null ? known : v;
    internedAs.put(v, kept);
    return kept;
  }

  Summary of(int node) {
    Summary s = summaries[node];
    return s == null ? Summary.EMPTY : s;
  }

  /** Whether a node reaches, through edges every test may take, none of these open holes. */
  boolean closedTo(int node, BitSet open) {
    int c = component[node];
    return c < 0 || !holes.get(c).intersects(open);
  }

  /** The component whose holes {@link #closedTo} checks, or -1 for a node that reaches none. */
  int component(int node) {
    return component[node];
  }

  /**
   * Whether a component reaches none of these open holes, given also as their indexes: a few open
   * holes are looked up one by one, many are intersected word by word; the answer is the same.
   */
  boolean componentClosedTo(int c, BitSet open, int[] openBits) {
    BitSet reached = holes.get(c);
    if (openBits.length > FEW_OPEN) {
      return !reached.intersects(open);
    }
    for (int b : openBits) {
      if (reached.get(b)) {
        return false;
      }
    }
    return true;
  }

  /** The number of components with holes, for per-component memos. */
  int componentCount() {
    return holes.size();
  }

  private static final int FEW_OPEN = 16;

  static Confidence edgeConfidence(CallGraph.EdgeKind kind) {
    return switch (kind) {
      case CERTAIN, DISPATCH -> Confidence.HIGH;
      case CALLBACK -> Confidence.MEDIUM;
      case HIERARCHY_ONLY, REPORT -> Confidence.LOW;
    };
  }

  private boolean open(int node, int e) {
    int[] h = holeOf[node];
    return h == null || h[e] < 0;
  }

  // ---- Tarjan, iteratively: call chains thousands deep cost no stack ---------------------------

  private void components() {
    int n = graph.size();
    int[] index = new int[n];
    int[] low = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int sp = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int counter = 0;
    for (int s = 0; s < n; s++) {
      if (!relevant[s] || index[s] >= 0) {
        continue;
      }
      int csp = 0;
      index[s] = low[s] = counter++;
      stack[sp++] = s;
      onStack[s] = true;
      callNode[csp] = s;
      callEdge[csp] = 0;
      csp++;
      while (csp > 0) {
        int v = callNode[csp - 1];
        int[] targets = graph.targets(v);
        if (callEdge[csp - 1] < targets.length) {
          int e = callEdge[csp - 1]++;
          int w = targets[e];
          if (!relevant[w] || !open(v, e)) {
            continue;
          }
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            callNode[csp] = w;
            callEdge[csp] = 0;
            csp++;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          csp--;
          if (csp > 0) {
            int u = callNode[csp - 1];
            low[u] = Math.min(low[u], low[v]);
          }
          if (low[v] == index[v]) {
            int start = sp;
            do {
              start--;
              onStack[stack[start]] = false;
            } while (stack[start] != v);
            int[] members = Arrays.copyOfRange(stack, start, sp);
            sp = start;
            // Tarjan closes a component after every component it calls: callees come first.
            summarise(members);
          }
        }
      }
    }
  }

  // ---- one component -------------------------------------------------------------------------

  private static final class Entry {
    int dist;
    int edge;
    int next;
    byte conf;
    FootprintAnalysis.Site site;
    Value value;
    boolean done;
  }

  private int[] position;
  private Map<Integer, Entry>[] work;
  private List<int[]> levels;

  @SuppressWarnings("unchecked")
  private void summarise(int[] members) {
    int id = holes.size();
    for (int v : members) {
      component[v] = id;
    }
    holes.add(holesOf(members, id));

    if (position == null) {
      position = new int[graph.size()];
      Arrays.fill(position, -1);
    }
    for (int p = 0; p < members.length; p++) {
      position[members[p]] = p;
    }
    work = new Map[members.length];
    for (int p = 0; p < members.length; p++) {
      work[p] = new HashMap<>();
    }
    levels = new ArrayList<>();
    // Callers of each member inside the component, as (position, edge) pairs.
    int[][] callers = new int[members.length][];
    int[] callerCount = new int[members.length];
    for (int p = 0; p < members.length; p++) {
      int v = members[p];
      FootprintAnalysis.Site[] own = sites[v];
      for (int i = 0; i < own.length; i++) {
        FootprintAnalysis.Site s = own[i];
        boolean parametric = s.parametric();
        int key = parametric ? binder.symbolic(s) : binder.id(s);
        offer(
            members,
            p,
            key,
            0,
            OWN + i,
            key,
            (byte) Confidence.HIGH.ordinal(),
            parametric ? null : s,
            parametric ? s.value() : null);
      }
      int[] targets = graph.targets(v);
      for (int e = 0; e < targets.length; e++) {
        int t = targets[e];
        if (!relevant[t] || !open(v, e)) {
          continue;
        }
        int q = position[t];
        if (q >= 0 && component[t] == id) {
          callerCount[q]++;
          continue;
        }
        Summary callee = summaries[t];
        if (callee == null) {
          continue;
        }
        byte edgeConf = (byte) edgeConfidence(graph.kind(v, e)).ordinal();
        for (int j = 0; j < callee.size(); j++) {
          lift(
              members,
              p,
              e,
              callee.keys[j],
              callee.dist[j] + 1,
              (byte) Math.max(edgeConf, callee.conf[j]),
              callee.site[j],
              callee.value[j]);
        }
      }
    }
    for (int q = 0; q < members.length; q++) {
      callers[q] = new int[callerCount[q] * 2];
      callerCount[q] = 0;
    }
    for (int p = 0; p < members.length; p++) {
      int v = members[p];
      int[] targets = graph.targets(v);
      for (int e = 0; e < targets.length; e++) {
        int t = targets[e];
        if (!relevant[t] || !open(v, e) || component[t] != id) {
          continue;
        }
        int q = position[t];
        callers[q][callerCount[q]++] = p;
        callers[q][callerCount[q]++] = e;
      }
    }
    // Shortest first, level by level: an entry is final when its level is reached.
    for (int d = 0; d < levels.size(); d++) {
      int[] level = levels.get(d);
      int size = level[0];
      for (int i = 1; i < size; i += 2) {
        int q = level[i];
        int key = level[i + 1];
        Entry entry = work[q].get(key);
        if (entry.dist != d || entry.done) {
          continue;
        }
        entry.done = true;
        int[] from = callers[q];
        for (int c = 0; c < from.length; c += 2) {
          int p = from[c];
          int e = from[c + 1];
          byte edgeConf = (byte) edgeConfidence(graph.kind(members[p], e)).ordinal();
          lift(
              members,
              p,
              e,
              key,
              d + 1,
              (byte) Math.max(edgeConf, entry.conf),
              entry.site,
              entry.value);
        }
      }
    }
    for (int p = 0; p < members.length; p++) {
      summaries[members[p]] = freeze(work[p]);
      position[members[p]] = -1;
    }
    work = null;
    levels = null;
  }

  private BitSet holesOf(int[] members, int id) {
    BitSet result = null;
    boolean shared = false;
    for (int v : members) {
      int[] targets = graph.targets(v);
      int[] h = holeOf[v];
      for (int e = 0; e < targets.length; e++) {
        int t = targets[e];
        if (!relevant[t]) {
          continue;
        }
        if (h != null && h[e] >= 0) {
          if (result == null || shared) {
            result = result == null ? new BitSet() : (BitSet) result.clone();
            shared = false;
          }
          result.set(h[e]);
          continue;
        }
        int c = component[t];
        if (c < 0 || c == id) {
          continue;
        }
        BitSet other = holes.get(c);
        if (other.isEmpty() || other == result) {
          continue;
        }
        if (result == null) {
          result = other;
          shared = true;
        } else {
          BitSet missing = (BitSet) other.clone();
          missing.andNot(result);
          if (!missing.isEmpty()) {
            if (shared) {
              result = (BitSet) result.clone();
              shared = false;
            }
            result.or(missing);
          }
        }
      }
    }
    return result == null ? NO_HOLES : result;
  }

  private void lift(
      int[] members,
      int p,
      int e,
      int key,
      int dist,
      byte conf,
      FootprintAnalysis.Site site,
      Value value) {
    if (key >= 0 || value == null) {
      offer(members, p, key, dist, e, key, conf, site, null);
      return;
    }
    if (beaten(members, p, key, dist, e, key)) {
      // Binding costs a key's resolution: not for a way the entry already has a better one than.
      return;
    }
    Lifted lifted = binder.lift(key, value, members[p], e);
    offer(members, p, key, dist, e, key, conf, lifted.site(), intern(lifted.value()));
  }

  /** Whether the entry of this key already holds a way as good as this one ({@link #offer}). */
  private boolean beaten(int[] members, int p, int key, int dist, int edge, int next) {
    Entry entry = work[p].get(key);
    return entry != null && worse(members, p, entry, key, dist, edge, next, null);
  }

  /**
   * Whether a way is no better than the entry's: longer; or as long and from a less sure site (for
   * a resolved key, {@link #surer}); or else no earlier in edge order.
   */
  private boolean worse(
      int[] members,
      int p,
      Entry entry,
      int key,
      int dist,
      int edge,
      int next,
      FootprintAnalysis.Site site) {
    if (dist != entry.dist) {
      return dist > entry.dist;
    }
    int sure = key >= 0 ? surer(entry.site, site) : 0;
    if (sure != 0) {
      return sure < 0;
    }
    return edge > entry.edge
        || edge == entry.edge
            && (next == entry.next
                || compare(graph.targets(members[p])[edge], next, entry.next) >= 0);
  }

  private void offer(
      int[] members,
      int p,
      int key,
      int dist,
      int edge,
      int next,
      byte conf,
      FootprintAnalysis.Site site,
      Value value) {
    Entry entry = work[p].get(key);
    boolean fresh;
    if (entry == null) {
      entry = new Entry();
      work[p].put(key, entry);
      fresh = true;
    } else if (worse(members, p, entry, key, dist, edge, next, site)) {
      return;
    } else {
      // A shorter way is queued anew; a better way of the same length is already queued.
      fresh = dist != entry.dist;
    }
    entry.dist = dist;
    entry.edge = edge;
    entry.next = next;
    entry.conf = conf;
    entry.site = site;
    entry.value = value;
    entry.done = false;
    if (fresh) {
      push(dist, p, key);
    }
  }

  /**
   * Which of two sites of one access is surer of itself: negative when {@code a} is, positive when
   * {@code b} is. Of two equally short ways to one access, the surer site's is kept: a field that a
   * method reads before it writes it (lazy initialization, LOW) and that another call puts null
   * back into (a HIGH write, commons-vfs2's {@code VFS.getManager()} and {@code VFS.close()}) are
   * one access of a test that makes both, and it is the HIGH write that races. Parameter-keyed
   * sites are not ranked so: their ways bind the key, and the first way binds it.
   */
  static int surer(FootprintAnalysis.Site a, FootprintAnalysis.Site b) {
    if (a == null || b == null) {
      return 0;
    }
    return Integer.compare(a.confidence().ordinal(), b.confidence().ordinal());
  }

  private void push(int dist, int p, int key) {
    while (levels.size() <= dist) {
      levels.add(new int[] {1, 0, 0, 0, 0, 0, 0, 0});
    }
    int[] level = levels.get(dist);
    if (level[0] + 2 > level.length) {
      level = Arrays.copyOf(level, level.length * 2);
      levels.set(dist, level);
    }
    level[level[0]] = p;
    level[level[0] + 1] = key;
    level[0] += 2;
  }

  /**
   * Orders two entries of one node by the call chains they stand for, edge by edge: the chain a
   * breadth-first search from the node meets first is the smaller.
   */
  int compare(int node, int a, int b) {
    while (a != b) {
      int ea = edgeOf(node, a);
      int eb = edgeOf(node, b);
      if (ea != eb || distOf(node, a) == 0) {
        return Integer.compare(ea, eb);
      }
      int na = nextOf(node, a);
      int nb = nextOf(node, b);
      node = graph.targets(node)[ea];
      a = na;
      b = nb;
    }
    return 0;
  }

  private Entry working(int node, int key) {
    if (work != null && position[node] >= 0) {
      return work[position[node]].get(key);
    }
    return null;
  }

  private int edgeOf(int node, int key) {
    Entry w = working(node, key);
    if (w != null) {
      return w.edge;
    }
    Summary s = summaries[node];
    return s.edge[s.find(key)];
  }

  private int distOf(int node, int key) {
    Entry w = working(node, key);
    if (w != null) {
      return w.dist;
    }
    Summary s = summaries[node];
    return s.dist[s.find(key)];
  }

  private int nextOf(int node, int key) {
    Entry w = working(node, key);
    if (w != null) {
      return w.next;
    }
    Summary s = summaries[node];
    return s.next[s.find(key)];
  }

  /**
   * The summaries made so far, each kept once: the nodes of one method in contexts that change
   * nothing it reaches (most of an inherited method's contexts) have equal summaries.
   */
  private Map<Frozen, Summary> frozen = new HashMap<>();

  /** A summary compared by its content. */
  private record Frozen(Summary s) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Frozen f
          && Arrays.equals(s.keys, f.s.keys)
          && Arrays.equals(s.dist, f.s.dist)
          && Arrays.equals(s.edge, f.s.edge)
          && Arrays.equals(s.next, f.s.next)
          && Arrays.equals(s.conf, f.s.conf)
          && Arrays.equals(s.site, f.s.site)
          && Arrays.equals(s.value, f.s.value);
    }

    /**
     * Mixes in the sites and values by identity: summaries alike in keys and hops but not in their
     * values (one method's nodes in many contexts) otherwise share one bucket, where every lookup
     * compared whole value trees (camel-core: a second of the summaries' four). Equal summaries
     * share their site and value objects (values are interned), so they still meet.
     */
    @Override
    public int hashCode() {
      int h = Arrays.hashCode(s.keys);
      h = h * 31 + Arrays.hashCode(s.dist);
      h = h * 31 + Arrays.hashCode(s.edge);
      h = h * 31 + Arrays.hashCode(s.next);
      for (int i = 0; i < s.site.length; i++) {
        h = h * 31 + System.identityHashCode(s.site[i]);
        h = h * 31 + System.identityHashCode(s.value[i]);
      }
      return h;
    }
  }

  private Summary freeze(Map<Integer, Entry> entries) {
    Summary s = freezeOnce(entries);
    Summary known = frozen.putIfAbsent(new Frozen(s), s);
    return known != null ? known : s;
  }

  private static Summary freezeOnce(Map<Integer, Entry> entries) {
    if (entries.isEmpty()) {
      return Summary.EMPTY;
    }
    int[] keys = new int[entries.size()];
    int i = 0;
    for (int k : entries.keySet()) {
      keys[i++] = k;
    }
    Arrays.sort(keys);
    Summary s = new Summary(keys.length);
    for (i = 0; i < keys.length; i++) {
      Entry e = entries.get(keys[i]);
      s.keys[i] = keys[i];
      s.dist[i] = e.dist;
      s.edge[i] = e.edge;
      s.next[i] = e.next;
      s.conf[i] = e.conf;
      s.site[i] = e.site;
      s.value[i] = e.value;
    }
    return s;
  }
}
