package io.github.isolationaudit.plan.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.TestId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurationHistoryTest {

  private static final String SAMPLE = "com.example.SampleTest";
  private static final String INNER = SAMPLE + "$Inner";
  private static final String DEEPER = INNER + "$Deeper";

  @TempDir Path tmp;

  // Real reports, trimmed: Surefire 3.5.2 with JUnit Jupiter 5.13.4.

  @Test
  void surefireReportsRollUpInvocationsAndKeepNestedClassNames() throws IOException {
    Path dir = copy("surefire", Instant.parse("2026-11-21T10:00:00Z"));

    DurationHistory history = DurationHistory.read(List.of(dir));

    assertThat(history.problems()).isEmpty();
    assertThat(history.filesRead())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("TEST-" + DEEPER + ".xml", "TEST-" + INNER + ".xml");
    TestDuration param = history.of(SAMPLE, "param").orElseThrow();
    assertThat(param.seconds()).isCloseTo(0.008 + 0.011 + 0.007, within(1e-9));
    assertThat(param.invocations()).isEqualTo(3);
    assertThat(param.when()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(param.source()).endsWith("TEST-" + DEEPER + ".xml");
    assertThat(history.of(SAMPLE, "twoArgs").orElseThrow().seconds())
        .isCloseTo(0.025, within(1e-9));
    assertThat(history.of(SAMPLE, "twoArgs").orElseThrow().invocations()).isEqualTo(2);
    assertThat(history.of(SAMPLE, "repeated").orElseThrow().invocations()).isEqualTo(3);
    assertThat(history.of(SAMPLE, "factory").orElseThrow().invocations()).isEqualTo(2);
    assertThat(history.of(SAMPLE, "plain").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::invocations)
        .containsExactly(0.021, 1);
    // A skipped test and a zero time are kept as zero, without a problem.
    assertThat(history.of(SAMPLE, "skipped").orElseThrow().seconds()).isZero();
    assertThat(history.of(INNER, "innerParam").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::invocations)
        .containsExactly(0.002 + 0.0, 2);
    assertThat(history.of(DEEPER, "deepTest").orElseThrow().seconds()).isZero();
    assertThat(history.of(new TestId(INNER, "innerTest", "()V", INNER)))
        .map(TestDuration::seconds)
        .contains(0.003);
    assertThat(history.all()).hasSize(12);
    assertThat(history.classTotals().get(INNER)).isCloseTo(0.005, within(1e-9));
  }

  @Test
  void phrasedSurefireNamesStillNameTheirMethods() throws IOException {
    DurationHistory history = DurationHistory.read(List.of(copy("surefire-phrased", null)));

    TestDuration customName = history.of(SAMPLE, "customName").orElseThrow();
    assertThat(customName.seconds()).isCloseTo(0.032 + 0.003, within(1e-9));
    assertThat(customName.invocations()).isEqualTo(2);
    assertThat(history.of(SAMPLE, "param").orElseThrow().invocations()).isEqualTo(3);
    assertThat(history.of(SAMPLE, "repeated").orElseThrow().invocations()).isEqualTo(3);
    // "has a display name" names no method: its time goes to the class only.
    assertThat(history.of(SAMPLE, "named")).isEmpty();
    double methods =
        history.all().stream()
            .filter(d -> d.className().equals(SAMPLE))
            .mapToDouble(TestDuration::seconds)
            .sum();
    assertThat(history.classTotals().get(SAMPLE)).isCloseTo(methods + 0.001, within(1e-9));
    assertThat(history.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNMATCHED_TEST_NAME);
              assertThat(p.message())
                  .startsWith("line 18: 1 test entry is named by display name only")
                  .contains("'has a display name'");
            });
  }

  @Test
  void aReportNameSuffixOnTheClassNameIsNotPartOfTheClass() throws IOException {
    // As Surefire 3.5.2 writes the lanes of a plan's surefire export (reportNameSuffix serial-1).
    Files.writeString(
        tmp.resolve("TEST-" + SAMPLE + "-serial-1.xml"),
        "<testsuite name=\""
            + SAMPLE
            + "\" tests=\"1\">"
            + "<testcase name=\"plain\" classname=\""
            + SAMPLE
            + "(serial-1)\" time=\"1.5\"/>"
            + "<testcase name=\"odd\" classname=\"not a class(serial-1)\" time=\"1\"/>"
            + "</testsuite>");

    DurationHistory history = DurationHistory.read(List.of(tmp));

    assertThat(history.of(SAMPLE, "plain").orElseThrow().seconds()).isEqualTo(1.5);
    assertThat(history.all()).extracting(TestDuration::className).containsOnly(SAMPLE);
  }

  @Test
  void archUnitsSimpleClassNameTakesTheSuitesBinaryName() throws IOException {
    // This project's own ArchitectureTest, as Surefire 3.5.2 reported it.
    DurationHistory history = DurationHistory.read(List.of(copy("surefire-archunit", null)));

    assertThat(history.problems()).isEmpty();
    assertThat(history.all())
        .extracting(TestDuration::className)
        .containsOnly("io.github.isolationaudit.analyzer.ArchitectureTest")
        .hasSize(5);
    assertThat(
            history
                .of(
                    "io.github.isolationaudit.analyzer.ArchitectureTest",
                    "modelDependsOnlyOnTheJdk")
                .orElseThrow()
                .seconds())
        .isEqualTo(0.004);
  }

  // Real reports, trimmed: the JUnit console launcher 1.13.4, legacy XML and open-test-reporting.

  @Test
  void consoleLauncherLegacyXmlNamesEachTestCaseWithItsOwnClass() throws IOException {
    Path dir = copy("console", null);

    DurationHistory history =
        DurationHistory.read(
            List.of(dir.resolve("TEST-junit-jupiter.xml"), dir.resolve("TEST-junit-vintage.xml")));

    assertThat(history.problems()).isEmpty();
    TestDuration param = history.of(SAMPLE, "param").orElseThrow();
    assertThat(param.seconds()).isCloseTo(0.009 + 0.006 + 0.006, within(1e-9));
    assertThat(param.invocations()).isEqualTo(3);
    // The suite's timestamp has no offset and is read as UTC.
    assertThat(param.when()).isEqualTo(Instant.parse("2026-11-23T13:56:52Z"));
    assertThat(history.of(SAMPLE, "customName").orElseThrow().invocations()).isEqualTo(2);
    assertThat(history.of(SAMPLE, "named").orElseThrow().seconds()).isEqualTo(0.001);
    assertThat(history.of(DEEPER, "deepTest")).isPresent();
    assertThat(history.of(INNER, "innerParam").orElseThrow().invocations()).isEqualTo(2);
    // JUnit 4 Parameterized through the vintage engine: "check[0: v=1]".
    assertThat(history.of("com.example.LegacyTest$Params", "check").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::invocations)
        .containsExactly(0.001, 2);
    assertThat(history.of("com.example.LegacyTest", "legacyPlain").orElseThrow().seconds())
        .isZero();
  }

  @Test
  void openTestReportingEventsGiveFinishedMinusStarted() throws IOException {
    Path file = copy("console", null).resolve("open-test-report.xml");

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.problems()).isEmpty();
    assertThat(history.filesRead()).containsExactly(file);
    TestDuration param = history.of(SAMPLE, "param").orElseThrow();
    assertThat(param.seconds()).isCloseTo(0.028662679, within(1e-9));
    assertThat(param.invocations()).isEqualTo(3);
    assertThat(param.when()).isEqualTo(Instant.parse("2026-11-23T13:56:52.182499685Z"));
    assertThat(history.of(SAMPLE, "repeated").orElseThrow())
        .extracting(TestDuration::invocations)
        .isEqualTo(3);
    assertThat(history.of(SAMPLE, "factory").orElseThrow().seconds())
        .isCloseTo(0.004132765, within(1e-9));
    assertThat(history.of(SAMPLE, "plain").orElseThrow().seconds())
        .isCloseTo(0.021571137, within(1e-9));
    assertThat(history.of(INNER, "innerParam").orElseThrow().invocations()).isEqualTo(2);
    assertThat(history.of(DEEPER, "deepTest").orElseThrow().seconds())
        .isCloseTo(0.001030460, within(1e-9));
    assertThat(history.of("com.example.LegacyTest", "legacyPlain")).isPresent();
    // Containers (classes, templates, engines) are not tests.
    assertThat(history.all())
        .extracting(TestDuration::methodName)
        .doesNotContain("SampleTest", "JUnit Jupiter")
        .hasSize(13);
  }

  @Test
  void gradleDisplayNamesCountForTheirClassOnly() throws IOException {
    DurationHistory history = DurationHistory.read(List.of(copy("gradle", null)));

    assertThat(history.all())
        .extracting(TestDuration::display, TestDuration::seconds)
        .containsExactly(
            tuple(SAMPLE + "#fails", 0.011),
            tuple(SAMPLE + "#plain", 0.021),
            tuple(SAMPLE + "#withInfo", 0.03),
            tuple(INNER + "#innerTest", 0.003));
    assertThat(history.of(SAMPLE, "plain").orElseThrow().when())
        .isEqualTo(Instant.parse("2026-11-20T09:15:02Z"));
    // "[1] a" twice (two methods), "[2] b", a display name and two repetitions.
    assertThat(history.classTotals().get(SAMPLE))
        .isCloseTo(0.062 + 0.1 + 0.2 + 0.05 + 0.004 + 0.001 + 0.002, within(1e-9));
    assertThat(history.problems())
        .singleElement()
        .extracting(Problem::kind, Problem::message)
        .containsExactly(
            Problem.Kind.UNMATCHED_TEST_NAME,
            "line 6: 6 test entries are named by display name only (first: 'has a display name');"
                + " their time counts for their class where the report names one, not for a"
                + " method");
  }

  @Test
  void groupingCommasInTimesAreRead() throws IOException {
    Path file =
        write(
            "TEST-com.example.SlowTest.xml",
            suite(
                "2020-01-01T00:00:00",
                testCase("com.example.SlowTest", "slow", "1,234.5"),
                testCase("com.example.SlowTest", "slower", "12,345,678"),
                testCase("com.example.SlowTest", "fast", "0.000")));

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.problems()).isEmpty();
    assertThat(history.of("com.example.SlowTest", "slow").orElseThrow().seconds())
        .isEqualTo(1234.5);
    assertThat(history.of("com.example.SlowTest", "slower").orElseThrow().seconds())
        .isEqualTo(12_345_678.0);
    assertThat(history.of("com.example.SlowTest", "fast").orElseThrow().seconds()).isZero();
  }

  @Test
  void newestReportWinsByTimestampWhateverThePathOrder() throws IOException {
    write(
        "a/TEST-x.xml",
        suite("2026-03-01T12:00:00", testCase("com.example.FooTest", "m(String)[1]", "9.0")));
    write(
        "b/TEST-x.xml",
        suite(
            "2026-03-02T12:00:00",
            testCase("com.example.FooTest", "m(String)[1]", "1.0"),
            testCase("com.example.FooTest", "m(String)[2]", "2.0")));
    write(
        "c/TEST-x.xml",
        suite("2026-02-28T12:00:00", testCase("com.example.FooTest", "m(String)[1]", "5.0")));

    DurationHistory history = DurationHistory.read(List.of(tmp));

    TestDuration m = history.of("com.example.FooTest", "m").orElseThrow();
    assertThat(m.seconds()).isEqualTo(3.0);
    assertThat(m.invocations()).isEqualTo(2);
    assertThat(m.source()).isEqualTo(tmp.resolve("b/TEST-x.xml").toString());
    assertThat(history.filesRead()).hasSize(3);
  }

  @Test
  void eachSuiteOfATestsuitesFileDatesItsOwnTestCases() throws IOException {
    Path file =
        write(
            "TEST-all.xml",
            "<testsuites>\n"
                + "<testsuite name=\"com.example.A\" timestamp=\"2026-05-01T08:00:00+02:00\">\n"
                + "  <testcase name=\"a\" time=\"1\"/>\n"
                + "</testsuite>\n"
                + "<testsuite name=\"com.example.B\" timestamp=\"2026-05-02T08:00:00\">\n"
                + "  <testcase name=\"b\" classname=\"com.example.B\" time=\"2\"/>\n"
                + "</testsuite>\n"
                + "</testsuites>\n");

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.problems()).isEmpty();
    // Without a classname attribute the suite names the class.
    assertThat(history.of("com.example.A", "a").orElseThrow().when())
        .isEqualTo(Instant.parse("2026-05-01T06:00:00Z"));
    assertThat(history.of("com.example.B", "b").orElseThrow().when())
        .isEqualTo(Instant.parse("2026-05-02T08:00:00Z"));
    assertThat(DurationHistory.empty().all()).isEmpty();
  }

  @Test
  void anEventFinishedBeforeItStartedIsLeftOut() throws IOException {
    String tests =
        events(
            started("1", null, "2026-01-01T00:00:01Z", "CONTAINER", ""),
            started("2", "1", "2026-01-01T00:00:02Z", "TEST", "backwards"),
            finished("2", "2026-01-01T00:00:01.5Z"),
            started("3", "1", "2026-01-01T00:00:03Z", "TEST", "forwards"),
            finished("3", "2026-01-01T00:00:04.25Z"),
            finished("1", "2026-01-01T00:00:05Z"));
    Path file = write("junit-platform-events-2.xml", tests);

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.all())
        .extracting(TestDuration::display, TestDuration::seconds)
        .containsExactly(tuple("com.example.E#forwards", 1.25));
    assertThat(history.problems())
        .extracting(Problem::kind, Problem::message)
        .containsExactly(
            tuple(
                Problem.Kind.INVALID_DURATION,
                "line 3: test 'backwards' (id 2) finished before it started; it is left out"));
  }

  @Test
  void withoutTimestampsTheNewerFileWins() throws IOException {
    Path older = write("old/TEST-x.xml", suite(null, testCase("com.example.FooTest", "m", "7")));
    Path newer = write("new/TEST-x.xml", suite(null, testCase("com.example.FooTest", "m", "3")));
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

    DurationHistory history = DurationHistory.read(List.of(older, newer));

    assertThat(history.of("com.example.FooTest", "m").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::when)
        .containsExactly(3.0, Instant.parse("2026-01-02T00:00:00Z"));
  }

  @Test
  void aTruncatedReportKeepsTheTestCasesBeforeTheCut() throws IOException {
    String whole = Files.readString(resource("surefire").resolve("TEST-" + DEEPER + ".xml"));
    String cut = whole.substring(0, whole.indexOf("<testcase name=\"param(String)[2]\"") + 20);
    Path file = write("TEST-cut.xml", cut);

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.of(SAMPLE, "customName").orElseThrow().invocations()).isEqualTo(2);
    assertThat(history.of(SAMPLE, "param").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::invocations)
        .containsExactly(0.008, 1);
    assertThat(history.of(SAMPLE, "plain")).isEmpty();
    assertThat(history.filesRead()).containsExactly(file);
    assertThat(history.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.MALFORMED_REPORT);
              assertThat(p.path()).isEqualTo(file.toString());
              assertThat(p.message())
                  .startsWith("line 20: the report breaks off: ")
                  .endsWith("; the tests before this point are kept");
            });
  }

  @Test
  void aTruncatedEventFileKeepsFinishedTestsAndNamesTheUnfinished() throws IOException {
    String whole = Files.readString(resource("console").resolve("open-test-report.xml"));
    int cut = whole.indexOf("<e:finished id=\"21\"");
    Path file = write("junit-platform-events-1.xml", whole.substring(0, cut));

    DurationHistory history = DurationHistory.read(List.of(tmp));

    // Tests 5 to 20 finished before the cut, among them the first invocation of param(String).
    assertThat(history.all())
        .extracting(TestDuration::methodName)
        .containsExactly("customName", "factory", "fails", "named", "param", "repeated", "twoArgs");
    assertThat(history.of(SAMPLE, "param").orElseThrow().invocations()).isEqualTo(1);
    assertThat(history.problems())
        .extracting(Problem::kind, Problem::path)
        .containsExactly(
            tuple(Problem.Kind.MALFORMED_REPORT, file.toString()),
            tuple(Problem.Kind.MALFORMED_REPORT, file.toString()));
    assertThat(history.problems())
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("the report breaks off"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo(
                        "1 test started but never finished (first: '[2] b' (id 21)); it is left"
                            + " out"));
  }

  @Test
  void invalidTimesAreLeftOutWithAProblemEach() throws IOException {
    Path file =
        write(
            "TEST-bad.xml",
            suite(
                null,
                testCase("com.example.BadTest", "negative", "-0.5"),
                testCase("com.example.BadTest", "nan", "NaN"),
                testCase("com.example.BadTest", "words", "fast"),
                testCase("com.example.BadTest", "decimalComma", "0,5"),
                testCase("com.example.BadTest", "missing", null),
                testCase("com.example.BadTest", "good", "0.25")));

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.all())
        .extracting(TestDuration::display, TestDuration::seconds)
        .containsExactly(tuple("com.example.BadTest#good", 0.25));
    assertThat(history.problems())
        .allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID_DURATION))
        .extracting(Problem::message)
        .containsExactly(
            "line 3: test case com.example.BadTest 'negative' has a negative time '-0.5'; it is"
                + " left out",
            "line 4: test case com.example.BadTest 'nan' has time 'NaN', which is not a number of"
                + " seconds; it is left out",
            "line 5: test case com.example.BadTest 'words' has time 'fast', which is not a number"
                + " of seconds; it is left out",
            "line 6: test case com.example.BadTest 'decimalComma' has time '0,5', which is not a"
                + " number of seconds; it is left out",
            "line 7: test case com.example.BadTest 'missing' has no time; it is left out");
  }

  @Test
  void xmlThatIsNoReportIsAProblemAndNotRead() throws IOException {
    Path pom =
        write("pom.xml", "<?xml version=\"1.0\"?>\n<project>\n  <modelVersion/>\n</project>\n");
    Path named = write("reports/TEST-fake.xml", "<html><body>not a report</body></html>");
    Path good = write("reports/TEST-good.xml", suite(null, testCase("com.example.G", "g", "1")));

    DurationHistory history = DurationHistory.read(List.of(pom, tmp.resolve("reports")));

    assertThat(history.filesRead()).containsExactly(good);
    assertThat(history.of("com.example.G", "g")).isPresent();
    assertThat(history.problems())
        .extracting(Problem::kind, Problem::path, Problem::message)
        .containsExactlyInAnyOrder(
            tuple(
                Problem.Kind.NOT_A_REPORT,
                pom.toString(),
                "line 2: root element <project> is not a test report (testsuite, testsuites or"
                    + " open-test-reporting events)"),
            tuple(
                Problem.Kind.NOT_A_REPORT,
                named.toString(),
                "line 1: root element <html> is not a test report (testsuite, testsuites or"
                    + " open-test-reporting events)"));
  }

  @Test
  void garbageEmptyAndMissingFilesAreProblemsAndTheRestIsRead() throws IOException {
    byte[] garbage = new byte[512];
    new Random(42).nextBytes(garbage);
    Path binary = tmp.resolve("TEST-garbage.xml");
    Files.write(binary, garbage);
    Path empty = write("TEST-empty.xml", "");
    Path good = write("TEST-good.xml", suite(null, testCase("com.example.G", "g", "1.5")));
    Path missing = tmp.resolve("nowhere");

    DurationHistory history = DurationHistory.read(List.of(tmp, missing));

    assertThat(history.of("com.example.G", "g").orElseThrow().seconds()).isEqualTo(1.5);
    assertThat(history.filesRead()).containsExactly(good);
    assertThat(history.problems())
        .extracting(Problem::kind, Problem::path)
        .containsExactly(
            tuple(Problem.Kind.EMPTY_INPUT, empty.toString()),
            tuple(Problem.Kind.MALFORMED_REPORT, binary.toString()),
            tuple(Problem.Kind.MISSING_INPUT, missing.toString()));
    assertThat(history.problems().get(1).message())
        .isEqualTo("not well-formed XML: bytes that are not valid UTF-8");
  }

  @Test
  void declaredEncodingsAndByteOrderMarksAreHonoured() throws IOException {
    Path latin1 = tmp.resolve("TEST-latin1.xml");
    Files.write(
        latin1,
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuite>"
                + testCase("com.example.Caf\u00e9Test", "cr\u00e8me", "0.5")
                + "</testsuite>")
            .getBytes(StandardCharsets.ISO_8859_1));
    Path bom = tmp.resolve("TEST-bom.xml");
    Files.write(
        bom,
        ("\ufeff" + suite(null, testCase("com.example.BomTest", "\u00fcber", "0.25")))
            .getBytes(StandardCharsets.UTF_8));

    DurationHistory history = DurationHistory.read(List.of(tmp));

    assertThat(history.problems()).isEmpty();
    assertThat(history.of("com.example.Caf\u00e9Test", "cr\u00e8me")).isPresent();
    assertThat(history.of("com.example.BomTest", "\u00fcber")).isPresent();
  }

  @Test
  void repeatedNamesAreInvocationsOfAParameterizedClass() throws IOException {
    // A @ParameterizedClass with two invocations, as Surefire 3.5.2 reported it: "notEmpty" twice.
    DurationHistory history =
        DurationHistory.read(List.of(copy("surefire-parameterized-class", null)));

    assertThat(history.problems()).isEmpty();
    TestDuration notEmpty = history.of("com.example.ClassParamTest", "notEmpty").orElseThrow();
    assertThat(notEmpty.seconds()).isCloseTo(0.056 + 0.003, within(1e-9));
    assertThat(notEmpty.invocations()).isEqualTo(2);
  }

  @Test
  void anEventThatRepeatsAnIdCountsOnceWithAProblem() throws IOException {
    Path file =
        write(
            "open-test-report.xml",
            events(
                started("1", null, "2026-01-01T00:00:00Z", "TEST", "m"),
                finished("1", "2026-01-01T00:00:02Z"),
                started("1", null, "2026-01-01T00:00:03Z", "TEST", "m"),
                finished("1", "2026-01-01T00:00:09Z")));

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.of("com.example.E", "m").orElseThrow())
        .extracting(TestDuration::seconds, TestDuration::invocations)
        .containsExactly(2.0, 1);
    assertThat(history.problems())
        .extracting(Problem::kind, Problem::message)
        .containsExactly(
            tuple(
                Problem.Kind.DUPLICATE_TEST,
                "line 4: started event 1 repeats the id of the event on line 2; only the first"
                    + " counts"));
  }

  @Test
  void externalEntitiesAreNeverResolved() throws IOException {
    Path secret = write("secret.txt", "s3cr3t");
    Path file =
        write(
            "TEST-xxe.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY x SYSTEM \""
                + secret.toUri()
                + "\">]>\n<testsuite><testcase classname=\"com.example.X\" name=\"&x;\""
                + " time=\"1\"/></testsuite>\n");

    DurationHistory history = DurationHistory.read(List.of(file));

    assertThat(history.all()).extracting(TestDuration::methodName).doesNotContain("s3cr3t");
    assertThat(history.problems())
        .extracting(Problem::message)
        .noneMatch(m -> m.contains("s3cr3t"));
    assertThat(history.problems())
        .extracting(Problem::kind)
        .containsOnly(Problem.Kind.MALFORMED_REPORT);
  }

  @Test
  void theSameInputGivesTheSameOutputInTheSameOrder() throws IOException {
    Path surefire = copy("surefire", Instant.parse("2026-11-21T10:00:00Z"));
    Path console = copy("console", null);
    Path gradle = copy("gradle", null);
    write("bad/TEST-bad.xml", suite(null, testCase("com.example.B", "b", "-1")));

    DurationHistory one = DurationHistory.read(List.of(surefire, console, gradle, tmp));
    DurationHistory two = DurationHistory.read(List.of(tmp, gradle, console, surefire));

    assertThat(two.all()).containsExactlyElementsOf(one.all());
    assertThat(two.problems()).containsExactlyElementsOf(one.problems());
    assertThat(two.filesRead()).containsExactlyElementsOf(one.filesRead()).hasSize(8);
    assertThat(List.copyOf(two.classTotals().entrySet()))
        .containsExactlyElementsOf(one.classTotals().entrySet());
    assertThat(one.all()).extracting(TestDuration::display).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void defaultRootsAreTheReportDirectoriesBesideTheInputs() throws IOException {
    Path maven = tmp.resolve("maven");
    Files.createDirectories(maven.resolve("target/test-classes/com/example"));
    Files.createDirectories(maven.resolve("target/classes"));
    Files.createDirectories(maven.resolve("target/surefire-reports"));
    Files.createDirectories(maven.resolve("target/failsafe-reports"));
    write("maven/target/console-reports/TEST-junit-jupiter.xml", "<testsuite/>");
    write("maven/target/junit-platform/1/open-test-report.xml", "<events/>");
    write("maven/target/test-classes/TEST-resource.xml", "<testsuite/>");
    Path gradle = tmp.resolve("gradle");
    Files.createDirectories(gradle.resolve("build/classes/java/test"));
    Files.createDirectories(gradle.resolve("build/test-results/test"));
    write("gradle/build/otr/junit-platform-events-7.xml", "<events/>");
    Path other = tmp.resolve("build/elsewhere");
    Files.createDirectories(other.resolve("classes"));

    List<Path> roots =
        DurationHistory.defaultRoots(
            List.of(
                maven.resolve("target/test-classes"),
                maven.resolve("target"),
                gradle.resolve("build/classes/java/test"),
                other));

    assertThat(roots)
        .containsExactly(
            maven.resolve("target/surefire-reports"),
            maven.resolve("target/failsafe-reports"),
            maven.resolve("target/console-reports"),
            maven.resolve("target/junit-platform/1"),
            gradle.resolve("build/test-results"),
            gradle.resolve("build/otr"));
  }

  @Test
  void defaultRootsOfAProjectDirectoryAndAJar() throws IOException {
    Path project = tmp.resolve("p");
    Files.createDirectories(project.resolve("target/surefire-reports"));
    Path jar = write("q/target/q-1.0-tests.jar", "");
    Files.createDirectories(tmp.resolve("q/target/failsafe-reports"));

    assertThat(DurationHistory.defaultRoots(List.of(project, jar)))
        .containsExactly(
            project.resolve("target/surefire-reports"), tmp.resolve("q/target/failsafe-reports"));
    assertThat(DurationHistory.defaultRoots(List.of(tmp.resolve("nowhere")))).isEmpty();
  }

  // Helpers.

  private static Path resource(String name) {
    URL url = DurationHistoryTest.class.getResource("/history/" + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a sample directory, with the given modification time when not null. */
  private Path copy(String name, Instant modified) throws IOException {
    Path target = tmp.resolve(name);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(resource(name))) {
      for (Path file : files.toList()) {
        Path copy = Files.copy(file, target.resolve(file.getFileName().toString()));
        if (modified != null) {
          Files.setLastModifiedTime(copy, FileTime.from(modified));
        }
      }
    }
    return target;
  }

  private Path write(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String suite(String timestamp, String... testCases) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"s\""
        + (timestamp == null ? "" : " timestamp=\"" + timestamp + "\"")
        + ">\n"
        + String.join("", testCases)
        + "</testsuite>\n";
  }

  /** An open-test-reporting event file with the namespaces JUnit declares. */
  private static String events(String... events) {
    return "<e:events xmlns:e=\"https://schemas.opentest4j.org/reporting/events/0.1.0\""
        + " xmlns=\"https://schemas.opentest4j.org/reporting/core/0.1.0\""
        + " xmlns:java=\"https://schemas.opentest4j.org/reporting/java/0.1.0\""
        + " xmlns:junit=\"https://schemas.junit.org/open-test-reporting\">\n"
        + String.join("", events)
        + "</e:events>\n";
  }

  private static String finished(String id, String time) {
    return "<e:finished id=\"" + id + "\" time=\"" + time + "\"/>\n";
  }

  private static String started(String id, String parent, String time, String type, String method) {
    return "<e:started id=\""
        + id
        + "\" name=\""
        + (method.isEmpty() ? "E" : method)
        + "\""
        + (parent == null ? "" : " parentId=\"" + parent + "\"")
        + " time=\""
        + time
        + "\"><metadata><junit:type>"
        + type
        + "</junit:type></metadata>"
        + (method.isEmpty()
            ? "<sources><java:classSource className=\"com.example.E\"/></sources>"
            : "<sources><java:methodSource className=\"com.example.E\" methodName=\""
                + method
                + "\" methodParameterTypes=\"\"/></sources>")
        + "</e:started>\n";
  }

  private static String testCase(String className, String name, String time) {
    return "  <testcase classname=\""
        + className
        + "\" name=\""
        + name
        + "\""
        + (time == null ? "" : " time=\"" + time + "\"")
        + "/>\n";
  }
}
