package io.github.isolationaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * A conflict that nothing protects (UNPROTECTED), or that a marker sits on but does not cover
 * (INSUFFICIENT).
 *
 * @param tests the tests in conflict, sorted (writers first in the reason)
 * @param testCount how many tests take part (tests lists at most a sample for large groups)
 * @param marker for INSUFFICIENT, the marker that falls short; else null
 * @param live whether the project's configuration runs these tests in parallel today (a live race)
 *     or not (a trap for when it does)
 */
public record Finding(
    Kind kind,
    ResourceKind resource,
    String customKind,
    Key key,
    List<TestId> tests,
    int testCount,
    Marker marker,
    boolean live,
    String reason,
    String recommendation) {

  /** The kinds of finding that no marker verdict covers. */
  public enum Kind {
    UNPROTECTED,
    INSUFFICIENT
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(customKind, "customKind");
    Objects.requireNonNull(key, "key");
    tests = List.copyOf(tests);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(recommendation, "recommendation");
  }
}
