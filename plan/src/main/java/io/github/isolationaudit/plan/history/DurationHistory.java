package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test durations read from the XML reports earlier builds left behind; the newest report of each
 * test wins.
 *
 * <p><b>Formats.</b> A file's root element tells its format, whatever its name:
 *
 * <ul>
 *   <li>JUnit XML, {@code testsuite} (or {@code testsuites}) with {@code testcase classname name
 *       time}: Surefire and Failsafe ({@code target/surefire-reports/TEST-*.xml}, {@code
 *       failsafe-reports}), Gradle ({@code build/test-results/<task>/TEST-*.xml}) and the JUnit
 *       console launcher's legacy reports ({@code TEST-junit-jupiter.xml}, {@code
 *       TEST-junit-vintage.xml}: one suite per engine, each test case with its own class). Times
 *       are seconds, also with grouping commas ({@code 1,234.5}) as older writers format them.
 *   <li>Open-test-reporting events ({@code junit-platform-events-*.xml}, {@code
 *       open-test-report.xml}), written by the JUnit Platform with {@code
 *       junit.platform.reporting.open.xml.enabled=true}: a test takes from its {@code started} to
 *       its {@code finished} event, and belongs to the method named by its method source or its
 *       nearest ancestor's.
 * </ul>
 *
 * <p><b>Names.</b> A test is identified like {@link TestId}, by binary class name ({@code $} for
 * nested classes, as all these formats write it) and method name. Report names {@code m}, {@code
 * m()}, {@code m(String, int)}, {@code m(String)[2]}, {@code m[2]}, {@code m[0: v=1]} and
 * Surefire's phrased {@code m(String)[1] a} all mean method {@code m}. All entries of one method in
 * one file (parameterized, repeated and dynamic invocations, overloads) are rolled up: seconds
 * added, invocations counted. An entry named by display name only ({@code [1] a}, which Gradle
 * writes for parameterized invocations, or a {@code @DisplayName}) names no method: its time still
 * counts in {@link #classTotals()} for its class, and the file gets one {@link
 * Problem.Kind#UNMATCHED_TEST_NAME} problem.
 *
 * <p><b>Newest wins.</b> When several files mention one method, the file whose entries are dated
 * latest wins as a whole for that method: entries are dated by the suite's {@code timestamp} (read
 * as UTC when it has no offset), by the event times, or else by the file's modification time. On a
 * tie the file whose path sorts first wins.
 *
 * <p><b>Repeated names.</b> Within one JUnit XML file, entries of the very same name are added up
 * as invocations, not dropped as duplicates: JUnit Jupiter's {@code @ParameterizedClass} runs each
 * method once per class invocation, and Surefire 3.5 and the console launcher both name those runs
 * identically ({@code notEmpty}, {@code notEmpty()}); a test retried by the build also repeats its
 * name, and its retries took time in that build too. In event files ids are unique, so an event
 * that repeats an id is a genuine duplicate: the first counts, and the repeat is a {@link
 * Problem.Kind#DUPLICATE_TEST} problem.
 *
 * <p><b>Bad input.</b> Nothing stops the reading, and each of these is a {@link Problem} with the
 * file's path and, where known, the line: a file that does not exist, cannot be read or is empty;
 * XML that is malformed or cut short ({@link Problem.Kind#MALFORMED_REPORT}: the entries read
 * before the break are kept); well-formed XML that is no report ({@link
 * Problem.Kind#NOT_A_REPORT}); an entry whose time is missing, negative, NaN or not a number
 * ({@link Problem.Kind#INVALID_DURATION}: the entry is left out). A time of zero is a fast test,
 * not a problem. XML is read with a streaming parser with DTDs and external entities off.
 *
 * <p>Results are deterministic: the same files give the same durations in the same order.
 */
public final class DurationHistory {

  private final Map<ReportContent.Key, TestDuration> durations;
  private final Map<String, Double> classTotals;
  private final List<Problem> problems;
  private final List<Path> filesRead;

  private DurationHistory(
      Map<ReportContent.Key, TestDuration> durations,
      Map<String, Double> classTotals,
      List<Problem> problems,
      List<Path> filesRead) {
    this.durations = Collections.unmodifiableMap(durations);
    this.classTotals = Collections.unmodifiableMap(classTotals);
    this.problems = List.copyOf(problems);
    this.filesRead = List.copyOf(filesRead);
  }

  /** A history with no durations, for a plan made without reports. */
  public static DurationHistory empty() {
    return new DurationHistory(new TreeMap<>(), new TreeMap<>(), List.of(), List.of());
  }

  /**
   * Reads the reports under the given roots. A root that is a file is read whatever its name; a
   * directory is searched recursively (links not followed) for {@code TEST-*.xml}, {@code
   * junit-platform-events-*.xml} and {@code open-test-report.xml}. A file reached twice is read
   * once.
   */
  public static DurationHistory read(List<Path> roots) {
    List<Problem> problems = new ArrayList<>();
    TreeMap<String, Path> files = new TreeMap<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Path root : roots) {
      for (Path file : ReportLocations.files(root, problems)) {
        if (seen.add(file.toAbsolutePath().normalize())) {
          files.putIfAbsent(file.toString(), file);
        }
      }
    }
    Map<ReportContent.Key, TestDuration> newest = new TreeMap<>();
    Map<String, ReportContent.ClassRemainder> remainders = new TreeMap<>();
    List<Path> read = new ArrayList<>();
    for (Path file : files.values()) {
      ReportReader.Result result = ReportReader.read(file);
      problems.addAll(result.content().problems());
      if (!result.report()) {
        continue;
      }
      read.add(file);
      for (TestDuration d : result.content().durations()) {
        newest.merge(
            new ReportContent.Key(d.className(), d.methodName()),
            d,
            (old, now) -> now.when().isAfter(old.when()) ? now : old);
      }
      result
          .content()
          .classRemainders()
          .forEach(
              (c, r) ->
                  remainders.merge(c, r, (old, now) -> now.when().isAfter(old.when()) ? now : old));
    }
    Map<String, Double> totals = new TreeMap<>();
    newest.values().forEach(d -> totals.merge(d.className(), d.seconds(), Double::sum));
    remainders.forEach((c, r) -> totals.merge(c, r.seconds(), Double::sum));
    Collections.sort(problems);
    return new DurationHistory(newest, totals, problems, read);
  }

  /**
   * The report directories that lie beside scan inputs: for an input that is or lies in a Maven
   * {@code target/} or Gradle {@code build/} directory (through {@code classes}, {@code
   * test-classes}, {@code libs} or a jar there), or a project directory holding one, its {@code
   * surefire-reports}, {@code failsafe-reports} and {@code test-results}, and any other directory
   * directly in it or one level below that holds {@code TEST-*.xml}, {@code
   * junit-platform-events-*.xml} or {@code open-test-report.xml} files itself (such as the JUnit
   * console launcher's {@code --reports-dir}). Nothing else is searched; only existing directories
   * are returned, each once, in the order found.
   */
  public static List<Path> defaultRoots(List<Path> inputs) {
    return ReportLocations.defaultRoots(inputs);
  }

  /** The newest duration of a test method, rolled up over its invocations. */
  public Optional<TestDuration> of(String className, String methodName) {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    return Optional.ofNullable(durations.get(new ReportContent.Key(className, methodName)));
  }

  /** The newest duration of a test, by its class and method name (overloads share one). */
  public Optional<TestDuration> of(TestId test) {
    return of(test.className(), test.methodName());
  }

  /**
   * Seconds per binary class name, sorted: the sum of its methods' newest durations, plus the time
   * of entries of that class that name no method (from the newest file that has such entries).
   */
  public Map<String, Double> classTotals() {
    return classTotals;
  }

  /** Every duration, sorted by class and method name. */
  public Collection<TestDuration> all() {
    return List.copyOf(durations.values());
  }

  /** What could not be read, sorted by path and message. */
  public List<Problem> problems() {
    return problems;
  }

  /** The files read as reports (also those read only in part), sorted by path. */
  public List<Path> filesRead() {
    return filesRead;
  }
}
