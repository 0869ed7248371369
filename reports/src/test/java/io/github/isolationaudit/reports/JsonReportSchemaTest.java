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
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestKind;
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
        violation("an extra step field", r -> object(r, "steps", 0).put("column", 3)),
        violation("an extra conflict field", r -> object(r, "conflicts", 0).put("verdict", "X")),
        violation("an extra problem field", r -> object(r, "problems", 0).put("stack", "")),
        violation("a missing top-level field", r -> r.remove("steps")),
        violation("a missing summary field", r -> object(r, "summary").remove("tests")),
        violation("a missing test field", r -> test(r).remove("kind")),
        violation("a missing access field", r -> access(r).remove("evidence")),
        violation("a missing step field", r -> object(r, "steps", 0).remove("line")),
        violation("a missing conflict field", r -> object(r, "conflicts", 0).remove("writers")),
        violation("a missing problem field", r -> object(r, "problems", 0).remove("path")),
        violation("an empty note", r -> access(r).put("note", "")),
        violation("an unknown enum value", r -> access(r).put("mode", "READ_WRITE")),
        violation("a step id that is not a number", r -> evidence(r).set(0, "s0")),
        violation(
            "an absolute step file", r -> object(r, "steps", 0).put("file", "/home/x/A.java")),
        violation("another schema version", r -> r.put("schemaVersion", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void schemaRejects(String what, Consumer<ObjectNode> change) throws IOException {
    ObjectNode report = render(Scenarios.rich());
    assertThat(SCHEMA.validate(report)).isEmpty();

    change.accept(report);

    assertThat(SCHEMA.validate(report)).as(what).isNotEmpty();
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
            Map.entry("problemKind", Problem.Kind.class));
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

  private static ObjectNode test(ObjectNode report) {
    return object(report, "tests", 0);
  }

  private static ObjectNode access(ObjectNode report) {
    return (ObjectNode) test(report).get("accesses").get(0);
  }

  private static ArrayNode evidence(ObjectNode report) {
    return (ArrayNode) access(report).get("evidence");
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
