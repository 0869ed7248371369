package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one report file says, before the files are merged: test times rolled up by method, time that
 * belongs to a class but to no known method, and the file's problems.
 */
final class ReportContent {

  /** A test method: binary class name and method name. */
  record Key(String className, String methodName) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = className.compareTo(o.className);
      return c != 0 ? c : methodName.compareTo(o.methodName);
    }
  }

  /** Time that belongs to a class but to no method, such as Gradle's {@code [1] a} entries. */
  record ClassRemainder(double seconds, Instant when) {}

  private static final class Sum {
    double seconds;
    int invocations;
    Instant when;
  }

  private final String source;
  private final Map<Key, Sum> methods = new TreeMap<>();
  private final Map<String, Double> remainderSeconds = new TreeMap<>();
  private final Map<String, Instant> remainderWhen = new TreeMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private int unmatched;
  private String firstUnmatched;
  private int firstUnmatchedLine;

  ReportContent(String source) {
    this.source = source;
  }

  /**
   * Adds one report entry of a method as one invocation. Entries of the same name are added up too:
   * JUnit Jupiter's {@code @ParameterizedClass} runs each method once per class invocation, and
   * Surefire and the console launcher's legacy XML name those runs alike ({@code notEmpty}, {@code
   * notEmpty()}).
   */
  void add(Key key, double seconds, Instant when) {
    Sum sum = methods.computeIfAbsent(key, k -> new Sum());
    sum.seconds += seconds;
    sum.invocations++;
    sum.when = sum.when == null || when.isBefore(sum.when) ? when : sum.when;
  }

  /** Adds time that belongs to a class but to no method the report names. */
  void addToClass(String className, String reportName, double seconds, Instant when, int line) {
    remainderSeconds.merge(className, seconds, Double::sum);
    remainderWhen.merge(className, when, (a, b) -> a.isBefore(b) ? a : b);
    unmatched(reportName, line);
  }

  /** Counts an entry whose time can be given to no test method. */
  void unmatched(String reportName, int line) {
    if (unmatched++ == 0) {
      firstUnmatched = reportName;
      firstUnmatchedLine = line;
    }
  }

  void problem(Problem.Kind kind, int line, String message) {
    problems.add(new Problem(kind, source, line > 0 ? "line " + line + ": " + message : message));
  }

  List<TestDuration> durations() {
    List<TestDuration> out = new ArrayList<>();
    methods.forEach(
        (key, sum) -> {
          if (sum.invocations > 0) {
            out.add(
                new TestDuration(
                    key.className(),
                    key.methodName(),
                    sum.seconds,
                    sum.invocations,
                    sum.when,
                    source));
          }
        });
    return out;
  }

  Map<String, ClassRemainder> classRemainders() {
    Map<String, ClassRemainder> out = new TreeMap<>();
    remainderSeconds.forEach((c, s) -> out.put(c, new ClassRemainder(s, remainderWhen.get(c))));
    return out;
  }

  List<Problem> problems() {
    List<Problem> out = new ArrayList<>(problems);
    if (unmatched > 0) {
      out.add(
          new Problem(
              Problem.Kind.UNMATCHED_TEST_NAME,
              source,
              String.format(
                  "line %d: %d test %s named by display name only (first: '%s'); their time"
                      + " counts for their class where the report names one, not for a method",
                  firstUnmatchedLine,
                  unmatched,
                  unmatched == 1 ? "entry is" : "entries are",
                  firstUnmatched)));
    }
    return out;
  }
}
