package io.github.isolationaudit.plan;

import io.github.isolationaudit.model.plan.Machine;
import java.util.Objects;

/**
 * What a plan is made for.
 *
 * @param workers the cores the plan may use; the parallel lane's JUnit parallelism
 * @param shards how many machines to split the suite over; 0 or 1 for none
 * @param strict whether possible conflicts (unknown keys, low confidence) separate tests too; by
 *     default only definite conflicts that nothing protects do
 * @param jvmStartSeconds what starting a test JVM and discovering its tests costs, charged once per
 *     JVM the plan starts
 * @param machine the cores and memory the recommendation is made for: this machine's, or what the
 *     user gave to get the same plan anywhere
 * @param locks whether tests in unprotected conflicts run in the parallel lane's JVM under the
 *     plan's lock assignments (which the {@code locks-provider} export declares; a one-line source
 *     edit), rather than in serial lanes of JVMs of their own (no source edit)
 * @param lanesInTurn whether the build runs the plan's lanes one after another (one {@code mvn
 *     test} with the {@code surefire} export) rather than the lanes of a stage side by side: a test
 *     then moves apart only where that pays with the lanes in turn
 */
public record PlanOptions(
    int workers,
    int shards,
    boolean strict,
    double jvmStartSeconds,
    Machine machine,
    boolean locks,
    boolean lanesInTurn) {

  /** What starting a JVM with a test runner costs when nothing better is known. */
  public static final double DEFAULT_JVM_START_SECONDS = 1.0;

  public PlanOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    if (shards < 0) {
      throw new IllegalArgumentException("shards must not be negative, not " + shards);
    }
    if (jvmStartSeconds < 0) {
      throw new IllegalArgumentException("jvmStartSeconds must not be negative");
    }
    Objects.requireNonNull(machine, "machine");
  }

  /** Options whose plan runs conflicting tests under locks in the parallel lane. */
  public PlanOptions(
      int workers, int shards, boolean strict, double jvmStartSeconds, Machine machine) {
    this(workers, shards, strict, jvmStartSeconds, machine, true, false);
  }

  /** Options for a build that starts the lanes of a stage side by side. */
  public PlanOptions(
      int workers,
      int shards,
      boolean strict,
      double jvmStartSeconds,
      Machine machine,
      boolean locks) {
    this(workers, shards, strict, jvmStartSeconds, machine, locks, false);
  }

  /** The same options with or without locks in the parallel lane. */
  public PlanOptions withLocks(boolean locks) {
    return new PlanOptions(workers, shards, strict, jvmStartSeconds, machine, locks, lanesInTurn);
  }

  /** The same options for a build that runs the lanes one after another, or side by side. */
  public PlanOptions withLanesInTurn(boolean inTurn) {
    return new PlanOptions(workers, shards, strict, jvmStartSeconds, machine, locks, inTurn);
  }

  /** Options for this machine, as measured. */
  public PlanOptions(int workers, int shards, boolean strict, double jvmStartSeconds) {
    this(workers, shards, strict, jvmStartSeconds, measuredMachine());
  }

  /** This machine's cores, no shards, definite conflicts only. */
  public static PlanOptions defaults() {
    Machine machine = measuredMachine();
    return new PlanOptions(machine.cores(), 0, false, DEFAULT_JVM_START_SECONDS, machine);
  }

  /** The cores and memory of the machine this runs on. */
  public static Machine measuredMachine() {
    long memoryMb;
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      memoryMb = sun.getTotalMemorySize() / (1024 * 1024);
    } else {
      memoryMb = Runtime.getRuntime().maxMemory() * 4 / (1024 * 1024);
    }
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Math.max(1, memoryMb),
        Machine.Source.MEASURED,
        Machine.Source.MEASURED);
  }
}
