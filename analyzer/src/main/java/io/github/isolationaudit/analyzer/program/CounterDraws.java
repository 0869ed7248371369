package io.github.isolationaudit.analyzer.program;

import java.util.Set;

/**
 * The calls that draw the next value from a thread-safe counter ({@code incrementAndGet} and its
 * kind): each caller gets a value of its own, so a draw races only with tests that read the
 * counter's value, never with other draws.
 */
public final class CounterDraws {
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

  private CounterDraws() {}

  /** Whether calling this method on a thread-safe counter draws its next value. */
  public static boolean draws(String method) {
    return DRAWS.contains(method);
  }
}
