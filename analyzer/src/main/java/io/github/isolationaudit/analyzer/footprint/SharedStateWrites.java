package io.github.isolationaudit.analyzer.footprint;

/**
 * Which changes of a thread-safe object held by a static field race only weakly. Thread safety
 * prevents torn data, not one test seeing another's entries, so a {@code put}, {@code clear} or
 * {@code set} is a definite write. A counter that hands out ids is no exception to that: each test
 * draws a value of its own, so draws race only with the tests that read the counter's value (assert
 * its exact value after a reset), as every thread-safe write races only with readers.
 */
final class SharedStateWrites {
  private SharedStateWrites() {}

  /** Whether calling this mutator on a thread-safe counter draws the next value. */
  static boolean drawsFromCounter(String mutator) {
    return io.github.isolationaudit.analyzer.program.CounterDraws.draws(mutator);
  }
}
