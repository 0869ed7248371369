package io.github.isolationaudit.reports;

import static io.github.isolationaudit.model.AccessMode.READ;
import static io.github.isolationaudit.model.AccessMode.WRITE;
import static io.github.isolationaudit.reports.Scenarios.FILE;
import static io.github.isolationaudit.reports.Scenarios.SYS;
import static io.github.isolationaudit.reports.Scenarios.VOID;
import static io.github.isolationaudit.reports.Scenarios.access;
import static io.github.isolationaudit.reports.Scenarios.chain;
import static io.github.isolationaudit.reports.Scenarios.id;
import static io.github.isolationaudit.reports.Scenarios.step;
import static io.github.isolationaudit.reports.Scenarios.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void accessesThroughOneHelperShareTheStepsOfTheirCommonTail() throws IOException {
    Evidence helper =
        chain(step("com.example.Fixture", "useDir", 14), step("com.example.Props", "set", 3));
    TestMethod a = test(id("com.example.ATest", "a", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod b = test(id("com.example.BTest", "b", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    ScanResult result =
        result(
            new Footprint(
                a,
                List.of(
                    access(
                        SYS,
                        "user.dir",
                        WRITE,
                        "jdk.system-property-write",
                        new Evidence(step("com.example.ATest", "a", 10), helper)))),
            new Footprint(
                b,
                List.of(
                    access(
                        SYS,
                        "user.dir",
                        WRITE,
                        "jdk.system-property-write",
                        new Evidence(step("com.example.BTest", "b", 20), helper)))));

    JsonNode report = render(result);

    assertThat(evidence(report, 0, 0)).containsExactly(0, 1, 2);
    assertThat(evidence(report, 1, 0)).containsExactly(3, 1, 2);
    assertThat(report.get("steps")).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(report.get("steps").get(i).get("id").asInt()).isEqualTo(i);
    }
    assertThat(report.get("steps").get(1).get("class").asText()).isEqualTo("com.example.Fixture");
    assertThat(report.get("steps").get(2).get("method").asText()).isEqualTo("set");
  }

  @Test
  void equalStepsAreStoredOnceEvenWhenTheirChainsAreDistinctObjects() throws IOException {
    TestMethod a = test(id("com.example.ATest", "a", VOID), Engine.JUNIT4, TestKind.TEST);
    TestMethod b = test(id("com.example.ATest", "b", VOID), Engine.JUNIT4, TestKind.TEST);
    Access fromA =
        access(
            SYS,
            "k",
            READ,
            "jdk.system-property-read",
            chain(step("com.example.ATest", "setUp", 5), step("com.example.Props", "get", 9)));
    Access fromB =
        access(
            SYS,
            "k",
            READ,
            "jdk.system-property-read",
            chain(step("com.example.ATest", "setUp", 5), step("com.example.Props", "get", 9)));

    JsonNode report =
        render(result(new Footprint(a, List.of(fromA)), new Footprint(b, List.of(fromB))));

    assertThat(report.get("steps")).hasSize(2);
    assertThat(evidence(report, 0, 0)).containsExactly(0, 1);
    assertThat(evidence(report, 1, 0)).containsExactly(0, 1);
  }

  @Test
  void stepIdsFollowTheSortedTestsNotTheInputOrder() throws IOException {
    TestMethod a = test(id("com.example.ATest", "a", VOID), Engine.JUNIT4, TestKind.TEST);
    TestMethod z = test(id("com.example.ZTest", "z", VOID), Engine.JUNIT4, TestKind.TEST);
    Footprint first =
        new Footprint(
            a, List.of(access(SYS, "k", READ, "s", chain(step("com.example.ATest", "a", 1)))));
    Footprint last =
        new Footprint(
            z, List.of(access(SYS, "k", READ, "s", chain(step("com.example.ZTest", "z", 1)))));

    JsonNode report = render(result(last, first));

    assertThat(report.get("steps").get(0).get("class").asText()).isEqualTo("com.example.ATest");
    assertThat(evidence(report, 1, 0)).containsExactly(1);
  }

  @Test
  void overloadsGetParameterTypesAndOtherTestsDoNot() throws IOException {
    String cls = "com.example.FooTest";
    TestMethod plain = test(id(cls, "bar", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod withString =
        test(id(cls, "bar", "(Ljava/lang/String;)V"), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED);
    TestMethod withArrays =
        test(
            id(cls, "bar", "(I[[Ljava/util/Map$Entry;)V"),
            Engine.JUNIT_JUPITER,
            TestKind.PARAMETERIZED);
    TestMethod other = test(id(cls, "baz", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    // Same method name in another class: no overload, so no parameter types.
    TestMethod elsewhere =
        test(id("com.example.OtherTest", "bar", "(I)V"), Engine.JUNIT_JUPITER, TestKind.TEST);
    Conflict conflict =
        new Conflict(
            FILE,
            "",
            Key.exact("a.txt"),
            Certainty.DEFINITE,
            Reach.HOST,
            Scope.SHARED,
            List.of(withString.id()),
            List.of(plain.id(), elsewhere.id()),
            0,
            List.of(),
            "r");

    JsonNode report =
        render(
            new ScanResult(
                List.of(),
                summary(),
                List.of(
                    footprint(other),
                    footprint(withArrays),
                    footprint(plain),
                    footprint(elsewhere),
                    footprint(withString)),
                List.of(conflict),
                List.of()));

    assertThat(textsOf(report.get("tests"), "id"))
        .containsExactly(
            "com.example.FooTest#bar()",
            "com.example.FooTest#bar(int, Map.Entry[][])",
            "com.example.FooTest#bar(String)",
            "com.example.FooTest#baz",
            "com.example.OtherTest#bar");
    JsonNode c = report.get("conflicts").get(0);
    assertThat(c.get("writers").get(0).asText()).isEqualTo("com.example.FooTest#bar(String)");
    assertThat(c.get("readers").get(0).asText()).isEqualTo("com.example.FooTest#bar()");
    assertThat(c.get("readers").get(1).asText()).isEqualTo("com.example.OtherTest#bar");
  }

  @Test
  void anInheritedTestThatIsAlsoDeclaredLocallyIsNoOverload() {
    TestId inherited = new TestId("com.example.FooTest", "bar", VOID, "com.example.BaseTest");
    TestId local = new TestId("com.example.FooTest", "bar", VOID, "com.example.FooTest");
    TestNames names =
        TestNames.of(
            new ScanResult(
                List.of(),
                summary(),
                List.of(
                    footprint(test(inherited, Engine.JUNIT4, TestKind.TEST)),
                    footprint(test(local, Engine.JUNIT4, TestKind.TEST))),
                List.of(),
                List.of()));

    assertThat(names.name(inherited)).isEqualTo("com.example.FooTest#bar");
    assertThat(names.memberName(local)).isEqualTo("#bar");
  }

  @Test
  void renderingTwiceGivesTheSameBytes() throws IOException {
    ScanResult result = Scenarios.rich();

    assertThat(renderJson(result)).isEqualTo(renderJson(result));
  }

  @Test
  void theOrderOfTheInputDoesNotChangeTheOutput() throws IOException {
    ScanResult result = Scenarios.rich();
    Random random = new Random(42);
    for (int round = 0; round < 5; round++) {
      List<Footprint> footprints = new ArrayList<>();
      for (Footprint footprint : result.footprints()) {
        List<Access> accesses = new ArrayList<>(footprint.accesses());
        Collections.shuffle(accesses, random);
        footprints.add(new Footprint(footprint.test(), accesses));
      }
      Collections.shuffle(footprints, random);
      List<Conflict> conflicts = new ArrayList<>(result.conflicts());
      Collections.shuffle(conflicts, random);
      List<io.github.isolationaudit.model.Problem> problems = new ArrayList<>(result.problems());
      Collections.shuffle(problems, random);
      ScanSummary s = result.summary();
      Map<String, Integer> byResource = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>(s.accessesByResource().keySet());
      Collections.shuffle(keys, random);
      keys.forEach(k -> byResource.put(k, s.accessesByResource().get(k)));
      ScanResult shuffled =
          new ScanResult(
              result.inputs(),
              new ScanSummary(
                  s.classFiles(),
                  s.testClasses(),
                  s.tests(),
                  s.testsByEngine(),
                  byResource,
                  s.definiteConflicts(),
                  s.possibleConflicts(),
                  s.readsOmitted()),
              footprints,
              conflicts,
              problems);

      assertThat(renderJson(shuffled)).isEqualTo(renderJson(result));
      assertThat(render(ReportFormat.TEXT, shuffled)).isEqualTo(render(ReportFormat.TEXT, result));
    }
  }

  @Test
  void fieldsAppearInTheOrderOfTheContract() throws IOException {
    JsonNode report = render(Scenarios.rich());

    assertThat(report.fieldNames())
        .toIterable()
        .containsExactly(
            "schemaVersion",
            "tool",
            "inputs",
            "summary",
            "tests",
            "steps",
            "conflicts",
            "problems");
    assertThat(report.get("summary").fieldNames())
        .toIterable()
        .containsExactly(
            "classFiles",
            "testClasses",
            "tests",
            "testsByEngine",
            "accessesByResource",
            "definiteConflicts",
            "possibleConflicts",
            "readsOmitted");
    // Sorted by key, although the input maps (Map.copyOf) have no order.
    assertThat(report.get("summary").get("accessesByResource").fieldNames())
        .toIterable()
        .containsExactly(
            "FILE", "KAFKA_TOPIC", "LOCALE", "PORT", "STATIC_FIELD", "SYSTEM_PROPERTY");
    assertThat(report.get("summary").get("testsByEngine").fieldNames())
        .toIterable()
        .containsExactly("JUNIT3", "JUNIT4", "JUNIT_JUPITER", "TESTNG");
    assertThat(report.get("tests").get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "class",
            "method",
            "descriptor",
            "declaringClass",
            "engine",
            "kind",
            "multipleInvocations",
            "disabled",
            "accesses");
    JsonNode withNote = report.get("tests").get(1).get("accesses").get(0);
    assertThat(withNote.fieldNames())
        .toIterable()
        .containsExactly(
            "resource",
            "key",
            "keyKind",
            "mode",
            "scope",
            "reach",
            "confidence",
            "sensitivity",
            "sink",
            "note",
            "evidence");
    JsonNode withoutNote = report.get("tests").get(0).get("accesses").get(0);
    assertThat(withoutNote.has("note")).isFalse();
    assertThat(report.get("steps").get(0).fieldNames())
        .toIterable()
        .containsExactly("id", "class", "method", "file", "line");
    assertThat(report.get("conflicts").get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "resource",
            "key",
            "keyKind",
            "certainty",
            "reach",
            "scope",
            "writers",
            "readers",
            "possibleReaders",
            "possibleReadersSample",
            "reason");
    assertThat(report.get("problems").get(0).fieldNames())
        .toIterable()
        .containsExactly("kind", "path", "message");
  }

  @Test
  void accessesAreSortedByResourceKeyModeScopeAndFirstStep() throws IOException {
    TestMethod t = test(id("com.example.ATest", "a", VOID), Engine.JUNIT4, TestKind.TEST);
    List<Access> accesses =
        List.of(
            access(SYS, "b", READ, "s", chain(step("com.example.ATest", "a", 2))),
            access(SYS, "a", WRITE, "s", chain(step("com.example.ATest", "a", 9))),
            access(SYS, "a", READ, "s", chain(step("com.example.ATest", "z", 1))),
            access(SYS, "a", READ, "s", chain(step("com.example.ATest", "a", 5))),
            access(FILE, "z", WRITE, "s", chain(step("com.example.ATest", "a", 7))));

    JsonNode tests = render(result(new Footprint(t, accesses))).get("tests");

    List<String> order = new ArrayList<>();
    for (JsonNode a : tests.get(0).get("accesses")) {
      order.add(
          a.get("resource").asText() + " " + a.get("key").asText() + " " + a.get("mode").asText());
    }
    assertThat(order)
        .containsExactly(
            "FILE z WRITE",
            "SYSTEM_PROPERTY a READ",
            "SYSTEM_PROPERTY a READ",
            "SYSTEM_PROPERTY a WRITE",
            "SYSTEM_PROPERTY b READ");
    // Same resource, key and mode: the chain that starts at ATest.a:5 comes before ATest.z:1.
    JsonNode steps = render(result(new Footprint(t, accesses))).get("steps");
    int firstStep = tests.get(0).get("accesses").get(1).get("evidence").get(0).asInt();
    assertThat(steps.get(firstStep).get("method").asText()).isEqualTo("a");
    assertThat(steps.get(firstStep).get("line").asInt()).isEqualTo(5);
  }

  @Test
  void conflictsListDefiniteOnesFirstThenByResourceAndKey() throws IOException {
    JsonNode conflicts = render(Scenarios.rich()).get("conflicts");

    List<String> order = new ArrayList<>();
    conflicts.forEach(
        c ->
            order.add(
                c.get("certainty").asText()
                    + " "
                    + c.get("resource").asText()
                    + " "
                    + c.get("key").asText()));
    assertThat(order)
        .containsExactly(
            "DEFINITE LOCALE java.util.Locale",
            "DEFINITE PORT 8080",
            "DEFINITE SYSTEM_PROPERTY config.dir",
            "POSSIBLE FILE target/reports/*.txt",
            "POSSIBLE STATIC_FIELD ?");
  }

  @Test
  void testsWithoutAccessesAreListedWithAnEmptyArray() throws IOException {
    String json = renderJson(Scenarios.clean());

    assertThat(json).contains("\"accesses\": []");
    assertThat(MAPPER.readTree(json).get("tests")).hasSize(3);
  }

  @Test
  void outputIsPrettyPrintedWithTwoSpacesAndUnixLineEnds() throws IOException {
    String json = renderJson(Scenarios.rich());

    assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"tool\": \"isolation-audit\",\n");
    assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain("\t");
    assertThat(json).contains("\n          \"evidence\": [");
  }

  @Test
  void theWriterIsLeftOpen() throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportRenderer().render(Scenarios.clean(), out);
    out.write("more");

    assertThat(out.toString()).endsWith("}\nmore");
  }

  // ---- helpers ----

  private static ScanResult result(Footprint... footprints) {
    return new ScanResult(List.of("in"), summary(), List.of(footprints), List.of(), List.of());
  }

  private static ScanSummary summary() {
    return new ScanSummary(0, 0, 0, Map.of(), Map.of(), 0, 0, 0);
  }

  private static Footprint footprint(TestMethod test) {
    return new Footprint(test, List.of());
  }

  private static List<Integer> evidence(JsonNode report, int test, int access) {
    List<Integer> ids = new ArrayList<>();
    report
        .get("tests")
        .get(test)
        .get("accesses")
        .get(access)
        .get("evidence")
        .forEach(n -> ids.add(n.asInt()));
    return ids;
  }

  private static List<String> textsOf(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.get(field).asText()));
    return texts;
  }

  private static JsonNode render(ScanResult result) throws IOException {
    return MAPPER.readTree(renderJson(result));
  }

  private static String renderJson(ScanResult result) throws IOException {
    return render(ReportFormat.JSON, result);
  }

  static String render(ReportFormat format, ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    format.renderer().render(result, out);
    return out.toString();
  }
}
