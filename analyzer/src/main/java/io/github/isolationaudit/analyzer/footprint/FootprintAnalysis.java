package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.ArgumentMutators;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CodeRules;
import io.github.isolationaudit.rules.KeySpec;
import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every test's footprint: the accesses reachable from the test method and from what runs
 * around it, each with the shortest call chain that reaches it. Nodes that can reach no access are
 * pruned once for the whole suite, so each test's search walks only the part of the call graph that
 * matters.
 */
public final class FootprintAnalysis {
  private final Program program;
  private final Catalog catalog;
  private final KeyResolver keys;
  private EvidenceChains chains = new EvidenceChains();

  private final java.util.Set<String> changedStatics;
  private final Map<io.github.isolationaudit.model.TestId, String> outsideCalls =
      new java.util.HashMap<>();
  private final java.util.Set<Access> oncePerClass =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** The arguments of parameterized tests, read from their argument sources. */
  private final io.github.isolationaudit.analyzer.program.TestArguments arguments;

  /** Sites (by identity) whose key only one invocation of their parameterized test gives. */
  private final java.util.Set<Site> oneInvocationSites =
      java.util.Collections.synchronizedSet(
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

  private final java.util.Set<Access> oneInvocation =
      java.util.Collections.synchronizedSet(
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

  public FootprintAnalysis(Program program, Catalog catalog) {
    this(program, catalog, Runtime.getRuntime().availableProcessors());
  }

  /**
   * An analysis that computes the tests' footprints on this many threads (the result is the same).
   */
  public FootprintAnalysis(Program program, Catalog catalog, int threads) {
    this.threads = threads;
    this.program = program;
    this.catalog = catalog;
    this.keys = new KeyResolver(program, catalog);
    this.arguments = new io.github.isolationaudit.analyzer.program.TestArguments(program);
    this.changedStatics = changedStatics(program);
  }

  /**
   * Static fields that some project code changes after their class is initialized. Reading any
   * other static field reads a value that is fixed once the class is loaded: no test can change it
   * under another, so such reads are not accesses.
   */
  private static java.util.Set<String> changedStatics(Program program) {
    java.util.Set<String> changed = new java.util.HashSet<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.StaticField f : m.staticFields()) {
          if (f.op() == Sites.FieldOp.GET || f.op() == Sites.FieldOp.FILL) {
            // Filling a memoizing cache changes no answer its readers get.
            continue;
          }
          ClassInfo owner = program.fieldOwner(f.owner(), f.name());
          if (owner == null || owner.library()) {
            continue;
          }
          if (f.op() == Sites.FieldOp.PUT
              && m.name().equals("<clinit>")
              && m.owner().equals(owner.name())) {
            continue;
          }
          changed.add(owner.name() + '.' + f.name());
        }
      }
    }
    return changed;
  }

  /** An access as a site makes it, before a test's chain is attached. */
  record Site(
      ResourceKind resource,
      String customKind,
      Key key,
      AccessMode mode,
      Scope scope,
      Reach reach,
      Confidence confidence,
      Sensitivity sensitivity,
      String sinkId,
      String note,
      int line,
      SinkRule rule,
      Value value) {

    /** Whether the key comes from a parameter: then each caller's argument decides it. */
    boolean parametric() {
      return value != null && mentionsParameter(value);
    }
  }

  private static boolean mentionsParameter(Value v) {
    return Value.dependsOnCaller(v);
  }

  /** The value with parameters, this and its fields replaced as the call's caller sees them. */
  private static Value substitute(Value v, List<Value> args, Value receiver) {
    return Value.bind(v, args, receiver);
  }

  /**
   * The accesses (by identity) of parameterized tests whose key comes from the test's arguments and
   * only one of its invocations gives: the invocations do not share it.
   */
  public java.util.Set<Access> oneInvocation() {
    return java.util.Collections.unmodifiableSet(oneInvocation);
  }

  /**
   * The sites a parameter-keyed value gives at a search's root: when the root is a parameterized
   * test whose arguments are known, one per distinct key its invocations give (a key that only one
   * invocation gives is marked so, see {@link #oneInvocation()}); else the one site, its parameters
   * unknown.
   */
  private List<Site> atRoot(SinkRule rule, Value value, int line, CallGraph graph, int root) {
    String context = graph.context(root);
    List<List<Value>> invocations =
        mentionsArgument(value, 0) ? arguments.invocations(graph.method(root)) : List.of();
    if (invocations.isEmpty()) {
      return List.of(site(rule, value, line, context));
    }
    Map<Integer, Site> byAccess = new LinkedHashMap<>();
    Map<Integer, Integer> givers = new java.util.HashMap<>();
    for (List<Value> args : invocations) {
      Site s = site(rule, substitute(value, args, Value.THIS), line, context);
      int id = accessId(s);
      byAccess.putIfAbsent(id, s);
      givers.merge(id, 1, Integer::sum);
    }
    for (Map.Entry<Integer, Site> e : byAccess.entrySet()) {
      if (invocations.size() > 1 && givers.get(e.getKey()) == 1 && e.getValue().key().isExact()) {
        oneInvocationSites.add(e.getValue());
      }
    }
    return List.copyOf(byAccess.values());
  }

  /**
   * The access a site makes where the path to it is only as sure as {@code path}, with its
   * evidence; noted among {@link #oneInvocation()} when the site is one invocation's.
   */
  private Access accessAt(Site s, Confidence path, Evidence chain) {
    String note = s.note();
    if (path != Confidence.HIGH && note.isEmpty()) {
      note = "reached through a call resolved by class hierarchy or a library callback";
    }
    Access a =
        new Access(
            s.resource(),
            s.customKind(),
            s.key(),
            s.mode(),
            s.scope(),
            s.reach(),
            s.confidence().min(path),
            s.sensitivity(),
            s.sinkId(),
            note,
            chain);
    if (oneInvocationSites.contains(s)) {
      oneInvocation.add(a);
    }
    return a;
  }

  /** Whether a value mentions a parameter (not only {@code this} or its fields). */
  private static boolean mentionsArgument(Value v, int depth) {
    if (depth > Value.MAX_NESTING) {
      return false;
    }
    if (v instanceof Value.Param) {
      return true;
    }
    if (v instanceof Value.Concat c) {
      return c.parts().stream().anyMatch(p -> mentionsArgument(p, depth + 1));
    }
    if (v instanceof Value.Allocated a) {
      return a.args().stream().anyMatch(p -> mentionsArgument(p, depth + 1));
    }
    if (v instanceof Value.Returned r) {
      return mentionsArgument(r.receiver(), depth + 1)
          || r.args().stream().anyMatch(p -> mentionsArgument(p, depth + 1));
    }
    if (v instanceof Value.ObjectField o) {
      return mentionsArgument(o.object(), depth + 1);
    }
    if (v instanceof Value.OneOf o) {
      return o.values().stream().anyMatch(p -> mentionsArgument(p, depth + 1));
    }
    return false;
  }

  /**
   * The accesses (by identity) that run once for a whole test class, before or after all its tests:
   * they cannot overlap the class's own tests, only other classes'.
   */
  public java.util.Set<Access> oncePerClass() {
    return java.util.Collections.unmodifiableSet(oncePerClass);
  }

  private final Map<String, java.util.Set<Access>> classWide = new java.util.HashMap<>();

  /**
   * Per test class (as its tests name it), the accesses (by identity) in its tests' footprints that
   * what runs once for the whole class makes: those of {@link #oncePerClass()}, and a test's own
   * access to the same place where the test reaches it too (the footprint keeps one of the two).
   * Whether a test also reads a key does not change that its class read it once for all its tests.
   */
  public Map<String, java.util.Set<Access>> classWide() {
    return java.util.Collections.unmodifiableMap(classWide);
  }

  /**
   * Tests whose code calls into classes that were not given as input (an example class for each):
   * what those touch is unknown, so verdicts that rest on "nothing here" are less sure.
   */
  public Map<io.github.isolationaudit.model.TestId, String> outsideCalls() {
    return java.util.Collections.unmodifiableMap(outsideCalls);
  }

  private TestOwnedTypes owners;
  private final int threads;
  private boolean reference;

  /** Which search computes the footprints: the per-method summaries, or the plain reference one. */
  FootprintAnalysis reference(boolean useReference) {
    this.reference = useReference;
    return this;
  }

  /** Footprints of all tests of all classes, in class order then test order. */
  public List<Footprint> analyse(List<TestClass> testClasses) {
    CallGraph graph = new CallGraph(program);
    stepsAt.clear();
    int[][] testNodes = new int[testClasses.size()][];
    int[][] lifecycleNodes = new int[testClasses.size()][];
    int[][] classNodes = new int[testClasses.size()][];
    for (int i = 0; i < testClasses.size(); i++) {
      TestClass tc = testClasses.get(i);
      lifecycleNodes[i] =
          tc.lifecycle().stream()
              .filter(r -> !r.oncePerClass())
              .mapToInt(r -> graph.node(r.method(), r.context()))
              .toArray();
      classNodes[i] =
          tc.lifecycle().stream()
              .filter(TestClass.Root::oncePerClass)
              .mapToInt(r -> graph.node(r.method(), r.context()))
              .toArray();
      testNodes[i] =
          tc.tests().stream().mapToInt(t -> graph.node(t.method(), tc.type().name())).toArray();
    }
    graph.expandAll();
    int n = graph.size();
    Site[][] sites = new Site[n][];
    for (int node = 0; node < n; node++) {
      sites[node] = sitesOf(graph.method(node), graph.context(node));
    }
    boolean[] relevant = relevant(graph, sites);
    String[] outside = outside(graph);

    owners = new TestOwnedTypes(program, graph, testClasses);
    Holes holes = new Holes(graph, sites, relevant);
    List<java.util.Set<String>> allowed = new ArrayList<>();
    for (TestClass tc : testClasses) {
      allowed.add(owners.nestsOf(tc));
    }
    Searcher searcher;
    if (reference) {
      searcher = new ReferenceSearch(graph, sites, relevant, holes);
    } else {
      symbolTable = new Binding(graph);
      MethodSummaries summaries =
          new MethodSummaries(graph, sites, relevant, holes.holeOf, symbolTable);
      symbolTable.summariesBuilt();
      searcher = new Search(graph, sites, relevant, holes, summaries);
    }

    @SuppressWarnings("unchecked")
    List<Footprint>[] perClass = new List[testClasses.size()];
    @SuppressWarnings("unchecked")
    java.util.Collection<Access>[] oncePer = new java.util.Collection[testClasses.size()];
    @SuppressWarnings("unchecked")
    java.util.Set<Access>[] widePer = new java.util.Set[testClasses.size()];
    ThreadLocal<Searcher> local = ThreadLocal.withInitial(searcher::copy);
    java.util.function.IntConsumer task =
        i -> {
          TestClass tc = testClasses.get(i);
          Searcher search = local.get();
          int[] classRoots = concat(classNodes[i], lifecycleNodes[i]);
          EnumPaths.Reached classReach =
              holes.reach(classRoots, holes.open(allowed.get(i)), allowed.get(i), null, null);
          java.util.BitSet open = classReach.open();
          Map<Integer, Access> once = search.run(classNodes[i], open);
          List<Access> onceAccesses = new ArrayList<>(once.values());
          oncePer[i] = onceAccesses;
          java.util.Set<Access> wide =
              java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
          wide.addAll(once.values());
          widePer[i] = wide;
          Map<Integer, Access> lifecycle = search.run(lifecycleNodes[i], open);
          List<Footprint> result = new ArrayList<>();
          for (int t = 0; t < tc.tests().size(); t++) {
            Map<Integer, Access> accesses = new LinkedHashMap<>(lifecycle);
            java.util.BitSet testOpen =
                holes
                    .reach(
                        concat(classRoots, new int[] {testNodes[i][t]}),
                        holes.openTo(open, graph.method(testNodes[i][t]), allowed.get(i)),
                        allowed.get(i),
                        graph.method(testNodes[i][t]),
                        classReach)
                    .open();
            for (Map.Entry<Integer, Access> e :
                search.run(new int[] {testNodes[i][t]}, testOpen).entrySet()) {
              accesses.merge(e.getKey(), e.getValue(), FootprintAnalysis::shorter);
            }
            // What also runs around each test counts per test; only the rest runs once per class.
            for (Map.Entry<Integer, Access> e : once.entrySet()) {
              Access had = accesses.putIfAbsent(e.getKey(), e.getValue());
              if (had != null) {
                wide.add(had);
              }
            }
            List<Access> found = new ArrayList<>(accesses.values());
            List<Access> list =
                DatabaseStatements.bind(
                    OwnDriverReach.narrow(found, program.drivers()), program.drivers()::anyAccepts);
            if (list != found) {
              onceAccesses.addAll(DatabaseStatements.derivedFrom(list, once.values()));
              wide.addAll(DatabaseStatements.derivedFrom(list, List.copyOf(wide)));
            }
            list.sort(ORDER);
            result.add(new Footprint(tc.tests().get(t).test(), list));
          }
          perClass[i] = result;
        };
    runAll(testClasses.size(), task);

    List<Footprint> footprints = new ArrayList<>();
    for (int i = 0; i < testClasses.size(); i++) {
      TestClass tc = testClasses.get(i);
      oncePerClass.addAll(oncePer[i]);
      // The tests of a class name the class they run in: one name, or a few for inherited tests.
      java.util.Set<String> names = new java.util.HashSet<>();
      tc.tests().forEach(t -> names.add(t.test().id().className()));
      for (String name : names) {
        classWide
            .computeIfAbsent(
                name, k -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))
            .addAll(widePer[i]);
      }
      footprints.addAll(perClass[i]);
      for (int t = 0; t < tc.tests().size(); t++) {
        String example = outside[testNodes[i][t]];
        for (int l : lifecycleNodes[i]) {
          example = example != null ? example : outside[l];
        }
        for (int l : classNodes[i]) {
          example = example != null ? example : outside[l];
        }
        if (example != null) {
          outsideCalls.put(tc.tests().get(t).test().id(), example);
        }
      }
    }
    local.remove();
    releaseSearchState();
    return footprints;
  }

  /**
   * Drops what only the searches needed: the scan keeps this analysis for its few results above
   * until the verdicts, and with it the call graph (through the summaries' symbols), the interned
   * chains and steps, the access ids and the key resolutions stayed alive through the conflicts and
   * verdicts (a third of the heap at 20,000 test classes). The footprints do not refer to them.
   */
  private void releaseSearchState() {
    symbolTable = null;
    owners = null;
    mutations = null;
    freshKeys = null;
    // New maps, not cleared ones: a cleared map keeps its table.
    tails = new java.util.concurrent.ConcurrentHashMap<>();
    stepsAt = new java.util.concurrent.ConcurrentHashMap<>();
    accessIds = new java.util.concurrent.ConcurrentHashMap<>();
    chains = new EvidenceChains();
    keys.forget();
    threadSafeFields = new java.util.concurrent.ConcurrentHashMap<>();
    oneInvocationSites.clear();
  }

  private static int[] concat(int[] a, int[] b) {
    int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /**
   * Runs the task for every index, on this many threads. Each index writes only its own slot, so
   * the result does not depend on the number of threads or on which thread ran what.
   */
  private void runAll(int count, java.util.function.IntConsumer task) {
    int workers = Math.max(1, Math.min(threads, count));
    if (workers == 1) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    // Plain threads joined, not an executor's futures: a worker that dies of an error thrown where
    // no future records it (an OutOfMemoryError in the pool's own bookkeeping) would leave its
    // future running for ever, and the scan hanging instead of failing.
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger finished =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread[] pool = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      pool[w] =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                  }
                  finished.incrementAndGet();
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                  // The others stop after the index they are on.
                  next.set(count);
                }
              },
              "footprints");
      pool[w].setDaemon(true);
      pool[w].start();
    }
    try {
      for (Thread t : pool) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      next.set(count);
      throw new IllegalStateException("interrupted while computing footprints", e);
    }
    Throwable cause = failure.get();
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    if (cause != null) {
      throw new IllegalStateException(cause);
    }
    if (finished.get() != workers) {
      // A worker ended without finishing and without leaving its failure: only an error thrown
      // while handling another (out of memory) does that.
      throw new OutOfMemoryError("a thread computing footprints ended without finishing");
    }
  }

  private static final Confidence[] CONFIDENCES = Confidence.values();

  private static final Comparator<Access> ORDER =
      Comparator.comparing(Access::resource)
          .thenComparing(a -> a.key().value())
          .thenComparing(Access::mode)
          .thenComparing(Access::scope)
          .thenComparing(Access::sinkId);

  private static Access shorter(Access a, Access b) {
    return b.evidence().depth() < a.evidence().depth() ? b : a;
  }

  /**
   * The calls that only some tests make (see {@link TestOwnedTypes}): a virtual call into a type
   * that only some test classes create, and any call into a method that returns at once unless a
   * configuration sets a key ({@code MethodInfo.configGuard}). Each such target is a hole, open
   * only to the tests whose own code creates the type and, for a guard, sets the key (in their
   * class's set-up and helpers, or in the test method itself). A call or allocation made under a
   * condition on an enum parameter, and a virtual call into a type that code outside tests makes
   * only under such conditions, is a hole too, open to the tests whose values meet a condition
   * ({@link EnumPaths}).
   */
  /** How many methods {@code Holes.readsOnly} walks before it gives up. */
  private static final int READS_ONLY_BOUND = 256;

  private final class Holes {
    /** Per node and edge, the hole the edge enters or -1; null for a node without such edges. */
    final int[][] holeOf;

    private final Map<String, List<Integer>> byOwner = new java.util.HashMap<>();

    /** Per test method ({@link TestOwnedTypes#methodKey}), the holes its own body opens. */
    private final Map<String, List<Integer>> byMethod = new java.util.HashMap<>();

    /** Per guard key, the holes it guards, each with its creators' restriction (or null). */
    private final Map<String, List<GuardHole>> byGuard = new java.util.HashMap<>();

    /** A hole a guard key closes, and who alone may reach its type (null: anyone). */
    private record GuardHole(int id, TestOwnedTypes.Restriction by) {}

    /** Per node, the conditional holes a test reaching it may open there; null for most. */
    private final List<EnumPaths.Way>[] waysAt;

    private final ThreadLocal<EnumPaths.Opening> opening;

    /** The holes that a guard alone closes (no type restriction besides). */
    private final java.util.BitSet guardOnly = new java.util.BitSet();

    /** The holes of a condition on a parameter's value ({@link EnumPaths}). */
    private final java.util.BitSet conditionalHoles = new java.util.BitSet();

    @SuppressWarnings("unchecked")
    Holes(CallGraph graph, Site[][] sites, boolean[] relevant) {
      int n = graph.size();
      holeOf = new int[n][];
      Map<String, Integer> ids = new java.util.HashMap<>();
      EnumPaths paths = new EnumPaths(program, graph, owners);
      waysAt = new List[n];
      for (int v = 0; v < n; v++) {
        if (!relevant[v]) {
          continue;
        }
        int[] targets = graph.targets(v);
        for (int e = 0; e < targets.length; e++) {
          CallGraph.EdgeKind kind = graph.kind(v, e);
          int t = targets[e];
          TestOwnedTypes.Restriction by =
              kind == CallGraph.EdgeKind.DISPATCH || kind == CallGraph.EdgeKind.HIERARCHY_ONLY
                  ? owners.restrictedTo(t)
                  : null;
          String guard = graph.method(t).configGuard();
          java.util.Set<String> setters = guard.isEmpty() ? null : owners.guardedTo(guard);
          if (setters == null) {
            guard = "";
          }
          if (by == null && guard.isEmpty()) {
            int id = conditional(graph, paths, ids, v, e, t, kind);
            if (id >= 0) {
              if (holeOf[v] == null) {
                holeOf[v] = new int[targets.length];
                java.util.Arrays.fill(holeOf[v], -1);
              }
              holeOf[v][e] = id;
            }
            continue;
          }
          String holeKey = t + (by == null ? "" : " types") + (guard.isEmpty() ? "" : " guard");
          Integer id = ids.get(holeKey);
          if (id == null) {
            id = ids.size();
            ids.put(holeKey, id);
            java.util.Set<String> open;
            if (by != null && setters != null) {
              open = new java.util.HashSet<>(by.classes());
              open.retainAll(setters);
            } else {
              open = by != null ? by.classes() : setters;
            }
            for (String o : open) {
              byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(id);
            }
            if (by != null) {
              // A test method that makes the type itself opens the hole for itself alone, where
              // its class sets the guard's key (if any) in its own code.
              for (String m : by.methods()) {
                if (setters == null || setters.contains(TestOwnedTypes.topLevelOf(m))) {
                  byMethod.computeIfAbsent(m, k -> new ArrayList<>()).add(id);
                }
              }
            }
            if (!guard.isEmpty()) {
              byGuard.computeIfAbsent(guard, k -> new ArrayList<>()).add(new GuardHole(id, by));
              if (by == null) {
                guardOnly.set(id);
              }
            }
          }
          if (holeOf[v] == null) {
            holeOf[v] = new int[targets.length];
            java.util.Arrays.fill(holeOf[v], -1);
          }
          holeOf[v][e] = id;
        }
      }
      handedToGuards(graph, sites, relevant);
      boolean[] hasWays = new boolean[n];
      boolean any = false;
      for (int v = 0; v < n; v++) {
        hasWays[v] = waysAt[v] != null;
        any |= hasWays[v];
      }
      if (any) {
        EnumPaths.Opening first = paths.new Opening(waysAt, paths.reaching(hasWays), holeOf);
        opening = ThreadLocal.withInitial(first::copy);
      } else {
        opening = null;
      }
    }

    /**
     * A call whose result the caller only hands to a guarded call ({@code Sites.Handoff}) takes
     * that call's guard, where all it reaches only reads: without the key, the guarded method
     * returns before it uses the argument, so nothing read for it changes what the test does
     * ({@code filter = allowedFilter(); instantiate(configs, filter)}, where {@code instantiate}
     * returns at once unless {@code configs} names providers). Not when the argument is the
     * configuration the guard looks its key up in: then what was read decides the guard.
     */
    private void handedToGuards(CallGraph graph, Site[][] sites, boolean[] relevant) {
      if (guardOnly.isEmpty()) {
        return;
      }
      Map<Integer, Boolean> readsOnly = new java.util.HashMap<>();
      for (int v = 0; v < holeOf.length; v++) {
        if (!relevant[v] || holeOf[v] == null) {
          continue;
        }
        List<Sites.Call> calls = graph.method(v).calls();
        int[] targets = graph.targets(v);
        for (int e = 0; e < targets.length; e++) {
          int c = graph.callSite(v, e);
          // An edge holds one hole: the guard, where the call is also made under a condition on
          // a parameter, since it is the one a test that sets no key can never open.
          int had = holeOf[v][e];
          if (c < 0 || had >= 0 && !conditionalHoles.get(had) || calls.get(c).result().isNone()) {
            continue;
          }
          int guard = guardTaking(graph, v, calls.get(c).result());
          if (guard >= 0
              && readsOnly.computeIfAbsent(targets[e], t -> readsOnly(graph, sites, t))) {
            holeOf[v][e] = guard;
          }
        }
      }
    }

    /**
     * The guard's hole of the one edge of the call a result is handed to, unless it is handed as
     * the guard's configuration; -1 when the call is not so guarded.
     */
    private int guardTaking(CallGraph graph, int v, Sites.Handoff h) {
      int hole = -1;
      int found = 0;
      int[] targets = graph.targets(v);
      for (int e = 0; e < targets.length; e++) {
        if (graph.callSite(v, e) == h.call()) {
          found++;
          hole = holeOf[v][e];
          if (graph.method(targets[e]).guardedConfig() == h.argument()) {
            return -1;
          }
        }
      }
      return found == 1 && hole >= 0 && guardOnly.get(hole) ? hole : -1;
    }

    /** Whether everything a node reaches only reads (a bounded walk; past the bound, no). */
    private static boolean readsOnly(CallGraph graph, Site[][] sites, int from) {
      java.util.BitSet seen = new java.util.BitSet();
      ArrayDeque<Integer> todo = new ArrayDeque<>();
      todo.add(from);
      seen.set(from);
      while (!todo.isEmpty()) {
        int v = todo.poll();
        for (Site s : sites[v]) {
          if (s.mode() != AccessMode.READ) {
            return false;
          }
        }
        for (int t : graph.targets(v)) {
          if (!seen.get(t)) {
            if (seen.cardinality() >= READS_ONLY_BOUND) {
              return false;
            }
            seen.set(t);
            todo.add(t);
          }
        }
      }
      return true;
    }

    /**
     * The hole of an edge that runs only under a condition on an enum parameter: the call's own
     * condition, or for a virtual call, the conditions under which code outside tests makes the
     * target's type (test classes that make it open it as {@link TestOwnedTypes} says). -1: none.
     */
    private int conditional(
        CallGraph graph,
        EnumPaths paths,
        Map<String, Integer> ids,
        int v,
        int e,
        int t,
        CallGraph.EdgeKind kind) {
      boolean virtual =
          kind == CallGraph.EdgeKind.DISPATCH || kind == CallGraph.EdgeKind.HIERARCHY_ONLY;
      EnumPaths.Creation made = virtual ? paths.creation(graph.method(t).owner()) : null;
      EnumPaths.Resolved own = made == null ? paths.edgeCondition(v, e) : null;
      if (own != null) {
        String key = v + " if " + graph.condition(v, e);
        Integer id = ids.get(key);
        if (id == null) {
          id = ids.size();
          ids.put(key, id);
          conditionalHoles.set(id);
          way(v, new EnumPaths.Way(id, own));
        }
        return id;
      }
      if (made == null) {
        return -1;
      }
      // Where the type is made decides; the call's own condition is not checked besides.
      String type = graph.method(t).owner();
      String key = type + " made if";
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
        for (Map.Entry<Integer, EnumPaths.Resolved> w : made.ways()) {
          way(w.getKey(), new EnumPaths.Way(id, w.getValue()));
        }
        for (String o : made.testCreators()) {
          byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(id);
        }
      }
      return id;
    }

    private void way(int node, EnumPaths.Way w) {
      if (waysAt[node] == null) {
        waysAt[node] = new ArrayList<>();
      }
      waysAt[node].add(w);
    }

    /**
     * The holes open to a test with these roots: {@code open} and the conditional holes whose
     * conditions the values reaching them in the test meet, where the test's own code is {@code
     * allowed} and its method {@code test} (null for what runs once per class). {@code open} itself
     * when none opens. A test starts from its class's {@code seed} (what the set-up reached), whose
     * nodes are kept only where there is no seed, for the tests after it.
     */
    EnumPaths.Reached reach(
        int[] roots,
        java.util.BitSet open,
        java.util.Set<String> allowed,
        MethodInfo test,
        EnumPaths.Reached seed) {
      return opening == null
          ? EnumPaths.Reached.none(open)
          : opening.get().reach(roots, open, allowed, test, seed, seed == null);
    }

    /**
     * The holes open to one test: those open to its class, and the guards of the keys its test
     * method sets itself (where its class may reach the guarded type). The class's set itself when
     * the method opens nothing more.
     */
    java.util.BitSet openTo(
        java.util.BitSet classOpen, MethodInfo test, java.util.Set<String> allowed) {
      if (byGuard.isEmpty() && byMethod.isEmpty()) {
        return classOpen;
      }
      java.util.BitSet open = null;
      String self = TestOwnedTypes.methodKey(test);
      for (int id : byMethod.getOrDefault(self, List.of())) {
        if (!classOpen.get(id)) {
          if (open == null) {
            open = (java.util.BitSet) classOpen.clone();
          }
          open.set(id);
        }
      }
      if (byGuard.isEmpty()) {
        return open == null ? classOpen : open;
      }
      for (String key : TestOwnedTypes.keysSet(test)) {
        for (GuardHole h : byGuard.getOrDefault(key, List.of())) {
          TestOwnedTypes.Restriction by = h.by();
          boolean reachable = by == null || by.methods().contains(self);
          for (String o : by == null ? java.util.Set.<String>of() : by.classes()) {
            reachable |= allowed.contains(o);
          }
          if (reachable && !classOpen.get(h.id())) {
            if (open == null) {
              open = (java.util.BitSet) classOpen.clone();
            }
            open.set(h.id());
          }
        }
      }
      return open == null ? classOpen : open;
    }

    /** The holes open to a test whose own code is {@code allowed}. */
    java.util.BitSet open(java.util.Set<String> allowed) {
      java.util.BitSet open = new java.util.BitSet();
      for (String o : allowed) {
        for (int id : byOwner.getOrDefault(o, List.of())) {
          open.set(id);
        }
      }
      return open;
    }

    boolean closed(int v, int e, java.util.BitSet open) {
      int[] h = holeOf[v];
      return h != null && h[e] >= 0 && !open.get(h[e]);
    }

    /** The hole of each edge of a node ({@code -1}: none), or null when it has none. */
    int[] at(int v) {
      return holeOf[v];
    }
  }

  /** One test's search: per thread, with arrays reused between searches. */
  private interface Searcher {
    /** The accesses reachable from these roots, by access id, in the order a search meets them. */
    Map<Integer, Access> run(int[] roots, java.util.BitSet open);

    /** A searcher of its own for another thread, sharing what is read only. */
    Searcher copy();
  }

  // ---- access ids and the binding of parameters ------------------------------------------------

  /** What tells two accesses of one test apart. */
  private record AccessKey(
      ResourceKind resource,
      String customKind,
      Key key,
      AccessMode mode,
      Scope scope,
      String sinkId) {}

  private Map<AccessKey, Integer> accessIds = new java.util.concurrent.ConcurrentHashMap<>();

  private int accessId(Site s) {
    AccessKey k =
        new AccessKey(s.resource(), s.customKind(), s.key(), s.mode(), s.scope(), s.sinkId());
    Integer id = accessIds.get(k);
    if (id != null) {
      return id;
    }
    synchronized (accessIds) {
      return accessIds.computeIfAbsent(k, x -> accessIds.size());
    }
  }

  /**
   * The parameter-keyed sites of the summaries, each with a key of its own (negative); made while
   * the summaries are computed, read only afterwards.
   */
  private final class Binding implements MethodSummaries.Binder {
    private final CallGraph graph;
    private final List<Site> origins = new ArrayList<>();
    private final Map<Site, Integer> keys = new java.util.IdentityHashMap<>();

    Binding(CallGraph graph) {
      this.graph = graph;
    }

    Site origin(int key) {
      return origins.get(-1 - key);
    }

    /**
     * The bindings made while the summaries are built, by the identity of what they bind: the nodes
     * of one method in many contexts pass the same argument values over the same calls.
     */
    private Map<Binds, Value> bound = new java.util.HashMap<>();

    /** A value bound over a call, as the identities of the value, arguments and receiver. */
    private record Binds(Value value, List<Value> args, Value receiver) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Binds b && b.value == value && b.args == args && b.receiver == receiver;
      }

      @Override
      public int hashCode() {
        return (System.identityHashCode(value) * 31 + System.identityHashCode(args)) * 31
            + System.identityHashCode(receiver);
      }
    }

    /** Drops the bindings kept while the summaries were built. */
    void summariesBuilt() {
      bound = null;
    }

    @Override
    public MethodSummaries.Lifted lift(int symbolicKey, Value value, int caller, int edge) {
      List<Value> args = graph.arguments(caller, edge);
      Value receiver = graph.receiver(caller, edge);
      Value bound =
          this.bound.computeIfAbsent(
              new Binds(value, args, receiver), b -> substitute(value, args, receiver));
      if (mentionsParameter(bound)) {
        return new MethodSummaries.Lifted(bound, null);
      }
      Site origin = origin(symbolicKey);
      return new MethodSummaries.Lifted(
          null, site(origin.rule(), bound, origin.line(), graph.context(caller)));
    }

    @Override
    public int id(Site site) {
      return accessId(site);
    }

    @Override
    public int symbolic(Site site) {
      return keys.computeIfAbsent(
          site,
          k -> {
            origins.add(k);
            return -origins.size();
          });
    }
  }

  /** The parameter-keyed sites of the summaries, for the searches to bind. */
  private Binding symbolTable;

  // ---- the search over summaries ---------------------------------------------------------------

  /**
   * A breadth-first search from a test's roots that stops at every node whose summary holds for
   * this test (it reaches none of the test's open holes) and takes the node's summary instead of
   * walking on. Among the ways to one access, the shortest wins, then the one a plain breadth-first
   * search meets first: the same chain as {@link ReferenceSearch} finds.
   */
  private final class Search implements Searcher {
    private final CallGraph graph;
    private final Site[][] sites;
    private final boolean[] relevant;
    private final Holes holes;
    private final MethodSummaries summaries;
    private final int[][] siteIds;
    private final int[][][] walkEdges;
    private final int[][] edges;
    private final int[][] edgeConf;
    private final int[] seen;
    private final int[] parent;
    private final int[] parentLine;
    private final int[] parentEdge;
    private final int[] depth;
    private final int[] order;
    private final byte[] confidence;
    private final int[] queue;
    private int round;

    /** Per component of the summaries, the round its answer to {@code closedTo} was memoized. */
    private final int[] closedRound;

    private final boolean[] closedAnswer;
    private java.util.BitSet lastOpen;
    private int[] openBits;
    private final Best best = new Best();
    private final Best bySite = new Best();

    Search(
        CallGraph graph,
        Site[][] sites,
        boolean[] relevant,
        Holes holes,
        MethodSummaries summaries) {
      this(graph, sites, relevant, holes, summaries, siteIds(sites), walkEdges(graph, relevant));
    }

    /**
     * Per relevant node, the edges a walk may follow (those into relevant nodes, in edge order)
     * and, at {@code [1]}, each one's confidence: read once instead of per walk.
     */
    private static int[][][] walkEdges(CallGraph graph, boolean[] relevant) {
      int n = graph.size();
      int[][] edges = new int[n][];
      int[][] conf = new int[n][];
      for (int v = 0; v < n; v++) {
        if (!relevant[v]) {
          continue;
        }
        edges[v] = graph.edgesInto(v, relevant);
        conf[v] = new int[edges[v].length];
        for (int k = 0; k < edges[v].length; k++) {
          conf[v][k] = MethodSummaries.edgeConfidence(graph.kind(v, edges[v][k])).ordinal();
        }
      }
      return new int[][][] {edges, conf};
    }

    private Search(
        CallGraph graph,
        Site[][] sites,
        boolean[] relevant,
        Holes holes,
        MethodSummaries summaries,
        int[][] siteIds,
        int[][][] walkEdges) {
      this.graph = graph;
      this.sites = sites;
      this.relevant = relevant;
      this.holes = holes;
      this.summaries = summaries;
      this.siteIds = siteIds;
      this.walkEdges = walkEdges;
      this.edges = walkEdges[0];
      this.edgeConf = walkEdges[1];
      int n = graph.size();
      seen = new int[n];
      parent = new int[n];
      parentLine = new int[n];
      parentEdge = new int[n];
      depth = new int[n];
      order = new int[n];
      confidence = new byte[n];
      queue = new int[n];
      int components = summaries.componentCount();
      closedRound = new int[components];
      closedAnswer = new boolean[components];
    }

    @Override
    public Searcher copy() {
      return new Search(graph, sites, relevant, holes, summaries, siteIds, walkEdges);
    }

    /**
     * One way to an access: a site of a walked node, or an entry of a summary. The way to a
     * parameter-keyed site keeps the site and its value until the search has found the first way to
     * the site, along which it is bound.
     */
    private final class Way {
      final int length;
      final int node;
      final int slot;
      final boolean summary;
      final Site site;
      final Confidence path;
      final Site origin;
      final Value value;

      Way(
          int length,
          int node,
          int slot,
          boolean summary,
          Site site,
          Confidence path,
          Site origin,
          Value value) {
        this.length = length;
        this.node = node;
        this.slot = slot;
        this.summary = summary;
        this.site = site;
        this.path = path;
        this.origin = origin;
        this.value = value;
      }

      Way resolved(Site resolved) {
        return new Way(length, node, slot, summary, resolved, path, null, null);
      }
    }

    /** Orders two ways as a breadth-first search from the same roots meets them. */
    private int compare(Way a, Way b) {
      if (a.length != b.length) {
        return Integer.compare(a.length, b.length);
      }
      if (a.node == b.node) {
        if (a.summary) {
          MethodSummaries.Summary s = summaries.of(a.node);
          return summaries.compare(a.node, s.keys[a.slot], s.keys[b.slot]);
        }
        return Integer.compare(a.slot, b.slot);
      }
      int x = a.node;
      int y = b.node;
      while (depth[x] > depth[y]) {
        x = parent[x];
      }
      while (depth[y] > depth[x]) {
        y = parent[y];
      }
      return Integer.compare(order[x], order[y]);
    }

    private void offer(Best best, int id, Way way) {
      Way old = best.get(id);
      if (old == null || better(way, old)) {
        best.put(id, way);
      }
    }

    /**
     * The shorter way to one access; of two as short, the one whose site is surer (see {@link
     * MethodSummaries#surer}); then the one found first.
     */
    private boolean better(Way a, Way b) {
      // A way to a parameter-keyed site (it has an origin) binds the key: the first one does.
      if (a.length == b.length && a.origin == null && b.origin == null) {
        int sure = MethodSummaries.surer(a.site, b.site);
        if (sure != 0) {
          return sure < 0;
        }
      }
      return compare(a, b) < 0;
    }

    /** Whether an access already has a way shorter than this length: the usual case, made cheap. */
    private boolean beaten(Best best, int id, int length) {
      Way old = best.get(id);
      return old != null && old.length < length;
    }

    /** Whether a node's summary holds for this search's open holes, once per component. */
    private boolean closedTo(int v, java.util.BitSet open) {
      int c = summaries.component(v);
      if (c < 0) {
        return true;
      }
      if (closedRound[c] != round) {
        closedRound[c] = round;
        closedAnswer[c] = summaries.componentClosedTo(c, open, openBits);
      }
      return closedAnswer[c];
    }

    /**
     * The best way to each access of one search, by id: looked up in an array (ids are small
     * integers; a negative key {@code k} sits at {@code -k - 1}), and kept also in a hash map in
     * the order the ways were first found, which is the order the search's result is built from.
     */
    private final class Best {
      Map<Integer, Way> map = new java.util.HashMap<>();
      private Way[] ways = new Way[64];
      private int[] rounds = new int[64];

      void reset() {
        map = new java.util.HashMap<>();
      }

      Way get(int id) {
        int i = id >= 0 ? id : -id - 1;
        return i < ways.length && rounds[i] == round ? ways[i] : null;
      }

      void put(int id, Way way) {
        int i = id >= 0 ? id : -id - 1;
        if (i >= ways.length) {
          int size = Math.max(i + 1, ways.length * 2);
          ways = java.util.Arrays.copyOf(ways, size);
          rounds = java.util.Arrays.copyOf(rounds, size);
        }
        ways[i] = way;
        rounds[i] = round;
        map.put(id, way);
      }
    }

    @Override
    public Map<Integer, Access> run(int[] roots, java.util.BitSet open) {
      round++;
      best.reset();
      bySite.reset();
      if (open != lastOpen) {
        lastOpen = open;
        openBits = open.stream().toArray();
      }
      int head = 0;
      int tail = 0;
      for (int r : roots) {
        if (relevant[r] && seen[r] != round) {
          seen[r] = round;
          parent[r] = -1;
          depth[r] = 0;
          order[r] = tail;
          confidence[r] = (byte) Confidence.HIGH.ordinal();
          queue[tail++] = r;
        }
      }
      // Parameter-keyed sites by their own key: only the first way to such a site binds its key.
      while (head < tail) {
        int v = queue[head++];
        Confidence here = CONFIDENCES[confidence[v]];
        if (closedTo(v, open)) {
          MethodSummaries.Summary s = summaries.of(v);
          for (int j = 0; j < s.size(); j++) {
            int key = s.keys[j];
            int length = depth[v] + s.dist[j];
            if (beaten(key >= 0 ? best : bySite, key, length)) {
              continue;
            }
            Confidence path = here.min(CONFIDENCES[s.conf[j]]);
            offer(
                key >= 0 ? best : bySite,
                key,
                new Way(
                    length,
                    v,
                    j,
                    true,
                    s.site[j],
                    path,
                    key >= 0 ? null : symbolTable.origin(key),
                    s.value[j]));
          }
          continue;
        }
        Site[] own = sites[v];
        for (int i = 0; i < own.length; i++) {
          int key = siteIds[v][i];
          if (beaten(key >= 0 ? best : bySite, key, depth[v])) {
            continue;
          }
          Site site = own[i];
          offer(
              key >= 0 ? best : bySite,
              key,
              key >= 0
                  ? new Way(depth[v], v, i, false, site, here, null, null)
                  : new Way(depth[v], v, i, false, null, here, site, site.value()));
        }
        int[] targets = graph.targets(v);
        int[] lines = graph.lines(v);
        int[] walk = edges[v];
        int[] walkConf = edgeConf[v];
        int[] holesAt = holes.at(v);
        for (int k = 0; k < walk.length; k++) {
          int e = walk[k];
          int t = targets[e];
          if (seen[t] == round || holesAt != null && holesAt[e] >= 0 && !open.get(holesAt[e])) {
            continue;
          }
          seen[t] = round;
          parent[t] = v;
          parentLine[t] = lines[e];
          parentEdge[t] = e;
          depth[t] = depth[v] + 1;
          order[t] = tail;
          confidence[t] = (byte) CONFIDENCES[walkConf[k]].min(here).ordinal();
          queue[tail++] = t;
        }
      }
      for (Way w : bySite.map.values()) {
        for (Site site : w.site != null ? List.of(w.site) : bind(w.origin, w.value, w.node)) {
          offer(best, accessId(site), w.resolved(site));
        }
      }
      List<Map.Entry<Integer, Way>> found = new ArrayList<>(best.map.entrySet());
      found.sort((a, b) -> compare(a.getValue(), b.getValue()));
      Map<Integer, Access> result = new LinkedHashMap<>();
      for (Map.Entry<Integer, Way> e : found) {
        Way w = e.getValue();
        Site s = w.site;
        Evidence tailChain =
            w.summary
                ? tail(w.node, summaries.of(w.node).keys[w.slot])
                : chains.link(step(w.node, s.line()), null);
        result.put(e.getKey(), accessAt(s, w.path, prefix(w.node, tailChain)));
      }
      return result;
    }

    /**
     * Resolves a parameter-keyed value with the arguments of the calls that led to a node, and at
     * the root with the test's own arguments when it is a parameterized test.
     */
    private List<Site> bind(Site origin, Value value, int v) {
      int node = v;
      while (mentionsParameter(value) && parent[node] >= 0) {
        value =
            substitute(
                value,
                graph.arguments(parent[node], parentEdge[node]),
                graph.receiver(parent[node], parentEdge[node]));
        node = parent[node];
      }
      return atRoot(origin.rule(), value, origin.line(), graph, node);
    }

    /** The chain from the roots to a node, followed by the given chain from the node on. */
    private Evidence prefix(int v, Evidence fromV) {
      Evidence e = fromV;
      int line = parentLine[v];
      // The edge into a conditional sink's node is on the sink's own line: one step says it.
      boolean skip = graph.conditionalSink(v);
      for (int p = parent[v]; p >= 0; p = parent[p]) {
        if (!skip) {
          e = chains.link(step(p, line), e);
        }
        skip = false;
        line = parentLine[p];
      }
      return e;
    }

    /** The chain of a summary entry, from its node to its site, made once and shared. */
    private Evidence tail(int node, int key) {
      Evidence shared = tails.get(((long) node << 32) | (key & 0xffffffffL));
      if (shared != null) {
        // The usual case: the chain was spelled out for an earlier test.
        return shared;
      }
      List<int[]> path = new ArrayList<>();
      Evidence known = null;
      while (true) {
        known = tails.get(((long) node << 32) | (key & 0xffffffffL));
        if (known != null) {
          break;
        }
        MethodSummaries.Summary s = summaries.of(node);
        int j = s.find(key);
        path.add(new int[] {node, key, s.edge[j], s.dist[j]});
        if (s.dist[j] == 0) {
          break;
        }
        int nextNode = graph.targets(node)[s.edge[j]];
        key = s.next[j];
        node = nextNode;
      }
      Evidence e = known;
      for (int i = path.size() - 1; i >= 0; i--) {
        int[] hop = path.get(i);
        int line =
            hop[3] == 0
                ? sites[hop[0]][hop[2] - MethodSummaries.OWN].line()
                : graph.lines(hop[0])[hop[2]];
        if (hop[3] == 0 || !graph.conditionalSink(graph.targets(hop[0])[hop[2]])) {
          e = chains.link(step(hop[0], line), e);
        }
        tails.putIfAbsent(((long) hop[0] << 32) | (hop[1] & 0xffffffffL), e);
      }
      return e;
    }

    private io.github.isolationaudit.model.EvidenceStep step(int v, int line) {
      return FootprintAnalysis.this.step(graph, v, line);
    }
  }

  private Map<Long, Evidence> tails = new java.util.concurrent.ConcurrentHashMap<>();

  private int[][] siteIds(Site[][] sites) {
    int[][] ids = new int[sites.length][];
    for (int v = 0; v < sites.length; v++) {
      ids[v] = new int[sites[v].length];
      for (int i = 0; i < sites[v].length; i++) {
        ids[v][i] =
            sites[v][i].parametric() ? symbolTable.symbolic(sites[v][i]) : accessId(sites[v][i]);
      }
    }
    return ids;
  }

  /** Steps by node and line, made once: every chain through a call site repeats its step. */
  private Map<Long, io.github.isolationaudit.model.EvidenceStep> stepsAt =
      new java.util.concurrent.ConcurrentHashMap<>();

  private io.github.isolationaudit.model.EvidenceStep step(CallGraph graph, int v, int line) {
    long at = ((long) v << 32) | (line & 0xffffffffL);
    io.github.isolationaudit.model.EvidenceStep known = stepsAt.get(at);
    if (known == null) {
      known = makeStep(graph, v, line);
      stepsAt.putIfAbsent(at, known);
    }
    return known;
  }

  private io.github.isolationaudit.model.EvidenceStep makeStep(CallGraph graph, int v, int line) {
    MethodInfo m = graph.method(v);
    ClassInfo c = program.get(m.owner());
    String file = c == null ? "" : c.sourceFile();
    return chains.step(m.owner().replace('/', '.'), m.name(), file, line);
  }

  /**
   * For each node, a class outside the input that it or something it calls calls into (the first
   * found), or null: where the analysis could not follow the code.
   */
  private static String[] outside(CallGraph graph) {
    int n = graph.size();
    String[] result = new String[n];
    List<List<Integer>> callers = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      callers.add(new ArrayList<>());
    }
    for (int v = 0; v < n; v++) {
      for (int t : graph.targets(v)) {
        callers.get(t).add(v);
      }
    }
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int v = 0; v < n; v++) {
      result[v] = graph.callsOutside(v);
      if (result[v] != null) {
        todo.add(v);
      }
    }
    while (!todo.isEmpty()) {
      int v = todo.poll();
      for (int c : callers.get(v)) {
        if (result[c] == null) {
          result[c] = result[v];
          todo.add(c);
        }
      }
    }
    return result;
  }

  /** Nodes from which some site can be reached: one backward search for the whole graph. */
  private static boolean[] relevant(CallGraph graph, Site[][] sites) {
    int n = graph.size();
    int[] count = new int[n];
    for (int v = 0; v < n; v++) {
      for (int t : graph.targets(v)) {
        count[t]++;
      }
    }
    int[][] callers = new int[n][];
    for (int v = 0; v < n; v++) {
      callers[v] = new int[count[v]];
    }
    int[] fill = new int[n];
    for (int v = 0; v < n; v++) {
      for (int t : graph.targets(v)) {
        callers[t][fill[t]++] = v;
      }
    }
    boolean[] relevant = new boolean[n];
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int v = 0; v < n; v++) {
      if (sites[v].length > 0) {
        relevant[v] = true;
        todo.add(v);
      }
    }
    while (!todo.isEmpty()) {
      int v = todo.poll();
      for (int c : callers[v]) {
        if (!relevant[c]) {
          relevant[c] = true;
          todo.add(c);
        }
      }
    }
    return relevant;
  }

  /**
   * The plain breadth-first search per test that the summaries replace, kept as the reference the
   * summaries are tested against: it binds a parameter-keyed site along the first path it finds.
   */
  private final class ReferenceSearch implements Searcher {
    private final CallGraph graph;
    private final Site[][] sites;
    private final boolean[] relevant;
    private final Holes holes;
    private final int[] seen;
    private final int[] parent;
    private final int[] parentLine;
    private final int[] parentEdge;
    private final byte[] confidence;
    private final int[] depth;
    private final int[] queue;
    private int round;

    ReferenceSearch(CallGraph graph, Site[][] sites, boolean[] relevant, Holes holes) {
      this.graph = graph;
      this.sites = sites;
      this.relevant = relevant;
      this.holes = holes;
      int n = graph.size();
      seen = new int[n];
      parent = new int[n];
      parentLine = new int[n];
      parentEdge = new int[n];
      confidence = new byte[n];
      depth = new int[n];
      queue = new int[n];
    }

    @Override
    public Searcher copy() {
      return new ReferenceSearch(graph, sites, relevant, holes);
    }

    @Override
    public Map<Integer, Access> run(int[] roots, java.util.BitSet open) {
      round++;
      Map<Integer, Access> found = new LinkedHashMap<>();
      int head = 0;
      int tail = 0;
      for (int r : roots) {
        if (relevant[r] && seen[r] != round) {
          seen[r] = round;
          parent[r] = -1;
          depth[r] = 0;
          confidence[r] = (byte) Confidence.HIGH.ordinal();
          queue[tail++] = r;
        }
      }
      Map<Integer, Integer> foundAt = new java.util.HashMap<>();
      Map<Integer, Site> foundSite = new java.util.HashMap<>();
      while (head < tail) {
        int v = queue[head++];
        for (Site s : boundSites(sites[v], v)) {
          int id = accessId(s);
          // Breadth first, so the first way to an access is a shortest; one as short from a surer
          // site replaces it.
          if (!found.containsKey(id)
              || foundAt.get(id) == depth[v] && MethodSummaries.surer(s, foundSite.get(id)) < 0) {
            foundAt.put(id, depth[v]);
            foundSite.put(id, s);
            found.put(id, accessAt(s, CONFIDENCES[confidence[v]], chain(v, s.line())));
          }
        }
        int[] targets = graph.targets(v);
        int[] lines = graph.lines(v);
        for (int e = 0; e < targets.length; e++) {
          int t = targets[e];
          if (!relevant[t] || seen[t] == round || holes.closed(v, e, open)) {
            continue;
          }
          seen[t] = round;
          parent[t] = v;
          parentLine[t] = lines[e];
          parentEdge[t] = e;
          depth[t] = depth[v] + 1;
          Confidence edge = MethodSummaries.edgeConfidence(graph.kind(v, e));
          confidence[t] = (byte) edge.min(CONFIDENCES[confidence[v]]).ordinal();
          queue[tail++] = t;
        }
      }
      return found;
    }

    private List<Site> boundSites(Site[] own, int v) {
      List<Site> bound = new ArrayList<>(own.length);
      for (Site site : own) {
        if (site.parametric()) {
          bound.addAll(bindArguments(site, v));
        } else {
          bound.add(site);
        }
      }
      return bound;
    }

    private List<Site> bindArguments(Site site, int v) {
      Value value = site.value();
      int node = v;
      while (mentionsParameter(value) && parent[node] >= 0) {
        value =
            substitute(
                value,
                graph.arguments(parent[node], parentEdge[node]),
                graph.receiver(parent[node], parentEdge[node]));
        node = parent[node];
      }
      return atRoot(site.rule(), value, site.line(), graph, node);
    }

    private Evidence chain(int v, int sinkLine) {
      Evidence e = chains.link(step(graph, v, sinkLine), null);
      int line = parentLine[v];
      boolean skip = graph.conditionalSink(v);
      for (int p = parent[v]; p >= 0; p = parent[p]) {
        if (!skip) {
          e = chains.link(step(graph, p, line), e);
        }
        skip = false;
        line = parentLine[p];
      }
      return e;
    }
  }

  // ---- sites ---------------------------------------------------------------------------------

  private Site[] sitesOf(MethodInfo m, String context) {
    List<Site> result = new ArrayList<>();
    for (Sites.Sink sink : m.sinks()) {
      if (sink.condition().isNone()) {
        // A conditional sink is its own node's, behind an edge with its condition (CallGraph).
        result.add(site(sink.rule(), sink, context));
      }
    }
    if (context != null && !m.instanceFields().isEmpty() && keys.sharesInstances(context)) {
      ClassInfo ctx = program.get(context);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Sites.InstanceField f : m.instanceFields()) {
        ClassInfo owner = program.fieldOwner(f.owner(), f.name());
        FieldInfo field = owner == null ? null : owner.field(f.name());
        if (field == null
            || field.isStatic()
            || field.isSynthetic()
            || owner.library()
            || !seen.add(f.name() + f.write())) {
          continue;
        }
        Key key = Key.exact(ctx.binaryName() + "." + f.name());
        result.add(
            new Site(
                ResourceKind.INSTANCE_FIELD,
                "",
                key,
                f.write() ? AccessMode.WRITE : AccessMode.READ,
                Scope.PER_CLASS,
                Reach.JVM,
                Confidence.HIGH,
                Sensitivity.HIGH,
                (f.write() ? CodeRules.INSTANCE_FIELD_WRITE : CodeRules.INSTANCE_FIELD_READ).id(),
                "one instance serves every test of " + ctx.binaryName(),
                f.line(),
                null,
                null));
      }
      for (Sites.Call call : m.calls()) {
        Site s = sharedObjectMutation(call, ctx, seen);
        if (s != null) {
          result.add(s);
        }
      }
    }
    java.util.Set<String> keyed = keyedMaps(m);
    for (Sites.StaticField f : m.staticFields()) {
      if (keyed.contains(f.owner() + '.' + f.name())) {
        continue;
      }
      if ((f.op() == Sites.FieldOp.GET || f.op() == Sites.FieldOp.FILL)
          && m.staticFields().stream()
              .anyMatch(
                  g ->
                      g.name().equals(f.name())
                          && g.owner().equals(f.owner())
                          && (g.line() == f.line()
                                  && (g.op() == Sites.FieldOp.MUTATE && !takesElement(g.detail())
                                      || g.op() == Sites.FieldOp.ARRAY_STORE)
                              || g.op() == Sites.FieldOp.FILL && f.op() == Sites.FieldOp.GET))) {
        // Loading the holder to change what it holds is the write, not a read besides it; and a
        // method that fills a memoizing cache reads it as the fill does (a get-then-put's get).
        // A change that hands back what it took out (a stack's pop, a queue's poll) reads too.
        continue;
      }
      Site s = staticFieldSite(m, f);
      if (s != null) {
        result.add(ownEntry(s, m, f));
      }
    }
    for (String field : keyed) {
      entrySites(m, field, context, result);
    }
    return result.isEmpty() ? EMPTY : result.toArray(new Site[0]);
  }

  /** The mutators that take an element out and return it: the caller reads what was there. */
  private static final java.util.Set<String> ELEMENT_TAKERS =
      java.util.Set.of(
          "pop",
          "poll",
          "take",
          "removeFirst",
          "removeLast",
          "pollFirst",
          "pollLast",
          "pollFirstEntry",
          "pollLastEntry");

  private static boolean takesElement(String mutator) {
    return ELEMENT_TAKERS.contains(mutator);
  }

  /**
   * The static fields (as {@code owner.name}) whose map this method reaches only through single
   * entries, by keys that others may use too: each call is then an access of its entry alone.
   */
  private java.util.Set<String> keyedMaps(MethodInfo m) {
    java.util.Set<String> keyed = java.util.Set.of();
    for (Sites.StaticField f : m.staticFields()) {
      String id = f.owner() + '.' + f.name();
      if (f.op() != Sites.FieldOp.GET && f.op() != Sites.FieldOp.MUTATE
          || keyed.contains(id)
          || !entryMap(f)
          || m.staticFields().stream()
              .anyMatch(
                  g ->
                      g.op() == Sites.FieldOp.FILL
                          && g.owner().equals(f.owner())
                          && g.name().equals(f.name()))
          || freshKeys().reach(m, f.owner(), f.name()) != FreshKeyEntries.Reach.ENTRIES) {
        // A memoizing fill keeps its own reading (a cache read, not an entry's).
        continue;
      }
      if (keyed.isEmpty()) {
        keyed = new java.util.LinkedHashSet<>();
      }
      keyed.add(id);
    }
    return keyed;
  }

  /** One access per keyed call on the map of static field {@code id}: of the entry it names. */
  private void entrySites(MethodInfo m, String id, String context, List<Site> out) {
    int dot = id.lastIndexOf('.');
    String ownerName = id.substring(0, dot);
    String name = id.substring(dot + 1);
    ClassInfo owner = program.fieldOwner(ownerName, name);
    FieldInfo field = owner == null ? null : owner.field(name);
    if (field == null
        || owner.library()
        || !field.isStatic()
        || field.isSynthetic()
        || m.name().equals("<clinit>") && m.owner().equals(owner.name())) {
      return;
    }
    boolean changed = changedStatics.contains(owner.name() + '.' + name);
    for (Sites.Call call : FreshKeyEntries.callsOn(m, ownerName, name)) {
      boolean read = FreshKeyEntries.readsEntry(call.name());
      if (read && !changed) {
        continue;
      }
      Value key = call.args().isEmpty() ? Value.UNKNOWN : call.args().get(0);
      SinkRule rule =
          CodeRules.keyedEntry(
              read ? AccessMode.READ : AccessMode.WRITE, owner.binaryName() + "." + name);
      out.add(site(rule, key, call.line(), context));
    }
  }

  /**
   * An access of one entry of a map a static field holds, keyed by the entry's own key. A key made
   * fresh per test is nobody else's: that entry is the test's own ({@link FreshKeyEntries}).
   */
  private Site entrySite(SinkRule rule, KeySpec.Entry spec, Value value, int line, String context) {
    ResolvedKey k = keys.resolve(value, ResourceKind.STATIC_FIELD, context);
    boolean write = rule.mode() == AccessMode.WRITE;
    Key key = Key.entry(spec.field(), k.key());
    String sinkId = rule.id();
    String note =
        k.key().isExact()
            ? "touches only the entry " + k.key().value()
            : "touches one entry, under a key not known here";
    if (k.scope() != Scope.SHARED) {
      key = Key.exact(spec.field());
      sinkId = (write ? CodeRules.FRESH_KEY_ENTRY_WRITE : CodeRules.FRESH_KEY_ENTRY_READ).id();
      note = "touches only its own entry, under a key made fresh for it";
    }
    return new Site(
        ResourceKind.STATIC_FIELD,
        "",
        key,
        rule.mode(),
        Scope.SHARED,
        Reach.JVM,
        // How sure the key is says which entry; that the map is touched is sure either way, and
        // an entry nobody can name is already only a possible partner of named ones.
        k.key().isExact() ? k.confidence() : Confidence.HIGH,
        rule.sensitivity(),
        sinkId,
        note,
        line,
        rule,
        value);
  }

  /**
   * Whether the static field holds a map whose entries two tests can change at once without tearing
   * it: a thread-safe map, a {@code Hashtable} or {@code Properties}, or a synchronized wrapper. A
   * plain {@code HashMap} is not: two puts of different keys can lose one another, so its changes
   * stay changes of the whole map.
   */
  private boolean entryMap(Sites.StaticField f) {
    String type = fieldType(f.descriptor());
    return catalog.isThreadSafeType(type)
        || type.equals("java/util/Properties")
        || type.equals("java/util/Hashtable")
        || threadSafeInitializer(f.owner(), f.name());
  }

  private synchronized FreshKeyEntries freshKeys() {
    if (freshKeys == null) {
      freshKeys = new FreshKeyEntries(program);
    }
    return freshKeys;
  }

  private static final Site[] EMPTY = new Site[0];

  private FreshKeyEntries freshKeys;

  /**
   * An access of a thread-safe registry that goes only through single entries is relabelled: one
   * under a key fresh per call touches only its own entry, and conflicts keep it apart from other
   * such accesses ({@link FreshKeyEntries}).
   */
  private Site ownEntry(Site s, MethodInfo m, Sites.StaticField f) {
    boolean entryOp =
        f.op() == Sites.FieldOp.GET
            || f.op() == Sites.FieldOp.MUTATE
                && s.sinkId().equals(CodeRules.THREAD_SAFE_STATE_MUTATION.id());
    if (!entryOp || !entryMap(f)) {
      return s;
    }
    FreshKeyEntries freshKeys = freshKeys();
    boolean write = s.mode() == AccessMode.WRITE;
    return switch (freshKeys.reach(m, f.owner(), f.name())) {
      case WHOLE -> s;
      case OWN_ENTRIES ->
          relabel(
              s,
              write ? CodeRules.FRESH_KEY_ENTRY_WRITE : CodeRules.FRESH_KEY_ENTRY_READ,
              "touches only its own entry, under a key made fresh for it");
      case ENTRIES ->
          !freshKeys.registry(f.owner(), f.name())
              ? s
              : relabel(
                  s,
                  write ? CodeRules.KEYED_ENTRY_WRITE : CodeRules.KEYED_ENTRY_READ,
                  s.note().isEmpty() ? "touches single entries by key" : s.note());
    };
  }

  private static Site relabel(Site s, SinkRule rule, String note) {
    return new Site(
        s.resource(),
        s.customKind(),
        s.key(),
        s.mode(),
        s.scope(),
        s.reach(),
        s.confidence(),
        s.sensitivity(),
        rule.id(),
        note,
        s.line(),
        s.rule(),
        s.value());
  }

  private ReceiverMutations mutations;

  private synchronized ReceiverMutations mutations() {
    if (mutations == null) {
      mutations = ReceiverMutations.of(program, catalog);
    }
    return mutations;
  }

  /**
   * A call that changes the object a field of the shared test instance holds ({@code
   * accessControl.reset()}, {@code results.add(x)}): a write of that field's state, as an
   * assignment of the field would be, though the field keeps its object.
   */
  private Site sharedObjectMutation(Sites.Call call, ClassInfo ctx, java.util.Set<String> seen) {
    if (!(call.receiver() instanceof Value.FieldValue f) || f.isStatic()) {
      return null;
    }
    ClassInfo owner = program.fieldOwner(f.owner(), f.name());
    FieldInfo field = owner == null ? null : owner.field(f.name());
    if (field == null || field.isStatic() || field.isSynthetic() || owner.library()) {
      return null;
    }
    Confidence confidence = mutations().ofCall(call);
    if (confidence == null || !seen.add(f.name() + true)) {
      return null;
    }
    return new Site(
        ResourceKind.INSTANCE_FIELD,
        "",
        Key.exact(ctx.binaryName() + "." + f.name()),
        AccessMode.WRITE,
        Scope.PER_CLASS,
        Reach.JVM,
        confidence,
        Sensitivity.HIGH,
        CodeRules.SHARED_INSTANCE_MUTATION.id(),
        "calls "
            + call.name()
            + "() on the object it holds, which changes it; one instance serves every test of "
            + ctx.binaryName()
            + (confidence == Confidence.LOW
                ? " (only thread-safe holders or lazily made values change: the state is shared,"
                    + " but no data race)"
                : ""),
        call.line(),
        null,
        null);
  }

  private Site site(SinkRule rule, Sites.Sink sink, String context) {
    return site(rule, sink.key(), sink.line(), context);
  }

  private Site site(SinkRule rule, Value value, int line, String context) {
    if (rule.key() instanceof KeySpec.Entry e) {
      return entrySite(rule, e, value, line, context);
    }
    if (rule.key() instanceof KeySpec.Connected c) {
      return statementSite(rule, c, value, line, context);
    }
    ResolvedKey k;
    if (rule.key() instanceof KeySpec.All) {
      k = new ResolvedKey(Key.all(), Scope.SHARED, Confidence.HIGH, "");
    } else {
      k = keys.resolve(value, rule.resource(), context);
      String prefix =
          rule.key() instanceof KeySpec.Arg a
              ? a.prefix()
              : rule.key() instanceof KeySpec.Receiver r ? r.prefix() : "";
      if (!prefix.isEmpty() && k.key().kind() != Key.Kind.UNKNOWN) {
        k =
            new ResolvedKey(
                new Key(k.key().kind(), prefix + k.key().value()),
                k.scope(),
                k.confidence(),
                k.note());
      } else if (!prefix.isEmpty()) {
        k = new ResolvedKey(Key.pattern(prefix + "*"), k.scope(), k.confidence(), k.note());
      }
    }
    if (rule.resource() == ResourceKind.JVM_GLOBAL
        && k.key().kind() == Key.Kind.EXACT
        && k.key().value().startsWith(MBEAN_NAME)
        && k.key().value().substring(MBEAN_NAME.length()).matches(".*[*?].*")) {
      // An ObjectName pattern ("com.example:*", "com.example:type=?") names every MBean it matches.
      k =
          new ResolvedKey(
              Key.pattern(k.key().value().replace('?', '*')), k.scope(), k.confidence(), k.note());
    }
    AccessMode mode = rule.mode();
    if (rule.resource() == ResourceKind.DATABASE && k.key().kind() == Key.Kind.EXACT) {
      String url = k.key().value();
      if (url.toUpperCase(java.util.Locale.ROOT).contains(";INIT=")) {
        // H2 runs the URL's INIT= SQL (a RUNSCRIPT, a CREATE) on every connection it opens.
        mode = AccessMode.WRITE;
      }
      k =
          new ResolvedKey(
              Key.exact(DatabaseUrls.database(url)),
              DatabaseUrls.privateToConnection(url) ? Scope.PER_TEST : k.scope(),
              k.confidence(),
              k.note());
    }
    Scope scope = rule.scope() != Scope.SHARED ? rule.scope() : k.scope();
    boolean ownDriver = rule.resource() == ResourceKind.DATABASE && ownDriver(k.key());
    Reach reach =
        ownDriver
            ? Reach.JVM
            : rule.resource() == ResourceKind.DATABASE
                ? databaseReach(k.key())
                : rule.resource().defaultReach();
    Confidence confidence = k.confidence();
    String note = k.note();
    if (ownDriver) {
      // No data store behind it: what the fake driver shares is its own code's state, which is
      // followed like any project code (its connect runs where the test connects). A connection
      // is a possible partner only, as any, and a statement on it is unsure (DatabaseStatements).
      note = OWN_DRIVER_NOTE;
    }
    return new Site(
        rule.resource(),
        rule.customKind(),
        k.key(),
        mode,
        scope,
        reach,
        confidence,
        rule.sensitivity(),
        rule.id(),
        note,
        line,
        rule,
        value);
  }

  private static final String MBEAN_NAME = "javax.management.ObjectName:";

  private static final String OWN_DRIVER_NOTE =
      "a database of the project's own JDBC driver: its state is the driver's code";

  /**
   * A statement executed on whatever database the test is connected to: a write, a read or (SQL not
   * known) a possible write, keyed by a placeholder that {@link DatabaseStatements#bind} replaces
   * with the test's databases.
   */
  private Site statementSite(
      SinkRule rule, KeySpec.Connected spec, Value value, int line, String context) {
    DatabaseStatements.SqlKind kind;
    boolean known;
    if (spec.sqlArg() == KeySpec.Connected.NO_SQL) {
      kind = DatabaseStatements.SqlKind.WRITE;
      known = true;
    } else {
      Key sql = keys.resolve(value, ResourceKind.DATABASE, context).key();
      kind = DatabaseStatements.classify(sql.kind() == Key.Kind.UNKNOWN ? null : sql.value());
      known = kind != DatabaseStatements.SqlKind.UNKNOWN;
      if (rule.mode() == AccessMode.READ) {
        // A query reads whatever its SQL; SQL not known here (a wrapper's parameter that no caller
        // binds, as where a wrapper object counts as called where it is made) leaves open whether
        // it runs at all: a possible read.
        kind = DatabaseStatements.SqlKind.READ;
      }
    }
    AccessMode mode = kind == DatabaseStatements.SqlKind.READ ? AccessMode.READ : AccessMode.WRITE;
    return new Site(
        ResourceKind.DATABASE,
        "",
        known ? DatabaseStatements.CONNECTED : DatabaseStatements.CONNECTED_UNKNOWN_SQL,
        mode,
        Scope.SHARED,
        Reach.EXTERNAL,
        known ? Confidence.HIGH : Confidence.LOW,
        rule.sensitivity(),
        rule.id(),
        known ? "" : mode == AccessMode.READ ? "SQL not known" : "SQL not known: a possible write",
        line,
        rule,
        value);
  }

  /**
   * Whether a database is one of the project's own JDBC drivers (a test's fake driver, such as
   * commons-dbcp's {@code TesterDriver}): some project driver accepts its URL. Its "database" lives
   * in the JVM, and its state is the driver's code.
   */
  private boolean ownDriver(Key key) {
    return key.kind() == Key.Kind.EXACT && program.drivers().anyAccepts(key.value());
  }

  private Reach databaseReach(Key key) {
    String url = key.value();
    if (url.startsWith("jdbc:h2:mem:")
        || url.startsWith("jdbc:hsqldb:mem:")
        || url.startsWith("jdbc:derby:memory:")
        || url.startsWith("jdbc:sqlite::memory:")) {
      return Reach.JVM;
    }
    if (url.startsWith("jdbc:h2:file:")
        || url.startsWith("jdbc:h2:./")
        || url.startsWith("jdbc:h2:~")
        || url.startsWith("jdbc:hsqldb:file:")
        || url.startsWith("jdbc:sqlite:")
        || url.startsWith("jdbc:derby:")) {
      return Reach.HOST;
    }
    return Reach.EXTERNAL;
  }

  /**
   * Whether a PUTSTATIC stores the null constant: the value of the store that the method's field
   * stores list at the same place among those into the same field.
   */
  private static boolean storesNull(MethodInfo m, Sites.StaticField put) {
    int nth = 0;
    for (Sites.StaticField f : m.staticFields()) {
      if (f == put) {
        break;
      }
      if (f.op() == Sites.FieldOp.PUT
          && f.owner().equals(put.owner())
          && f.name().equals(put.name())) {
        nth++;
      }
    }
    for (Sites.FieldStore s : m.fieldStores()) {
      if (!s.onThis() && s.owner().equals(put.owner()) && s.name().equals(put.name())) {
        if (nth-- == 0) {
          return s.value() == Value.NULL;
        }
      }
    }
    return false;
  }

  private Site staticFieldSite(MethodInfo m, Sites.StaticField f) {
    ClassInfo owner = program.fieldOwner(f.owner(), f.name());
    if (owner == null || owner.library()) {
      return null;
    }
    FieldInfo field = owner.field(f.name());
    if (field == null || !field.isStatic() || field.isSynthetic()) {
      return null;
    }
    // A class initializing its own statics is not a test's access: it runs once per JVM.
    if (m.name().equals("<clinit>") && m.owner().equals(owner.name())) {
      return null;
    }
    String type = fieldType(field.descriptor());
    boolean mutableHolder = field.descriptor().startsWith("[") || catalog.isMutableType(type);
    Key key = Key.exact(owner.binaryName() + "." + field.name());
    return switch (f.op()) {
      case GET -> {
        if (field.isFinal() && !mutableHolder
            || !changedStatics.contains(owner.name() + '.' + field.name())) {
          yield null;
        }
        yield new Site(
            ResourceKind.STATIC_FIELD,
            "",
            key,
            AccessMode.READ,
            Scope.SHARED,
            Reach.JVM,
            Confidence.HIGH,
            Sensitivity.HIGH,
            CodeRules.STATIC_FIELD_READ.id(),
            "",
            f.line(),
            null,
            null);
      }
      case PUT -> {
        // Read before written, as in `if (x == null) x = make()`: the first caller initializes it
        // and later ones find it made. Putting null back (`if (x != null) { x.close(); x = null; }`
        // in commons-vfs2's VFS.close()) is no initialization: it takes away what every reader
        // holds.
        boolean lazy =
            !storesNull(m, f)
                && m.staticFields().stream()
                    .anyMatch(
                        g ->
                            g.op() == Sites.FieldOp.GET
                                && g.name().equals(f.name())
                                && g.owner().equals(f.owner())
                                && g.line() <= f.line());
        yield new Site(
            ResourceKind.STATIC_FIELD,
            "",
            key,
            AccessMode.WRITE,
            Scope.SHARED,
            Reach.JVM,
            lazy ? Confidence.LOW : Confidence.HIGH,
            Sensitivity.HIGH,
            CodeRules.STATIC_FIELD_WRITE.id(),
            lazy ? "looks like lazy initialization (read before written)" : "",
            f.line(),
            null,
            null);
      }
      case FILL -> {
        // Filling a memoizing cache reads it; only a reader that relies on a cached value's
        // identity races with clearing it, which this read cannot tell: a possible partner. A
        // single value set lazily (compareAndSet(null, made)) is the answer itself: whoever
        // replaces it changes what every reader gets, so that read stays definite.
        if (!changedStatics.contains(owner.name() + '.' + field.name())) {
          yield null;
        }
        boolean singleValue = f.detail().equals("compareAndSet");
        yield new Site(
            ResourceKind.STATIC_FIELD,
            "",
            key,
            AccessMode.READ,
            Scope.SHARED,
            Reach.JVM,
            Confidence.HIGH,
            singleValue ? Sensitivity.HIGH : Sensitivity.LOW,
            CodeRules.STATIC_FIELD_READ.id(),
            singleValue
                ? "sets a value lazily (compareAndSet), which other code replaces"
                : "fills a memoizing cache (" + f.detail() + "): the same answer for every test",
            f.line(),
            null,
            null);
      }
      case MUTATE, ARRAY_STORE -> {
        // Thread safety prevents torn data, not one test seeing another's entries: a put, clear or
        // set of a concurrent collection or atomic is a definite write that races with the tests
        // that read the object (not with other writers alone). A counter that hands out ids is no
        // exception: drawers do not race with each other, but a test that reads the counter's
        // value (dbcp2's connectionRequestCount, asserted after a reset) races with every draw.
        boolean threadSafe =
            f.op() == Sites.FieldOp.MUTATE
                && (catalog.isThreadSafeType(f.receiverType())
                    || catalog.isThreadSafeType(type)
                    || threadSafeInitializer(f.owner(), f.name()));
        boolean draw = threadSafe && SharedStateWrites.drawsFromCounter(f.detail());
        yield new Site(
            ResourceKind.STATIC_FIELD,
            "",
            key,
            AccessMode.WRITE,
            Scope.SHARED,
            Reach.JVM,
            Confidence.HIGH,
            Sensitivity.HIGH,
            (threadSafe ? CodeRules.THREAD_SAFE_STATE_MUTATION : CodeRules.STATIC_STATE_MUTATION)
                .id(),
            f.op() == Sites.FieldOp.MUTATE
                ? (ArgumentMutators.changedArgument(f.receiverType(), f.detail()) >= 0
                        ? "hands the object it holds to "
                            + f.receiverType().substring(f.receiverType().lastIndexOf('/') + 1)
                            + "."
                            + f.detail()
                            + "(), which changes it in place"
                        : "calls " + f.detail() + "() on the object it holds")
                    + (draw
                        ? " (a thread-safe counter: each test draws its own value)"
                        : threadSafe ? " (thread-safe: it races with the tests that read it)" : "")
                : "stores into the array it holds",
            f.line(),
            null,
            null);
      }
    };
  }

  /**
   * Whether a static field declared as an interface ({@code Map}) holds a thread-safe object: its
   * owner's static initializer stores a {@code new ConcurrentHashMap<>()} (or another catalogued
   * thread-safe type, or a {@code Collections.synchronized*} wrapper) into it and nothing else
   * does.
   */
  private Map<String, Boolean> threadSafeFields = new java.util.concurrent.ConcurrentHashMap<>();

  private boolean threadSafeInitializer(String owner, String name) {
    return threadSafeFields.computeIfAbsent(
        owner + "." + name, k -> initializedThreadSafe(owner, name));
  }

  private boolean initializedThreadSafe(String owner, String name) {
    ClassInfo c = program.get(owner);
    if (c == null) {
      return false;
    }
    boolean safe = false;
    for (MethodInfo m : c.methods()) {
      for (Sites.FieldStore store : m.fieldStores()) {
        if (!store.owner().equals(owner) || !store.name().equals(name)) {
          continue;
        }
        boolean safeValue =
            store.value() instanceof Value.NewObject n && catalog.isThreadSafeType(n.type)
                || store.value() instanceof Value.LibraryResult r
                    && r.owner().equals("java/util/Collections")
                    && r.name().startsWith("synchronized");
        if (!m.name().equals("<clinit>") || !safeValue) {
          return false;
        }
        safe = true;
      }
    }
    return safe;
  }

  private static String fieldType(String descriptor) {
    return descriptor.startsWith("L") && descriptor.endsWith(";")
        ? descriptor.substring(1, descriptor.length() - 1)
        : descriptor;
  }
}
