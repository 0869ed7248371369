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
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
                + " SYSTEM_PROPERTY 9), 3 definite conflicts, 2 possible conflicts, 3 problems\n");
  }

  @Test
  void formatsNameTheirRenderers() {
    assertThat(ReportFormat.defaultFormat()).isEqualTo(ReportFormat.TEXT);
    assertThat(ReportFormat.TEXT.renderer()).isInstanceOf(TextReportRenderer.class);
    assertThat(ReportFormat.JSON.renderer()).isInstanceOf(JsonReportRenderer.class);
    assertThat(ReportFormat.fromName(" Json ")).isEqualTo(ReportFormat.JSON);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ReportFormat.fromName("sarif"))
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
