package io.github.isolationaudit.plan.history;

import java.time.Instant;
import java.util.Objects;

/**
 * How long one test method took in the newest build report that mentions it. All invocations of a
 * parameterized, repeated or templated method (and all overloads of one name) are rolled up into
 * one duration: their seconds are added and counted.
 *
 * @param className binary name of the class the test ran in, {@code $} for nested classes
 * @param methodName the Java method name, without parameters, invocation index or display name
 * @param seconds the summed time of all invocations, zero or more
 * @param invocations how many report entries were added up, at least one
 * @param when when the test ran: the report's own timestamp where it has one, otherwise the time
 *     the report file was last modified
 * @param source the report file the duration was read from
 */
public record TestDuration(
    String className,
    String methodName,
    double seconds,
    int invocations,
    Instant when,
    String source) {

  public TestDuration {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(source, "source");
    if (className.isEmpty() || methodName.isEmpty()) {
      throw new IllegalArgumentException("empty class or method name");
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be finite and not negative: " + seconds);
    }
    if (invocations < 1) {
      throw new IllegalArgumentException("invocations must be at least 1: " + invocations);
    }
  }

  /** The human form, {@code com.example.FooTest#bar}, as in {@code TestId.display()}. */
  public String display() {
    return className + "#" + methodName;
  }
}
