package io.github.isolationaudit.plan;

/**
 * What a plan is made for.
 *
 * @param workers the cores the plan may use; the parallel lane's JUnit parallelism
 * @param shards how many machines to split the suite over; 0 or 1 for none
 * @param strict whether possible conflicts (unknown keys, low confidence) separate tests too; by
 *     default only definite conflicts that nothing protects do
 * @param jvmStartSeconds what starting one more JVM costs, added to every own-JVM lane
 */
public record PlanOptions(int workers, int shards, boolean strict, double jvmStartSeconds) {

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
  }

  /** This machine's cores, no shards, definite conflicts only. */
  public static PlanOptions defaults() {
    return new PlanOptions(
        Runtime.getRuntime().availableProcessors(), 0, false, DEFAULT_JVM_START_SECONDS);
  }
}
