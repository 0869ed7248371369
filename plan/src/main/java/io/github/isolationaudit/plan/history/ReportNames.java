package io.github.isolationaudit.plan.history;

import java.util.Optional;

/**
 * The Java names behind the test names build reports write.
 *
 * <p>Recognised forms: {@code m}, {@code m()}, {@code m(String, int)}, an invocation index after
 * either ({@code m(String)[2]}, {@code m[2]}, JUnit 4's {@code m[0: v=1]}), and any of these
 * followed by a space and a display name (Surefire's phrased names: {@code m(String)[1] a}, {@code
 * m() repetition 1 of 3}). A name that starts otherwise ({@code [1] a}, {@code has a display name},
 * {@code repetition 1 of 3}) is a display name only and names no method. A display name that
 * happens to be a single Java identifier cannot be told from a method name and is taken as one.
 */
final class ReportNames {

  private ReportNames() {}

  /** The method a report's test name stands for, if it names one. */
  static Optional<String> method(String name) {
    String s = name.strip();
    int i = identifierEnd(s, 0);
    if (i == 0) {
      return Optional.empty();
    }
    String method = s.substring(0, i);
    if (i < s.length() && s.charAt(i) == '(') {
      // Parameter types never contain ')', arrays included ("String[]").
      int close = s.indexOf(')', i);
      if (close < 0) {
        return Optional.empty();
      }
      i = close + 1;
    }
    if (i < s.length() && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      if (close < 0) {
        return Optional.empty();
      }
      i = close + 1;
    }
    if (i < s.length()) {
      boolean hadSuffix = i > method.length();
      if (!hadSuffix || !Character.isWhitespace(s.charAt(i))) {
        // "has a display name": words after a bare identifier are a display name, not a method.
        return Optional.empty();
      }
    }
    return Optional.of(method);
  }

  /**
   * A report's class name without the {@code (suffix)} that Surefire's {@code reportNameSuffix}
   * appends ({@code com.x.FooTest(serial-1)}, as the lanes of a plan's surefire export write it).
   */
  static String withoutReportSuffix(String className) {
    int open = className.indexOf('(');
    if (open > 0 && className.endsWith(")") && isBinaryClassName(className.substring(0, open))) {
      return className.substring(0, open);
    }
    return className;
  }

  /** Whether a report's class name is a binary class name ({@code com.x.FooTest$Inner}). */
  static boolean isBinaryClassName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    int start = 0;
    while (true) {
      int end = identifierEnd(name, start);
      if (end == start) {
        return false;
      }
      if (end == name.length()) {
        return true;
      }
      if (name.charAt(end) != '.') {
        return false;
      }
      start = end + 1;
    }
  }

  private static int identifierEnd(String s, int from) {
    if (from >= s.length() || !Character.isJavaIdentifierStart(s.codePointAt(from))) {
      return from;
    }
    int i = from + Character.charCount(s.codePointAt(from));
    while (i < s.length() && Character.isJavaIdentifierPart(s.codePointAt(i))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return i;
  }
}
