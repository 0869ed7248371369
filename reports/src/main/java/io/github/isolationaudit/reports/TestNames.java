package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names reports give tests: {@code com.example.FooTest#bar}, with the parameter types added
 * only when another test of the same class would otherwise get the same name (overloads).
 */
final class TestNames {

  private final Set<String> ambiguous;
  private final Map<TestId, String> cache = new HashMap<>();

  private TestNames(Set<String> ambiguous) {
    this.ambiguous = ambiguous;
  }

  /** The names for every test the result mentions, in footprints or in conflicts. */
  static TestNames of(ScanResult result) {
    Set<TestId> ids = new HashSet<>();
    for (Footprint footprint : result.footprints()) {
      ids.add(footprint.test().id());
    }
    for (Conflict conflict : result.conflicts()) {
      ids.addAll(conflict.writers());
      ids.addAll(conflict.readers());
      ids.addAll(conflict.possibleReadersSample());
    }
    Map<String, TestId> firstByDisplay = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (TestId id : ids) {
      TestId other = firstByDisplay.putIfAbsent(id.display(), id);
      // The same method seen twice (an inherited test under another declaring class) is no
      // overload; only a different descriptor needs the parameter types to tell them apart.
      if (other != null && !other.descriptor().equals(id.descriptor())) {
        ambiguous.add(id.display());
      }
    }
    return new TestNames(ambiguous);
  }

  /** The full name, {@code com.example.FooTest#bar} or {@code com.example.FooTest#bar(int)}. */
  String name(TestId id) {
    return cache.computeIfAbsent(
        id, t -> ambiguous.contains(t.display()) ? t.displayWithParameters() : t.display());
  }

  /** The name within its class, {@code #bar} or {@code #bar(int)}. */
  String memberName(TestId id) {
    return name(id).substring(id.className().length());
  }
}
