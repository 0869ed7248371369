package io.github.isolationaudit.analyzer.footprint;

import java.util.Set;

/**
 * Which changes of a thread-safe object held by a static field race only weakly. Thread safety
 * prevents torn data, not one test seeing another's entries, so a {@code put}, {@code clear} or
 * {@code set} is a definite write. A counter that hands out ids is the exception: each test draws a
 * value of its own, and no test sees another's draw unless it asserts the counter's exact value.
 */
final class SharedStateWrites {
  private static final Set<String> DRAWS =
      Set.of(
          "incrementAndGet",
          "getAndIncrement",
          "decrementAndGet",
          "getAndDecrement",
          "addAndGet",
          "getAndAdd",
          "increment",
          "decrement");

  private SharedStateWrites() {}

  /** Whether calling this mutator on a thread-safe counter only draws the next value. */
  static boolean drawsFromCounter(String mutator) {
    return DRAWS.contains(mutator);
  }
}
