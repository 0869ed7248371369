package io.github.isolationaudit.model;

/** What a marker does to how tests are scheduled or isolated; closed, unlike the catalog. */
public enum MarkerEffect {
  /** Global exclusive: nothing else runs at the same time ({@code @Isolated}). */
  ISOLATES,
  /** Holds resource locks ({@code @ResourceLock}, junit-pioneer's {@code @Writes*} ...). */
  LOCKS,
  /** Runs a class's methods on one thread; does not protect from other classes. */
  SAME_THREAD,
  /** Asks for concurrent execution ({@code @Execution(CONCURRENT)}). */
  CONCURRENT,
  /** A tag, category or group that a build may run apart from the rest. */
  SERIAL_GROUP,
  /** Restores the named resource after the test (junit-pioneer restore annotations). */
  RESTORES,
  /** Gives the test a JVM of its own (build configuration). */
  FORK,
  /** Fixes the order of a class's methods, and so runs them on one thread. */
  ORDERS,
  /** Makes a fresh application context (Spring {@code @DirtiesContext}): isolation, at a cost. */
  FRESH_CONTEXT,
  /** Recognised, but the engine in use ignores it (JUnit 4's {@code @NotThreadSafe} on Jupiter). */
  IGNORED
}
