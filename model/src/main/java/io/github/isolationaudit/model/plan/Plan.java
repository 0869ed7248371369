package io.github.isolationaudit.model.plan;

import io.github.isolationaudit.model.Problem;
import java.util.List;
import java.util.Objects;

/**
 * An execution plan: which tests run in which lane, lanes ordered in stages, the wall time
 * predicted for a number of workers, and optionally shards for several machines.
 *
 * @param workers the workers (cores, or --workers) the prediction assumes
 * @param lanes every test in exactly one lane
 * @param stages run one after another; the lanes of one stage run at the same time, each in its own
 *     JVM
 * @param predicted the simulated schedule
 * @param lockCosts what each lock or lane constraint adds to the wall time, largest first
 * @param shards time-balanced parts for several machines; empty unless asked for
 * @param lockAssignments the locks that would let the serial lane's tests run in the parallel lane
 *     instead: what a generated {@code ResourceLocksProvider} or annotation edits encode
 * @param durations where test durations came from
 * @param problems bad report files, tests in reports that no longer exist
 * @param recommendation how many workers and JVMs the machine can take; null when not made
 * @param machine the cores and memory the plan was made for, measured or given; null when not known
 * @param classOrder every top-level test class in the order the plan runs them: the longest chain
 *     first (a class that holds a READ_WRITE lock counts the whole chain of classes that lock
 *     serializes), then the longest class; what a generated {@code ClassOrderer} encodes
 */
