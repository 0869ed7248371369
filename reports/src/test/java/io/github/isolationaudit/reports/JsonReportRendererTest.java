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
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
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
    // One access shape, one shared tail: the sink, the helper, and a head for each test.
    assertThat(report.get("accesses")).hasSize(1);
    assertThat(tableAccess(report, 0, 0)).isEqualTo(tableAccess(report, 1, 0));
    assertThat(report.get("chains")).hasSize(4);
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
  void readersListTheReadingWritersWhereSomeWritersRaceOnlyWithReaders() throws IOException {
    // Two tests only reset a thread-safe counter; a third resets it and asserts it; a fourth only
    // reads it. The racing pairs are each writer with each reading test, never the two resetters.
    String cls = "com.example.CounterTest";
    TestMethod resetA = test(id(cls, "resetA", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod resetB = test(id(cls, "resetB", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod asserts = test(id(cls, "asserts", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod reads = test(id(cls, "reads", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    List<TestId> writers = List.of(asserts.id(), resetA.id(), resetB.id());
    Conflict observed =
        new Conflict(
            ResourceKind.STATIC_FIELD,
            "",
            Key.exact("com.example.Counter.COUNT"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            writers,
            List.of(reads.id()),
            0,
            List.of(),
            "r",
            List.of(asserts.id()),
            List.of(resetA.id(), resetB.id()));
    Conflict allRace =
        new Conflict(
            ResourceKind.STATIC_FIELD,
            "",
            Key.exact("com.example.Counter.NAME"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            writers,
            List.of(),
            0,
            List.of(),
            "r",
            List.of(asserts.id()),
            List.of());

    // Where every writer that races only with readers reads too (set-up writes of a field each
    // test then reads), two writers race: no test is listed as its own partner.
    Conflict allRead =
        new Conflict(
            ResourceKind.STATIC_FIELD,
            "",
            Key.exact("com.example.Counter.LIMIT"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            List.of(asserts.id(), reads.id()),
            List.of(),
            0,
            List.of(),
            "r",
            List.of(asserts.id(), reads.id()),
            List.of(asserts.id(), reads.id()));
    JsonNode report =
        render(
            new ScanResult(
                List.of(),
                summary(),
                List.of(footprint(resetA), footprint(resetB), footprint(asserts), footprint(reads)),
                List.of(observed, allRead, allRace),
                List.of()));
    JsonNode limit = report.get("conflicts").get(1);
    assertThat(limit.get("key").asText()).isEqualTo("com.example.Counter.LIMIT");
    assertThat(limit.get("readers")).isEmpty();

    JsonNode counter = report.get("conflicts").get(0);
    assertThat(counter.get("key").asText()).isEqualTo("com.example.Counter.COUNT");
    assertThat(names(counter.get("readers")))
        .containsExactly("com.example.CounterTest#asserts", "com.example.CounterTest#reads");
    assertThat(names(counter.get("readerOnlyWriters")))
        .containsExactly("com.example.CounterTest#resetA", "com.example.CounterTest#resetB");
    assertThat(names(counter.get("readingWriters")))
        .containsExactly("com.example.CounterTest#asserts");
    // Where every writer races with every other, readers stays the tests that only read.
    JsonNode name = report.get("conflicts").get(2);
    assertThat(name.get("readers")).isEmpty();
    assertThat(name.get("readerOnlyWriters")).isEmpty();
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
    Random random = new Random(42);
    for (ScanResult result : List.of(Scenarios.rich(), Scenarios.verdicts())) {
      for (int round = 0; round < 5; round++) {
        ScanResult shuffled = shuffled(result, random);

        assertThat(renderJson(shuffled)).isEqualTo(renderJson(result));
        assertThat(render(ReportFormat.TEXT, shuffled))
            .isEqualTo(render(ReportFormat.TEXT, result));
      }
    }
  }

  private static ScanResult shuffled(ScanResult result, Random random) {
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
    List<MarkerVerdict> markers = new ArrayList<>();
    for (MarkerVerdict v : result.markers()) {
      List<TestId> partners = new ArrayList<>(v.partners());
      Collections.shuffle(partners, random);
      markers.add(
          new MarkerVerdict(
              v.marker(),
              v.verdict(),
              v.reason(),
              v.confidence(),
              v.confidenceNote(),
              v.recommendation(),
              partners,
              v.edits()));
    }
    Collections.shuffle(markers, random);
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings()) {
      List<TestId> tests = new ArrayList<>(f.tests());
      Collections.shuffle(tests, random);
      List<TestId> writers = new ArrayList<>(f.writers());
      Collections.shuffle(writers, random);
      List<TestId> readers = new ArrayList<>(f.readers());
      Collections.shuffle(readers, random);
      findings.add(
          new Finding(
              f.kind(),
              f.resource(),
              f.customKind(),
              f.key(),
              tests,
              f.testCount(),
              f.marker(),
              f.live(),
              f.reason(),
              f.recommendation(),
              f.acceptance(),
              f.exposed(),
              // The order of edits is the order to apply them in: kept.
              f.edits(),
              writers,
              readers));
    }
    Collections.shuffle(findings, random);
    BuildConfiguration c = result.configuration();
    // The settings map has no order of its own; give it a shuffled one.
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(c.settings().keySet());
    Collections.shuffle(names, random);
    names.forEach(n -> settings.put(n, c.settings().get(n)));
    return new ScanResult(
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
        problems,
        new BuildConfiguration(
            c.parallelEnabled(),
            c.methodsConcurrent(),
            c.classesConcurrent(),
            c.forks(),
            c.includedGroups(),
            c.excludedGroups(),
            c.testngParallel(),
            c.sources(),
            settings),
        markers,
        findings,
        result.sourcePaths());
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
            "configuration",
            "summary",
            "tests",
            "accesses",
            "chains",
            "steps",
            "conflicts",
            "markers",
            "findings",
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
            "readsOmitted",
            "verdicts",
            "findings",
            "acceptedFindings");
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
            "path",
            "accesses");
    assertThat(report.get("tests").get(1).get("accesses").get(0).fieldNames())
        .toIterable()
        .containsExactly("access", "evidence");
    JsonNode withNote = tableAccess(report, 1, 0);
    assertThat(withNote.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "resource",
            "key",
            "keyKind",
            "mode",
            "scope",
            "reach",
            "confidence",
            "sensitivity",
            "sink",
            "note");
    JsonNode withoutNote = tableAccess(report, 0, 0);
    assertThat(withoutNote.has("note")).isFalse();
    assertThat(report.get("steps").get(0).fieldNames())
        .toIterable()
        .containsExactly("id", "class", "method", "file", "line", "path");
    assertThat(report.get("chains").get(0).fieldNames())
        .toIterable()
        .containsExactly("step", "next");
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
            "reason",
            "readingWriters",
            "readerOnlyWriters",
            "classWideReaders");
    assertThat(report.get("problems").get(0).fieldNames())
        .toIterable()
        .containsExactly("kind", "path", "message");
  }

  @Test
  void markersFindingsAndConfigurationHaveTheFieldsOfTheContractInOrder() throws IOException {
    JsonNode report = render(Scenarios.verdicts());

    assertThat(report.get("configuration").fieldNames())
        .toIterable()
        .containsExactly(
            "parallelEnabled",
            "methodsConcurrent",
            "classesConcurrent",
            "forks",
            "runsInParallel",
            "includedGroups",
            "excludedGroups",
            "testngParallel",
            "sources",
            "settings");
    // Sorted by key, although BuildConfiguration's map (Map.copyOf) has no order.
    assertThat(report.get("configuration").get("settings").fieldNames())
        .toIterable()
        .containsExactly(
            "junit.jupiter.execution.parallel.enabled",
            "junit.jupiter.execution.parallel.mode.classes.default",
            "junit.jupiter.execution.parallel.mode.default",
            "surefire.excludedGroups",
            "surefire.forkCount");
    // Every verdict and finding kind, zero or not, in the order of the enums.
    assertThat(report.get("summary").get("verdicts").fieldNames())
        .toIterable()
        .containsExactly("REQUIRED", "FIXABLE", "DEFENSIVE", "LEGACY");
    assertThat(report.get("summary").get("findings").fieldNames())
        .toIterable()
        .containsExactly("UNPROTECTED", "INSUFFICIENT");
    for (JsonNode marker : report.get("markers")) {
      assertThat(marker.fieldNames())
          .toIterable()
          .containsExactly(
              "annotation",
              "family",
              "effect",
              "locks",
              "tag",
              "target",
              "class",
              "method",
              "file",
              "line",
              "path",
              "via",
              "statedReason",
              "verdict",
              "reason",
              "confidence",
              "confidenceNote",
              "recommendation",
              "partners",
              "edits",
              "covered",
              "oneThread",
              "cause");
    }
    assertThat(report.get("markers").get(0).get("locks").get(0).fieldNames())
        .toIterable()
        .containsExactly("key", "mode");
    for (JsonNode finding : report.get("findings")) {
      assertThat(finding.fieldNames())
          .toIterable()
          .containsExactly(
              "kind",
              "resource",
              "key",
              "keyKind",
              "tests",
              "testCount",
              "marker",
              "live",
              "reason",
              "recommendation",
              "accepted",
              "acceptedReason",
              "acceptedBy",
              "locations",
              "writers",
              "readers",
              "edits",
              "merged");
      for (JsonNode location : finding.get("locations")) {
        assertThat(location.fieldNames())
            .toIterable()
            .containsExactly("test", "mode", "file", "path", "line");
      }
    }
    assertThat(report.get("findings").get(2).get("marker").fieldNames())
        .toIterable()
        .containsExactly("target", "annotation", "path", "line");
  }

  @Test
  void locationsCarryProjectPathsWhereTheScanLocatedTheSource() throws IOException {
    JsonNode report = render(Scenarios.verdicts());

    JsonNode receipt = report.get("findings").get(0);
    assertThat(receipt.get("locations").get(0).toString())
        .isEqualTo(
            "{\"test\":\"com.example.shop.ReceiptTest#printsGermanReceipt\",\"mode\":\"WRITE\","
                + "\"file\":\"com/example/shop/ReceiptTest.java\","
                + "\"path\":\"shop/src/test/java/com/example/shop/ReceiptTest.java\",\"line\":18}");
    // Every test the finding lists has a location, writers first.
    assertThat(receipt.get("locations")).hasSize(receipt.get("tests").size());
    assertThat(receipt.get("locations").get(1).get("mode").asText()).isEqualTo("READ");
    JsonNode insufficient = report.get("findings").get(2);
    assertThat(insufficient.get("marker").toString())
        .isEqualTo(
            "{\"target\":\"com.example.shop.ExportTest\",\"annotation\":\"org.junit.jupiter.api.Tag\","
                + "\"path\":\"shop/src/test/java/com/example/shop/ExportTest.java\",\"line\":11}");
    for (JsonNode marker : report.get("markers")) {
      if (marker.get("class").asText().endsWith("DiscountTest")) {
        assertThat(marker.get("path").isNull()).isTrue(); // its source was not located
      } else {
        assertThat(marker.get("path").asText()).startsWith("shop/src/test/java/com/example/shop/");
      }
    }
    for (JsonNode step : report.get("steps")) {
      String expected =
          "shop/src/"
              + (step.get("file").asText().endsWith("Test.java") ? "test" : "main")
              + "/java/"
              + step.get("file").asText();
      assertThat(step.get("path").asText()).isEqualTo(expected);
    }
    assertThat(report.get("tests").get(0).get("path").asText())
        .isEqualTo("shop/src/test/java/com/example/shop/CheckoutTest.java");
    // Without located sources every path is null, and nothing else changes.
    JsonNode rich = render(Scenarios.rich());
    assertThat(rich.get("steps").get(0).get("path").isNull()).isTrue();
    assertThat(rich.get("tests").get(0).get("path").isNull()).isTrue();
  }

  @Test
  void aResultWithoutMarkersStillWritesEveryNewFieldWithZeroCounts() throws IOException {
    JsonNode report = render(Scenarios.clean());

    assertThat(report.get("markers")).isEmpty();
    assertThat(report.get("findings")).isEmpty();
    assertThat(report.get("summary").get("verdicts").toString())
        .isEqualTo("{\"REQUIRED\":0,\"FIXABLE\":0,\"DEFENSIVE\":0,\"LEGACY\":0}");
    assertThat(report.get("summary").get("findings").toString())
        .isEqualTo("{\"UNPROTECTED\":0,\"INSUFFICIENT\":0}");
    assertThat(report.get("configuration").toString())
        .isEqualTo(
            "{\"parallelEnabled\":\"UNKNOWN\",\"methodsConcurrent\":\"UNKNOWN\","
                + "\"classesConcurrent\":\"UNKNOWN\",\"forks\":\"UNKNOWN\","
                + "\"runsInParallel\":\"UNKNOWN\",\"includedGroups\":[],\"excludedGroups\":[],"
                + "\"testngParallel\":\"\",\"sources\":[],\"settings\":{}}");
  }

  @Test
  void summaryCountsMarkersByVerdictAndFindingsByKind() throws IOException {
    JsonNode summary = render(Scenarios.verdicts()).get("summary");

    assertThat(summary.get("verdicts").toString())
        .isEqualTo("{\"REQUIRED\":1,\"FIXABLE\":2,\"DEFENSIVE\":2,\"LEGACY\":2}");
    assertThat(summary.get("findings").toString())
        .isEqualTo("{\"UNPROTECTED\":1,\"INSUFFICIENT\":1}");
  }

  @Test
  void runsInParallelIsDerivedFromTheConfiguration() throws IOException {
    ScanResult result =
        Scenarios.with(
            Scenarios.clean(),
            new BuildConfiguration(
                Tristate.FALSE,
                Tristate.TRUE,
                Tristate.TRUE,
                Tristate.UNKNOWN,
                List.of("fast"),
                List.of(),
                "methods",
                List.of("pom.xml"),
                Map.of("surefire.groups", "fast")),
            List.of(),
            List.of());

    JsonNode configuration = render(result).get("configuration");

    assertThat(configuration.get("parallelEnabled").asText()).isEqualTo("FALSE");
    assertThat(configuration.get("runsInParallel").asText()).isEqualTo("FALSE");
    assertThat(configuration.get("includedGroups").get(0).asText()).isEqualTo("fast");
    assertThat(configuration.get("testngParallel").asText()).isEqualTo("methods");
    assertThat(configuration.get("settings").get("surefire.groups").asText()).isEqualTo("fast");
  }

  @Test
  void markersAreSortedByClassMethodAndAnnotation() throws IOException {
    String a = "com.example.ATest";
    String b = "com.example.BTest";
    List<MarkerVerdict> markers =
        List.of(
            verdict(marker("org.example.Zeta", b, "", null)),
            verdict(marker("org.example.Beta", a, "m", null)),
            verdict(marker("org.example.Alpha", a, "m", null)),
            verdict(marker("org.example.Zeta", a, "", null)),
            verdict(marker("org.example.Alpha", b, "", null)));

    JsonNode report =
        render(Scenarios.with(Scenarios.clean(), BuildConfiguration.unknown(), markers, List.of()));

    List<String> order = new ArrayList<>();
    report
        .get("markers")
        .forEach(m -> order.add(m.get("target").asText() + " " + m.get("annotation").asText()));
    assertThat(order)
        .containsExactly(
            "com.example.ATest org.example.Zeta",
            "com.example.ATest#m org.example.Alpha",
            "com.example.ATest#m org.example.Beta",
            "com.example.BTest org.example.Alpha",
            "com.example.BTest org.example.Zeta");
  }

  @Test
  void aMarkerWithoutSourceHasNullFileAndLineAndOneWithoutLineHasNullLine() throws IOException {
    List<MarkerVerdict> markers =
        List.of(
            verdict(marker("org.example.A", "com.example.ATest", "", null)),
            verdict(
                marker(
                    "org.example.B",
                    "com.example.BTest",
                    "",
                    new SourceLocation("com/example/BTest.java", 0))),
            verdict(
                marker(
                    "org.example.C",
                    "com.example.CTest",
                    "",
                    new SourceLocation("com/example/CTest.java", 7))));

    JsonNode json =
        render(Scenarios.with(Scenarios.clean(), BuildConfiguration.unknown(), markers, List.of()))
            .get("markers");

    assertThat(json.get(0).get("file").isNull()).isTrue();
    assertThat(json.get(0).get("line").isNull()).isTrue();
    assertThat(json.get(1).get("file").asText()).isEqualTo("com/example/BTest.java");
    assertThat(json.get(1).get("line").isNull()).isTrue();
    assertThat(json.get(2).get("file").asText()).isEqualTo("com/example/CTest.java");
    assertThat(json.get(2).get("line").asInt()).isEqualTo(7);
  }

  @Test
  void aMarkerOnAnOverloadedTestNamesItWithParameterTypes() throws IOException {
    String cls = "com.example.FooTest";
    TestMethod plain = test(id(cls, "bar", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod withInt = test(id(cls, "bar", "(I)V"), Engine.JUNIT_JUPITER, TestKind.TEST);
    Marker onInt =
        new Marker(
            "org.junit.jupiter.api.parallel.Isolated",
            "junit-jupiter",
            MarkerEffect.ISOLATES,
            List.of(),
            "",
            cls,
            "bar",
            "(I)V",
            null,
            "",
            "");
    Finding finding =
        new Finding(
            Finding.Kind.INSUFFICIENT,
            SYS,
            "",
            Key.exact("k"),
            List.of(withInt.id(), plain.id()),
            2,
            onInt,
            false,
            "r",
            "x");
    ScanResult result =
        Scenarios.with(
            new ScanResult(
                List.of(),
                summary(),
                List.of(footprint(plain), footprint(withInt)),
                List.of(),
                List.of()),
            BuildConfiguration.unknown(),
            List.of(verdict(onInt)),
            List.of(finding));

    JsonNode report = render(result);

    assertThat(report.get("markers").get(0).get("target").asText())
        .isEqualTo("com.example.FooTest#bar(int)");
    assertThat(report.get("findings").get(0).get("marker").get("target").asText())
        .isEqualTo("com.example.FooTest#bar(int)");
    assertThat(textsOf(report.get("tests"), "id"))
        .containsExactly("com.example.FooTest#bar()", "com.example.FooTest#bar(int)");
  }

  @Test
  void findingsAreSortedByKindResourceKeyAndFirstTest() throws IOException {
    TestId a = id("com.example.ATest", "a", VOID);
    TestId b = id("com.example.BTest", "b", VOID);
    List<Finding> findings =
        List.of(
            finding(Finding.Kind.INSUFFICIENT, SYS, "k", b),
            finding(Finding.Kind.UNPROTECTED, SYS, "k", b),
            finding(Finding.Kind.UNPROTECTED, SYS, "k", a),
            finding(Finding.Kind.UNPROTECTED, SYS, "a", b),
            finding(Finding.Kind.UNPROTECTED, FILE, "z", b));

    JsonNode report =
        render(
            Scenarios.with(Scenarios.clean(), BuildConfiguration.unknown(), List.of(), findings));

    List<String> order = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f ->
                order.add(
                    f.get("kind").asText()
                        + " "
                        + f.get("resource").asText()
                        + " "
                        + f.get("key").asText()
                        + " "
                        + f.get("tests").get(0).asText()));
    assertThat(order)
        .containsExactly(
            "UNPROTECTED FILE z com.example.BTest#b",
            "UNPROTECTED SYSTEM_PROPERTY a com.example.BTest#b",
            "UNPROTECTED SYSTEM_PROPERTY k com.example.ATest#a",
            "UNPROTECTED SYSTEM_PROPERTY k com.example.BTest#b",
            "INSUFFICIENT SYSTEM_PROPERTY k com.example.BTest#b");
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

    JsonNode report = render(result(new Footprint(t, accesses)));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < accesses.size(); i++) {
      JsonNode a = tableAccess(report, 0, i);
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
    JsonNode steps = report.get("steps");
    int firstStep = evidence(report, 0, 1).get(0);
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

    assertThat(json).startsWith("{\n  \"schemaVersion\": 2,\n  \"tool\": \"isolation-audit\",\n");
    assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain("\t");
    // Rows of the id tables stay on one line each.
    assertThat(json).contains("\n      \"accesses\": [{\"access\": 0, \"evidence\": ");
    assertThat(json).containsPattern("\n    \\{\"step\": \\d+, \"next\": null}");
    assertThat(json).contains("\n    {\"id\": 0, \"class\": ");
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

  private static Marker marker(
      String annotation, String className, String method, SourceLocation location) {
    return new Marker(
        annotation,
        "project",
        MarkerEffect.ISOLATES,
        List.of(),
        "",
        className,
        method,
        method.isEmpty() ? "" : VOID,
        location,
        "",
        "");
  }

  private static MarkerVerdict verdict(Marker marker) {
    return new MarkerVerdict(marker, Verdict.DEFENSIVE, "r", Confidence.HIGH, "", "x", List.of());
  }

  private static Finding finding(
      Finding.Kind kind,
      io.github.isolationaudit.model.ResourceKind resource,
      String key,
      TestId test) {
    return new Finding(kind, resource, "", Key.exact(key), List.of(test), 1, null, false, "r", "x");
  }

  private static Footprint footprint(TestMethod test) {
    return new Footprint(test, List.of());
  }

  /** The step ids of an access's evidence, from the test to the sink, read through the chains. */
  private static List<Integer> evidence(JsonNode report, int test, int access) {
    List<Integer> ids = new ArrayList<>();
    int link = report.get("tests").get(test).get("accesses").get(access).get("evidence").asInt();
    while (true) {
      JsonNode row = report.get("chains").get(link);
      ids.add(row.get("step").asInt());
      if (row.get("next").isNull()) {
        return ids;
      }
      assertThat(row.get("next").asInt()).isLessThan(link);
      link = row.get("next").asInt();
    }
  }

  /** An access of a test, as the report's access table holds it. */
  private static JsonNode tableAccess(JsonNode report, int test, int index) {
    int id = report.get("tests").get(test).get("accesses").get(index).get("access").asInt();
    JsonNode access = report.get("accesses").get(id);
    assertThat(access.get("id").asInt()).isEqualTo(id);
    return access;
  }

  private static List<String> names(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static List<String> textsOf(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.get(field).asText()));
    return texts;
  }

  @Test
  void aMarkerCarriesEveryTestItCoversAndWhetherItKeepsItsClassOnOneThread() throws IOException {
    ScanResult base = Scenarios.verdicts();
    io.github.isolationaudit.model.MarkerVerdict first = base.markers().get(0);
    List<io.github.isolationaudit.model.TestId> covered = new java.util.ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      covered.add(
          new io.github.isolationaudit.model.TestId(
              "com.example.CoveredTest", "t" + i, "()V", "com.example.CoveredTest"));
    }
    List<io.github.isolationaudit.model.MarkerVerdict> markers =
        new java.util.ArrayList<>(base.markers());
    markers.set(0, first.withCoverage(covered, true));
    ScanResult result =
        new ScanResult(
            base.inputs(),
            base.summary(),
            base.footprints(),
            base.conflicts(),
            base.problems(),
            base.configuration(),
            markers,
            base.findings(),
            base.sourcePaths());

    JsonNode marker = render(result).get("markers").get(0);

    // All of them, sorted: JSON is never cut to a sample.
    assertThat(marker.get("covered")).hasSize(10);
    assertThat(marker.get("covered").get(0).asText()).isEqualTo("com.example.CoveredTest#t0");
    assertThat(marker.get("oneThread").asBoolean()).isTrue();
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
