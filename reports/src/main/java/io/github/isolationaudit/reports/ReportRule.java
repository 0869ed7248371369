package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a report raises alerts under: one per finding kind and per marker verdict that asks for
 * an edit. Their ids are API, shared by SARIF ({@code ruleId}), baselines, {@code --rule} and the
 * configuration file's {@code severity}; a rename keeps the old id as an alias.
 *
 * <p>A REQUIRED marker asks for nothing, so it has no rule.
 */
public enum ReportRule {
  UNPROTECTED_CONFLICT(
      "unprotected-conflict",
      "UnprotectedConflict",
      RuleLevel.ERROR,
      "Tests that conflict on a shared resource and nothing keeps apart.",
      "Two or more tests access the same resource key (a System property, a file, a port, a static"
          + " field, a JVM default ...), at least one of them writes it, and no marker, lock or"
          + " execution setting keeps them from running at the same time. Under parallel test"
          + " execution they race: the result depends on timing.",
      "Make the access per test where a mechanical fix exists (a fixed path becomes a @TempDir, a"
          + " fixed port becomes port 0, a static field of the test class an instance field);"
          + " otherwise give every test of the group the same @ResourceLock on the resource's key"
          + " (READ_WRITE for the writers), or accept the finding with a reason.",
      List.of("isolation", "concurrency", "flaky-test", "correctness")),
  INSUFFICIENT_MARKER(
      "insufficient-marker",
      "InsufficientMarker",
      RuleLevel.ERROR,
      "An isolation marker that sits on a conflict but does not cover it.",
      "A marker is meant to keep these tests apart but does not: @Execution(SAME_THREAD) against a"
          + " test of another class, a READ lock on a write, a lock the partner test does not hold,"
          + " or @Isolated against a file or port race between forked JVMs.",
      "Use the lock or fix the recommendation names, so that every test of the conflict holds a"
          + " lock on the same key, at least one of them READ_WRITE.",
      List.of("isolation", "concurrency", "flaky-test", "correctness")),
  MARKER_FIXABLE(
      "marker-fixable",
      "MarkerFixable",
      RuleLevel.WARNING,
      "An isolation marker that protects a conflict a mechanical fix can remove.",
      "The marker keeps a real conflict apart, but every conflicting access can be made per test"
          + " (a fixed path, a fixed port, a static field of the test class). After the fix the"
          + " marker can go and the tests run in parallel.",
      "Apply the fix the recommendation names at the line it names, then remove the marker.",
      List.of("isolation", "performance", "maintainability")),
  MARKER_DEFENSIVE(
      "marker-defensive",
      "MarkerDefensive",
      RuleLevel.NOTE,
      "An isolation marker that protects nothing.",
      "Nothing in the marker's scope conflicts with another test, or the tests never overlap"
          + " anyway, so the marker only serialises the suite. Confidence is lowered where the"
          + " analysis was incomplete (reflection, unresolved calls, unknown keys).",
      "Remove the marker, or accept it with the reason it is needed.",
      List.of("isolation", "performance", "maintainability")),
  MARKER_LEGACY(
      "marker-legacy",
      "MarkerLegacy",
      RuleLevel.NOTE,
      "An isolation marker that is stale or dead.",
      "The engine ignores the marker, it sits on no running test, it names a resource its tests no"
          + " longer touch, the build runs its tag with the rest, or an enclosing marker already"
          + " covers it.",
      "Remove the marker.",
      List.of("isolation", "maintainability"));

  private final String id;
  private final String ruleName;
  private final RuleLevel defaultLevel;
  private final String shortDescription;
  private final String fullDescription;
  private final String remedy;
  private final List<String> tags;

  ReportRule(
      String id,
      String ruleName,
      RuleLevel defaultLevel,
      String shortDescription,
      String fullDescription,
      String remedy,
      List<String> tags) {
    this.id = id;
    this.ruleName = ruleName;
    this.defaultLevel = defaultLevel;
    this.shortDescription = shortDescription;
    this.fullDescription = fullDescription;
    this.remedy = remedy;
    this.tags = List.copyOf(tags);
  }

  /** The stable id, {@code unprotected-conflict}. */
  public String id() {
    return id;
  }

  /** The rule's name in SARIF's PascalCase form, {@code UnprotectedConflict}. */
  public String ruleName() {
    return ruleName;
  }

  /** The level of its alerts unless the project configures another. */
  public RuleLevel defaultLevel() {
    return defaultLevel;
  }

  /** One sentence. */
  public String shortDescription() {
    return shortDescription;
  }

  /** What the rule finds and why it matters. */
  public String fullDescription() {
    return fullDescription;
  }

  /** What to do about an alert. */
  public String remedy() {
    return remedy;
  }

  /** Help as plain text: the description and the remedy. */
  public String helpText() {
    return fullDescription + "\n\n" + remedy;
  }

  /** Help as Markdown. */
  public String helpMarkdown() {
    return "**"
        + shortDescription
        + "**\n\n"
        + fullDescription
        + "\n\n**What to do:** "
        + remedy
        + "\n\nTurn the rule off or change its level with `--rule "
        + id
        + "=off|error|warning|note` or `severity: {"
        + id
        + ": warning}` in `.isolation-audit.yaml`.";
  }

  /** Tags for code scanning's filters. */
  public List<String> tags() {
    return tags;
  }

  /** The rule a finding is raised under. */
  public static ReportRule of(Finding finding) {
    return switch (finding.kind()) {
      case UNPROTECTED -> UNPROTECTED_CONFLICT;
      case INSUFFICIENT -> INSUFFICIENT_MARKER;
    };
  }

  /** The rule a marker verdict is raised under; none for a REQUIRED marker, which asks nothing. */
  public static Optional<ReportRule> of(Verdict verdict) {
    return switch (verdict) {
      case REQUIRED -> Optional.empty();
      case FIXABLE -> Optional.of(MARKER_FIXABLE);
      case DEFENSIVE -> Optional.of(MARKER_DEFENSIVE);
      case LEGACY -> Optional.of(MARKER_LEGACY);
    };
  }

  /**
   * The rule with this id (in any case).
   *
   * @throws IllegalArgumentException naming the known ids, and the nearest one when the id looks
   *     like a typo
   */
  public static ReportRule fromId(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    for (ReportRule rule : values()) {
      if (rule.id.equals(wanted)) {
        return rule;
      }
    }
    List<String> ids = new ArrayList<>();
    for (ReportRule rule : values()) {
      ids.add(rule.id);
    }
    String nearest =
        ids.stream().min(Comparator.comparingInt(known -> distance(known, wanted))).orElseThrow();
    String hint =
        distance(nearest, wanted) <= Math.max(2, wanted.length() / 3)
            ? "; did you mean '" + nearest + "'?"
            : "";
    throw new IllegalArgumentException(
        "unknown rule '"
            + id
            + "'"
            + (hint.isEmpty() ? "." : hint)
            + " The rules are "
            + String.join(", ", ids)
            + ".");
  }

  /** Edit distance (Levenshtein) between two short strings. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
