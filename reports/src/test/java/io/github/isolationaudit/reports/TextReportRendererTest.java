package io.github.isolationaudit.reports;

import static io.github.isolationaudit.model.AccessMode.READ;
import static io.github.isolationaudit.model.AccessMode.WRITE;
import static io.github.isolationaudit.reports.Scenarios.SYS;
import static io.github.isolationaudit.reports.Scenarios.VOID;
import static io.github.isolationaudit.reports.Scenarios.access;
import static io.github.isolationaudit.reports.Scenarios.chain;
import static io.github.isolationaudit.reports.Scenarios.id;
import static io.github.isolationaudit.reports.Scenarios.step;
import static io.github.isolationaudit.reports.Scenarios.test;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportRendererTest {

  private static final String CLS = "com.example.FooTest";

  @Test
  void accessesEveryTestSharesAreShownOnceForTheClass() throws IOException {
    Access setUp =
        access(
            SYS,
            "user.dir",
            WRITE,
            "jdk.system-property-write",
            chain(step(CLS, "setUp", 12), step("com.example.Props", "set", 3)));
    Access own =
        access(SYS, "user.home", READ, "jdk.system-property-read", chain(step(CLS, "b", 30)));
    ScanResult result =
        Scenarios.result(
            List.of("target/test-classes"),
            1,
            List.of(
                new Footprint(
                    test(id(CLS, "a", VOID), Engine.JUNIT_JUPITER, TestKind.TEST), List.of(setUp)),
                new Footprint(
                    test(id(CLS, "b", VOID), Engine.JUNIT_JUPITER, TestKind.TEST),
                    List.of(own, setUp))),
            List.of(),
            List.of());

    String text = render(result);

    assertThat(text)
        .contains(
            "com.example.FooTest (JUNIT_JUPITER): 2 of 2 tests touch shared resources\n"
                + "  every test (lifecycle):\n"
                + "    WRITE SYSTEM_PROPERTY user.dir  [SHARED, JVM, HIGH confidence]"
                + " jdk.system-property-write\n"
                + "      at com.example.FooTest.setUp(FooTest.java:12)\n"
                + "      at com.example.Props.set(Props.java:3)\n"
                + "  #b\n"
                + "    READ SYSTEM_PROPERTY user.home  [SHARED, JVM, HIGH confidence]"
                + " jdk.system-property-read\n"
                + "      at com.example.FooTest.b(FooTest.java:30)\n");
    assertThat(text).doesNotContain("  #a\n");
    assertThat(occurrences(text, "user.dir")).isEqualTo(1);
  }

  @Test
  void sameAccessWithAnotherChainIsNotShared() throws IOException {
    Access viaA = access(SYS, "k", WRITE, "s", chain(step(CLS, "a", 1)));
    Access viaB = access(SYS, "k", WRITE, "s", chain(step(CLS, "b", 1)));
    ScanResult result =
        Scenarios.result(
            List.of(),
            1,
            List.of(
                new Footprint(
                    test(id(CLS, "a", VOID), Engine.JUNIT4, TestKind.TEST), List.of(viaA)),
                new Footprint(
                    test(id(CLS, "b", VOID), Engine.JUNIT4, TestKind.TEST), List.of(viaB))),
            List.of(),
            List.of());

    String text = render(result);

    assertThat(text).doesNotContain("every test").contains("  #a\n").contains("  #b\n");
  }

  @Test
  void testsThatTouchNothingAreCountedNotListed() throws IOException {
    List<Footprint> footprints = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      footprints.add(
          new Footprint(
              test(
                  id("com.example.Quiet" + i / 3 + "Test", "t" + i, VOID),
                  Engine.TESTNG,
                  TestKind.TEST),
              List.of()));
    }
    footprints.add(
        new Footprint(
            test(id(CLS, "loud", VOID), Engine.TESTNG, TestKind.TEST),
            List.of(access(SYS, "k", WRITE, "s", chain(step(CLS, "loud", 3))))));
    footprints.add(
        new Footprint(test(id(CLS, "silent", VOID), Engine.TESTNG, TestKind.TEST), List.of()));

    String text = render(Scenarios.result(List.of(), 10, footprints, List.of(), List.of()));

    assertThat(text)
        .contains("com.example.FooTest (TESTNG): 1 of 2 tests touches shared resources\n");
    assertThat(text).contains("\n28 tests touch nothing shared\n");
    assertThat(text).doesNotContain("Quiet").doesNotContain("#silent");
  }

  @Test
  void aConflictNamesAtMostFiveTestsThenCountsTheRest() throws IOException {
    List<TestId> writers = new ArrayList<>();
    List<TestId> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      writers.add(id(CLS, "w" + i, VOID));
      readers.add(id(CLS, "r" + i, VOID));
    }
    readers.add(id(CLS, "r3", VOID));
    Conflict conflict =
        new Conflict(
            SYS,
            "",
            Key.exact("user.dir"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            writers,
            readers,
            0,
            List.of(),
            "they race");
    ScanResult result = Scenarios.result(List.of(), 0, List.of(), List.of(conflict), List.of());

    String text = render(result);

    assertThat(text)
        .contains(
            "Conflicts (1 definite, 0 possible)\n"
                + "  SYSTEM_PROPERTY user.dir (JVM): 3 writers, 4 readers\n"
                + "    they race\n"
                + "    writes com.example.FooTest#w0\n"
                + "    writes com.example.FooTest#w1\n"
                + "    writes com.example.FooTest#w2\n"
                + "    reads  com.example.FooTest#r0\n"
                + "    reads  com.example.FooTest#r1\n"
                + "    and 2 more\n");
  }

  @Test
  void possibleConflictsAreSummarisedAndCappedAfterTheDefiniteOnes() throws IOException {
    List<Conflict> conflicts = new ArrayList<>();
    for (int i = 0; i < TextReportRenderer.POSSIBLE_CONFLICTS_LISTED + 3; i++) {
      conflicts.add(
          new Conflict(
              SYS,
              "",
              Key.pattern(String.format("p%02d.*", i)),
              Certainty.POSSIBLE,
              Reach.JVM,
              Scope.SHARED,
              List.of(id(CLS, "w", VOID)),
              List.of(),
              4,
              List.of(id(CLS, "r", VOID)),
              "pattern"));
    }
    conflicts.add(
        new Conflict(
            SYS,
            "",
            Key.exact("z"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.PER_CLASS,
            List.of(id(CLS, "w", VOID)),
            List.of(),
            0,
            List.of(),
            "same class"));

    String text = render(Scenarios.result(List.of(), 0, List.of(), conflicts, List.of()));

    assertThat(text)
        .contains(
            "Conflicts (1 definite, 23 possible)\n"
                + "  SYSTEM_PROPERTY z (JVM, PER_CLASS): 1 writer, 0 readers\n");
    assertThat(text)
        .contains(
            "  possible:\n    SYSTEM_PROPERTY p00.* (JVM): 1 writer, 0 readers,"
                + " 4 possible readers\n      pattern\n");
    assertThat(text).contains("SYSTEM_PROPERTY p19.*").doesNotContain("p20.*");
    assertThat(text).contains("    and 3 more possible conflicts\n");
  }

  @Test
  void overloadedTestsShowTheirParameterTypes() throws IOException {
    Access a = access(SYS, "k", WRITE, "s", chain(step(CLS, "bar", 1)));
    ScanResult result =
        Scenarios.result(
            List.of(),
            1,
            List.of(
                new Footprint(
                    test(id(CLS, "bar", "(I)V"), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED),
                    List.of(a)),
                new Footprint(
                    test(id(CLS, "bar", "(J)V"), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED),
                    List.of())),
            List.of(),
            List.of());

    assertThat(render(result)).contains("\n  #bar(int)  [PARAMETERIZED]\n");
  }

  @Test
  void outputIsPlainDeterministicText() throws IOException {
    String first = render(Scenarios.rich());

    assertThat(render(Scenarios.rich())).isEqualTo(first);
    assertThat(first).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\t");
    assertThat(first)
        .endsWith(
            "Summary: 24 accesses (FILE 4, KAFKA_TOPIC 1, LOCALE 3, PORT 3, STATIC_FIELD 4,"
                + " SYSTEM_PROPERTY 9), 3 definite conflicts, 2 possible conflicts, 0 markers,"
                + " 0 findings, 3 problems\n");
  }

  @Test
  void theSummaryLineCountsMarkersByVerdictAndFindingsByKind() throws IOException {
    assertThat(render(Scenarios.verdicts()))
        .endsWith(
            ", 4 definite conflicts, 0 possible conflicts, 7 markers (REQUIRED 1, FIXABLE 2,"
                + " DEFENSIVE 2, LEGACY 2), 2 findings (UNPROTECTED 1, INSUFFICIENT 1),"
                + " 1 accepted, 1 problem\n");
  }

  @Test
  void theHeaderSaysWhichParallelConfigurationWasFound() throws IOException {
    assertThat(render(Scenarios.clean()))
        .startsWith(
            "isolation-audit: scanned target/test-classes: 4 class files, 2 test classes, 3 tests"
                + " (JUNIT4 1, JUNIT_JUPITER 2)\n"
                + "JUnit parallel execution: unknown: no configuration found\n\n");
    assertThat(render(Scenarios.verdicts()))
        .contains(
            "\nJUnit parallel execution: enabled, classes concurrent, methods same_thread"
                + " (from src/test/resources/junit-platform.properties, pom.xml)\n"
                + "Build: one test JVM at a time; excluded groups: slow\n\n");
    assertThat(
            render(
                withConfiguration(
                    configuration(
                        Tristate.FALSE,
                        Tristate.TRUE,
                        Tristate.TRUE,
                        Tristate.UNKNOWN,
                        "pom.xml"))))
        .contains("\nJUnit parallel execution: disabled (from pom.xml)\n\n");
    assertThat(
            render(
                withConfiguration(
                    new BuildConfiguration(
                        Tristate.UNKNOWN,
                        Tristate.UNKNOWN,
                        Tristate.TRUE,
                        Tristate.TRUE,
                        List.of("fast", "db"),
                        List.of(),
                        "classes",
                        List.of("build.gradle"),
                        Map.of()))))
        .contains(
            "\nJUnit parallel execution: unknown whether enabled, classes concurrent, methods"
                + " unknown (from build.gradle)\n"
                + "Build: several test JVMs at a time (forks); included groups: fast, db;"
                + " TestNG parallel: classes\n\n");
  }

  @Test
  void markersAreGroupedByVerdictWithWhereWhyAndWhatToDo() throws IOException {
    String text = render(Scenarios.verdicts());

    assertThat(text)
        .contains(
            "Markers (7: REQUIRED 1, FIXABLE 2, DEFENSIVE 2, LEGACY 2)\n"
                + "  REQUIRED (1)\n"
                + "    @Isolated on com.example.shop.CheckoutTest (CheckoutTest.java:14)\n"
                + "      REQUIRED, HIGH confidence; isolates; stated reason: flaky, see JIRA-123\n");
    assertThat(text)
        .contains(
            "    @ResourceLock on com.example.shop.WebhookTest#receivesWebhook (no source: class"
                + " com.example.shop.WebhookTest, method receivesWebhook)\n"
                + "      FIXABLE, HIGH confidence; lock port-8443 READ_WRITE\n");
    assertThat(text)
        .contains(
            "      DEFENSIVE, MEDIUM confidence (a call in PriceCalculatorTest#roundsHalfUp was"
                + " resolved by class hierarchy only); same thread\n"
                + "      PriceCalculatorTest's 2 tests touch nothing shared.\n"
                + "      -> Remove @Execution(SAME_THREAD) (PriceCalculatorTest.java:9).\n");
    // In the order of the verdicts, each group sorted by class.
    assertThat(text.indexOf("  REQUIRED (1)"))
        .isLessThan(text.indexOf("  FIXABLE (2)"))
        .isLessThan(text.indexOf("  DEFENSIVE (2)"))
        .isLessThan(text.indexOf("  LEGACY (2)"))
        .isLessThan(text.indexOf("\nFindings ("));
    assertThat(text.indexOf("@Tag on com.example.shop.ExportTest (ExportTest.java:11)\n"))
        .isLessThan(text.indexOf("@NotThreadSafe on com.example.shop.LegacyOrderTest"));
  }

  @Test
  void aClassMarkerWithoutSourceNamesItsClass() throws IOException {
    Marker marker =
        new Marker(
            "org.junit.jupiter.api.parallel.Isolated",
            "junit-jupiter",
            MarkerEffect.ISOLATES,
            List.of(),
            "",
            CLS,
            "",
            "",
            null,
            "",
            "");
    ScanResult result =
        Scenarios.with(
            Scenarios.clean(),
            BuildConfiguration.unknown(),
            List.of(
                new MarkerVerdict(
                    marker, Verdict.DEFENSIVE, "nothing", Confidence.LOW, "", "", List.of())),
            List.of());

    assertThat(render(result))
        .contains(
            "Markers (1: REQUIRED 0, FIXABLE 0, DEFENSIVE 1, LEGACY 0)\n"
                + "  DEFENSIVE (1)\n"
                + "    @Isolated on com.example.FooTest (no source: class com.example.FooTest)\n"
                + "      DEFENSIVE, LOW confidence; isolates\n"
                + "      nothing\n"
                + "\nFindings (0)\n");
  }

  @Test
  void aFindingNamesFiveTestsThenCountsTheRestOfTheGroup() throws IOException {
    List<TestId> tests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tests.add(id(CLS, "t" + i, VOID));
    }
    // The model may carry only a sample of a large group; testCount says how many there are.
    Finding finding =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("user.dir"),
            tests,
            40,
            null,
            true,
            "they race",
            "lock it");

    String text =
        render(
            Scenarios.with(
                Scenarios.clean(), BuildConfiguration.unknown(), List.of(), List.of(finding)));

    assertThat(text)
        .contains(
            "Findings (1: UNPROTECTED 1, INSUFFICIENT 0)\n"
                + "  UNPROTECTED (1)\n"
                + "    SYSTEM_PROPERTY user.dir: 40 tests, runs in parallel today\n"
                + "      com.example.FooTest#t0\n"
                + "      com.example.FooTest#t1\n"
                + "      com.example.FooTest#t2\n"
                + "      com.example.FooTest#t3\n"
                + "      com.example.FooTest#t4\n"
                + "      and 35 more\n"
                + "      they race\n"
                + "      -> lock it\n");
  }

  @Test
  void aFindingSaysWhetherItRacesTodayOrIsATrapForLater() throws IOException {
    Finding dormant =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("k"),
            List.of(id(CLS, "a", VOID), id(CLS, "b", VOID)),
            2,
            null,
            false,
            "r",
            "x");

    assertThat(render(withFinding(BuildConfiguration.unknown(), dormant)))
        .contains(
            "    SYSTEM_PROPERTY k: 2 tests, configuration unknown: would race if parallel"
                + " execution is on\n");
    assertThat(
            render(
                withFinding(
                    configuration(
                        Tristate.FALSE, Tristate.TRUE, Tristate.TRUE, Tristate.FALSE, "pom.xml"),
                    dormant)))
        .contains("    SYSTEM_PROPERTY k: 2 tests, would race once parallel execution is on\n");
    assertThat(
            render(
                withFinding(
                    configuration(
                        Tristate.TRUE,
                        Tristate.FALSE,
                        Tristate.TRUE,
                        Tristate.FALSE,
                        "junit-platform.properties"),
                    dormant)))
        .contains(
            "    SYSTEM_PROPERTY k: 2 tests, not in parallel today; would race once these tests"
                + " run concurrently\n");
  }

  private static BuildConfiguration configuration(
      Tristate enabled, Tristate methods, Tristate classes, Tristate forks, String source) {
    return new BuildConfiguration(
        enabled, methods, classes, forks, List.of(), List.of(), "", List.of(source), Map.of());
  }

  private static ScanResult withConfiguration(BuildConfiguration configuration) {
    return Scenarios.with(Scenarios.clean(), configuration, List.of(), List.of());
  }

  private static ScanResult withFinding(BuildConfiguration configuration, Finding finding) {
    return Scenarios.with(Scenarios.clean(), configuration, List.of(), List.of(finding));
  }

  @Test
  void formatsNameTheirRenderers() {
    assertThat(ReportFormat.defaultFormat()).isEqualTo(ReportFormat.TEXT);
    assertThat(ReportFormat.TEXT.renderer()).isInstanceOf(TextReportRenderer.class);
    assertThat(ReportFormat.JSON.renderer()).isInstanceOf(JsonReportRenderer.class);
    assertThat(ReportFormat.fromName(" Json ")).isEqualTo(ReportFormat.JSON);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ReportFormat.fromName("yaml"))
        .withMessageContaining("text, json");
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String render(ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    new TextReportRenderer().render(result, out);
    return out.toString();
  }
}
