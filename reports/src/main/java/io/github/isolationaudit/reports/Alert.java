package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Acceptance;
import java.util.List;
import java.util.Objects;

/**
 * One thing a report asks someone to look at, under a {@link ReportRule}: a finding, or a marker
 * verdict that asks for an edit. Code scanning shows it as an alert, a baseline records it by its
 * fingerprint, and the gate counts it.
 *
 * @param fingerprint a stable hash of the rule, resource, key and tests (or the marker and where it
 *     sits), never of a line: moving code keeps it, a new test joining the conflict changes it
 * @param label a short human name: {@code SYSTEM_PROPERTY shop.currency: a.FooTest#x, a.BarTest#y}
 * @param file where it is, relative to the project root ({@code src/test/java/a/FooTest.java}) when
 *     the source was found in the project, else relative to a source root
 * @param located whether {@code file} is the project-relative path of a file found in the project
 * @param line 1-based, 0 when not known
 * @param acceptance why the project accepts it, or null
 * @param live for a finding, whether the tests race today (the project runs tests in parallel)
 * @param tests the tests it names
 * @param resource the resource kind (or custom kind) of a finding, else empty
 * @param key the key of a finding, else empty
 * @param marker the marker of a verdict or of an INSUFFICIENT finding ({@code @Isolated on
 *     a.FooTest}), else empty
 */
public record Alert(
    ReportRule rule,
    RuleLevel level,
    String fingerprint,
    String label,
    String message,
    String file,
    boolean located,
    int line,
    Acceptance acceptance,
    boolean live,
    List<String> tests,
    String resource,
    String key,
    String marker,
    List<io.github.isolationaudit.model.Edit> edits) {

  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    tests = List.copyOf(tests);
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(marker, "marker");
    edits = edits == null ? List.of() : List.copyOf(edits);
    if (level == RuleLevel.OFF) {
      throw new IllegalArgumentException("a rule that is off raises no alert");
    }
  }

  /** Whether the project accepts it. */
  public boolean accepted() {
    return acceptance != null;
  }

  /**
   * Whether it was accepted next to the code (a comment or {@code @SuppressWarnings}) rather than
   * in the configuration file.
   */
  public boolean acceptedInSource() {
    if (acceptance == null) {
      return false;
    }
    String place = acceptance.acceptedBy();
    int colon = place.lastIndexOf(':');
    return (colon < 0 ? place : place.substring(0, colon)).endsWith(".java");
  }
}
