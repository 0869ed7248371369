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
      Matcher f = FILTER_WORD.matcher(line);
      for (int from = 0; from < line.length() && f.find(from); ) {
        List<String> values = new ArrayList<>();
        int end = arguments(line, f.end(), values);
        if (end < 0) {
          from = f.end();
          continue;
        }
        matchedFilter = true;
        settings.put(at + f.group(1) + f.group(2), String.join(",", values));
        (f.group(1).equals("include") ? included : excluded).addAll(values);
        from = end;
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

  /**
   * Reads the arguments of a filter call that start at {@code from}: an optional {@code (}, one or
   * more string literals without {@code \\} or {@code $} separated by commas, an optional {@code
   * )}, then the end of the statement ({@code )}, <code>}</code>, {@code ;}, a comment or the end
   * of the line). A plain scan, not a regular expression: a repeated group in a pattern recurses
   * once per literal, and a line of a thousand tags would overflow the stack.
   *
   * @return where the arguments end, or -1 when they are not of this form (values is then
   *     undefined)
   */
  static int arguments(String line, int from, List<String> values) {
    int i = skipSpaces(line, from);
    if (i < line.length() && line.charAt(i) == '(') {
      i = skipSpaces(line, i + 1);
    }
    while (true) {
      if (i >= line.length() || (line.charAt(i) != '\'' && line.charAt(i) != '"')) {
        return -1;
      }
      char quote = line.charAt(i);
      int close = i + 1;
      while (close < line.length()
          && line.charAt(close) != quote
          && line.charAt(close) != '\\'
          && line.charAt(close) != '$') {
        close++;
      }
      if (close >= line.length() || line.charAt(close) != quote) {
        return -1;
      }
      values.add(line.substring(i + 1, close));
      i = skipSpaces(line, close + 1);
      if (i < line.length() && line.charAt(i) == ',') {
        i = skipSpaces(line, i + 1);
      } else {
        break;
      }
    }
    if (i < line.length() && line.charAt(i) == ')') {
      i = skipSpaces(line, i + 1);
    }
    int end = i;
    if (i == line.length()
        || line.charAt(i) == ')'
        || line.charAt(i) == '}'
        || line.charAt(i) == ';'
        || line.startsWith("//", i)) {
      return end;
    }
    return -1;
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The text of a script: UTF-8, the encoding scripts are written in by default (a byte-order mark
   * of UTF-8 or UTF-16 is honoured). A script that is not UTF-8 is read as ISO-8859-1 instead:
   * every byte is then a character, and the settings this reader recognises are ASCII, so they read
   * the same whatever the script's real encoding; only text in other languages comes out garbled.
   */
  static String decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      return new String(bytes, 2, bytes.length - 2, java.nio.charset.StandardCharsets.UTF_16BE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return new String(bytes, 2, bytes.length - 2, java.nio.charset.StandardCharsets.UTF_16LE);
    }
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
