package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * One test method as an engine runs it.
 *
 * @param multipleInvocations whether one run executes it more than once (parameterized, repeated,
 *     factories, TestNG data providers), so that its invocations can conflict with each other
 */
public record TestMethod(
    TestId id, Engine engine, TestKind kind, boolean multipleInvocations, boolean disabled) {

  public TestMethod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(kind, "kind");
  }
}
