package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Path sensitivity on constant enum and boolean arguments. A call or allocation the scanner found
 * under a condition on an enum parameter ({@code switch (protocol) { case SSL: ... }}, {@code if
 * (mode == SERVER)}) or a boolean one ({@code if (enableExpiration)}, kafka's {@code Metrics}
 * constructors handing {@code false} on) runs in a test only when a value that reaches the
 * parameter in that test passes the condition: a constant the test or a helper hands on, or
 * anything not known where it is passed. This class turns the scanner's conditions into constant
 * names and finds, per test, which of them the values reaching the parameters meet; {@code
 * FootprintAnalysis.Holes} makes each condition a hole open only to those tests.
 */
final class EnumPaths {
  /** Stands for a value not known where it is passed: it meets every condition. */
  static final String UNKNOWN = "*";

  /**
   * How many (method, parameter) pairs a search for a constant source looks at before it gives up.
   */
  private static final int FED_BUDGET = 20_000;

  private final Program program;
  private final CallGraph graph;
  private final TestOwnedTypes owners;
  private final ConfigValues config;
  private final Map<String, Map<Integer, String>> maps = new HashMap<>();
  private final Map<Long, Boolean> fed = new HashMap<>();
  private final Map<String, Creation> creations = new HashMap<>();
  private Map<String, List<Map.Entry<MethodInfo, Sites.New>>> newsByType;
  private Map<MethodInfo, List<Integer>> nodesByMethod;

  /** Per node, its callers and the index of the edge of each caller that enters it. */
  final int[][] callerNodes;

  final int[][] callerEdges;

  /** A condition in constant names: parameter {@code params[i]} is one of {@code allowed[i]}. */
  record Resolved(int[] params, List<Set<String>> allowed) {}

  /**
   * Where the objects of a type come from when project code outside tests makes them only under
   * conditions: each making node with its condition, and the test classes that make them too.
   */
  record Creation(List<Map.Entry<Integer, Resolved>> ways, Set<String> testCreators) {}

  EnumPaths(Program program, CallGraph graph, TestOwnedTypes owners) {
    this.program = program;
    this.graph = graph;
    this.owners = owners;
    this.config = new ConfigValues(program, owners);
    int n = graph.size();
    int[] degree = new int[n];
    for (int v = 0; v < n; v++) {
      for (int t : graph.targets(v)) {
        degree[t]++;
      }
    }
    callerNodes = new int[n][];
    callerEdges = new int[n][];
    for (int v = 0; v < n; v++) {
      callerNodes[v] = new int[degree[v]];
      callerEdges[v] = new int[degree[v]];
    }
    int[] fill = new int[n];
    for (int v = 0; v < n; v++) {
      int[] targets = graph.targets(v);
      for (int e = 0; e < targets.length; e++) {
        int t = targets[e];
        callerNodes[t][fill[t]] = v;
        callerEdges[t][fill[t]] = e;
        fill[t]++;
      }
    }
  }

  /**
   * An enum constant as an argument (a static field of its own class's type), or a {@code boolean}
   * one: {@code true} and {@code false} are the int constants 1 and 0 in the code, named as the
   * scanner names them in a boolean parameter's atoms. An int 0 or 1 handed to a parameter of
   * another type meets no atom, since only enum and boolean parameters have them.
   */
  static String constant(Value v) {
    if (v instanceof Value.Const c && c.value() instanceof Integer i && (i == 0 || i == 1)) {
      return i == 1 ? "true" : "false";
    }
    return v instanceof Value.FieldValue f
            && f.isStatic()
            && f.descriptor().length() == f.owner().length() + 2
            && f.descriptor().startsWith("L")
            && f.descriptor().regionMatches(1, f.owner(), 0, f.owner().length())
        ? f.name()
        : null;
  }

  /**
   * The condition of node {@code v}'s edge {@code e} in constant names, or null when it limits
   * nothing a test could tell: no atom, a switch map not found, or a parameter no call ever feeds a
   * constant (so every test passes something unknown to it).
   */
  Resolved edgeCondition(int v, int e) {
    return resolve(v, graph.condition(v, e));
  }

  Resolved resolve(int node, Sites.Condition condition) {
    if (condition.isNone()) {
      return null;
    }
    List<Integer> params = new ArrayList<>();
    List<Set<String>> allowed = new ArrayList<>();
    for (Sites.Atom atom : condition.atoms()) {
      Set<String> names = names(atom);
      if (names == null || !constantFed(node, atom.param())) {
        continue;
      }
      params.add(atom.param());
      allowed.add(names);
    }
    if (params.isEmpty()) {
      return null;
    }
    return new Resolved(params.stream().mapToInt(Integer::intValue).toArray(), allowed);
  }

