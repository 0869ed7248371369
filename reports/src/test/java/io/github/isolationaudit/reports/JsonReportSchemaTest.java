package io.github.isolationaudit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schema describes exactly what the JSON renderer writes. */
class JsonReportSchemaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final String SCHEMA_TEXT = readSchema();
  private static final Schema SCHEMA = REGISTRY.getSchema(SCHEMA_TEXT, InputFormat.JSON);

  static Stream<String> scenarios() {
    return Scenarios.all().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void renderedReportsConformToTheSchema(String scenario) throws IOException {
    JsonNode report = render(Scenarios.all().get(scenario));

    assertThat(messages(SCHEMA.validate(report))).isEmpty();
  }

  @Test
  void aFindingThatStandsForOthersNamesThemAndConforms() throws IOException {
    Finding first = Scenarios.verdicts().findings().get(0);
    Finding merged =
        first.merging(
            first.reason() + " The same tests conflict on a.two too: merged.",
            List.of(new Finding.Merged(first.resource(), "", Key.exact("a.two"))));
    ScanResult result =
        Scenarios.with(
            Scenarios.clean(), Scenarios.verdicts().configuration(), List.of(), List.of(merged));

    JsonNode report = render(result);

    assertThat(messages(SCHEMA.validate(report))).isEmpty();
    assertThat(report.get("findings").get(0).get("merged").toString())
        .isEqualTo(
            "[{\"resource\":\""
                + first.resourceName()
                + "\",\"key\":\"a.two\",\"keyKind\":\"EXACT\"}]");
  }

  @Test
  void aReportWithItsPlanConformsAndAWrongLaneModeDoesNot() throws IOException {
    ScanResult result = Scenarios.all().values().iterator().next();
    StringWriter out = new StringWriter();
    new JsonReportRenderer()
        .render(result, io.github.isolationaudit.reports.export.SamplePlans.plan(), out);
    ObjectNode report = (ObjectNode) MAPPER.readTree(out.toString());
    assertThat(report.get("plan").get("lanes").size()).isPositive();
    assertThat(messages(SCHEMA.validate(report))).isEmpty();
    ((ObjectNode) report.get("plan").get("lanes").get(0)).put("mode", "SOMETIMES");
    assertThat(SCHEMA.validate(report)).isNotEmpty();
  }

  @Test
  void schemaIsAValidDraft202012Schema() throws IOException {
    Schema metaSchema =
        REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(messages(metaSchema.validate(MAPPER.readTree(SCHEMA_TEXT)))).isEmpty();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        violation("an extra top-level field", r -> r.put("generatedAt", "2026-01-01")),
        violation("an extra summary field", r -> object(r, "summary").put("durationMs", 5)),
        violation("an extra test field", r -> test(r).put("displayName", "bar()")),
        violation("an extra access field", r -> access(r).put("chain", "...")),
        violation("an extra field in a test's access", r -> use(r).put("steps", "...")),
        violation("an extra chain field", r -> object(r, "chains", 0).put("line", 3)),
        violation("an extra step field", r -> object(r, "steps", 0).put("column", 3)),
        violation("an extra conflict field", r -> object(r, "conflicts", 0).put("verdict", "X")),
        violation("an extra problem field", r -> object(r, "problems", 0).put("stack", "")),
        violation("a missing top-level field", r -> r.remove("steps")),
        violation("a missing summary field", r -> object(r, "summary").remove("tests")),
        violation("a missing test field", r -> test(r).remove("kind")),
        violation("a missing access field", r -> access(r).remove("sink")),
        violation("a test's access without its evidence", r -> use(r).remove("evidence")),
        violation("a missing chain field", r -> object(r, "chains", 0).remove("next")),
        violation("the access table missing", r -> r.remove("accesses")),
        violation("a missing step field", r -> object(r, "steps", 0).remove("line")),
        violation("a missing conflict field", r -> object(r, "conflicts", 0).remove("writers")),
        violation("a missing problem field", r -> object(r, "problems", 0).remove("path")),
        violation("an empty note", r -> access(r).put("note", "")),
        violation("an unknown enum value", r -> access(r).put("mode", "READ_WRITE")),
        violation("a step id that is not a number", r -> object(r, "chains", 0).put("step", "s0")),
        violation("a chain id that is not a number", r -> use(r).put("evidence", "c0")),
        violation("a negative next link", r -> object(r, "chains", 1).put("next", -1)),
        violation(
            "an absolute step file", r -> object(r, "steps", 0).put("file", "/home/x/A.java")),
        violation("another schema version", r -> r.put("schemaVersion", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void schemaRejects(String what, Consumer<ObjectNode> change) throws IOException {
    ObjectNode report = render(Scenarios.rich());
    assertThat(SCHEMA.validate(report)).isEmpty();

    change.accept(report);

    assertThat(SCHEMA.validate(report)).as(what).isNotEmpty();
  }

  /** Drift in the parts added for markers, findings and the build configuration. */
  static Stream<Arguments> markerViolations() {
    return Stream.of(
        violation("an extra configuration field", r -> configuration(r).put("parallel", "TRUE")),
        violation("a missing configuration field", r -> configuration(r).remove("forks")),
        violation(
            "a renamed configuration field",
            r -> configuration(r).set("testNgParallel", configuration(r).remove("testngParallel"))),
        violation(
            "a tristate that is a boolean", r -> configuration(r).put("parallelEnabled", true)),
        violation("a tristate not in the enum", r -> configuration(r).put("forks", "YES")),
        violation("a setting that is not a string", r -> settings(r).put("surefire.forkCount", 1)),
        violation("an extra marker field", r -> marker(r).put("descriptor", "()V")),
        violation("a missing marker field", r -> marker(r).remove("verdict")),
        violation(
            "a renamed marker field",
            r -> marker(r).set("stated_reason", marker(r).remove("statedReason"))),
        violation("an unknown verdict", r -> marker(r).put("verdict", "OBSOLETE")),
        violation("an unknown effect", r -> marker(r).put("effect", "SERIAL")),
        violation("a marker line of 0", r -> marker(r).put("line", 0)),
        violation("an absolute marker file", r -> marker(r).put("file", "/src/A.java")),
        violation("a target with two #", r -> marker(r).put("target", "a.B#c#d")),
        violation("an extra lock field", r -> lock(r).put("exclusive", true)),
        violation("an unknown lock mode", r -> lock(r).put("mode", "WRITE")),
        violation(
            "more than five partners",
            r -> {
              ArrayNode partners = (ArrayNode) marker(r).get("partners");
              for (int i = 0; i < 5; i++) {
                partners.add("com.example.XTest#t" + i);
              }
            }),
        violation("an extra finding field", r -> finding(r, 0).put("severity", "HIGH")),
        violation(
            "a merged conflict without its key",
            r -> finding(r, 0).putArray("merged").addObject().put("resource", "FILE")),
        violation("a missing finding field", r -> finding(r, 0).remove("live")),
        violation("an unknown finding kind", r -> finding(r, 0).put("kind", "UNCOVERED")),
        violation("a finding without tests", r -> finding(r, 0).putArray("tests")),
        violation("live that is not a boolean", r -> finding(r, 0).put("live", "TRUE")),
        violation(
            "an extra field in a finding's marker",
            r -> ((ObjectNode) finding(r, 2).get("marker")).put("verdict", "LEGACY")),
        violation(
            "a finding's marker without its target",
            r -> ((ObjectNode) finding(r, 2).get("marker")).remove("target")),
        violation("accepted that is not a boolean", r -> finding(r, 1).put("accepted", "yes")),
        violation(
            "an acceptance reason that is a number", r -> finding(r, 1).put("acceptedReason", 7)),
        violation(
            "a renamed acceptance field",
            r -> finding(r, 1).set("accepted_by", finding(r, 1).remove("acceptedBy"))),
        violation(
            "an accepted count that is negative",
            r -> object(r, "summary").put("acceptedFindings", -1)),
        violation(
            "a verdict count missing",
            r -> ((ObjectNode) object(r, "summary").get("verdicts")).remove("LEGACY")),
        violation(
            "an extra verdict count",
            r -> ((ObjectNode) object(r, "summary").get("verdicts")).put("STALE", 0)),
        violation(
            "a finding count missing",
            r -> ((ObjectNode) object(r, "summary").get("findings")).remove("INSUFFICIENT")),
        violation("a renamed top-level field", r -> r.set("markerVerdicts", r.remove("markers"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("markerViolations")
  void schemaRejectsDriftInMarkersFindingsAndConfiguration(String what, Consumer<ObjectNode> change)
      throws IOException {
    ObjectNode report = render(Scenarios.verdicts());
    assertThat(messages(SCHEMA.validate(report))).isEmpty();

    change.accept(report);

    assertThat(SCHEMA.validate(report)).as(what).isNotEmpty();
  }

  @Test
  void aVersion1ReportWrittenBeforeMarkersStillConforms() throws IOException {
    // Fields are only ever added within a schemaVersion, so a report without them stays valid.
    ObjectNode report = render(Scenarios.rich());
    report.remove("configuration");
    report.remove("markers");
    report.remove("findings");
    object(report, "summary").remove("verdicts");
    object(report, "summary").remove("findings");
    object(report, "summary").remove("acceptedFindings");

    assertThat(messages(SCHEMA.validate(report))).isEmpty();
  }

  @Test
  void schemaEnumsNameEveryConstantOfTheModelEnums() throws IOException {
    JsonNode defs = MAPPER.readTree(SCHEMA_TEXT).get("$defs");
    Map<String, Class<? extends Enum<?>>> enums =
        Map.ofEntries(
            Map.entry("keyKind", Key.Kind.class),
            Map.entry("engine", Engine.class),
            Map.entry("testKind", TestKind.class),
            Map.entry("accessMode", AccessMode.class),
            Map.entry("scope", Scope.class),
            Map.entry("reach", Reach.class),
            Map.entry("confidence", Confidence.class),
            Map.entry("sensitivity", Sensitivity.class),
            Map.entry("certainty", Certainty.class),
            Map.entry("problemKind", Problem.Kind.class),
            Map.entry("tristate", Tristate.class),
            Map.entry("verdict", Verdict.class),
            Map.entry("markerEffect", MarkerEffect.class),
            Map.entry("lockMode", LockMode.class),
            Map.entry("findingKind", Finding.Kind.class));
    enums.forEach(
        (def, type) -> {
          List<String> inSchema = new ArrayList<>();
          defs.get(def).get("enum").forEach(v -> inSchema.add(v.asText()));
          List<String> inModel = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
          assertThat(inSchema).as(def).containsExactlyElementsOf(inModel);
        });
  }

  private static Arguments violation(String what, Consumer<ObjectNode> change) {
    return Arguments.of(what, change);
  }

  private static ObjectNode render(ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportRenderer().render(result, out);
    return (ObjectNode) MAPPER.readTree(out.toString());
  }

  private static ObjectNode object(ObjectNode report, String field) {
    return (ObjectNode) report.get(field);
  }

  private static ObjectNode object(ObjectNode report, String field, int index) {
    return (ObjectNode) report.get(field).get(index);
  }

  private static ObjectNode configuration(ObjectNode report) {
    return object(report, "configuration");
  }

  private static ObjectNode settings(ObjectNode report) {
    return (ObjectNode) configuration(report).get("settings");
  }

  /** The first marker: the REQUIRED {@code @Isolated} with a source line and a lock. */
  private static ObjectNode marker(ObjectNode report) {
    return object(report, "markers", 0);
  }

  private static ObjectNode lock(ObjectNode report) {
    return (ObjectNode) marker(report).get("locks").get(0);
  }

  /** Finding 0 is UNPROTECTED (no marker), finding 1 INSUFFICIENT (with one). */
  private static ObjectNode finding(ObjectNode report, int index) {
    return object(report, "findings", index);
  }

  private static ObjectNode test(ObjectNode report) {
    return object(report, "tests", 0);
  }

  /** The first access of the report's access table. */
  private static ObjectNode access(ObjectNode report) {
    return object(report, "accesses", 0);
  }

  /** The first access of the first test: an access id and the chain its evidence starts at. */
  private static ObjectNode use(ObjectNode report) {
    return (ObjectNode) test(report).get("accesses").get(0);
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }

  private static String readSchema() {
    try (InputStream in =
        JsonReportRenderer.class.getResourceAsStream(JsonReportRenderer.SCHEMA_RESOURCE)) {
      assertThat(in).as(JsonReportRenderer.SCHEMA_RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