public record Plan(
    int workers,
    List<Lane> lanes,
    List<Stage> stages,
    Prediction predicted,
    List<LockCost> lockCosts,
    List<Shard> shards,
    List<LockAssignment> lockAssignments,
    DurationSource durations,
    List<Problem> problems,
    Recommendation recommendation,
    Machine machine,
    List<String> classOrder) {

  /** A plan without a class order: the runner's own order. */
  public Plan(
      int workers,
      List<Lane> lanes,
      List<Stage> stages,
      Prediction predicted,
      List<LockCost> lockCosts,
      List<Shard> shards,
      List<LockAssignment> lockAssignments,
      DurationSource durations,
      List<Problem> problems,
      Recommendation recommendation,
      Machine machine) {
    this(
        workers,
        lanes,
        stages,
        predicted,
        lockCosts,
        shards,
        lockAssignments,
        durations,
        problems,
        recommendation,
        machine,
        List.of());
  }

  /** A plan that does not say which machine it was made for. */
  public Plan(
      int workers,
      List<Lane> lanes,
      List<Stage> stages,
      Prediction predicted,
      List<LockCost> lockCosts,
      List<Shard> shards,
      List<LockAssignment> lockAssignments,
      DurationSource durations,
      List<Problem> problems,
      Recommendation recommendation) {
    this(
        workers,
        lanes,
        stages,
        predicted,
        lockCosts,
        shards,
        lockAssignments,
        durations,
        problems,
        recommendation,
        null,
        List.of());
  }

  /** A plan without a recommendation. */
  public Plan(
      int workers,
      List<Lane> lanes,
      List<Stage> stages,
      Prediction predicted,
      List<LockCost> lockCosts,
      List<Shard> shards,
      List<LockAssignment> lockAssignments,
      DurationSource durations,
      List<Problem> problems) {
    this(
        workers,
        lanes,
        stages,
        predicted,
        lockCosts,
        shards,
        lockAssignments,
        durations,
        problems,
        null,
        null,
        List.of());
  }

  public Plan {
    lanes = List.copyOf(lanes);
    stages = List.copyOf(stages);
    Objects.requireNonNull(predicted, "predicted");
    lockCosts = List.copyOf(lockCosts);
    shards = List.copyOf(shards);
    lockAssignments = List.copyOf(lockAssignments);
    Objects.requireNonNull(durations, "durations");
    problems = List.copyOf(problems);
    classOrder = List.copyOf(classOrder);
  }

  /** How a lane runs its tests. */
  public enum Mode {
    /** JUnit's parallel execution on, the lane's locks honoured by the engine. */
    PARALLEL,
    /** One test at a time. */
    SERIAL
  }

  /** Whether a lane shares a JVM invocation with nothing else or is the only thing in its JVM. */
  public enum Jvm {
    SHARED,
    OWN
  }

  /**
   * One JVM invocation of the runner.
   *
   * @param name stable, unique: {@code parallel}, {@code serial}, {@code own-jvm-1}, ...
   * @param locks JUnit lock keys that the tests in it hold (from their markers), in JUnit's own key
   *     strings
   * @param classes the test classes it selects, sorted
   * @param tests the test ids it holds, sorted
   * @param seconds the sum of its tests' durations
   * @param reason why these tests are here
   * @param methods empty when the lane runs its classes whole; else the only test methods it runs,
   *     each {@code a.b.C#method} (a top-level class, every overload and invocation of the method),
   *     sorted: the other lanes that list the class leave these methods out
   */
  public record Lane(
      String name,
      Mode mode,
      Jvm jvm,
      List<String> locks,
      List<String> classes,
      List<String> tests,
      double seconds,
      String reason,
      List<String> methods) {
    public Lane {
      locks = List.copyOf(locks);
      classes = List.copyOf(classes);
      tests = List.copyOf(tests);
      methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** A lane that runs its classes whole. */
    public Lane(
        String name,
        Mode mode,
        Jvm jvm,
        List<String> locks,
        List<String> classes,
        List<String> tests,
        double seconds,
        String reason) {
      this(name, mode, jvm, locks, classes, tests, seconds, reason, List.of());
    }
  }

  /**
   * The test methods ({@code a.b.C#method}) of a lane's classes that other lanes run instead: what
   * the lane leaves out when it selects its classes. Empty for a lane that selects methods itself.
   */
  public List<String> methodsRunElsewhere(Lane lane) {
    if (!lane.methods().isEmpty()) {
      return List.of();
    }
    java.util.Set<String> classes = new java.util.HashSet<>(lane.classes());
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Lane other : lanes) {
      if (other != lane) {
        for (String m : other.methods()) {
          if (classes.contains(m.substring(0, m.indexOf('#')))) {
            out.add(m);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Lanes that may run at the same time, each in its own JVM. */
  public record Stage(List<String> lanes, double predictedSeconds) {
    public Stage {
      lanes = List.copyOf(lanes);
    }
  }

  /**
   * The simulated schedule.
   *
   * @param wallSeconds predicted wall time on the workers
   * @param lowerBoundSeconds no schedule can beat it: the larger of total/workers and the longest
   *     chain that must run one test at a time
   * @param serialSeconds everything one after another
   * @param speedup serial over wall
   * @param utilization busy worker time over workers times wall
   * @param naiveParallelSeconds the same simulation with every test in one parallel lane and no
   *     locks: fast, but racy
   * @param jvmStarts the test JVMs the plan starts: one per lane, one per class in a lane that
   *     takes a new JVM for each class
   * @param jvmStartSeconds what the prediction charges each JVM start (start and test discovery),
   *     on one worker, before the JVM runs a test; the naive run pays it once
   * @param lanesInTurnSeconds the same plan with every lane after the previous one, as Maven runs
   *     the {@code surefire} export's executions: {@code wallSeconds} needs the lanes of a stage
   *     started side by side (separate processes or CI jobs)
   */
  public record Prediction(
      double wallSeconds,
      double lowerBoundSeconds,
      double serialSeconds,
      double speedup,
      double utilization,
      double naiveParallelSeconds,
      int jvmStarts,
      double jvmStartSeconds,
      double lanesInTurnSeconds) {

    /** A prediction whose lanes are one a stage, or whose lanes in turn are not known. */
    public Prediction(
        double wallSeconds,
        double lowerBoundSeconds,
        double serialSeconds,
        double speedup,
        double utilization,
        double naiveParallelSeconds,
        int jvmStarts,
        double jvmStartSeconds) {
      this(
          wallSeconds,
          lowerBoundSeconds,
          serialSeconds,
          speedup,
          utilization,
          naiveParallelSeconds,
          jvmStarts,
          jvmStartSeconds,
          wallSeconds);
    }

    /** A prediction that does not count JVM starts. */
    public Prediction(
        double wallSeconds,
        double lowerBoundSeconds,
        double serialSeconds,
        double speedup,
        double utilization,
        double naiveParallelSeconds) {
      this(
          wallSeconds,
          lowerBoundSeconds,
          serialSeconds,
          speedup,
          utilization,
          naiveParallelSeconds,
          0,
          0);
    }
  }

  /** What a lock key or lane constraint costs: the wall time it adds over the plan without it. */
  public record LockCost(String lock, int tests, double seconds) {}

  /**
   * A part of the suite for one machine.
   *
   * @param index 1-based
   * @param classes the test classes, sorted
   * @param seconds the sum of their durations
   * @param surefireTest the {@code -Dtest=} value that selects them
   * @param launcherArgs the console launcher's {@code --select-class} arguments
   */
  public record Shard(
      int index,
      List<String> classes,
      double seconds,
      String surefireTest,
      List<String> launcherArgs) {
    public Shard {
      classes = List.copyOf(classes);
      launcherArgs = List.copyOf(launcherArgs);
    }
  }

  /**
   * One lock a test needs so that it can run in the parallel lane beside its partners.
   *
   * @param className the test class (binary name)
   * @param methodName the test method, or null when every test of the class holds it
   * @param key a JUnit key ({@code java.lang.System.properties}) where the resource has one, else
   *     {@code isolation-audit:RESOURCE:key}
   * @param readOnly READ rather than READ_WRITE: the test only reads the resource
   * @param file the source file, or null without sources
   * @param line the line of the method or class declaration, or 0
   */
  public record LockAssignment(
      String className, String methodName, String key, boolean readOnly, String file, int line) {}

  /**
   * How many workers and JVMs to run at once on this machine.
   *
   * @param cores the machine's cores
   * @param memoryMb the machine's physical memory
   * @param heapPerJvmMb the heap each test JVM gets: {@code -Xmx} from the build's argLine, else
   *     the JVM's default (a quarter of the memory)
   * @param workers JUnit's parallelism for the parallel lane
   * @param jvms how many test JVMs can run at once without swapping: memory over what one JVM takes
   *     (its heap, a quarter more for metaspace, stacks and code, and 256 MB), at most one per core
   * @param reason the figures it rests on, in words
   */
  public record Recommendation(
      int cores, long memoryMb, long heapPerJvmMb, int workers, int jvms, String reason) {}

  /**
   * Where the durations came from.
   *
   * @param files report files read
   * @param measured tests with a duration from history
   * @param estimated tests without history, given the estimate
   * @param estimateSeconds the duration assumed for a test without history
   */
  public record DurationSource(
      List<String> files, int measured, int estimated, double estimateSeconds) {
    public DurationSource {
      files = List.copyOf(files);
    }
  }
}