  private Set<String> names(Sites.Atom atom) {
    Set<String> names = new HashSet<>();
    if (atom.switchMap().isEmpty()) {
      for (Object c : atom.cases()) {
        names.add(c.toString());
      }
      return names;
    }
    Map<Integer, String> map = maps.computeIfAbsent(atom.switchMap(), this::switchMap);
    for (Object c : atom.cases()) {
      String name = map.get(c);
      if (name == null) {
        // A number the map does not give: the map was not read whole, so the case says nothing.
        return null;
      }
      names.add(name);
    }
    return names;
  }

  /** The numbers a javac switch map gives the constants, from its class's static initializer. */
  private Map<Integer, String> switchMap(String switchMap) {
    String owner = switchMap.substring(0, switchMap.indexOf('.'));
    ClassInfo c = program.get(owner);
    Map<Integer, String> map = new HashMap<>();
    if (c != null) {
      for (MethodInfo m : c.methods()) {
        for (Sites.SwitchCase sc : m.switchCases()) {
          if (sc.switchMap().equals(switchMap)) {
            map.put(sc.number(), sc.constant());
          }
        }
      }
    }
    return map;
  }

  /**
   * Whether some call, directly or through parameters handed on, passes an enum constant to
   * parameter {@code p} of node {@code v}. Where none does, every test passes an unknown value and
   * the condition could only ever open: it is not worth a hole.
   */
  private boolean constantFed(int v, int p) {
    long start = pair(v, p);
    Boolean known = fed.get(start);
    if (known != null) {
      return known;
    }
    boolean found = false;
    Set<Long> seen = new HashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>();
    todo.add(start);
    seen.add(start);
    while (!todo.isEmpty() && !found) {
      long at = todo.poll();
      int x = (int) (at >>> 16);
      int q = (int) (at & 0xffff);
      for (int i = 0; i < callerNodes[x].length && !found; i++) {
        Value a = argument(callerNodes[x][i], callerEdges[x][i], q);
        if (constant(a) != null || config.choice(a) != null) {
          found = true;
        } else if (a instanceof Value.Param from) {
          long next = pair(callerNodes[x][i], from.index());
          if (seen.size() < FED_BUDGET && seen.add(next)) {
            todo.add(next);
          }
        }
      }
    }
    // Out of budget, the answer is "fed": a hole that opens more often is only less precise.
    fed.put(start, found || seen.size() >= FED_BUDGET);
    return fed.get(start);
  }

  static long pair(int node, int param) {
    return ((long) node << 16) | (param & 0xffff);
  }

  /**
   * The argument node {@code u}'s edge {@code e} passes as parameter {@code p}: unknown if none.
   */
  Value argument(int u, int e, int p) {
    List<Value> args = graph.arguments(u, e);
    return p < args.size() ? args.get(p) : Value.UNKNOWN;
  }

  /**
   * Where the objects of a type and its subtypes come from, when every place outside tests that
   * makes one makes it under a condition on an enum parameter (as kafka's {@code ChannelBuilders}
   * makes a {@code SaslChannelBuilder} only for the SASL protocols); null when some such place
   * makes one whatever the parameters are, names the class for reflection, or is in a method no
   * test reaches, or when there is no such place.
   */
  Creation creation(String type) {
    if (creations.containsKey(type)) {
      return creations.get(type);
    }
    Creation c = findCreation(type);
    creations.put(type, c);
    return c;
  }

  private Creation findCreation(String type) {
    if (newsByType == null) {
      indexNews();
    }
    List<Map.Entry<Integer, Resolved>> ways = new ArrayList<>();
    Set<String> testCreators = new HashSet<>();
    for (String sub : program.subtypes(type)) {
      for (Map.Entry<MethodInfo, Sites.New> site : newsByType.getOrDefault(sub, List.of())) {
        String top = TestId.topLevelClass(site.getKey().owner());
        if (owners.inTests(top)) {
          testCreators.add(top);
          continue;
        }
        if (site.getValue().named() || site.getValue().condition().isNone()) {
          return null;
        }
        List<Integer> nodes = nodesByMethod.get(site.getKey());
        if (nodes == null) {
          // Made in code no test reaches as the graph sees it (called by a library, by
          // reflection): where that runs is not known, so the type may be made anywhere.
          return null;
        }
        for (int node : nodes) {
          Resolved r = resolve(node, site.getValue().condition());
          if (r == null) {
            return null;
          }
          ways.add(Map.entry(node, r));
        }
      }
    }
    return ways.isEmpty() ? null : new Creation(ways, testCreators);
  }

