package io.github.isolationaudit.reports;

import java.util.Locale;

/**
 * How loud a rule's alerts are: SARIF's levels, plus {@link #OFF} for a rule the project turned
 * off. Declared from the most severe down.
 */
public enum RuleLevel {
  ERROR,
  WARNING,
  NOTE,
  /** The rule raises nothing: its alerts are left out of every report and of gating. */
  OFF;

  /** The name as SARIF and users write it, {@code error}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level of a name as users type it ({@code off}, {@code Warning}).
   *
   * @throws IllegalArgumentException when no level has that name
   */
  public static RuleLevel fromId(String name) {
    for (RuleLevel level : values()) {
      if (level.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + name + "': one of off, error, warning, note");
  }
}
