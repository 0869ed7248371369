package io.github.isolationaudit.plan;

import io.github.isolationaudit.analyzer.conflict.ObservedWrites;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.plan.history.TestDuration;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes the execution plan of a scanned suite: lanes a build can run today without editing test
 * sources, the stages that order them, a predicted wall time, and shards.
 *
 * <p>The unit is the top-level test class (with its nested classes): a runner selects classes, and
 * a class's once-per-class setup and static state stay in one JVM. A class goes to
 *
 * <ul>
 *   <li>a lane of its own JVM when one of its tests poisons the JVM (calls {@code System.exit},
 *       installs a security manager, sets a JVM-wide factory that can be set only once);
 *   <li>by default, the parallel lane, also when one of its tests is in a conflict that nothing
 *       protects today (an UNPROTECTED or INSUFFICIENT finding the project has not accepted; with
 *       {@code strict}, any possible conflict too): the plan's lock assignments (READ_WRITE for the
 *       writers, READ for the readers, declared by the {@code locks-provider} export) keep its
 *       members apart inside the one JVM, and the rest of the lane runs beside them;
 *   <li>without {@link PlanOptions#locks()} (no source edit at all), such a class goes to a serial
 *       lane instead: for a conflict on JVM state its writers only (the readers, left in another
 *       JVM, never see the writes), for one on files, ports or databases every member. Everything
 *       in it runs one test at a time;
 *   <li>the parallel lane otherwise: JUnit's parallel execution on, the suite's own markers
 *       ({@code @Isolated}, {@code @ResourceLock}, same-thread classes) keeping apart what they
 *       keep apart today.
 * </ul>
 *
 * <p>Every lane is a JVM, and every JVM start costs {@link PlanOptions#jvmStartSeconds()} before
 * its first test: so the plan starts a JVM of its own only where a test poisons the JVM, runs no
 * more JVMs at once than the machine's recommendation allows, and orders the classes by the longest
 * chain they belong to ({@link Plan#classOrder()}), so that a long class or a long chain of classes
 * serialized by one lock does not start last.
 *
 * <p>Lanes are separate JVMs, so conflicts on JVM state (System properties, statics, defaults)
 * never cross them; lanes whose tests conflict on a HOST or EXTERNAL resource (files, ports, a
 * database) go to different stages, which run one after another. Shards keep the classes that
 * conflict on EXTERNAL resources together: machines share nothing else.
 */
public final class Planner {
  /** Catalog sinks whose write leaves the JVM unusable for other tests. */
  static final Set<String> POISONING_SINKS =
      Set.of("jdk.system-exit", "jdk.security-manager-write", "jdk.url-stream-handler-factory");

  /** The lane of the test methods the plan moves out of the parallel lane's JVM. */
  static final String APART = "apart";

  /** The duration assumed for every test when there is no history at all. */
  static final double NO_HISTORY_SECONDS = 1.0;

  private final ScanResult scan;
  private final DurationHistory history;
  private final PlanOptions options;

  private final Map<String, List<TestId>> testsByClass = new TreeMap<>();
  private final Map<TestId, Double> seconds = new HashMap<>();
  private final Map<TestId, Map<String, Boolean>> markerLocks = new HashMap<>();

  /** The plan's own lock assignments, as the parallel lane holds them (locks mode only). */
  private final Map<TestId, Map<String, Boolean>> planLocks = new HashMap<>();

  /** The keys some class holds READ as a class in the plan's own lock assignments. */
  private final Set<String> classReadKeys = new TreeSet<>();

  /** The keys some class holds READ_WRITE as a class in the plan's own lock assignments. */
  private final Set<String> classWriteKeys = new TreeSet<>();

  // Classes that hold a plan lock as a class: JUnit lifts their methods' locks into it.
  private final Set<String> classLocked = new TreeSet<>();

  /** The rank of each top-level class in the plan's class order. */
  private final Map<String, Integer> rank = new HashMap<>();

  /** The tests that run on a class's thread, each with that class (its own or an enclosing one). */
  private final Map<TestId, String> onClassThread = new HashMap<>();

  /** The tests the plan runs in the lane {@link #APART} instead of their class's lane. */
  private final Set<TestId> apart = new HashSet<>();

  private int measured;

  /** The tests whose time comes from a report, not the estimate. */
  private final Set<TestId> measuredTests = new HashSet<>();

  private double estimate;

  public Planner(ScanResult scan, DurationHistory history, PlanOptions options) {
    this.scan = scan;
    this.history = history;
    this.options = options;
    this.lockKeys = Conflict.sharedLockKeys(scan.conflicts());
  }

  /**
   * The lock keys conflicts share, as the scan's edits name them ({@link Conflict#sharedLockKeys}).
   */
  private final Map<Conflict, String> lockKeys;

  /** The top-level class a runner selects for a test class (nested classes run with it). */
  static String topLevel(String className) {
    return TestId.topLevelClass(className);
  }

  public Plan plan() {
    for (Footprint f : scan.footprints()) {
      testsByClass
          .computeIfAbsent(topLevel(f.test().id().className()), k -> new ArrayList<>())
          .add(f.test().id());
    }
    durations();
    markers();

    // ---- lanes -------------------------------------------------------------------------------
    Map<String, String> poisonedBy = new TreeMap<>();
    for (Footprint f : scan.footprints()) {
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.WRITE && POISONING_SINKS.contains(a.sinkId())) {
          poisonedBy.putIfAbsent(topLevel(f.test().id().className()), a.sinkId());
        }
      }
    }
    Map<String, String> serialBecause = new TreeMap<>();
    Packing component = new Packing();
    List<Plan.LockAssignment> assignments = new ArrayList<>();
    for (Finding finding : scan.findings()) {
      if (finding.accepted()) {
        continue;
      }
      Conflict c = conflictOf(finding);
      // JVM state is a JVM's own: with the writers one at a time in the serial lane's JVM, the
      // readers in the parallel lane never see their changes. Files, ports and databases are
      // shared by every JVM on the host, so there every member moves.
      Set<TestId> writers = c != null && c.reach() == Reach.JVM ? new TreeSet<>(c.writers()) : null;
      String first = null;
      for (TestId t : finding.exposed()) {
        if (writers == null || writers.contains(t)) {
          String cls = topLevel(t.className());
          serialBecause.putIfAbsent(cls, describe(finding));
          first = first == null ? cls : first;
          if (writers == null) {
            // Files, ports and databases: its classes must not run at once anywhere on the host.
            // JVM state needs no such tie: classes in different serial JVMs never share it.
            component.join(first, cls);
          }
        }
      }
      if (c != null) {
        assign(c, assignments);
      } else {
        assign(finding, assignments);
      }
    }
    if (options.strict()) {
      for (Conflict c : scan.conflicts()) {
        if (c.certainty() == Certainty.POSSIBLE) {
          String first = null;
          for (TestId t : members(c)) {
            String cls = topLevel(t.className());
            serialBecause.putIfAbsent(
                cls, "a possible conflict on " + c.resourceName() + " " + c.key().value());
            first = first == null ? cls : first;
            if (c.reach() != Reach.JVM) {
              component.join(first, cls);
            }
          }
          assign(c, assignments);
        }
      }
    }
    List<String> parallel = new ArrayList<>();
    List<String> serial = new ArrayList<>();
    List<String> own = new ArrayList<>();
    for (String cls : testsByClass.keySet()) {
      if (poisonedBy.containsKey(cls)) {
        own.add(cls);
      } else if (serialBecause.containsKey(cls) && !options.locks()) {
        serial.add(cls);
      } else {
        parallel.add(cls);
      }
    }
    if (options.locks()) {
      assignments.addAll(patternPartners());
      List<Plan.LockAssignment> whole = wholeClassWriters(dedupe(assignments));
      List<Plan.LockAssignment> held =
          movePossibleWritersApart(
              moveIsolatedApart(
                  isolateShortWriters(moveWritersApart(whole, parallel), parallel), parallel),
              parallel);
      assignments.clear();
      assignments.addAll(held);
      assignments.addAll(keptForApart(whole, held));
      useAssignments(held);
    }
    order();
    List<Plan.Lane> lanes = new ArrayList<>();
    if (!parallel.isEmpty()) {
      long locked =
          parallel.stream()
              .filter(c -> testsByClass.get(c).stream().anyMatch(planLocks::containsKey))
              .count();
      lanes.add(
          lane(
              "parallel",
              Plan.Mode.PARALLEL,
              Plan.Jvm.SHARED,
              parallel,
              locked == 0
                  ? "no conflict that its markers leave unprotected; JUnit runs it in parallel and"
                      + " honours the suite's own markers"
                  : "JUnit runs it in parallel and honours the suite's own markers; "
                      + locked
                      + (locked == 1 ? " class holds" : " classes hold")
                      + " the plan's lock assignments (--emit locks-provider), which keep apart"
                      + " the conflicts that nothing protects today"));
    }
    if (!apart.isEmpty()) {
      lanes.add(apartLane());
    }
    // Classes that conflict on a host or external resource form a component and run one at a
    // time; a conflict on JVM state ties nothing, since it cannot cross JVMs and each serial JVM
    // runs one test at a time. Components run side by side in serial JVMs of their own, at most
    // one per worker, packed longest first.
    serial.forEach(component::add);
    Set<String> serialSet = new TreeSet<>(serial);
    List<List<String>> units = new ArrayList<>();
    for (List<String> g : component.groups()) {
      List<String> mine = g.stream().filter(serialSet::contains).toList();
      if (!mine.isEmpty()) {
        units.add(mine);
      }
    }
    int bins = Math.min(options.workers(), units.size());
    List<List<String>> binClasses = Packing.longestFirst(units, bins, this::classSeconds);
    for (int i = 0; i < bins; i++) {
      Set<String> reasons = new TreeSet<>();
      binClasses.get(i).forEach(c -> reasons.add(serialBecause.get(c)));
      lanes.add(
          lane(
              bins == 1 ? "serial" : "serial-" + (i + 1),
              Plan.Mode.SERIAL,
              Plan.Jvm.SHARED,
              binClasses.get(i),
              "conflicts that nothing protects today: "
                  + String.join("; ", reasons.stream().limit(5).toList())
                  + (reasons.size() > 5 ? " and " + (reasons.size() - 5) + " more" : "")));
    }
    for (int i = 0; i < own.size(); i++) {
      lanes.add(
          lane(
              "own-jvm-" + (i + 1),
              Plan.Mode.SERIAL,
              Plan.Jvm.OWN,
              List.of(own.get(i)),
              "it leaves the JVM unusable for other tests (" + poisonedBy.get(own.get(i)) + ")"));
    }

    // ---- stages: lanes that conflict on the host or outside run one after another ----------
    Map<String, String> laneOf = new HashMap<>();
    for (Plan.Lane l : lanes) {
      l.classes().forEach(c -> laneOf.put(c, l.name()));
    }
    Set<String> separated = new TreeSet<>();
    for (Conflict c : scan.conflicts()) {
      if (c.reach() == Reach.JVM || (c.certainty() == Certainty.POSSIBLE && !options.strict())) {
        continue;
      }
      Set<String> writerLanes = new TreeSet<>();
      Set<String> memberLanes = new TreeSet<>();
      c.writers().forEach(t -> writerLanes.add(laneOf.get(topLevel(t.className()))));
      members(c).forEach(t -> memberLanes.add(laneOf.get(topLevel(t.className()))));
      for (String w : writerLanes) {
        for (String m : memberLanes) {
          if (!w.equals(m)) {
            separated.add(w.compareTo(m) < 0 ? w + "\u0000" + m : m + "\u0000" + w);
          }
        }
      }
    }
    // No stage runs more JVMs at once than the machine's recommendation allows.
    int jvmCap = Math.max(1, recommend(1).jvms());
    List<List<Plan.Lane>> stageLanes = new ArrayList<>();
    for (Plan.Lane l : lanes) {
      List<Plan.Lane> fit = null;
      for (List<Plan.Lane> s : stageLanes) {
        if (s.size() < jvmCap
            && s.stream().noneMatch(o -> together(separated, o.name(), l.name()))) {
          fit = s;
          break;
        }
      }
      if (fit == null) {
        fit = new ArrayList<>();
        stageLanes.add(fit);
      }
      fit.add(l);
    }
    // Where the plan may impose an order (stages), the longest first.
    List<Plan.Stage> stages = new ArrayList<>();
    double wall = 0;
    double busy = 0;
    for (List<Plan.Lane> s : stageLanes) {
      Schedule.Result r = Schedule.simulate(tasks(s, null, true), options.workers());
      stages.add(new Plan.Stage(s.stream().map(Plan.Lane::name).toList(), round(r.wallSeconds())));
      wall += r.wallSeconds();
      busy += r.busySeconds();
    }
    stages.sort(Comparator.comparingDouble(Plan.Stage::predictedSeconds).reversed());

    double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    double longestChain = 0;
    for (Plan.Lane l : lanes) {
      if (l.mode() == Plan.Mode.SERIAL) {
        longestChain = Math.max(longestChain, l.seconds());
      }
    }
    Map<String, Double> threadChains = new HashMap<>();
    onClassThread.forEach((t, thread) -> threadChains.merge(thread, seconds(t), Double::sum));
    for (double chain : threadChains.values()) {
      longestChain = Math.max(longestChain, chain);
    }
    for (double chain : chains().values()) {
      longestChain = Math.max(longestChain, chain);
    }
    // Naive parallel: every test in one JVM, no locks, the runner's own order (by name).
    double naive =
        Schedule.simulate(
                List.of(
                    new Schedule.LaneTasks(
                        "naive",
                        false,
                        withStart(
                            "naive",
                            testsByClass.values().stream()
                                .flatMap(List::stream)
                                .map(t -> new Schedule.Task("naive", seconds(t), Map.of()))
                                .toList()))),
                options.workers())
            .wallSeconds();
    int jvmStarts = lanes.size();
    // Maven runs the surefire export's lane executions one after another.
    double inTurn = 0;
    for (Plan.Lane l : lanes) {
      inTurn += Schedule.simulate(tasks(List.of(l), null, true), options.workers()).wallSeconds();
    }
    Plan.Prediction prediction =
        new Plan.Prediction(
            round(wall),
            round(Math.max(total / options.workers(), longestChain)),
            round(total),
            wall > 0 ? round(total / wall) : 1.0,
            wall > 0 ? round(busy / (options.workers() * wall)) : 1.0,
            round(naive),
            jvmStarts,
            round(options.jvmStartSeconds()),
            round(Math.max(wall, inTurn)));

    List<Plan.LockCost> costs = lockCosts(lanes, stageLanes, wall);
    List<Plan.Shard> shards = options.shards() > 1 ? new Sharder(this).shards() : List.of();
    List<Problem> problems = new ArrayList<>(history.problems());
    problems.addAll(unknownTests());
    assignments.sort(
        Comparator.comparing(Plan.LockAssignment::className)
            .thenComparing(a -> a.methodName() == null ? "" : a.methodName())
            .thenComparing(Plan.LockAssignment::key));
    return new Plan(
        options.workers(),
        lanes,
        stages,
        prediction,
        costs,
        shards,
        dedupe(assignments),
        new Plan.DurationSource(
            history.filesRead().stream().map(Path::toString).toList(),
            measured,
            seconds.size() - measured,
            round(estimate)),
        problems,
        recommend(stages.stream().mapToInt(st -> st.lanes().size()).max().orElse(1)),
        options.machine(),
        classOrder());
  }

  // ---- how many workers and JVMs this machine can take ---------------------------------------

  private static final java.util.regex.Pattern XMX =
      java.util.regex.Pattern.compile("-Xmx(\\d+)([kKmMgGtT]?)");

  /** The heap the build gives a test JVM, in MB, from any argLine it sets; -1 when none. */
  static long heapFromBuild(Map<String, String> settings) {
    long heap = -1;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (!e.getKey().endsWith("argLine")) {
        continue;
      }
      java.util.regex.Matcher m = XMX.matcher(e.getValue());
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        long mb =
            switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
              case "k" -> n / 1024;
              case "m" -> n;
              case "g" -> n * 1024;
              case "t" -> n * 1024 * 1024;
              default -> n / (1024 * 1024);
            };
        heap = Math.max(heap, mb);
      }
    }
    return heap;
  }

  private Plan.Recommendation recommend(int lanesAtOnce) {
    Machine machine = options.machine();
    long fromBuild = heapFromBuild(scan.configuration().settings());
    long heap = fromBuild > 0 ? fromBuild : Math.max(64, machine.memoryMb() / 4);
    // --workers stands for the cores: say so, or a plan made for 4 workers on a 2-core machine
    // reads as a wrong measurement.
    return recommend(
        machine.cores(),
        machine.coresFrom() == Machine.Source.GIVEN,
        machine.memoryMb(),
        heap,
        fromBuild > 0,
        lanesAtOnce);
  }

  static Plan.Recommendation recommend(
      int cores, long memoryMb, long heapMb, boolean fromBuild, int lanesAtOnce) {
    return recommend(cores, false, memoryMb, heapMb, fromBuild, lanesAtOnce);
  }

  static Plan.Recommendation recommend(
      int cores,
      boolean coresGiven,
      long memoryMb,
      long heapMb,
      boolean fromBuild,
      int lanesAtOnce) {
    long perJvm = heapMb + heapMb / 4 + 256;
    int byMemory = (int) Math.max(1, memoryMb / perJvm);
    int jvms = Math.min(cores, byMemory);
    String reason =
        cores
            + (coresGiven ? " cores (as --workers gives), " : " cores, ")
            + memoryMb
            + " MB of memory, "
            + heapMb
            + " MB of heap per test JVM ("
            + (fromBuild ? "-Xmx in the build's argLine" : "the JVM's default: a quarter of memory")
            + "), about "
            + perJvm
            + " MB per JVM in all: at most "
            + jvms
            + " JVM"
            + (jvms == 1 ? "" : "s")
            + " at once"
            + (lanesAtOnce > jvms
                ? "; a stage of this plan starts "
                    + lanesAtOnce
                    + ", so run its lanes in fewer rounds or give each less heap"
                : "");
    return new Plan.Recommendation(cores, memoryMb, heapMb, cores, jvms, reason);
  }

  // ---- durations ------------------------------------------------------------------------------

  private void durations() {
    List<Double> known = new ArrayList<>();
    Map<TestId, Double> found = new HashMap<>();
    for (List<TestId> ids : testsByClass.values()) {
      for (TestId t : ids) {
        Optional<TestDuration> d = history.of(t.className(), t.methodName());
        if (d.isPresent()) {
          found.put(t, d.get().seconds());
          known.add(d.get().seconds());
        }
      }
    }
    measured = found.size();
    measuredTests.clear();
    measuredTests.addAll(found.keySet());
    if (known.isEmpty()) {
      estimate = NO_HISTORY_SECONDS;
    } else {
      double[] sorted = known.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      estimate = sorted[sorted.length / 2];
    }
    for (List<TestId> ids : testsByClass.values()) {
      for (TestId t : ids) {
        seconds.put(t, found.getOrDefault(t, estimate));
      }
    }
    for (Footprint f : scan.footprints()) {
      if (f.test().disabled()) {
        seconds.put(f.test().id(), 0.0);
      }
    }
  }

  /** Report entries for tests the scan no longer finds. */
  private List<Problem> unknownTests() {
    Set<String> known = new TreeSet<>();
    for (List<TestId> ids : testsByClass.values()) {
      ids.forEach(t -> known.add(t.className() + "#" + t.methodName()));
    }
    Map<String, Integer> missingByFile = new TreeMap<>();
    for (TestDuration d : history.all()) {
      if (!known.contains(d.className() + "#" + d.methodName())) {
        missingByFile.merge(d.source(), 1, Integer::sum);
      }
    }
    List<Problem> problems = new ArrayList<>();
    missingByFile.forEach(
        (file, n) ->
            problems.add(
                new Problem(
                    Problem.Kind.UNKNOWN_TEST,
                    file,
                    n
                        + " test"
                        + (n == 1 ? "" : "s")
                        + " in this report no longer exist in the scanned code; their times are"
                        + " not used")));
    return problems;
  }

  double seconds(TestId t) {
    return seconds.getOrDefault(t, estimate);
  }

  double classSeconds(String topLevelClass) {
    return testsByClass.getOrDefault(topLevelClass, List.of()).stream()
        .mapToDouble(this::seconds)
        .sum();
  }

  Map<String, List<TestId>> testsByClass() {
    return testsByClass;
  }

  ScanResult scan() {
    return scan;
  }

  PlanOptions options() {
    return options;
  }

  // ---- the suite's own markers, as the runner honours them in a parallel lane ------------------

  private void markers() {
    // The scan's word on whom each marker covers (inheritance, target = CHILDREN, nesting and the
    // engine that acts on it are settled there); the execution model says what that means for
    // each test: the locks it holds and whether it runs on its class's thread.
    List<MarkerCoverage> coverage = scan.coverage();
    if (coverage.isEmpty()) {
      // A result made without coverage (by hand): the verdicts' reach stands in for it.
      coverage =
          scan.markers().stream()
              .map(v -> new MarkerCoverage(v.marker(), v.covered(), v.oneThread()))
              .toList();
    }
    Map<TestId, List<MarkerCoverage>> covering = new HashMap<>();
    for (MarkerCoverage c : coverage) {
      for (TestId t : c.covered()) {
        covering.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
      }
    }
    Map<TestId, Engine> engines = new HashMap<>();
    scan.footprints().forEach(f -> engines.put(f.test().id(), f.test().engine()));
    ExecutionModel model = new ExecutionModel(scan.configuration(), engines::get);
    for (Footprint f : scan.footprints()) {
      TestId t = f.test().id();
      List<MarkerCoverage> mine = covering.get(t);
      if (mine == null) {
        continue;
      }
      ExecutionModel.Stance stance = model.stance(t, mine);
      if (!stance.locks().isEmpty()) {
        Map<String, Boolean> locks = new TreeMap<>();
        stance.locks().forEach((k, m) -> locks.put(k, m == LockMode.READ_WRITE));
        markerLocks.put(t, locks);
      }
      if (stance.onClassThread()) {
        onClassThread.put(t, stance.threadClass());
      }
    }
  }

  // ---- the class order ---------------------------------------------------------------------

  /** The locks a test holds in the parallel lane: its markers' and, with locks, the plan's. */
  Map<String, Boolean> locksOf(TestId t) {
    Map<String, Boolean> mine = markerLocks.get(t);
    Map<String, Boolean> planned = planLocks.get(t);
    if (planned == null) {
      return mine == null ? Map.of() : mine;
    }
    Map<String, Boolean> all = new TreeMap<>(planned);
    if (mine != null) {
      mine.forEach((k, w) -> all.merge(k, w, Boolean::logicalOr));
    }
    return all;
  }

  /**
   * The chain each lock key makes: the time of the tests that hold it READ_WRITE, which run one
   * after another whatever the workers.
   */
  Map<String, Double> chains() {
    Map<String, Double> chains = new TreeMap<>();
    for (List<TestId> ids : testsByClass.values()) {
      for (TestId t : ids) {
        locksOf(t)
            .forEach(
                (k, w) -> {
                  if (w) {
                    chains.merge(k, seconds(t), Double::sum);
                  }
                });
      }
    }
    return chains;
  }

  /**
   * Ranks the top-level classes: the longest chain a class belongs to first (its own time, or the
   * chain of a key it holds READ_WRITE; a writer of a key that classes hold READ, at least theirs),
   * then the writers before the rest, then the longest class, then by name. A chain started early
   * runs beside the rest; started last, it decides the wall time alone.
   */
  private void order() {
    Map<String, Double> chains = chains();
    Map<String, Double> priority = new HashMap<>();
    for (Map.Entry<String, List<TestId>> e : testsByClass.entrySet()) {
      double p = classSeconds(e.getKey());
      for (TestId t : e.getValue()) {
        for (Map.Entry<String, Boolean> l : locksOf(t).entrySet()) {
          if (l.getValue()) {
            p = Math.max(p, chains.getOrDefault(l.getKey(), 0.0));
          }
        }
      }
      priority.put(e.getKey(), p);
    }
    // A writer of a key that reader classes hold as classes waits until none of them runs: it
    // ranks at least as high as those readers and, on a tie, before them (commons-vfs2's
    // VFS.instance writers), so that it runs before they take the key; so does a writer of a key
    // that a class holds READ_WRITE as a class, before the readers that would make it wait.
    Map<String, Double> readers = new HashMap<>();
    for (Map.Entry<String, List<TestId>> e : testsByClass.entrySet()) {
      for (TestId t : e.getValue()) {
        for (Map.Entry<String, Boolean> l : planLocks.getOrDefault(t, Map.of()).entrySet()) {
          if (!l.getValue()
              && (classReadKeys.contains(l.getKey()) || classWriteKeys.contains(l.getKey()))) {
            readers.merge(l.getKey(), priority.get(e.getKey()), Math::max);
          }
        }
      }
    }
    Set<String> early = new TreeSet<>();
    for (Map.Entry<String, List<TestId>> e : testsByClass.entrySet()) {
      for (TestId t : e.getValue()) {
        for (Map.Entry<String, Boolean> l : planLocks.getOrDefault(t, Map.of()).entrySet()) {
          if (l.getValue() && readers.containsKey(l.getKey())) {
            early.add(e.getKey());
            priority.merge(e.getKey(), readers.get(l.getKey()), Math::max);
          }
        }
      }
    }
    List<String> classes = new ArrayList<>(testsByClass.keySet());
    // JUnit runs the isolated classes (the plan's, and the suite's own @Isolated, which a method's
    // marker gives its whole class) last whatever the order: the order says so.
    Set<String> last = new HashSet<>();
    testsByClass.forEach(
        (c, ids) -> {
          if (ids.stream().anyMatch(t -> Boolean.TRUE.equals(locksOf(t).get(Schedule.GLOBAL)))) {
            last.add(c);
          }
        });
    classes.sort(
        Comparator.comparing((String c) -> last.contains(c))
            .thenComparingDouble((String c) -> -priority.get(c))
            .thenComparing((String c) -> !early.contains(c))
            .thenComparingDouble(c -> -classSeconds(c))
            .thenComparing(Comparator.naturalOrder()));
    rank.clear();
    for (int i = 0; i < classes.size(); i++) {
      rank.put(classes.get(i), i);
    }
  }

  /** The top-level classes in the plan's order. */
  List<String> classOrder() {
    List<String> classes = new ArrayList<>(rank.keySet());
    classes.sort(Comparator.comparing(rank::get));
    return classes;
  }

  // ---- tasks for the simulation ---------------------------------------------------------------

  /** A lane's tasks after its JVM start: a task that holds the whole lane on one worker. */
  private List<Schedule.Task> withStart(String lane, List<Schedule.Task> tasks) {
    List<Schedule.Task> all = new ArrayList<>();
    if (options.jvmStartSeconds() > 0) {
      all.add(
          new Schedule.Task(lane, options.jvmStartSeconds(), Map.of(Schedule.GLOBAL, true), true));
    }
    all.addAll(tasks);
    return all;
  }

  /**
   * The tasks of some lanes, each after its JVM start, classes in the plan's order. A parallel
   * lane's class whose methods run on one thread is one task; any other test is a task of its own,
   * holding its locks. {@code dropLock} leaves one lock key out, to price it.
   */
  List<Schedule.LaneTasks> tasks(List<Plan.Lane> lanes, String dropLock) {
    return tasks(lanes, dropLock, true);
  }

  List<Schedule.LaneTasks> tasks(List<Plan.Lane> lanes, String dropLock, boolean ordered) {
    List<Schedule.LaneTasks> result = new ArrayList<>();
    for (Plan.Lane l : lanes) {
      List<String> classes = new ArrayList<>(l.classes());
      if (ordered) {
        classes.sort(Comparator.comparing((String c) -> rank.getOrDefault(c, Integer.MAX_VALUE)));
      }
      List<Schedule.Task> tasks = new ArrayList<>();
      if (l.mode() == Plan.Mode.SERIAL) {
        for (String cls : classes) {
          double sum = testsOf(l, cls).stream().mapToDouble(this::seconds).sum();
          tasks.add(new Schedule.Task(l.name(), sum, Map.of()));
        }
      } else {
        for (String cls : classes) {
          List<TestId> ids = testsOf(l, cls);
          // The tests that run on one class's thread (the class's, or a nested class's) are one
          // task; any other is its own.
          Map<String, Map<String, Boolean>> threadLocks = new TreeMap<>();
          Map<String, Double> threadSeconds = new TreeMap<>();
          Map<String, Map<String, Boolean>> lifted = new HashMap<>();
          for (TestId t : ids) {
            String lifter = lifter(t);
            Map<String, Boolean> own =
                new TreeMap<>(
                    lifter == null
                        ? locksOf(t)
                        : lifted.computeIfAbsent(lifter, c -> liftedLocks(c, ids)));
            if (dropLock != null) {
              own.remove(dropLock);
            }
            String thread =
                lifter != null && own.containsValue(true) ? lifter : onClassThread.get(t);
            if (thread != null) {
              Map<String, Boolean> locks =
                  threadLocks.computeIfAbsent(thread, k -> new TreeMap<>());
              own.forEach((k, w) -> locks.merge(k, w, Boolean::logicalOr));
              threadSeconds.merge(thread, seconds(t), Double::sum);
            } else {
              tasks.add(new Schedule.Task(l.name(), seconds(t), own));
            }
          }
          threadLocks.forEach(
              (thread, locks) ->
                  tasks.add(new Schedule.Task(l.name(), threadSeconds.get(thread), locks)));
        }
      }
      result.add(
          new Schedule.LaneTasks(
              l.name(), l.mode() == Plan.Mode.SERIAL, withStart(l.name(), tasks)));
    }
    return result;
  }

  /**
   * The outermost class around a test that holds a plan lock as a class, or null. JUnit's {@code
   * NodeTreeWalker} gives such a class every lock its methods and nested classes hold, for its
   * whole run, and where one of them is READ_WRITE runs all of them one after another on its
   * thread.
   */
  private String lifter(TestId t) {
    String name = t.className();
    String found = null;
    for (int i = name.length(); i > 0; i = name.lastIndexOf('$', i - 1)) {
      String c = name.substring(0, i);
      if (classLocked.contains(c)) {
        found = c;
      }
    }
    return found;
  }

  /** Every lock the tests of a class (nested ones too) hold, as the class holds them. */
  private Map<String, Boolean> liftedLocks(String cls, List<TestId> ids) {
    Map<String, Boolean> all = new TreeMap<>();
    for (TestId t : ids) {
      if (t.className().equals(cls) || t.className().startsWith(cls + "$")) {
        locksOf(t).forEach((k, w) -> all.merge(k, w, Boolean::logicalOr));
      }
    }
    return all;
  }

  /** What each marker lock held in the parallel lane, and the serial lane itself, cost. */
  private List<Plan.LockCost> lockCosts(
      List<Plan.Lane> lanes, List<List<Plan.Lane>> stageLanes, double wall) {
    Map<String, Integer> holders = new TreeMap<>();
    Set<String> parallelClasses = new TreeSet<>();
    lanes.stream()
        .filter(l -> l.mode() == Plan.Mode.PARALLEL)
        .forEach(l -> parallelClasses.addAll(l.classes()));
    for (String cls : parallelClasses) {
      for (TestId t : testsByClass.getOrDefault(cls, List.of())) {
        if (!apart.contains(t)) {
          locksOf(t).keySet().forEach(k -> holders.merge(k, 1, Integer::sum));
        }
      }
    }
    List<Plan.LockCost> costs = new ArrayList<>();
    List<Map.Entry<String, Integer>> top = new ArrayList<>(holders.entrySet());
    top.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    for (Map.Entry<String, Integer> e : top.subList(0, Math.min(10, top.size()))) {
      double without = 0;
      for (List<Plan.Lane> s : stageLanes) {
        without += Schedule.simulate(tasks(s, e.getKey()), options.workers()).wallSeconds();
      }
      costs.add(new Plan.LockCost(e.getKey(), e.getValue(), round(Math.max(0, wall - without))));
    }
    List<Plan.Lane> serialLanes =
        lanes.stream().filter(l -> l.name().startsWith("serial")).toList();
    if (!serialLanes.isEmpty()) {
      // The serial lanes' price: the same plan with their classes in the parallel lane.
      List<String> all = new ArrayList<>(parallelClasses);
      serialLanes.forEach(l -> all.addAll(l.classes()));
      List<Plan.Lane> merged = new ArrayList<>();
      merged.add(lane("parallel", Plan.Mode.PARALLEL, Plan.Jvm.SHARED, all, ""));
      lanes.stream()
          .filter(l -> l.jvm() == Plan.Jvm.OWN || !l.methods().isEmpty())
          .forEach(merged::add);
      double without = Schedule.simulate(tasks(merged, null), options.workers()).wallSeconds();
      costs.add(
          new Plan.LockCost(
              "lanes:serial",
              serialLanes.stream().mapToInt(l -> l.tests().size()).sum(),
              round(Math.max(0, wall - without))));
    }
    costs.sort(Comparator.comparingDouble(Plan.LockCost::seconds).reversed());
    return costs;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Plan.Lane lane(
      String name, Plan.Mode mode, Plan.Jvm jvm, List<String> classes, String reason) {
    return lane(name, mode, jvm, classes, reason, List.of());
  }

  private Plan.Lane lane(
      String name,
      Plan.Mode mode,
      Plan.Jvm jvm,
      List<String> classes,
      String reason,
      List<String> methods) {
    List<String> tests = new ArrayList<>();
    Set<String> locks = new TreeSet<>();
    double sum = 0;
    Plan.Lane shape = new Plan.Lane(name, mode, jvm, List.of(), classes, List.of(), 0, "", methods);
    for (String cls : classes) {
      for (TestId t : testsOf(shape, cls)) {
        tests.add(t.display());
        sum += seconds(t);
        if (mode == Plan.Mode.PARALLEL) {
          locks.addAll(locksOf(t).keySet());
        }
      }
    }
    tests.sort(null);
    List<String> sortedClasses = new ArrayList<>(classes);
    sortedClasses.sort(null);
    return new Plan.Lane(
        name, mode, jvm, List.copyOf(locks), sortedClasses, tests, round(sum), reason, methods);
  }

  /**
   * The tests of a top-level class that a lane runs: the methods it selects, or, for a lane that
   * selects classes, the class's tests that the lane {@link #APART} does not run.
   */
  private List<TestId> testsOf(Plan.Lane l, String cls) {
    List<TestId> all = testsByClass.getOrDefault(cls, List.of());
    if (!l.methods().isEmpty()) {
      Set<String> selected = new HashSet<>(l.methods());
      return all.stream().filter(t -> selected.contains(methodSelector(t))).toList();
    }
    return apart.isEmpty() ? all : all.stream().filter(t -> !apart.contains(t)).toList();
  }

  /** How a lane names a test method it selects: {@code a.b.C#method}. */
  private static String methodSelector(TestId t) {
    return t.display();
  }

  private Conflict conflictOf(Finding f) {
    for (Conflict c : scan.conflicts()) {
      if (c.resource() == f.resource()
          && c.customKind().equals(f.customKind())
          && c.key().equals(f.key())
          && c.certainty() == Certainty.DEFINITE) {
        return c;
      }
    }
    return null;
  }

  private static String describe(Finding f) {
    return f.kind() + " " + f.resourceName() + " " + f.key().value();
  }

  static List<TestId> members(Conflict c) {
    Set<TestId> all = new TreeSet<>(c.writers());
    all.addAll(c.readers());
    return new ArrayList<>(all);
  }

  /**
   * The locks that would keep a conflict's tests apart inside the parallel lane: each writer holds
   * the key READ_WRITE, each reader READ. A class whose members only read it, and whose code that
   * runs once for the whole class reads it too ({@link Conflict#classWideReaders()}), holds it READ
   * as a class, from before its {@code @BeforeAll} to after its {@code @AfterAll}. A test method's
   * lock covers the test and its {@code @BeforeEach}/{@code @AfterEach} only, while what a class
   * reads once for all its tests (a file system resolved through a shared manager in {@code
   * BeforeAll}, kept in a static field) is spoiled by a writer that runs between two of its tests:
   * commons-vfs2's PatternFileSelectorTest lost its RAM files to Jira733Test's {@code VFS.reset()}
   * that way. Any other reading class holds the key on its reading methods: JUnit gathers every
   * lock of a class's methods into the lock of a class that holds one, and where one of them is
   * READ_WRITE it runs the class's methods one after another, so a class lock where none is needed
   * ran dbcp2's TestBasicDataSource (READ on {@code System.err}, READ_WRITE on the live threads in
   * one method) alone and single-threaded: 63 s against naive's 30 s. A class that also writes
   * keeps method locks: held READ_WRITE by the class, the lock would run the whole class alone.
   */
  private void assign(Conflict c, List<Plan.LockAssignment> out) {
    String key = junitKey(c);
    if (c.writersRaceOnlyWithPartners()) {
      // Every writer races only with the tests that read (it starts threads, resets a thread-safe
      // counter): the writers may overlap each other, so they share the key (READ) and the
      // readers, reading writers included, hold it alone (READ_WRITE). Locking the writers
      // READ_WRITE would run dbcp2's 31 thread-starting tests one at a time for 5 thread counters.
      Set<TestId> readers = new TreeSet<>(c.readers());
      readers.addAll(c.readingWriters());
      for (TestId t : members(c)) {
        out.add(
            new Plan.LockAssignment(
                t.className(), t.methodName(), key, !readers.contains(t), null, 0));
      }
      return;
    }
    Set<TestId> writers = new TreeSet<>(c.writers());
    Set<String> writingClasses = new TreeSet<>();
    writers.forEach(w -> writingClasses.add(w.className()));
    Set<String> readingClasses = new TreeSet<>();
    for (TestId t : members(c)) {
      if (writingClasses.contains(t.className()) || !c.classWideReaders().contains(t.className())) {
        out.add(
            new Plan.LockAssignment(
                t.className(), t.methodName(), key, !writers.contains(t), null, 0));
      } else if (readingClasses.add(t.className())) {
        out.add(new Plan.LockAssignment(t.className(), null, key, true, null, 0));
      }
    }
  }

  /**
   * The lock for a finding whose definite conflict the scan does not list: every exposed test holds
   * the finding's key READ_WRITE.
   */
  private static void assign(Finding f, List<Plan.LockAssignment> out) {
    String key = Conflict.lockKey(f.resource(), f.key());
    for (TestId t : f.exposed()) {
      out.add(new Plan.LockAssignment(t.className(), t.methodName(), key, false, null, 0));
    }
  }

  /**
   * A key that every test of a class (its nested classes' tests too) holds READ_WRITE is held once
   * by the class. Its tests run one after another either way; held per method, the key is taken and
   * given back once per test, and each time JUnit's lock waits until every test holding it READ has
   * ended while the tests that want it READ queue behind the waiting writer (a read-write lock that
   * lets writers in): commons-vfs2's 14 Jira733Test methods, each {@code VFS.reset()} in its
   * {@code @BeforeEach}, emptied the 236 readers of {@code VFS.instance} 14 times, the longest
   * reader in flight (a first Mockito spy, 2 s on two loaded cores) deciding each wait. Held by the
   * class, the key is taken once, and the class order starts such a class before the readers take
   * the key.
   */
  List<Plan.LockAssignment> wholeClassWriters(List<Plan.LockAssignment> all) {
    Map<String, Set<String>> written = new HashMap<>();
    for (Plan.LockAssignment a : all) {
      if (a.methodName() != null && !a.readOnly()) {
        written
            .computeIfAbsent(a.key(), k -> new HashSet<>())
            .add(a.className() + "#" + a.methodName());
      }
    }
    Map<String, Boolean> wholeClass = new HashMap<>(); // class NUL key: held by all its tests
    for (Plan.LockAssignment a : all) {
      String cls = a.className();
      if (a.methodName() == null
          || a.readOnly()
          || wholeClass.containsKey(cls + "\u0000" + a.key())) {
        continue;
      }
      List<TestId> tests =
          testsByClass.getOrDefault(topLevel(cls), List.of()).stream()
              .filter(t -> t.className().equals(cls) || t.className().startsWith(cls + "$"))
              .toList();
      Set<String> holders = written.get(a.key());
      boolean whole =
          tests.size() > 1
              && tests.stream()
                  .allMatch(t -> holders.contains(t.className() + "#" + t.methodName()));
      wholeClass.put(cls + "\u0000" + a.key(), whole);
    }
    List<Plan.LockAssignment> out = new ArrayList<>();
    Set<String> added = new HashSet<>();
    for (Plan.LockAssignment a : all) {
      String holder = null;
      if (a.methodName() != null && !a.readOnly()) {
        for (String c = a.className(); holder == null; ) {
          if (wholeClass.getOrDefault(c + "\u0000" + a.key(), false)) {
            holder = c;
          }
          int dollar = c.lastIndexOf('$');
          if (dollar < 0) {
            break;
          }
          c = c.substring(0, dollar);
        }
      }
      if (holder == null) {
        out.add(a);
      } else if (added.add(holder + "\u0000" + a.key())) {
        out.add(new Plan.LockAssignment(holder, null, a.key(), false, a.file(), a.line()));
      }
    }
    return dedupe(out);
  }

  /**
   * The tests whose key for a locked conflict's resource is only a pattern the key matches ({@code
   * javax.management.ObjectName:*}: a name the scan could not follow through a {@code Properties}
   * handed to a factory) hold the key too: READ where they only read it or make writes that race
   * only with readers (a quiet registration), READ_WRITE otherwise. The scan counts them as
   * possible partners only, but in the plan's lane they run beside the key's holders, and
   * commons-dbcp2's {@code TestBasicDataSourceFactory#testAllProperties}, which registers and
   * unregisters the name its properties give, failed there (InstanceNotFoundException). JVM state
   * only: a file pattern ({@code ${test.basedir}/*}) says where a suite keeps its files, not which
   * file, and would make the tests of whole directories holders of every locked file in them.
   */
  private List<Plan.LockAssignment> patternPartners() {
    Map<String, List<Map.Entry<TestId, Access>>> byResource = new HashMap<>();
    for (Footprint f : scan.footprints()) {
      for (Access a : f.accesses()) {
        if (a.key().kind() == io.github.isolationaudit.model.Key.Kind.PATTERN) {
          byResource
              .computeIfAbsent(a.resourceName(), k -> new ArrayList<>())
              .add(Map.entry(f.test().id(), a));
        }
      }
    }
    List<Plan.LockAssignment> out = new ArrayList<>();
    for (Finding finding : scan.findings()) {
      Conflict c = finding.accepted() ? null : conflictOf(finding);
      if (c == null || !c.key().isExact() || c.reach() != Reach.JVM) {
        continue;
      }
      Set<TestId> members = new HashSet<>(members(c));
      Map<TestId, Boolean> writes = new TreeMap<>();
      for (Map.Entry<TestId, Access> e : byResource.getOrDefault(c.resourceName(), List.of())) {
        Access a = e.getValue();
        if (!members.contains(e.getKey()) && a.key().overlaps(c.key())) {
          boolean w = a.mode() == AccessMode.WRITE && !ObservedWrites.racesOnlyWithReaders(a);
          writes.merge(e.getKey(), w, Boolean::logicalOr);
        }
      }
      String key = junitKey(c);
      writes.forEach(
          (t, w) ->
              out.add(new Plan.LockAssignment(t.className(), t.methodName(), key, !w, null, 0)));
    }
    return out;
  }

  /** Makes the plan's own lock assignments the ones the parallel lane holds. */
  private void useAssignments(List<Plan.LockAssignment> assignments) {
    classReadKeys.clear();
    classWriteKeys.clear();
    classLocked.clear();
    planLocks.clear();
    for (Plan.LockAssignment a : assignments) {
      if (a.methodName() == null) {
        (a.readOnly() ? classReadKeys : classWriteKeys).add(a.key());
        classLocked.add(a.className());
      }
      for (TestId t : testsByClass.getOrDefault(topLevel(a.className()), List.of())) {
        if (t.className().equals(a.className())
            && (a.methodName() == null || a.methodName().equals(t.methodName()))) {
          planLocks
              .computeIfAbsent(t, k -> new TreeMap<>())
              .merge(a.key(), !a.readOnly(), Boolean::logicalOr);
        }
      }
    }
  }

  /** The isolated classes together run at most this share of the lane's predicted time. */
  private static final double ISOLATED_SHARE = 0.2;

  /**
   * Isolates short top-level classes that hold a key READ_WRITE: the GLOBAL lock, what
   * {@code @Isolated} holds. JUnit runs isolated classes after all the others, one after another
   * (junit-platform-engine's {@code ForkJoinPoolHierarchicalTestExecutorService.invokeAll} joins
   * the concurrent siblings first), so such a class costs its own time at the end of the run, on a
   * warm JVM. Holding the key instead, it waits each time for the readers in flight to end, and
   * every reader that comes later waits behind it (JUnit's read-write locks let a waiting writer in
   * first), which the prediction does not model: on commons-vfs2, Jira733Test (0.16 s of tests)
   * held {@code VFS.instance} from 3.5 s to 5.6 s of an 8 s run, and began only when a 2.8 s reader
   * in flight ended. A class is isolated where it is shorter than the longest reader of the key
   * (times measured: an estimate says nothing about which is shorter), shortest first, while the
   * isolated classes together take at most a fifth of the lane's predicted time: the end of a run
   * spent one class at a time is paid in full. A key none of whose writers keeps it is dropped from
   * its readers.
   */
  List<Plan.LockAssignment> isolateShortWriters(
      List<Plan.LockAssignment> all, List<String> parallelClasses) {
    Map<String, Double> longestReader = new HashMap<>();
    for (Plan.LockAssignment a : all) {
      if (a.readOnly()) {
        longestReader.merge(a.key(), assignmentSeconds(a), Math::max);
      }
    }
    Set<String> candidates = new TreeSet<>();
    for (Plan.LockAssignment a : all) {
      Double wait = longestReader.get(a.key());
      String top = topLevel(a.className());
      if (!a.readOnly()
          && wait != null
          && classSeconds(top) < wait
          && testsByClass.getOrDefault(top, List.of()).stream().allMatch(measuredTests::contains)) {
        candidates.add(top);
      }
    }
    if (candidates.isEmpty()) {
      return all;
    }
    double budget = ISOLATED_SHARE * predictParallel(all, parallelClasses);
    Set<String> chosen = new TreeSet<>();
    double spent = 0;
    for (String c :
        candidates.stream()
            .sorted(Comparator.comparingDouble(this::classSeconds).thenComparing(c -> c))
            .toList()) {
      if (spent + classSeconds(c) <= budget) {
        chosen.add(c);
        spent += classSeconds(c);
      }
    }
    return chosen.isEmpty() ? all : isolate(all, chosen);
  }

  /** A move apart must save at least this share of the predicted wall time. */
  private static final double APART_GAIN = 0.02;

  /**
   * Moves the test methods that hold a key of JVM state READ_WRITE into a JVM of their own, the
   * lane {@link #APART}, one test at a time, beside the parallel lane, where that makes the plan
   * faster. JVM state is a JVM's own: there the writers see none of the readers, and in the
   * parallel lane the readers hold the key no longer. A read-write lock held by a few short writers
   * amid hundreds of readers empties the lane each time a writer takes it (every reader in flight
   * must end, and the readers that come later queue behind the waiting writer): commons-dbcp2's 40
   * JMX observers ({@code testJmxDisabled} and seven others in each of five classes, under a second
   * together) against 376 tests that register {@code name=test} cost its plan a fifth of the naive
   * run's time.
   *
   * <p>A method moves only when every conflict it is in is on JVM state (files, ports and databases
   * are shared by both JVMs, and the two lanes run at the same time), its class is a top-level
   * JUnit Jupiter class whose methods all have measured times (the split is judged on them), and
   * the machine takes two JVMs at once, and not from a class that fixes its method order or shares
   * one instance among its methods ({@code @TestMethodOrder}, {@code @TestInstance(PER_CLASS)}): a
   * method there may need what the ones before it left. The writers of a key move all together or
   * not at all, keys with the longest readers first, each kept only where the simulated plan (the
   * parallel lane beside the lane apart, its JVM start counted) is at least {@link #APART_GAIN}
   * faster.
   */
  List<Plan.LockAssignment> moveWritersApart(
      List<Plan.LockAssignment> all, List<String> parallelClasses) {
    apart.clear();
    if (recommend(1).jvms() < 2 || parallelClasses.isEmpty()) {
      return all;
    }
    Set<String> jvmKeys = new HashSet<>();
    for (Finding finding : scan.findings()) {
      Conflict c = finding.accepted() ? null : conflictOf(finding);
      if (c != null && c.reach() == Reach.JVM) {
        jvmKeys.add(junitKey(c));
      }
    }
    Set<TestId> tiedToHost = tiedToHost();
    Map<TestId, io.github.isolationaudit.model.TestMethod> methods = testMethods();
    Set<String> parallelSet = new HashSet<>(parallelClasses);
    Map<String, List<TestId>> byDisplay = testsByName();
    // Per key: the writers to move (every overload of a writer's name with it), or null when one
    // of them cannot move.
    Map<String, Set<TestId>> writers = new TreeMap<>();
    Map<String, Double> readerSeconds = new HashMap<>();
    for (Plan.LockAssignment a : all) {
      if (!jvmKeys.contains(a.key())) {
        continue;
      }
      if (a.readOnly()) {
        readerSeconds.merge(a.key(), assignmentSeconds(a), Double::sum);
        continue;
      }
      if (writers.containsKey(a.key()) && writers.get(a.key()) == null) {
        continue;
      }
      Set<TestId> moving = writers.computeIfAbsent(a.key(), k -> new HashSet<>());
      String cls = a.className();
      List<TestId> same =
          a.methodName() == null
              ? List.of()
              : byDisplay.getOrDefault(cls + "#" + a.methodName(), List.of());
      boolean movable =
          !same.isEmpty()
              && same.stream().allMatch(t -> movable(t, parallelSet, tiedToHost, methods));
      if (movable) {
        moving.addAll(same);
      } else {
        writers.put(a.key(), null);
      }
    }
    List<String> keys =
        writers.entrySet().stream()
            .filter(e -> e.getValue() != null && readerSeconds.containsKey(e.getKey()))
            .map(Map.Entry::getKey)
            .sorted(
                Comparator.comparingDouble((String k) -> -readerSeconds.get(k))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (keys.isEmpty()) {
      return all;
    }
    return moveWhereWorth(all, keys.stream().map(writers::get).toList(), parallelClasses);
  }

  /**
   * Adds each group of tests to the lane {@link #APART} in turn where {@link #worthMoving} says the
   * prediction gains enough; returns the assignments the parallel lane keeps.
   */
  private List<Plan.LockAssignment> moveWhereWorth(
      List<Plan.LockAssignment> all, List<Set<TestId>> groups, List<String> parallelClasses) {
    Set<TestId> moved = new HashSet<>(apart);
    double best = predictWithApart(all, moved, parallelClasses);
    for (Set<TestId> group : groups) {
      Set<TestId> trial = new HashSet<>(moved);
      trial.addAll(group);
      double wall = predictWithApart(all, trial, parallelClasses);
      if (worthMoving(wall, best, moved.isEmpty())) {
        best = wall;
        moved = trial;
      }
    }
    apart.clear();
    apart.addAll(moved);
    return withoutApart(all, moved);
  }

  /**
   * Whether a test method may run apart from its class: a method of a top-level JUnit Jupiter class
   * in the parallel lane whose tests all have measured times, which hands no state from method to
   * method and writes nothing outside the JVM that a second instance of it would clash on ({@link
   * #writesTheHost}), in no conflict on a file, port or database.
   */
  private boolean movable(
      TestId t,
      Set<String> parallelClasses,
      Set<TestId> tiedToHost,
      Map<TestId, io.github.isolationaudit.model.TestMethod> methods) {
    String cls = t.className();
    io.github.isolationaudit.model.TestMethod m = methods.get(t);
    return m != null
        && cls.equals(topLevel(cls))
        && parallelClasses.contains(cls)
        && !writesTheHost().contains(cls)
        && testsByClass.get(cls).stream().allMatch(measuredTests::contains)
        && m.engine() == Engine.JUNIT_JUPITER
        && !m.sharesClassState()
        && !tiedToHost.contains(t);
  }

  /**
   * Catalog sinks whose tests observe something the whole JVM changes, which only running alone
   * keeps steady (the catalog's remedy): counting the live threads.
   */
  static final Set<String> WHOLE_JVM_OBSERVERS = Set.of("jdk.thread-count-read");

  /** The prediction may grow by this share at most for the writers of possible conflicts. */
  private static final double POSSIBLE_APART_COST = 0.005;

  /**
   * The lane apart takes at most this share of the predicted time with the writers of possible
   * conflicts: it must end well before the parallel lane also on a loaded machine, where its one
   * thread gets less than the prediction's worker.
   */
  private static final double POSSIBLE_APART_SHARE = 0.5;

  /**
   * Where the lane {@link #APART} exists, the writers of possible conflicts on JVM state join it
   * while that leaves the predicted time within {@link #POSSIBLE_APART_COST} of what it was: the
   * scan cannot say whether they race (a write to an entry of a map that hundreds of tests read
   * under a key it does not know), apart they cannot, and a JVM already started costs them only
   * their own time, one at a time beside the parallel lane. commons-dbcp2's {@code
   * testChangePassword} (TestSharedPoolDataSource and TestPerUserPoolDataSource) sets the test
   * driver's password of {@code foo} to {@code bay} and back; {@code
   * TestDriverAdapterCPDS#testDbcp367}'s 200 threads connecting as {@code foo} failed with "bar is
   * not the correct password for foo" in plan rounds. So do the tests that count the JVM's threads
   * ({@link #WHOLE_JVM_OBSERVERS}), whose partners the scan cannot all know: dbcp2's {@code
   * testCreateDataSourceCleanupThreads} failed once in a Maven run of the plan. Smallest first; the
   * writers of a conflict move together or not at all; the lane apart stays within {@link
   * #POSSIBLE_APART_SHARE} of the predicted time.
   */
  List<Plan.LockAssignment> movePossibleWritersApart(
      List<Plan.LockAssignment> all, List<String> parallelClasses) {
    if (apart.isEmpty()) {
      return all;
    }
    Set<TestId> tiedToHost = tiedToHost();
    Map<TestId, io.github.isolationaudit.model.TestMethod> methods = testMethods();
    Set<String> parallelSet = new HashSet<>(parallelClasses);
    Map<String, List<TestId>> byDisplay = testsByName();
    List<Set<TestId>> groups = new ArrayList<>();
    for (Conflict c : scan.conflicts()) {
      if (c.certainty() != Certainty.POSSIBLE || c.reach() != Reach.JVM) {
        continue;
      }
      Set<TestId> group = new HashSet<>();
      boolean ok = !c.writers().isEmpty();
      for (TestId w : c.writers()) {
        List<TestId> same = byDisplay.getOrDefault(w.display(), List.of());
        ok &=
            !same.isEmpty()
                && same.stream().allMatch(t -> movable(t, parallelSet, tiedToHost, methods));
        group.addAll(same);
      }
      if (ok && !apart.containsAll(group)) {
        groups.add(group);
      }
    }
    // The tests that count the JVM's threads: every thread anything starts meanwhile changes the
    // count, also the runner's own (JUnit's pool adds a worker for one that waits on a lock) and a
    // library's the scan does not read (commons-pool2's evictor timer).
    for (Footprint f : scan.footprints()) {
      if (f.accesses().stream().anyMatch(a -> WHOLE_JVM_OBSERVERS.contains(a.sinkId()))) {
        List<TestId> same = byDisplay.getOrDefault(f.test().id().display(), List.of());
        Set<TestId> group = new HashSet<>(same);
        if (!same.isEmpty()
            && same.stream().allMatch(t -> movable(t, parallelSet, tiedToHost, methods))
            && !apart.containsAll(group)
            && !groups.contains(group)) {
          groups.add(group);
        }
      }
    }
    if (groups.isEmpty()) {
      return all;
    }
    groups.sort(
        Comparator.comparingDouble((Set<TestId> g) -> g.stream().mapToDouble(this::seconds).sum()));
    Set<TestId> moved = new HashSet<>(apart);
    double before = predictWithApart(all, moved, parallelClasses);
    double limit = before * (1 + POSSIBLE_APART_COST);
    double room = before * POSSIBLE_APART_SHARE - moved.stream().mapToDouble(this::seconds).sum();
    for (Set<TestId> g : groups) {
      Set<TestId> trial = new HashSet<>(moved);
      trial.addAll(g);
      Set<TestId> had = moved;
      double added = g.stream().filter(t -> !had.contains(t)).mapToDouble(this::seconds).sum();
      if (added <= room && predictWithApart(all, trial, parallelClasses) <= limit) {
        moved = trial;
        room -= added;
      }
    }
    apart.clear();
    apart.addAll(moved);
    return withoutApart(all, moved);
  }

  /**
   * Moves the classes the plan isolates into the lane {@link #APART} instead, where that makes the
   * plan faster (as {@link #worthMoving} judges): JUnit runs isolated classes after all the others,
   * one at a time, so a long one is a tail of one test at a time (commons-dbcp2's {@code
   * TestPoolingDriver}, 3 s, its {@code testThreaded} alone for 2 to 3 s at the end of every
   * round), while apart it runs beside the parallel lane. A whole class moves, so what its methods
   * hand each other stays with them; only a top-level JUnit Jupiter class without nested classes,
   * in no conflict on a file, port or database, with measured times.
   */
  List<Plan.LockAssignment> moveIsolatedApart(
      List<Plan.LockAssignment> all, List<String> parallelClasses) {
    if (recommend(1).jvms() < 2 || parallelClasses.isEmpty()) {
      return all;
    }
    Set<TestId> tiedToHost = tiedToHost();
    Map<TestId, io.github.isolationaudit.model.TestMethod> methods = testMethods();
    List<String> isolated =
        all.stream()
            .filter(a -> a.methodName() == null && !a.readOnly() && a.key().equals(Schedule.GLOBAL))
            .map(Plan.LockAssignment::className)
            .filter(c -> c.equals(topLevel(c)) && parallelClasses.contains(c))
            .filter(
                c ->
                    testsByClass.getOrDefault(c, List.of()).stream()
                        .allMatch(
                            t ->
                                measuredTests.contains(t)
                                    && t.className().equals(c)
                                    && methods.get(t).engine() == Engine.JUNIT_JUPITER
                                    && !tiedToHost.contains(t)))
            .distinct()
            .sorted(
                Comparator.comparingDouble((String c) -> -classSeconds(c))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (isolated.isEmpty()) {
      return all;
    }
    return moveWhereWorth(
        all,
        isolated.stream().map(c -> (Set<TestId>) new HashSet<>(testsByClass.get(c))).toList(),
        parallelClasses);
  }

  /**
   * The locks of the tests the plan runs apart, and of their partners, which the parallel lane does
   * not need but the exports keep: the lanes are the plan's, and a build that applies the locks
   * provider (or the annotation edits) and runs everything in one JVM must still keep those tests
   * apart from their partners. In the plan's own lanes they cost nothing: the tests apart never run
   * in the parallel lane, which JUnit leaves without them, and a READ lock nobody there takes
   * READ_WRITE never waits. The keys the moved tests held, with every holder's lock.
   */
  private List<Plan.LockAssignment> keptForApart(
      List<Plan.LockAssignment> before, List<Plan.LockAssignment> held) {
    if (apart.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new HashSet<>();
    for (Plan.LockAssignment a : before) {
      if (holders(a).stream().anyMatch(apart::contains)) {
        keys.add(a.key());
      }
    }
    Set<Plan.LockAssignment> already = new HashSet<>(held);
    return before.stream().filter(a -> keys.contains(a.key()) && !already.contains(a)).toList();
  }

  /**
   * Whether a move apart pays: at least {@link #APART_GAIN} of the predicted time, and where it
   * makes the lane apart, at least its JVM's start too. The prediction charges a start to one
   * worker, but a starting JVM loads and compiles on every core it finds, beside the parallel
   * lane's own start (commons-dbcp2 on two cores: the parallel lane's first test 3 to 5 s after its
   * start with the lane apart starting too, 2 s without).
   */
  private boolean worthMoving(double wall, double best, boolean newLane) {
    return wall < best * (1 - APART_GAIN) - (newLane ? options.jvmStartSeconds() : 0);
  }

  /** The tests in a conflict on a file, port or database that counts: they stay on the host. */
  private Set<TestId> tiedToHost() {
    Set<TestId> tied = new HashSet<>();
    for (Conflict c : scan.conflicts()) {
      if (c.reach() != Reach.JVM && (c.certainty() == Certainty.DEFINITE || options.strict())) {
        tied.addAll(members(c));
      }
    }
    return tied;
  }

  private Set<String> writesTheHost;

  /**
   * The top-level classes some test of which writes a file or binds a port (any path or port), or
   * writes another resource outside the JVM under a key the scan knows: split between two JVMs,
   * such a class would run its once-per-class code in both at once ({@code @BeforeAll} starting a
   * server on a fixed port, {@code @AfterAll} deleting a directory), a race the plan would make. A
   * class that moves whole is not split.
   */
  private Set<String> writesTheHost() {
    if (writesTheHost == null) {
      writesTheHost = new HashSet<>();
      for (Footprint f : scan.footprints()) {
        for (Access a : f.accesses()) {
          if (a.mode() == AccessMode.WRITE
              && a.reach() != Reach.JVM
              && (a.resource() == io.github.isolationaudit.model.ResourceKind.FILE
                  || a.resource() == io.github.isolationaudit.model.ResourceKind.PORT
                  || a.key().isExact())) {
            writesTheHost.add(topLevel(f.test().id().className()));
          }
        }
      }
    }
    return writesTheHost;
  }

  /** Every test by its {@code a.b.C#method} name: the overloads and invocations of a method. */
  private Map<String, List<TestId>> testsByName() {
    Map<String, List<TestId>> byName = new HashMap<>();
    testsByClass
        .values()
        .forEach(
            ids ->
                ids.forEach(
                    t -> byName.computeIfAbsent(t.display(), k -> new ArrayList<>()).add(t)));
    return byName;
  }

  private Map<TestId, io.github.isolationaudit.model.TestMethod> testMethods() {
    Map<TestId, io.github.isolationaudit.model.TestMethod> methods = new HashMap<>();
    scan.footprints().forEach(f -> methods.put(f.test().id(), f.test()));
    return methods;
  }

  /**
   * The assignments the parallel lane keeps when these tests run apart: none of theirs (a class's
   * when all its tests moved), and no reader's of a key that none of the remaining tests writes.
   */
  /**
   * The tests an assignment holds a lock for: a class's own and its nested classes' tests, or a
   * method's (every overload and invocation).
   */
  private List<TestId> holders(Plan.LockAssignment a) {
    String cls = a.className();
    return testsByClass.getOrDefault(topLevel(cls), List.of()).stream()
        .filter(
            t ->
                a.methodName() == null
                    ? t.className().equals(cls) || t.className().startsWith(cls + "$")
                    : t.className().equals(cls) && a.methodName().equals(t.methodName()))
        .toList();
  }

  private List<Plan.LockAssignment> withoutApart(List<Plan.LockAssignment> all, Set<TestId> moved) {
    if (moved.isEmpty()) {
      return all;
    }
    List<Plan.LockAssignment> staying = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (Plan.LockAssignment a : all) {
      List<TestId> holders = holders(a);
      if (holders.isEmpty() || !moved.containsAll(holders)) {
        staying.add(a);
        if (!a.readOnly()) {
          written.add(a.key());
        }
      }
    }
    return staying.stream().filter(a -> !a.readOnly() || written.contains(a.key())).toList();
  }

  /**
   * The predicted wall time of the parallel lane beside the lane apart with these tests, or after
   * it where the build runs the lanes in turn ({@link PlanOptions#lanesInTurn()}).
   */
  private double predictWithApart(
      List<Plan.LockAssignment> all, Set<TestId> moved, List<String> parallelClasses) {
    apart.clear();
    apart.addAll(moved);
    useAssignments(withoutApart(all, moved));
    order();
    List<Plan.Lane> lanes = new ArrayList<>();
    lanes.add(lane("parallel", Plan.Mode.PARALLEL, Plan.Jvm.SHARED, parallelClasses, ""));
    if (!moved.isEmpty()) {
      lanes.add(apartLane());
    }
    double wall = 0;
    if (options.lanesInTurn()) {
      for (Plan.Lane l : lanes) {
        wall += Schedule.simulate(tasks(List.of(l), null, true), options.workers()).wallSeconds();
      }
    } else {
      wall = Schedule.simulate(tasks(lanes, null, true), options.workers()).wallSeconds();
    }
    apart.clear();
    return wall;
  }

  /** The lane of the tests the plan moved apart. */
  private Plan.Lane apartLane() {
    Set<String> classes = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    for (TestId t : apart) {
      classes.add(t.className());
      methods.add(methodSelector(t));
    }
    return lane(
        APART,
        Plan.Mode.SERIAL,
        Plan.Jvm.SHARED,
        List.copyOf(classes),
        "they write JVM state that many tests of the parallel lane read (or may read); in a"
            + " JVM of their own, one at a time beside it, they see none of those tests and keep"
            + " none of them waiting",
        List.copyOf(methods));
  }

  /** The simulated wall time of the parallel lane with these lock assignments. */
  private double predictParallel(List<Plan.LockAssignment> assignments, List<String> classes) {
    useAssignments(assignments);
    order();
    Plan.Lane lane = lane("parallel", Plan.Mode.PARALLEL, Plan.Jvm.SHARED, classes, "");
    return Schedule.simulate(tasks(List.of(lane), null, true), options.workers()).wallSeconds();
  }

  /** The assignments with these top-level classes isolated instead of holding their keys. */
  private List<Plan.LockAssignment> isolate(List<Plan.LockAssignment> all, Set<String> tops) {
    Set<String> kept = new HashSet<>();
    for (Plan.LockAssignment a : all) {
      if (!a.readOnly() && !tops.contains(topLevel(a.className()))) {
        kept.add(a.key());
      }
    }
    List<Plan.LockAssignment> out = new ArrayList<>();
    for (Plan.LockAssignment a : all) {
      if (!tops.contains(topLevel(a.className())) && (!a.readOnly() || kept.contains(a.key()))) {
        out.add(a);
      }
    }
    for (String top : tops) {
      out.add(new Plan.LockAssignment(top, null, Schedule.GLOBAL, false, null, 0));
    }
    return dedupe(out);
  }

  /** The time an assignment's holder runs: its class's tests, or its method's (overloads too). */
  private double assignmentSeconds(Plan.LockAssignment a) {
    double sum = 0;
    for (TestId t : testsByClass.getOrDefault(topLevel(a.className()), List.of())) {
      boolean inClass =
          t.className().equals(a.className()) || t.className().startsWith(a.className() + "$");
      if (inClass && (a.methodName() == null || a.methodName().equals(t.methodName()))) {
        sum += seconds(t);
      }
    }
    return sum;
  }

  /**
   * The conflict's one lock key, as the scan's edits name it ({@link Conflict#lockKey()}, or the
   * class's name its fields share).
   */
  String junitKey(Conflict c) {
    String shared = lockKeys.get(c);
    return shared != null ? shared : c.lockKey();
  }

  /** One assignment per test and key; READ_WRITE wins over READ. */
  private static List<Plan.LockAssignment> dedupe(List<Plan.LockAssignment> all) {
    Map<String, Plan.LockAssignment> byTestAndKey = new LinkedHashMap<>();
    for (Plan.LockAssignment a : all) {
      String k = a.className() + "#" + a.methodName() + "\u0000" + a.key();
      byTestAndKey.merge(k, a, (x, y) -> x.readOnly() ? y : x);
    }
    return new ArrayList<>(byTestAndKey.values());
  }

  private static boolean together(Set<String> separated, String a, String b) {
    return separated.contains(a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a);
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
