package io.github.isolationaudit.analyzer.config;

import io.github.isolationaudit.model.Tristate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test settings from a Gradle build script ({@code build.gradle} or {@code build.gradle.kts}),
 * recognised line by line in a few simple, common forms only.
 *
 * <p>A script is a program, not a document, so this reader does not try to understand it. It
 * recognises, on one line each, with literal arguments only (Groovy or Kotlin syntax):
 *
 * <ul>
 *   <li>{@code maxParallelForks = 4}, {@code maxParallelForks 4}, {@code maxParallelForks(4)};
 *   <li>{@code forkEvery = 100} (recorded only: it starts JVMs one after another, not side by
 *       side);
 *   <li>{@code systemProperty 'junit.jupiter.execution.parallel.enabled', 'true'} and {@code
 *       systemProperty("key", "value")};
 *   <li>{@code includeTags}/{@code excludeTags} (JUnit Platform), {@code includeCategories}/{@code
 *       excludeCategories} (JUnit 4) and {@code includeGroups}/{@code excludeGroups} (TestNG) with
 *       string literals, also inside a one-line {@code useJUnitPlatform { ... }}.
 * </ul>
 *
 * Everything else stays UNKNOWN: an expression ({@code maxParallelForks =
 * Runtime.runtime.availableProcessors()}), an interpolated string, a {@code junit.jupiter.} key on
 * a line of any other form (that key becomes unknown). An absent {@code maxParallelForks} leaves
 * forks UNKNOWN as well, because convention plugins, {@code subprojects {}} blocks of the root
 * script and init scripts often set it where we cannot see. Comments are skipped.
 */
final class GradleScript {

  private static final String LITERAL = "(?:'[^'\\\\$]*'|\"[^\"\\\\$]*\")";
  private static final String END = "(?=\\s*(?:\\)|}|;|//|$))";
  private static final Pattern MAX_FORKS =
      Pattern.compile("\\bmaxParallelForks\\s*(?:=\\s*|\\(\\s*|\\s+)(\\d+)\\s*\\)?" + END);
  private static final Pattern FORK_EVERY =
      Pattern.compile("\\bforkEvery\\s*(?:=\\s*|\\(\\s*|\\s+)(\\d+)\\s*\\)?" + END);
  private static final Pattern SYSTEM_PROPERTY =
      Pattern.compile(
          "\\bsystemProperty\\s*\\(?\\s*("
              + LITERAL
              + ")\\s*,\\s*("
              + LITERAL
              + "|true|false|\\d+)\\s*\\)?"
              + END);
  private static final Pattern FILTER =
      Pattern.compile(
          "\\b(include|exclude)(Tags|Categories|Groups)\\b\\s*\\(?\\s*("
              + LITERAL
              + "(?:\\s*,\\s*"
              + LITERAL
              + ")*)\\s*\\)?"
              + END);
  private static final Pattern FILTER_WORD =
      Pattern.compile("\\b(include|exclude)(Tags|Categories|Groups)\\b");
  private static final Pattern JUPITER_KEY =
      Pattern.compile("junit\\.jupiter\\.[A-Za-z0-9_.]*[A-Za-z0-9_]");

  private GradleScript() {}

  /** Reads a script into the launch it stands for; every recognised line goes into settings. */
  static Launch read(String text, String prefix, Map<String, String> settings) {
    Map<String, String> system = new LinkedHashMap<>();
    Set<String> unknownKeys = new LinkedHashSet<>();
    List<String> included = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    List<Tristate> forks = new ArrayList<>();
    boolean inBlockComment = false;
    int lineNumber = 0;
    for (String rawLine : text.split("\r?\n|\r", -1)) {
      lineNumber++;
      String line = rawLine.strip();
      if (inBlockComment) {
        int end = line.indexOf("*/");
        if (end < 0) {
          continue;
        }
        inBlockComment = false;
        line = line.substring(end + 2).strip();
      }
      if (line.startsWith("/*")) {
        int end = line.indexOf("*/", 2);
        if (end < 0) {
          inBlockComment = true;
          continue;
        }
        line = line.substring(end + 2).strip();
      }
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      String at = prefix + ":" + lineNumber + ":";
      if (line.contains("maxParallelForks")) {
        Matcher m = MAX_FORKS.matcher(line);
        if (m.find()) {
          settings.put(at + "maxParallelForks", m.group(1));
          forks.add(MavenPom.forkCount(m.group(1)));
        } else {
          settings.put(at + "maxParallelForks", line);
          forks.add(Tristate.UNKNOWN);
        }
      }
      Matcher every = FORK_EVERY.matcher(line);
      if (every.find()) {
        settings.put(at + "forkEvery", every.group(1));
      }
      Matcher sp = SYSTEM_PROPERTY.matcher(line);
      boolean matchedProperty = false;
      while (sp.find()) {
        matchedProperty = true;
        String key = unquote(sp.group(1));
        String value = unquote(sp.group(2));
        settings.put(at + "systemProperty." + key, value);
        if (system.containsKey(key) && !value.equals(system.get(key))) {
          // Two test tasks that disagree: which one runs the tests in question is not known.
          system.put(key, null);
        } else {
          system.put(key, value);
        }
      }
      if (!matchedProperty) {
        Matcher k = JUPITER_KEY.matcher(line);
        while (k.find()) {
          settings.put(at + "unrecognised", line);
          unknownKeys.add(k.group());
        }
      }
      boolean matchedFilter = false;
      Matcher f = FILTER.matcher(line);
      while (f.find()) {
        matchedFilter = true;
        List<String> values = literals(f.group(3));
        settings.put(at + f.group(1) + f.group(2), String.join(",", values));
        (f.group(1).equals("include") ? included : excluded).addAll(values);
      }
      if (!matchedFilter && FILTER_WORD.matcher(line).find()) {
        // The filter names tags we cannot read; the lists cannot say "unknown", explain can.
        settings.put(at + "unrecognised", line);
      }
    }
    for (String key : unknownKeys) {
      // A key named on a line we could not read has a value we do not know, wherever else it is
      // set.
      system.put(key, null);
    }
    Tristate fork = forks.isEmpty() ? Tristate.UNKNOWN : forks.get(0);
    for (Tristate t : forks) {
      if (t != fork) {
        fork = Tristate.UNKNOWN;
      }
    }
    return new Launch(system, Map.of(), false, fork, included, excluded, null);
  }

  private static List<String> literals(String list) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(LITERAL).matcher(list);
    while (m.find()) {
      out.add(unquote(m.group()));
    }
    return out;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
