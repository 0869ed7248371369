package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.TestId;
import java.util.Set;

/**
 * A marker and the tests it applies to: a method-level marker its test, a class-level one every
 * test run in that class, its subclasses (for inherited annotation types) and its @Nested classes.
 *
 * @param depth how far out it sits: class-level markers of outer and super classes first, so
 *     removals are judged outer before inner
 */
public record MarkerScope(Marker marker, Set<TestId> tests, int depth) {
  public MarkerScope {
    tests = Set.copyOf(tests);
  }
}
