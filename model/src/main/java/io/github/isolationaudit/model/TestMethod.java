package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * One test method as an engine runs it.
 *
 * @param multipleInvocations whether one run executes it more than once (parameterized, repeated,
 *     factories, TestNG data providers), so that its invocations can conflict with each other
 * @param sharesClassState whether its class runs its methods in an order it fixes or on one
 *     instance for all of them (JUnit Jupiter's {@code @TestMethodOrder},
 *     {@code @TestInstance(PER_CLASS)}): a method may then depend on what the ones before it left,
 *     and must not run without them
 */
public record TestMethod(
    TestId id,
    Engine engine,
    TestKind kind,
    boolean multipleInvocations,
    boolean disabled,
    boolean sharesClassState) {

  public TestMethod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(kind, "kind");
  }

  /** A test method whose class keeps no state from one method to the next that we know of. */
  public TestMethod(
      TestId id, Engine engine, TestKind kind, boolean multipleInvocations, boolean disabled) {
    this(id, engine, kind, multipleInvocations, disabled, false);
  }
}