  private void indexNews() {
    newsByType = new HashMap<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.New n : m.news()) {
          newsByType.computeIfAbsent(n.type(), k -> new ArrayList<>()).add(Map.entry(m, n));
        }
      }
    }
    nodesByMethod = new IdentityHashMap<>();
    for (int v = 0; v < graph.size(); v++) {
      nodesByMethod.computeIfAbsent(graph.method(v), k -> new ArrayList<>()).add(v);
    }
  }

  /** The nodes that may reach a node of these: callers, transitively (the nodes included). */
  boolean[] reaching(boolean[] nodes) {
    boolean[] reaches = nodes.clone();
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int v = 0; v < nodes.length; v++) {
      if (nodes[v]) {
        todo.add(v);
      }
    }
    while (!todo.isEmpty()) {
      int v = todo.poll();
      for (int u : callerNodes[v]) {
        if (!reaches[u]) {
          reaches[u] = true;
          todo.add(u);
        }
      }
    }
    return reaches;
  }

  static Set<String> unknown() {
    return Collections.singleton(UNKNOWN);
  }

  /** A hole that opens where a node is reached with parameter values that meet a condition. */
  record Way(int hole, Resolved condition) {}

  /**
   * What one opening reached: the holes open to its roots and the nodes reached through them, in
   * the order reached. A later opening with these roots and more (a test after its class's set-up)
   * starts from it instead of searching the set-up's reach again.
   */
  record Reached(java.util.BitSet open, int[] nodes, int[] ways, Opening by, int round) {
    /** Nothing reached: only these holes open. */
    static Reached none(java.util.BitSet open) {
      return new Reached(open, NONE, NONE, null, -1);
    }
  }

  private static final int[] NONE = new int[0];

  /**
   * The per-test opening of conditional holes, with arrays of its own (one per thread): what a test
   * reaches depends on which holes are open, and which open depends on the values that reach the
   * parameters of what it reaches, so search, open, and search on from the edges the new holes open
   * until nothing more opens. Only nodes that may reach a conditional node are searched. What opens
   * only grows with what is reached and open (more callers give a parameter more values, and a
   * condition a value meets stays met), so the holes open in the end are the least set that nothing
   * more opens from, whichever order the search finds them in.
   */
  final class Opening {
    private final List<Way>[] waysAt;
    private final boolean[] reachesWays;
    private final int[][] holeOf;

    /** Per hole, the edges it closes: pairs of node and edge index, flattened. */
    private final int[][] edgesOf;

    /**
     * Per node that reaches ways, the indexes of its edges into nodes that reach ways, in edge
     * order: the only edges a search follows, read once instead of per search.
     */
    private final int[][] wayEdges;

    private final int[] stamp;
    private final int[] rootStamp;
    private final int[] queue;
    private int size;

    /** The reached nodes with ways, in the order reached. */
    private final int[] wayNodes;

    private int wayCount;
    private int round;

    /** The round of the seed whose stamps this round counts as its own, or -1. */
    private int seedRound = -1;

    /** The round whose stamps a kept {@link Reached} may still count on, or -1. */
    private int keptRound = -1;

    private final Map<Long, Set<String>> memo = new HashMap<>();

    /** The test whose holes are being opened: its own code, and its method (null per class). */
    private Set<String> allowed = Set.of();

    private MethodInfo test;

    Opening(List<Way>[] waysAt, boolean[] reachesWays, int[][] holeOf) {
      this(waysAt, reachesWays, holeOf, edgesOf(holeOf), wayEdges(graph, reachesWays));
    }

    private Opening(
        List<Way>[] waysAt,
        boolean[] reachesWays,
        int[][] holeOf,
        int[][] edgesOf,
        int[][] wayEdges) {
      this.waysAt = waysAt;
      this.reachesWays = reachesWays;
      this.holeOf = holeOf;
      this.edgesOf = edgesOf;
      this.wayEdges = wayEdges;
      int n = graph.size();
      stamp = new int[n];
      rootStamp = new int[n];
      queue = new int[n];
      wayNodes = new int[n];
    }

    private static int[][] wayEdges(CallGraph graph, boolean[] reachesWays) {
      int n = graph.size();
      int[][] result = new int[n][];
      int[] none = new int[0];
      for (int v = 0; v < n; v++) {
        result[v] = reachesWays[v] ? graph.edgesInto(v, reachesWays) : none;
      }
      return result;
    }

    private static int[][] edgesOf(int[][] holeOf) {
      int holes = 0;
      int[] count = new int[0];
      for (int[] h : holeOf) {
        if (h == null) {
          continue;
        }
        for (int id : h) {
          if (id >= count.length) {
            count = java.util.Arrays.copyOf(count, Math.max(id + 1, count.length * 2));
          }
          if (id >= 0) {
            holes = Math.max(holes, id + 1);
            count[id] += 2;
          }
        }
      }
      int[][] edges = new int[holes][];
      for (int id = 0; id < holes; id++) {
        edges[id] = new int[count[id]];
      }
      int[] fill = new int[holes];
      for (int v = 0; v < holeOf.length; v++) {
        int[] h = holeOf[v];
        if (h == null) {
          continue;
        }
        for (int e = 0; e < h.length; e++) {
          int id = h[e];
          if (id >= 0) {
            edges[id][fill[id]++] = v;
            edges[id][fill[id]++] = e;
          }
        }
      }
      return edges;
    }

    Opening copy() {
      return new Opening(waysAt, reachesWays, holeOf, edgesOf, wayEdges);
    }

    private boolean closed(int v, int e, java.util.BitSet open) {
      int[] h = holeOf[v];
      return h != null && h[e] >= 0 && !open.get(h[e]);
    }

    /**
     * The holes open to a test with these roots: {@code open} and the conditions it meets. {@code
     * allowed} is the test's own code ({@link TestOwnedTypes#nestsOf}) and {@code test} its method,
     * or null for what runs once per class: what they put into a configuration decides a configured
     * choice ({@link ConfigValues}).
     */
    java.util.BitSet open(
        int[] roots, java.util.BitSet open, Set<String> allowed, MethodInfo test) {
      return reach(roots, open, allowed, test, null, false).open();
    }

    /**
     * As {@link #open}, starting from what an opening of some of these roots reached ({@code seed},
     * or null), with at least its holes open; with {@code keep}, the nodes reached are kept for a
     * later opening to start from.
     */
    Reached reach(
        int[] roots,
        java.util.BitSet open,
        Set<String> allowed,
        MethodInfo test,
        Reached seed,
        boolean keep) {
      this.allowed = allowed;
      this.test = test;
      if (seed != null) {
        java.util.BitSet beyond = (java.util.BitSet) seed.open().clone();
        beyond.andNot(open);
        if (!beyond.isEmpty()) {
          seed = null;
        }
      }
      boolean any = seed != null && seed.nodes().length > 0;
      for (int r : roots) {
        any |= reachesWays[r];
      }
      if (!any) {
        return Reached.none(open);
      }
      // The seed's nodes still carry the stamp of its round where no round since stamped others
      // than those beyond it: then they need not be stamped again.
      boolean stamped = seed != null && seed.by() == this && seed.round() == keptRound;
      if (!stamped) {
        keptRound = -1;
      }
      round++;
      seedRound = stamped ? seed.round() : -1;
      memo.clear();
      size = 0;
      wayCount = 0;
      for (int r : roots) {
        rootStamp[r] = round;
      }
      if (stamped) {
        System.arraycopy(seed.ways(), 0, wayNodes, 0, seed.ways().length);
        wayCount = seed.ways().length;
      } else if (seed != null) {
        for (int v : seed.nodes()) {
          mark(v);
        }
      }
      int head = size;
      for (int r : roots) {
        if (reachesWays[r] && !reached(r)) {
          mark(r);
        }
      }
      java.util.BitSet result = open;
      if (seed != null && !seed.open().equals(open)) {
        java.util.BitSet more = (java.util.BitSet) open.clone();
        more.andNot(seed.open());
        enter(more);
      }
      while (true) {
        for (; head < size; head++) {
          int v = queue[head];
          int[] targets = graph.targets(v);
          int[] holes = holeOf[v];
          for (int e : wayEdges[v]) {
            int t = targets[e];
            if (!reached(t) && (holes == null || holes[e] < 0 || result.get(holes[e]))) {
              mark(t);
            }
          }
        }
        java.util.BitSet opened = null;
        for (int i = 0; i < wayCount; i++) {
          int v = wayNodes[i];
          for (Way w : waysAt[v]) {
            if (!result.get(w.hole()) && meets(v, w.condition(), result)) {
              if (result == open) {
                result = (java.util.BitSet) open.clone();
              }
              result.set(w.hole());
              if (opened == null) {
                opened = new java.util.BitSet();
              }
              opened.set(w.hole());
            }
          }
        }
        if (opened == null) {
          if (!keep) {
            return new Reached(result, null, null, null, -1);
          }
          keptRound = round;
          return new Reached(
              result,
              java.util.Arrays.copyOf(queue, size),
              java.util.Arrays.copyOf(wayNodes, wayCount),
              this,
              round);
        }
        // What is reached and open grew: the values reaching a parameter may have grown too.
        memo.clear();
        enter(opened);
      }
    }

    /** Whether this round's search has reached the node (or its seed had). */
    private boolean reached(int v) {
      return stamp[v] == round || stamp[v] == seedRound;
    }

    private void mark(int v) {
      stamp[v] = round;
      queue[size++] = v;
      if (waysAt[v] != null) {
        wayNodes[wayCount++] = v;
      }
    }

    /** Queues the targets of the reached nodes' edges that these holes closed until now. */
    private void enter(java.util.BitSet holes) {
      for (int h = holes.nextSetBit(0); h >= 0 && h < edgesOf.length; h = holes.nextSetBit(h + 1)) {
        int[] edges = edgesOf[h];
        for (int k = 0; k < edges.length; k += 2) {
          int v = edges[k];
          if (!reached(v)) {
            continue;
          }
          int t = graph.targets(v)[edges[k + 1]];
          if (reachesWays[t] && !reached(t)) {
            mark(t);
          }
        }
      }
    }

    private boolean meets(int v, Resolved condition, java.util.BitSet open) {
      for (int i = 0; i < condition.params().length; i++) {
        Set<String> values = values(v, condition.params()[i], open);
        if (!values.contains(UNKNOWN) && Collections.disjoint(values, condition.allowed().get(i))) {
          return false;
        }
      }
      return true;
    }

    /**
     * The values that reach parameter {@code p} of node {@code v} in this round's search: over the
     * reached calls into it, a constant gives itself, the caller's parameter gives its values, and
     * anything else, or a root, gives {@link #UNKNOWN}. Parameters handed on in a cycle are solved
     * together, by iterating until nothing changes.
     */
    private Set<String> values(int v, int p, java.util.BitSet open) {
      long start = pair(v, p);
      Set<String> known = memo.get(start);
      if (known != null) {
        return known;
      }
      List<Long> pairs = new ArrayList<>();
      Map<Long, Integer> index = new HashMap<>();
      pairs.add(start);
      index.put(start, 0);
      for (int k = 0; k < pairs.size(); k++) {
        long at = pairs.get(k);
        int x = (int) (at >>> 16);
        int q = (int) (at & 0xffff);
        if (rootStamp[x] == round) {
          continue;
        }
        for (int i = 0; i < callerNodes[x].length; i++) {
          int u = callerNodes[x][i];
          int e = callerEdges[x][i];
          if (!reached(u) || closed(u, e, open)) {
            continue;
          }
          if (argument(u, e, q) instanceof Value.Param from) {
            long next = pair(u, from.index());
            if (!memo.containsKey(next) && !index.containsKey(next)) {
              index.put(next, pairs.size());
              pairs.add(next);
            }
          }
        }
      }
      List<Set<String>> current = new ArrayList<>();
      for (int k = 0; k < pairs.size(); k++) {
        current.add(new HashSet<>());
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int k = 0; k < pairs.size(); k++) {
          Set<String> into = current.get(k);
          if (into.contains(UNKNOWN)) {
            continue;
          }
          long at = pairs.get(k);
          int x = (int) (at >>> 16);
          int q = (int) (at & 0xffff);
          if (rootStamp[x] == round) {
            changed |= into.add(UNKNOWN);
            continue;
          }
          for (int i = 0; i < callerNodes[x].length && !into.contains(UNKNOWN); i++) {
            int u = callerNodes[x][i];
            int e = callerEdges[x][i];
            if (!reached(u) || closed(u, e, open)) {
              continue;
            }
            Value a = argument(u, e, q);
            String c = constant(a);
            ConfigValues.Choice choice;
            if (c != null) {
              changed |= into.add(c);
            } else if ((choice = config.choice(a)) != null) {
              changed |= into.addAll(config.values(choice, allowed, test));
            } else if (a instanceof Value.Param from) {
              long next = pair(u, from.index());
              Set<String> there = memo.get(next);
              if (there == null) {
                there = current.get(index.get(next));
              }
              changed |= into.addAll(there);
            } else if (a != Value.NULL) {
              changed |= into.add(UNKNOWN);
            }
          }
        }
      }
      for (int k = 0; k < pairs.size(); k++) {
        memo.put(pairs.get(k), current.get(k));
      }
      return current.get(0);
    }
  }
}
