package io.github.isolationaudit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the project runs its tests, as far as the configuration found shows it. Each setting is
 * three-valued: proven on, proven off, or unknown.
 *
 * @param parallelEnabled {@code junit.jupiter.execution.parallel.enabled}
 * @param methodsConcurrent {@code junit.jupiter.execution.parallel.mode.default} is concurrent
 * @param classesConcurrent {@code junit.jupiter.execution.parallel.mode.classes.default} is
 *     concurrent (it defaults to the methods' mode)
 * @param forks whether Surefire/Failsafe runs tests in more than one JVM at a time
 * @param includedGroups tag expressions or groups the build runs (empty: all)
 * @param excludedGroups tag expressions or groups the build leaves out
 * @param testngParallel TestNG's {@code parallel} mode ({@code methods}, {@code classes}, ...), or
 *     empty
 * @param sources the files the settings were read from, relative where possible
 * @param settings every raw setting read, for explain
 */
public record BuildConfiguration(
    Tristate parallelEnabled,
    Tristate methodsConcurrent,
    Tristate classesConcurrent,
    Tristate forks,
    List<String> includedGroups,
    List<String> excludedGroups,
    String testngParallel,
    List<String> sources,
    Map<String, String> settings) {

  public BuildConfiguration {
    Objects.requireNonNull(parallelEnabled, "parallelEnabled");
    Objects.requireNonNull(methodsConcurrent, "methodsConcurrent");
    Objects.requireNonNull(classesConcurrent, "classesConcurrent");
    Objects.requireNonNull(forks, "forks");
    includedGroups = List.copyOf(includedGroups);
    excludedGroups = List.copyOf(excludedGroups);
    Objects.requireNonNull(testngParallel, "testngParallel");
    sources = List.copyOf(sources);
    settings = Map.copyOf(settings);
  }

  /** Nothing known: every setting UNKNOWN. */
  public static BuildConfiguration unknown() {
    return new BuildConfiguration(
        Tristate.UNKNOWN,
        Tristate.UNKNOWN,
        Tristate.UNKNOWN,
        Tristate.UNKNOWN,
        List.of(),
        List.of(),
        "",
        List.of(),
        Map.of());
  }

  /** Whether JUnit Jupiter runs tests concurrently today: enabled and some mode concurrent. */
  public Tristate runsInParallel() {
    if (parallelEnabled == Tristate.FALSE) {
      return Tristate.FALSE;
    }
    if (parallelEnabled == Tristate.TRUE) {
      if (methodsConcurrent == Tristate.TRUE || classesConcurrent == Tristate.TRUE) {
        return Tristate.TRUE;
      }
      if (methodsConcurrent == Tristate.FALSE && classesConcurrent == Tristate.FALSE) {
        return Tristate.FALSE;
      }
    }
    return Tristate.UNKNOWN;
  }
}
