package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The level each {@link ReportRule} raises its alerts at: the rule's default unless the project
 * changed it ({@code --rule ID=LEVEL}, {@code severity:} in the configuration file).
 *
 * @param levels the changed levels; a rule not in the map keeps its default
 */
public record RuleSettings(Map<ReportRule, RuleLevel> levels) {

  private static final RuleSettings DEFAULTS = new RuleSettings(Map.of());

  public RuleSettings {
    Objects.requireNonNull(levels, "levels");
    Map<ReportRule, RuleLevel> copy = new EnumMap<>(ReportRule.class);
    copy.putAll(levels);
    levels = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every rule at its default level. */
  public static RuleSettings defaults() {
    return DEFAULTS;
  }

  /** These settings with one rule's level changed; a later change of the same rule wins. */
  public RuleSettings with(ReportRule rule, RuleLevel level) {
    Map<ReportRule, RuleLevel> copy = new EnumMap<>(ReportRule.class);
    copy.putAll(levels);
    copy.put(rule, level);
    return new RuleSettings(copy);
  }

  /**
   * These settings with a change written as users write it, {@code marker-defensive=off}.
   *
   * @throws IllegalArgumentException for a malformed setting, an unknown rule (with the nearest id)
   *     or an unknown level
   */
  public RuleSettings with(String setting) {
    int eq = setting.indexOf('=');
    if (eq <= 0 || eq == setting.length() - 1) {
      throw new IllegalArgumentException(
          "'" + setting + "' is not ID=LEVEL (for example marker-defensive=off)");
    }
    return with(
        ReportRule.fromId(setting.substring(0, eq)), RuleLevel.fromId(setting.substring(eq + 1)));
  }

  /** The level a rule raises its alerts at. */
  public RuleLevel levelOf(ReportRule rule) {
    return levels.getOrDefault(rule, rule.defaultLevel());
  }

  /** The level of a finding's alert. */
  public RuleLevel levelOf(Finding finding) {
    return levelOf(ReportRule.of(finding));
  }

  /** The level of a marker verdict's alert, empty for a verdict no rule reports (REQUIRED). */
  public Optional<RuleLevel> levelOf(MarkerVerdict verdict) {
    return ReportRule.of(verdict.verdict()).map(this::levelOf);
  }

  /**
   * The result without what rules that are off would report: their findings and marker verdicts are
   * left out, so every report and the gate agree on what was found.
   */
  public ScanResult apply(ScanResult result) {
    if (levels.values().stream().noneMatch(l -> l == RuleLevel.OFF)) {
      return result;
    }
    return new ScanResult(
        result.inputs(),
        result.summary(),
        result.footprints(),
        result.conflicts(),
        result.problems(),
        result.configuration(),
        result.markers().stream()
            .filter(v -> levelOf(v).orElse(RuleLevel.NOTE) != RuleLevel.OFF)
            .toList(),
        result.findings().stream().filter(f -> levelOf(f) != RuleLevel.OFF).toList(),
        result.sourcePaths(),
        result.coverage());
  }
}
