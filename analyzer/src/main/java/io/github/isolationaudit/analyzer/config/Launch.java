package io.github.isolationaudit.analyzer.config;

import io.github.isolationaudit.model.Tristate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way the build may launch the tests: one Surefire or Failsafe execution, with or without one
 * profile, or one Gradle script. Where the build files allow several launches, a setting is known
 * only when every launch agrees on it.
 *
 * @param systemProperties system properties of the test JVM; a null value means the key is set to a
 *     value that could not be resolved
 * @param parameters JUnit Platform configuration parameters passed explicitly by the runner; a null
 *     value as above
 * @param parametersOpaque the runner passes parameters that could not be read, so any key may be
 *     among them
 * @param forks whether this launch runs tests in more than one JVM at a time
 * @param parallel Surefire's {@code parallel} value: null when not set, empty when not resolved
 */
record Launch(
    Map<String, String> systemProperties,
    Map<String, String> parameters,
    boolean parametersOpaque,
    Tristate forks,
    List<String> includedGroups,
    List<String> excludedGroups,
    String parallel) {

  Launch {
    // Copies that keep null values, which mark keys set to values we could not resolve.
    systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    includedGroups = List.copyOf(includedGroups);
    excludedGroups = List.copyOf(excludedGroups);
  }

  /** The launch when no build file was found: nothing is known about it. */
  static Launch unknown() {
    return new Launch(Map.of(), Map.of(), false, Tristate.UNKNOWN, List.of(), List.of(), null);
  }

  /** Whether this launch itself sets any JUnit Jupiter key, so it is a Jupiter config source. */
  boolean setsJupiterKeys() {
    return parametersOpaque
        || parameters.keySet().stream().anyMatch(k -> k.startsWith("junit.jupiter."))
        || systemProperties.keySet().stream().anyMatch(k -> k.startsWith("junit.jupiter."));
  }
}
