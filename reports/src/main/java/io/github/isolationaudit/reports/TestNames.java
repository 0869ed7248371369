package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The names for every test the result mentions: in footprints, conflicts, marker verdicts and
   * findings, and the methods markers sit on.
   */
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
    for (MarkerVerdict verdict : result.markers()) {
      ids.addAll(verdict.partners());
      methodOf(verdict.marker()).ifPresent(ids::add);
    }
    for (Finding finding : result.findings()) {
      ids.addAll(finding.tests());
      if (finding.marker() != null) {
        methodOf(finding.marker()).ifPresent(ids::add);
      }
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

  /**
   * Where a marker sits: {@code com.example.FooTest} for a class-level marker, else the method in
   * the same form as a test's name, {@code com.example.FooTest#bar}.
   */
  String target(Marker marker) {
    if (marker.onClass()) {
      return marker.className();
    }
    return methodOf(marker).map(this::name).orElse(marker.className() + "#" + marker.methodName());
  }

  /**
   * The method a marker sits on as a test id, when its descriptor is known; without one it cannot
   * take part in telling overloads apart.
   */
  private static Optional<TestId> methodOf(Marker marker) {
    if (marker.onClass() || marker.descriptor().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TestId(
            marker.className(), marker.methodName(), marker.descriptor(), marker.className()));
  }

  /** The name within its class, {@code #bar} or {@code #bar(int)}. */
  String memberName(TestId id) {
    return name(id).substring(id.className().length());
  }
}
