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

    String text = renderVerbose(result);

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

    String text = renderVerbose(result);

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

    String text = renderVerbose(Scenarios.result(List.of(), 10, footprints, List.of(), List.of()));

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

    String text = renderVerbose(result);

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

    String text = renderVerbose(Scenarios.result(List.of(), 0, List.of(), conflicts, List.of()));

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

    assertThat(renderVerbose(result)).contains("\n  #bar(int)  [PARAMETERIZED]\n");
  }

  @Test
  void outputIsPlainDeterministicText() throws IOException {
    String first = render(Scenarios.rich());

    assertThat(render(Scenarios.rich())).isEqualTo(first);
    assertThat(first).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\t");
    assertThat(first)
        .endsWith(
            "Every test's footprint and every conflict: --verbose. The whole reasoning for one"
                + " test or class:\n  isolation-audit explain com.example.config.JsonConfigTest\n");
  }

  @Test
  void theSummaryComesFirstThenFindingsThenMarkersThenProblems() throws IOException {
    String text = render(Scenarios.verdicts(), wide());

    assertThat(text)
        .startsWith(
            "isolation-audit: 18 tests in 12 test classes (JUNIT_JUPITER 18), 31 class files read"
                + " from target/test-classes\n"
                + "Parallel today: yes (JUnit parallel execution enabled, classes concurrent,"
                + " methods same_thread; from src/test/resources/junit-platform.properties,"
                + " pom.xml; one test JVM at a time; excluded groups: slow)\n"
                + "Findings: 2 to fix (UNPROTECTED 1, INSUFFICIENT 1), all race today; 1"
                + " accepted\n"
                + "Markers: 7: remove 3, change 3, keep 1\n"
                + "Conflicts: 4 definite, 0 possible, among 14 accesses (FILE 2, LOCALE 7, PORT"
                + " 3, SYSTEM_PROPERTY 2); 1 problem\n"
                // What to do next, on the first screen: the edits as a diff.
                + "Next: isolation-audit fix --dry-run, with this scan's paths and options, shows"
                + " the 3 edits (and 1 to make by hand) as a diff; isolation-audit fix applies"
                + " them.\n\n"
                + "Findings to fix (2), most severe first\n");
    assertThat(text.indexOf("Findings to fix"))
        .isLessThan(text.indexOf("\nAccepted findings (1)\n"))
        .isLessThan(text.indexOf("\nMarkers (7): remove 3, change 3, keep 1\n"))
        .isLessThan(text.indexOf("\nProblems (1)\n"));
    // Footprints and conflicts only on request.
    assertThat(text).doesNotContain("jdk.locale-set-default").doesNotContain("Conflicts (4");
  }

  @Test
  void editsThatIsolateAFifthOfTheSuiteSayWhatTheLocksProviderOffersInstead() throws IOException {
    // The verdicts suite's @Isolated runs 1 of 18 tests alone: no word on the locks provider.
    assertThat(render(Scenarios.verdicts(), wide())).doesNotContain("--locks-provider");
    // The same @Isolated on InvoiceTest, whose 2 tests are a ninth of the suite: the first screen
    // says how many run alone and what keeps them in the parallel run.
    ScanResult base = Scenarios.verdicts();
    List<io.github.isolationaudit.model.Finding> findings = new java.util.ArrayList<>();
    for (io.github.isolationaudit.model.Finding f : base.findings()) {
      List<io.github.isolationaudit.model.Edit> edits = new java.util.ArrayList<>();
      for (io.github.isolationaudit.model.Edit e : f.edits()) {
        edits.add(
            e.text().equals("@Isolated")
                ? new io.github.isolationaudit.model.Edit(
                    e.action(),
                    e.file(),
                    e.line(),
                    "com.example.shop.InvoiceTest",
                    e.methodName(),
                    e.text(),
                    e.imports())
                : e);
      }
      findings.add(f.withEdits(edits));
    }
    ScanResult invoice =
        new ScanResult(
            base.inputs(),
            base.summary(),
            base.footprints(),
            base.conflicts(),
            base.problems(),
            base.configuration(),
            base.markers(),
            findings,
            base.sourcePaths(),
            base.coverage());
    String text = render(invoice, wide());
    assertThat(text)
        .contains(
            "They run 2 tests of 18 alone; isolation-audit fix --locks-provider applies the plan's"
                + " finer locks instead (JUnit 5.12+).");
    assertThat(text.indexOf("--locks-provider")).isLessThan(text.indexOf("Findings to fix"));
  }

  @Test
  void verboseAddsEveryFootprintAndConflictWithProjectPaths() throws IOException {
    String text = renderVerbose(Scenarios.verdicts());

    assertThat(text)
        .contains(
            "    WRITE LOCALE java.util.Locale  [SHARED, JVM, HIGH confidence]"
                + " jdk.locale-set-default\n"
                + "      at com.example.shop.ReceiptTest.printsGermanReceipt "
                + " shop/src/test/java/com/example/shop/ReceiptTest.java:18\n")
        .contains("\nConflicts (4 definite, 0 possible)\n")
        .doesNotContain("--verbose.");
    // A file the scan did not locate keeps the stack-trace form.
    assertThat(renderVerbose(Scenarios.rich()))
        .contains("      at com.example.config.Config.load(Config.java:30)\n");
  }

  @Test
  void theSummarySaysWhetherTheSuiteRunsInParallelToday() throws IOException {
    assertThat(render(Scenarios.clean()))
        .startsWith(
            "isolation-audit: 3 tests in 2 test classes (JUNIT4 1, JUNIT_JUPITER 2), 4 class"
                + " files read from\n  target/test-classes\n"
                + "Parallel today: unknown (no configuration found); findings say what would race"
                + " once it does\n"
                + "Findings: none to fix\n"
                + "Markers: none found\n");
    assertThat(
            render(
                withConfiguration(
                    configuration(
                        Tristate.FALSE, Tristate.TRUE, Tristate.TRUE, Tristate.UNKNOWN, "pom.xml")),
                wide()))
        .contains(
            "\nParallel today: no (JUnit parallel execution disabled; from pom.xml); findings say"
                + " what would race once it does\n");
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
                        Map.of())),
                wide()))
        .contains(
            "\nParallel today: unknown (JUnit parallel execution unknown, classes concurrent,"
                + " methods unknown; from build.gradle; several test JVMs at a time (forks);"
                + " included groups: fast, db; TestNG parallel: classes); findings say what"
                + " would race once it does\n");
  }

  @Test
  void findingsComeMostSevereFirstGroupedByClassEachTestWithItsProjectPath() throws IOException {
    String alpha = "com.example.AlphaTest";
    String beta = "com.example.BetaTest";
    String gamma = "com.example.GammaTest";
    List<Footprint> footprints = new ArrayList<>();
    for (String cls : List.of(alpha, beta, gamma)) {
      footprints.add(
          new Footprint(
              test(id(cls, "reads", VOID), Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(
                  access(SYS, "k", READ, "s", chain(step(cls, "reads", 20))),
                  access(SYS, "j", READ, "s", chain(step(cls, "reads", 21))))));
      footprints.add(
          new Footprint(
              test(id(cls, "writes", VOID), Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(
                  access(SYS, "k", WRITE, "s", chain(step(cls, "writes", 30))),
                  access(SYS, "j", WRITE, "s", chain(step(cls, "writes", 31))))));
    }
    // Live or not, UNPROTECTED or INSUFFICIENT: the class of the writer carries the finding.
    Finding dormantInAlpha =
        finding("k", false, id(alpha, "reads", VOID), id(alpha, "writes", VOID));
    Finding dormantInGamma =
        finding("j", false, id(gamma, "writes", VOID), id(alpha, "reads", VOID));
    Finding liveInGamma = finding("k", true, id(beta, "reads", VOID), id(gamma, "writes", VOID));
    Finding liveInBeta =
        new Finding(
            Finding.Kind.INSUFFICIENT,
            SYS,
            "",
            Key.exact("j"),
            List.of(id(beta, "writes", VOID), id(beta, "reads", VOID)),
            2,
            null,
            true,
            "r",
            "x");
    ScanResult result =
        Scenarios.locatedIn(
            "core/",
            Scenarios.with(
                Scenarios.result(List.of("t"), 6, footprints, List.of(), List.of()),
                BuildConfiguration.unknown(),
                List.of(),
                List.of(dormantInAlpha, dormantInGamma, liveInGamma, liveInBeta)));

    String text = render(result);

    int gammaAt =
        text.indexOf("\ncom.example.GammaTest  core/src/test/java/com/example/GammaTest.java\n");
    int betaAt =
        text.indexOf("\ncom.example.BetaTest  core/src/test/java/com/example/BetaTest.java\n");
    int alphaAt =
        text.indexOf("\ncom.example.AlphaTest  core/src/test/java/com/example/AlphaTest.java\n");
    assertThat(gammaAt).isPositive().isLessThan(betaAt);
    assertThat(betaAt).isLessThan(alphaAt);
    // Within a class, the live race before the trap; writers first, each with file:line.
    // The heading names the class, so its own tests go by their method.
    assertThat(text.substring(gammaAt, betaAt))
        .contains(
            "  UNPROTECTED SYSTEM_PROPERTY k: 2 tests, races today\n"
                + "    writes core/src/test/java/com/example/GammaTest.java:30  #writes\n"
                + "    reads  core/src/test/java/com/example/BetaTest.java:20   BetaTest#reads\n");
    assertThat(text.indexOf("SYSTEM_PROPERTY k: 2 tests, races today"))
        .isLessThan(text.indexOf("SYSTEM_PROPERTY j: 2 tests\n"));
    assertThat(text.substring(betaAt, alphaAt))
        .startsWith("\ncom.example.BetaTest")
        .contains("  INSUFFICIENT SYSTEM_PROPERTY j");
  }

  @Test
  void aSampleOfReadersStillListsTheFindingUnderItsWritersClassWritersFirst() throws IOException {
    // kafka-clients: a finding of 946 tests whose sample (the first five by name) holds readers
    // only; its 25 writers are in another class, further down the alphabet.
    String reader = "com.example.AlphaTest";
    String writer = "com.example.ZuluTest";
    List<Footprint> footprints = new ArrayList<>();
    List<TestId> readers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      TestId id = id(reader, "reads" + i, VOID);
      readers.add(id);
      footprints.add(
          new Footprint(
              test(id, Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(access(SYS, "k", READ, "s", chain(step(reader, "reads" + i, 20 + i))))));
    }
    List<TestId> writers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      TestId id = id(writer, "writes" + i, VOID);
      writers.add(id);
      footprints.add(
          new Footprint(
              test(id, Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(access(SYS, "k", WRITE, "s", chain(step(writer, "setUp", 40))))));
    }
    Finding sampled =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("k"),
            readers.subList(0, 5),
            8,
            null,
            false,
            "r",
            "x",
            null,
            null,
            List.of(),
            writers,
            readers);
    ScanResult result =
        Scenarios.with(
            Scenarios.result(List.of("t"), 8, footprints, List.of(), List.of()),
            BuildConfiguration.unknown(),
            List.of(),
            List.of(sampled));

    String text = render(result);

    // A writer and a reader; the heading counts them all.
    assertThat(text)
        .contains("\ncom.example.ZuluTest  com/example/ZuluTest.java\n")
        .doesNotContain("\ncom.example.AlphaTest ")
        .contains(
            "  UNPROTECTED SYSTEM_PROPERTY k: 8 tests\n"
                + "    writes com/example/ZuluTest.java:40   #writes0\n"
                + "    reads  com/example/AlphaTest.java:20  AlphaTest#reads0\n"
                + "    Fix: x\n")
        .doesNotContain("more tests");
    // Verbose, five: the writers that write at the same place share its line.
    assertThat(renderVerbose(result))
        .contains(
            "    writes com/example/ZuluTest.java:40   #writes0, #writes1\n"
                + "    reads  com/example/AlphaTest.java:20  AlphaTest#reads0\n"
                + "    reads  com/example/AlphaTest.java:21  AlphaTest#reads1\n"
                + "    reads  com/example/AlphaTest.java:22  AlphaTest#reads2\n"
                + "    Fix: x\n");
  }

  @Test
  void aFindingListsThreeEditsThenCountsTheRestUnlessVerbose() throws IOException {
    List<io.github.isolationaudit.model.Edit> edits = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      edits.add(
          new io.github.isolationaudit.model.Edit(
              io.github.isolationaudit.model.Edit.Action.ADD_ANNOTATION,
              "src/test/java/com/example/T" + i + "Test.java",
              10 + i,
              "com.example.T" + i + "Test",
              "",
              "@ResourceLock(\"k\")",
              List.of("org.junit.jupiter.api.parallel.ResourceLock")));
    }
    Finding finding =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("k"),
            List.of(id(CLS, "t", VOID)),
            1,
            null,
            true,
            "they race",
            "lock it",
            null,
            null,
            edits);
    ScanResult result =
        Scenarios.with(
            Scenarios.clean(), BuildConfiguration.unknown(), List.of(), List.of(finding));

    String text = render(result);

    // A class-level edit in the class's own file: its place says which class.
    assertThat(text)
        .contains(
            "    Fix: lock it\n"
                + "      src/test/java/com/example/T1Test.java:11  + @ResourceLock(\"k\")\n"
                + "      src/test/java/com/example/T2Test.java:12  + @ResourceLock(\"k\")\n"
                + "      src/test/java/com/example/T3Test.java:13  + @ResourceLock(\"k\")\n"
                + "      ... and 4 more edits (isolation-audit fix --dry-run shows them all)\n");
    assertThat(renderVerbose(result))
        .contains("T7Test.java:17  + @ResourceLock(\"k\")\n")
        .doesNotContain("more edits");
  }

  private static Finding finding(String key, boolean live, TestId... tests) {
    return new Finding(
        Finding.Kind.UNPROTECTED,
        SYS,
        "",
        Key.exact(key),
        List.of(tests),
        tests.length,
        null,
        live,
        "r",
        "x");
  }

  @Test
  void markersAreGroupedByWhatToDoWithWhereWhyAndTheEdit() throws IOException {
    String text = render(Scenarios.verdicts());

    assertThat(text.indexOf("\nRemove (3): they protect nothing today\n"))
        .isPositive()
        .isLessThan(text.indexOf("\nChange (3): "))
        .isLessThan(text.indexOf("\nKeep (1): they protect a real conflict\n"));
    assertThat(text)
        .contains(
            "\nKeep (1): they protect a real conflict\n"
                + "  shop/src/test/java/com/example/shop/CheckoutTest.java:14  @Isolated on"
                + " CheckoutTest\n"
                + "    REQUIRED, HIGH confidence; isolates; stated reason: flaky, see JIRA-123\n");
    assertThat(text)
        .contains(
            "    PriceCalculatorTest's 2 tests touch nothing shared.\n"
                + "    Edit: Remove @Execution(SAME_THREAD) (PriceCalculatorTest.java:9).\n");
    // Without a located source, the file its class implies; without a line, the file alone.
    assertThat(text)
        .contains(
            "\n  com/example/shop/DiscountTest.java  @SerialTest on DiscountTest#appliesCoupon\n")
        .contains(
            "\n  shop/src/test/java/com/example/shop/WebhookTest.java  @ResourceLock on"
                + " WebhookTest#receivesWebhook\n");
    // A LEGACY marker that an open finding says falls short is to be changed, not removed.
    String change = text.substring(text.indexOf("\nChange (3): "), text.indexOf("\nKeep (1)"));
    assertThat(change).contains("ExportTest.java:11  @Tag on ExportTest\n");
  }

  @Test
  void aReasonTheEditAlreadyGivesIsNotWrittenTwice() {
    String reason =
        "the build configuration found (pom.xml) runs no group apart for the tag 'MiscTests'.";
    assertThat(
            TextReportRenderer.saysAlready(
                "Remove @Category on a.FooTest (FooTest.java:28): " + reason, reason))
        .isTrue();
    assertThat(
            TextReportRenderer.saysAlready(
                "Remove @Execution(SAME_THREAD) (PriceCalculatorTest.java:9).",
                "PriceCalculatorTest's 2 tests touch nothing shared."))
        .isFalse();
    assertThat(TextReportRenderer.saysAlready("Remove it.", "")).isFalse();
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
            "Markers (1): remove 1, change 0, keep 0\n\n"
                + "Remove (1): they protect nothing today\n"
                + "  com/example/FooTest.java  @Isolated on FooTest\n"
                + "    DEFENSIVE, LOW confidence; isolates\n"
                + "    nothing\n\n");
  }

  @Test
  void aFindingNamesTwoTestsFiveWhenVerboseAndItsHeadingCountsThemAll() throws IOException {
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

    ScanResult result =
        Scenarios.with(
            Scenarios.clean(), BuildConfiguration.unknown(), List.of(), List.of(finding));

    // Without footprints the tests have no access and no line: their class's file, one line.
    assertThat(render(result))
        .contains(
            "  UNPROTECTED SYSTEM_PROPERTY user.dir: 40 tests, races today\n"
                + "           com/example/FooTest.java  #t0, #t1\n"
                + "    Fix: lock it\n");
    assertThat(renderVerbose(result))
        .contains(
            "  UNPROTECTED SYSTEM_PROPERTY user.dir: 40 tests, races today\n"
                + "           com/example/FooTest.java  #t0, #t1, #t2, #t3, #t4\n"
                + "    Fix: lock it\n");
  }

  @Test
  void aFindingSaysItRacesTodayAndTheSummarySaysWhenItWouldRace() throws IOException {
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

    // Where the suite does not (or may not) run in parallel, the summary says it of every
    // finding once; the finding's heading does not repeat it.
    assertThat(render(withFinding(BuildConfiguration.unknown(), dormant), wide()))
        .contains("findings say what would race once it does\n")
        .contains("  UNPROTECTED SYSTEM_PROPERTY k: 2 tests\n");
    assertThat(
            render(
                withFinding(
                    configuration(
                        Tristate.FALSE, Tristate.TRUE, Tristate.TRUE, Tristate.FALSE, "pom.xml"),
                    dormant),
                wide()))
        .contains("\nParallel today: no (")
        .contains("  UNPROTECTED SYSTEM_PROPERTY k: 2 tests\n");
    assertThat(
            render(
                withFinding(
                    configuration(
                        Tristate.TRUE,
                        Tristate.FALSE,
                        Tristate.TRUE,
                        Tristate.FALSE,
                        "junit-platform.properties"),
                    dormant),
                wide()))
        .contains(
            "  UNPROTECTED SYSTEM_PROPERTY k: 2 tests, not in parallel today; would race once"
                + " these tests run concurrently\n");
  }

  @Test
  void paragraphsWrapToTheWidthAndPathsNeverBreak() throws IOException {
    int width = 60;
    String text = render(Scenarios.verdicts(), new RenderOptions(width, false, false, ""));

    assertThat(text)
        .contains(
            "    Fix: @Isolated on the writers (1 edit; 1 test then runs\n"
                + "      alone) is cheaper than locking\n"
                + "      java.util.Locale.default on writers and readers (5\n")
        // A test's name goes under its place when both do not fit.
        .contains(
            "    writes shop/src/test/java/com/example/shop/ReceiptTest.java:18\n"
                + "           #printsGermanReceipt\n")
        .contains("shop/src/test/java/com/example/shop/InvoiceTest.java:26");
    for (String line : text.split("\n")) {
      // Only a line that is one word after its label (a verb, a kind) may overflow.
      if (line.length() > width) {
        assertThat(line.strip().split(" +").length).as(line).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void wrappingKeepsLongWordsWhole() {
    assertThat(TextLines.wrap("aaa bbb  ccc", 7, 5)).containsExactly("aaa bbb", "ccc");
    assertThat(TextLines.wrap("a/very/long/path.java:12 x", 5, 5))
        .containsExactly("a/very/long/path.java:12", "x");
    assertThat(TextLines.wrap("", 5, 5)).containsExactly("");
  }

  @Test
  void colourOnlyWhenAskedFor() throws IOException {
    String coloured = render(Scenarios.verdicts(), new RenderOptions(100, true, false, ""));

    assertThat(coloured)
        .contains("\u001B[1;31mUNPROTECTED \u001B[0mLOCALE java.util.Locale")
        .contains("\u001B[1misolation-audit: \u001B[0m18 tests");
    assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", ""))
        .isEqualTo(render(Scenarios.verdicts()));
  }

  /** {@code n} findings in as many classes, each with a writer and two readers. */
  private static ScanResult findingsInClasses(int n) {
    List<Footprint> footprints = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cls = "com.example.module" + i + ".SomeFairlyLongNamedIntegrationTest";
      List<TestId> tests = new ArrayList<>();
      for (String m : List.of("writesTheProperty", "readsTheProperty", "readsItAgain")) {
        TestId id = id(cls, m, VOID);
        tests.add(id);
        footprints.add(
            new Footprint(
                test(id, Engine.JUNIT_JUPITER, TestKind.TEST),
                List.of(
                    access(
                        SYS,
                        "p" + i,
                        m.startsWith("writes") ? WRITE : READ,
                        "s",
                        chain(step(cls, m, 40))))));
      }
      findings.add(
          new Finding(
              Finding.Kind.UNPROTECTED,
              SYS,
              "",
              Key.exact("p" + i),
              tests,
              3,
              null,
              true,
              "SomeFairlyLongNamedIntegrationTest#writesTheProperty sets p"
                  + i
                  + " while 2 tests read it, and nothing keeps them apart.",
              "Add @ResourceLock(Resources.SYSTEM_PROPERTIES) to the writer and a READ lock to"
                  + " the readers."));
    }
    return Scenarios.locatedIn(
        "",
        Scenarios.with(
            Scenarios.result(List.of("target"), 40, footprints, List.of(), List.of()),
            BuildConfiguration.unknown(),
            List.of(),
            findings));
  }

  @Test
  void theSamePomInSeveralJarsIsNamedOnce() throws IOException {
    String pom = "!/META-INF/maven/org.example/shop/pom.xml";
    BuildConfiguration jars =
        new BuildConfiguration(
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            List.of(),
            List.of(),
            "",
            List.of("shop-1.0-tests.jar" + pom, "shop-1.0.jar" + pom, "other.properties"),
            java.util.Map.of());
    ScanResult result =
        Scenarios.with(
            Scenarios.result(List.of("target"), 40, List.of(), List.of(), List.of()),
            jars,
            List.of(),
            List.of());

    assertThat(render(result, wide()))
        .contains(
            "Parallel today: unknown (no JUnit parallel settings in shop-1.0-tests.jar"
                + pom
                + " (the same file in 1 more jar), other.properties)");
  }

  @Test
  void tenFindingsFitInAboutTwoScreens() throws IOException {
    String text = render(findingsInClasses(10));

    assertThat(text.split("\n")).hasSizeLessThanOrEqualTo(100);
    assertThat(text.indexOf("Findings to fix (10)")).isLessThan(300 * 3);

    // Four classes, a writer and readers each, the analyzer's long fix sentence and an edit whose
    // annotation does not fit beside its place.
    String suite = render(suiteOfTenFindings());
    assertThat(suite.split("\n")).hasSizeLessThanOrEqualTo(110);
    assertThat(suite).contains("Findings to fix (10)").doesNotContain("nothing keeps them apart");
    for (String line : suite.split("\n")) {
      if (line.length() > 100) {
        assertThat(line.strip().split(" +").length).as(line).isLessThanOrEqualTo(2);
      }
    }
  }

  /**
   * Ten findings in four classes of one package, as a suite has them: each with a writer and three
   * readers, the analyzer's reason and fix sentence, and one method edit whose annotation does not
   * fit beside its place.
   */
  private static ScanResult suiteOfTenFindings() {
    List<Footprint> footprints = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    String global = "@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)";
    List<String> classes = List.of("Checkout", "Invoice", "Receipt", "Refund");
    for (int i = 0; i < 10; i++) {
      String cls = "com.example.shop." + classes.get(i % 4) + "Test";
      String path = "src/test/java/" + cls.replace('.', '/') + ".java";
      TestId writer = id(cls, "changesTheDefault" + i, VOID);
      List<TestId> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(id(cls, "formatsTheTotal" + i + "x" + r, VOID));
      }
      String key = "com.example.shop.Registry.entries" + i;
      footprints.add(
          new Footprint(
              test(writer, Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(access(SYS, key, WRITE, "s", chain(step(cls, writer.methodName(), 100))))));
      for (TestId reader : readers) {
        footprints.add(
            new Footprint(
                test(reader, Engine.JUNIT_JUPITER, TestKind.TEST),
                List.of(access(SYS, key, READ, "s", chain(step(cls, reader.methodName(), 200))))));
      }
      List<TestId> tests = new ArrayList<>(List.of(writer));
      tests.addAll(readers);
      findings.add(
          new Finding(
              Finding.Kind.UNPROTECTED,
              SYS,
              "",
              Key.exact(key),
              tests,
              4,
              null,
              false,
              "4 tests conflict on SYSTEM_PROPERTY "
                  + key
                  + " and nothing keeps them apart; the parallel configuration is unknown.",
              "JUnit's global lock (READ_WRITE, what @Isolated holds) on the tests that read it (1"
                  + " edit; 3 tests then run alone) is cheaper than keeping the 1 writer apart (1"
                  + " edit; 12 tests then run one at a time): they race only with the tests that"
                  + " read it, not with each other.",
              null,
              tests,
              List.of(
                  new io.github.isolationaudit.model.Edit(
                      io.github.isolationaudit.model.Edit.Action.ADD_ANNOTATION,
                      path,
                      199,
                      cls,
                      readers.get(0).methodName(),
                      global,
                      List.of())),
              List.of(writer),
              readers));
    }
    return Scenarios.locatedIn(
        "",
        Scenarios.with(
            Scenarios.result(List.of("target"), 40, footprints, List.of(), List.of()),
            BuildConfiguration.unknown(),
            List.of(),
            findings));
  }

  @Test
  void aReasonIsWrittenOnlyWhereItAddsToTheHeading() throws IOException {
    List<TestId> tests = List.of(id(CLS, "writes", VOID), id(CLS, "reads", VOID));
    Finding unprotected =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("a"),
            tests,
            2,
            null,
            true,
            "2 tests conflict on SYSTEM_PROPERTY a and nothing keeps them apart.",
            "x");
    // A finding that stands for others names them in its heading, not only in its reason.
    Finding merged =
        new Finding(
                Finding.Kind.UNPROTECTED,
                SYS,
                "",
                Key.exact("m"),
                tests,
                2,
                null,
                true,
                "2 tests conflict on m.",
                "y")
            .merging(
                "2 tests conflict on m. The same tests conflict on n, /tmp/x too: merged.",
                List.of(
                    new Finding.Merged(SYS, "", Key.exact("n")),
                    new Finding.Merged(
                        io.github.isolationaudit.model.ResourceKind.FILE,
                        "",
                        Key.exact("/tmp/x"))));
    Finding insufficient =
        new Finding(
            Finding.Kind.INSUFFICIENT,
            SYS,
            "",
            Key.exact("b"),
            tests,
            2,
            null,
            true,
            "@Tag on FooTest sits on a conflict on b that it does not cover.",
            "z");

    String text =
        render(
            Scenarios.with(
                Scenarios.clean(),
                BuildConfiguration.unknown(),
                List.of(),
                List.of(unprotected, merged, insufficient)),
            wide());

    assertThat(text)
        .contains("  UNPROTECTED SYSTEM_PROPERTY a: 2 tests, races today\n")
        .contains("  UNPROTECTED SYSTEM_PROPERTY m, n, FILE /tmp/x: 2 tests, races today\n")
        .doesNotContain("nothing keeps them apart")
        .doesNotContain("merged.")
        .contains(
            "  INSUFFICIENT SYSTEM_PROPERTY b: 2 tests, races today\n"
                + "           com/example/FooTest.java  #reads, #writes\n"
                + "    @Tag on FooTest sits on a conflict on b that it does not cover.\n"
                + "    Fix: z\n");
    assertThat(TextReportRenderer.reasonAddsToHeading(unprotected)).isFalse();
    assertThat(TextReportRenderer.reasonAddsToHeading(merged)).isFalse();
    assertThat(TextReportRenderer.reasonAddsToHeading(insufficient)).isTrue();
  }

  @Test
  void anEditTakesOneLineWhereItFitsAndALongAnnotationComesFirstForItsPlaces() throws IOException {
    String file = "src/test/java/com/example/FooTest.java";
    String global = "@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)";
    List<io.github.isolationaudit.model.Edit> edits =
        List.of(
            edit(ADD, file, 42, CLS, "bar", "@ResourceLock(\"k\")"),
            edit(ADD, file, 50, CLS, "a", global),
            edit(ADD, file, 60, CLS, "b", global),
            edit(REMOVE, file, 70, CLS + "$Inner", "", "@Isolated"),
            edit(MANUAL, file, 12, CLS, "setUp", "Use a @TempDir."),
            edit(MANUAL, "", 0, "com.example.LegacyTest", "", "Run it apart."),
            edit(MANUAL, "", 0, "com.example.OtherLegacyTest", "", "Run it apart."));
    Finding finding =
        new Finding(
            Finding.Kind.UNPROTECTED,
            SYS,
            "",
            Key.exact("k"),
            List.of(id(CLS, "t", VOID)),
            1,
            null,
            true,
            "r",
            "lock it",
            null,
            null,
            edits);

    String text =
        renderVerbose(
            Scenarios.with(
                Scenarios.clean(), BuildConfiguration.unknown(), List.of(), List.of(finding)));

    assertThat(text)
        .contains(
            "    Fix: lock it\n"
                + "      src/test/java/com/example/FooTest.java:42  #bar  + @ResourceLock(\"k\")\n"
                + "      + "
                + global
                + "\n"
                + "        src/test/java/com/example/FooTest.java:50  #a\n"
                + "        src/test/java/com/example/FooTest.java:60  #b\n"
                + "      src/test/java/com/example/FooTest.java:70  FooTest$Inner  - @Isolated\n"
                + "      src/test/java/com/example/FooTest.java:12  #setUp: Use a @TempDir.\n"
                + "      com.example.LegacyTest  Run it apart.\n"
                + "      com.example.OtherLegacyTest  the same\n");
    // Wide enough, every edit takes one line.
    assertThat(
            render(
                Scenarios.with(
                    Scenarios.clean(), BuildConfiguration.unknown(), List.of(), List.of(finding)),
                wide()))
        .contains("      src/test/java/com/example/FooTest.java:50  #a  + " + global + "\n");
  }

  private static final io.github.isolationaudit.model.Edit.Action ADD =
      io.github.isolationaudit.model.Edit.Action.ADD_ANNOTATION;
  private static final io.github.isolationaudit.model.Edit.Action REMOVE =
      io.github.isolationaudit.model.Edit.Action.REMOVE_ANNOTATION;
  private static final io.github.isolationaudit.model.Edit.Action MANUAL =
      io.github.isolationaudit.model.Edit.Action.MANUAL;

  private static io.github.isolationaudit.model.Edit edit(
      io.github.isolationaudit.model.Edit.Action action,
      String file,
      int line,
      String className,
      String method,
      String text) {
    return new io.github.isolationaudit.model.Edit(
        action, file, line, className, method, text, List.of());
  }

  @Test
  void pastTwentyFindingsEachTakesOneLineUnlessVerbose() throws IOException {
    String text = render(findingsInClasses(23));
    List<String> lines = text.lines().toList();

    assertThat(text)
        .contains(
            "The first 20 in full, the other 3 one line each (--verbose shows them all in full;");
    // Every finding is named; the 20 most severe have their reasons, the rest one line.
    assertThat(lines).filteredOn(l -> l.startsWith("  UNPROTECTED ")).hasSize(23);
    assertThat(lines).filteredOn(l -> l.startsWith("    Fix: ")).hasSize(20);
    assertThat(render(findingsInClasses(23), wide()).lines())
        .filteredOn(l -> l.contains(": 3 tests, first writes "))
        .hasSize(3)
        .allMatch(l -> l.startsWith("  UNPROTECTED SYSTEM_PROPERTY p"))
        .allMatch(l -> l.endsWith("/SomeFairlyLongNamedIntegrationTest.java:40"));
    // Each further finding (a class of its own here) costs at most 4 lines: a blank, its class,
    // its line wrapped once; the note 2.
    assertThat(text.split("\n").length)
        .isLessThanOrEqualTo(render(findingsInClasses(20)).split("\n").length + 3 * 4 + 2);

    String verbose = render(findingsInClasses(23), new RenderOptions(100, false, true, ""));
    assertThat(verbose.lines().filter(l -> l.startsWith("    Fix: "))).hasSize(23);
    assertThat(verbose).doesNotContain("one line each");
  }

  private static RenderOptions wide() {
    return new RenderOptions(400, false, false, "");
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
    assertThat(ReportFormat.fromName("Markdown")).isEqualTo(ReportFormat.MARKDOWN);
    assertThat(ReportFormat.MARKDOWN.renderer()).isInstanceOf(MarkdownReportRenderer.class);
    assertThat(ReportFormat.GITHUB.renderer()).isInstanceOf(GithubReportRenderer.class);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ReportFormat.fromName("yaml"))
        .withMessageContaining("text, json");
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String render(ScanResult result) throws IOException {
    return render(result, RenderOptions.defaults());
  }

  private static String renderVerbose(ScanResult result) throws IOException {
    return render(result, RenderOptions.defaults().verbose(true));
  }

  private static String render(ScanResult result, RenderOptions options) throws IOException {
    StringWriter out = new StringWriter();
    new TextReportRenderer(options).render(result, out);
    return out.toString();
  }
}
