package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    final Set<String> names = new HashSet<>();
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

  String source() {
    return source;
  }

  /**
   * Adds one report entry of a method. An entry whose exact name was already seen for the same
   * method in this file is a duplicate: it is dropped with a problem.
   *
   * @param reportName the entry's whole name in the report, which tells invocations apart
   */
  void add(Key key, String reportName, double seconds, Instant when, int line) {
    Sum sum = methods.computeIfAbsent(key, k -> new Sum());
    if (!sum.names.add(reportName)) {
      problem(
          Problem.Kind.DUPLICATE_TEST,
          line,
          String.format(
              "%s is named '%s' a second time in this report; only the first entry counts",
              key.className() + "#" + key.methodName(), reportName));
      return;
    }
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
