package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.model.TestMethod;
import java.util.List;

/**
 * A concrete class that runs tests, with what runs around every test and the tests themselves.
 *
 * @param lifecycle constructors, static initializers, before/after methods, rules and extensions:
 *     each runs around every test of the class
 */
public record TestClass(ClassInfo type, List<Root> lifecycle, List<FoundTest> tests) {

  public TestClass {
    lifecycle = List.copyOf(lifecycle);
    tests = List.copyOf(tests);
  }

  /**
   * A method the analysis starts from.
   *
   * @param context the concrete class whose object {@code this} is in the method
   * @param oncePerClass whether it runs once for the whole class (a static initializer,
   *     {@code @BeforeAll}, {@code @AfterClass} ...) rather than around each test
   */
  public record Root(MethodInfo method, String context, boolean oncePerClass) {}

  /** A test and the method that implements it. */
  public record FoundTest(TestMethod test, MethodInfo method) {}
}
