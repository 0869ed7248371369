package io.github.isolationaudit.cli;

import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.reports.Alert;
import io.github.isolationaudit.reports.Alerts;
import io.github.isolationaudit.reports.Baseline;
import io.github.isolationaudit.reports.ReportRule;
import io.github.isolationaudit.reports.RuleLevel;
import io.github.isolationaudit.reports.RuleSettings;
import io.github.isolationaudit.rules.ProjectConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that decide what fails a build: rule levels ({@code --rule}, and {@code severity:} in
 * the configuration file) and a baseline of alerts to live with ({@code --baseline}, {@code
 * --write-baseline}). A command takes them with {@code @Mixin GateOptions gate;}.
 */
final class GateOptions {

  @Option(
      names = "--rule",
      paramLabel = "ID=LEVEL",
      description =
          "Turn a report rule off or change its level: off, error, warning or note (repeatable;"
              + " over the configuration file's severity). Rules: unprotected-conflict,"
              + " insufficient-marker (error by default), marker-fixable (warning),"
              + " marker-defensive, marker-legacy (note). --fail-on counts alerts at level error.")
  List<String> rules = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Alerts to live with for now (written by --write-baseline): those in it do not count for"
              + " --fail-on; the report says how many there are, and which entries match nothing any"
              + " more (fixed).")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Write every alert that is not accepted to FILE as a baseline (JSON, sorted by rule and"
              + " name), to adopt the audit on a suite that has findings today.")
  Path writeBaseline;

  /** A mistake in these options or in the configuration file's rule levels. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The rule levels: the configuration file's, then the command line's.
   *
   * @throws io.github.isolationaudit.rules.CatalogException for a mistake in the configuration file
   * @throws UsageException for a mistake in a {@code --rule}
   */
  RuleSettings settings(ProjectConfig config) {
    RuleSettings settings = RuleSettings.defaults();
    for (ProjectConfig.Severity s : config.severities()) {
      try {
        settings = settings.with(ReportRule.fromId(s.rule()), RuleLevel.fromId(s.level()));
      } catch (IllegalArgumentException e) {
        throw config.mistake(s, e.getMessage());
      }
    }
    for (String rule : rules) {
      try {
        settings = settings.with(rule);
      } catch (IllegalArgumentException e) {
        throw new UsageException("bad --rule " + rule + ": " + e.getMessage(), e);
      }
    }
    return settings;
  }

  /**
   * The baseline given with {@code --baseline}, or null.
   *
   * @throws UsageException when it cannot be read or is no baseline
   */
  Baseline baseline() {
    if (baseline == null) {
      return null;
    }
    try {
      return Baseline.read(baseline);
    } catch (Baseline.BaselineException e) {
      throw new UsageException("bad --baseline: " + e.getMessage(), e);
    }
  }

  /** What a scan's alerts come to under these options. */
  Gate gate(ScanResult result, RuleSettings settings, Baseline baseline) {
    List<Alert> alerts = Alerts.of(result, settings);
    return new Gate(alerts, baseline == null ? null : baseline.compare(alerts));
  }

  /** Writes the baseline of these alerts when {@code --write-baseline} asks for one. */
  void writeBaseline(Gate gate) throws IOException {
    if (writeBaseline != null) {
      Baseline written = Baseline.of(gate.alerts());
      ReportFile.write(writeBaseline, written::write);
    }
  }

  /**
   * The alerts of a scan and how they compare with the baseline.
   *
   * @param comparison null without a baseline
   */
  record Gate(List<Alert> alerts, Baseline.Comparison comparison) {

    /**
     * Whether an alert counts for {@code --fail-on}: at level error, not accepted, not baselined.
     */
    boolean counts(Alert alert) {
      return alert.level() == RuleLevel.ERROR
          && !alert.accepted()
          && (comparison == null || !comparison.contains(alert));
    }

    /** Whether the scan fails at this level. */
    boolean fails(ScanCommand.FailOn failOn) {
      return switch (failOn) {
        case NEVER -> false;
        // Only findings race; a marker verdict raised to error counts for 'finding' alone.
        case LIVE_RACE ->
            alerts.stream()
                .anyMatch(
                    a ->
                        counts(a)
                            && a.live()
                            && (a.rule() == ReportRule.UNPROTECTED_CONFLICT
                                || a.rule() == ReportRule.INSUFFICIENT_MARKER));
        case FINDING -> alerts.stream().anyMatch(this::counts);
      };
    }
  }
}
