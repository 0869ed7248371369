package io.github.isolationaudit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.isolationaudit.model.Acceptance;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SARIF reports conform to the official schema and to what GitHub code scanning needs. */
class SarifReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema SARIF_SCHEMA = sarifSchema();

  static Stream<String> scenarios() {
    return Scenarios.all().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyScenarioConformsToTheOfficialSchema(String scenario) throws IOException {
    JsonNode sarif = render(Scenarios.all().get(scenario), new SarifReportRenderer());

    assertThat(messages(SARIF_SCHEMA.validate(sarif))).isEmpty();
  }

  @Test
  void theSchemaTestCanFail() throws IOException {
    ObjectNode sarif = (ObjectNode) render(located(), new SarifReportRenderer());
    ((ObjectNode) sarif.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    assertThat(SARIF_SCHEMA.validate(sarif)).isNotEmpty();
    sarif = (ObjectNode) render(located(), new SarifReportRenderer());
    ((ObjectNode) sarif.get("runs").get(0).get("results").get(0)).remove("message");
    assertThat(SARIF_SCHEMA.validate(sarif)).isNotEmpty();
  }

  @Test
  void locatedSourcesRenderAsReviewed() throws IOException {
    StringWriter out = new StringWriter();
    new SarifReportRenderer(RuleSettings.defaults(), null, "1.2.3").render(located(), out);
    assertThat(messages(SARIF_SCHEMA.validate(MAPPER.readTree(out.toString())))).isEmpty();
    GoldenFiles.assertMatches("verdicts-located.sarif", out.toString());
  }

  @Test
  void theDriverListsEveryRuleOnceWithWhatCodeScanningShows() throws IOException {
    JsonNode rules =
        run(render(located(), new SarifReportRenderer())).get("tool").get("driver").get("rules");

    assertThat(rules).hasSize(ReportRule.values().length);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      assertThat(rule.get("id").asText()).isEqualTo(ReportRule.values()[i].id());
      assertThat(ids.add(rule.get("id").asText())).isTrue();
      assertThat(rule.get("id").asText()).matches("[a-z]+(-[a-z]+)+");
      assertThat(rule.get("name").asText()).matches("[A-Z][A-Za-z]+");
      assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
      assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
      assertThat(rule.at("/help/text").asText()).isNotBlank();
      assertThat(rule.at("/help/markdown").asText()).contains("**");
      assertThat(rule.at("/defaultConfiguration/level").asText()).isIn("error", "warning", "note");
      assertThat(rule.at("/properties/tags")).isNotEmpty();
    }
  }

  @Test
  void resultsPointAtProjectRelativeFilesWithTheirRuleAndLine() throws IOException {
    JsonNode results = run(render(located(), new SarifReportRenderer())).get("results");

    assertThat(results).isNotEmpty();
    for (JsonNode r : results) {
      ReportRule rule = ReportRule.fromId(r.get("ruleId").asText());
      assertThat(r.get("ruleIndex").asInt()).isEqualTo(rule.ordinal());
      assertThat(r.get("level").asText()).isEqualTo(rule.defaultLevel().id());
      assertThat(r.at("/partialFingerprints/" + "isolationAudit~1v1").asText())
          .matches("[0-9a-f]{32}");
    }
    // Most severe first.
    assertThat(results.get(0).get("level").asText()).isEqualTo("error");
    JsonNode localeRace = find(results, "unprotected-conflict", "LOCALE");
    JsonNode artifact = localeRace.at("/locations/0/physicalLocation/artifactLocation");
    assertThat(artifact.get("uri").asText())
        .isEqualTo("shop/src/test/java/com/example/shop/ReceiptTest.java");
    assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(localeRace.at("/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(18);
    assertThat(localeRace.at("/properties/live").asBoolean()).isTrue();
  }

  @Test
  void aFileNotFoundInTheProjectHasNoBaseAndAFileWithASpaceIsEscaped() throws IOException {
    ScanResult located = Scenarios.verdicts();
    ScanResult unlocated =
        new ScanResult(
            located.inputs(),
            located.summary(),
            located.footprints(),
            located.conflicts(),
            located.problems(),
            located.configuration(),
            located.markers(),
            located.findings(),
            io.github.isolationaudit.model.SourcePaths.none());
    JsonNode results = run(render(unlocated, new SarifReportRenderer())).get("results");
    JsonNode artifact =
        find(results, "unprotected-conflict", "LOCALE")
            .at("/locations/0/physicalLocation/artifactLocation");
    assertThat(artifact.get("uri").asText()).isEqualTo("com/example/shop/ReceiptTest.java");
    assertThat(artifact.has("uriBaseId")).isFalse();

    assertThat(SarifReportRenderer.uri("src/test/java/My Test.java"))
        .isEqualTo("src/test/java/My%20Test.java");
  }

  @Test
  void fingerprintsIgnoreLinesButNotTests() throws IOException {
    ScanResult result = located();
    String before = fingerprint(result, "LOCALE");

    ScanResult moved = moveEveryLine(result, 100);
    assertThat(fingerprint(moved, "LOCALE")).isEqualTo(before);
    assertThat(
            run(render(moved, new SarifReportRenderer()))
                .at("/results/0/locations/0/physicalLocation/region/startLine")
                .asInt())
        .isGreaterThan(100);

    ScanResult joined = withExtraTest(result, "LOCALE");
    assertThat(fingerprint(joined, "LOCALE")).isNotEqualTo(before);
  }

  @Test
  void acceptedFindingsAreSuppressionsExternalOrInSource() throws IOException {
    JsonNode results = run(render(located(), new SarifReportRenderer())).get("results");
    JsonNode external =
        find(results, "unprotected-conflict", "SYSTEM_PROPERTY").get("suppressions");
    assertThat(external).hasSize(1);
    assertThat(external.at("/0/kind").asText()).isEqualTo("external");
    assertThat(external.at("/0/justification").asText())
        .isEqualTo("every test sets EUR; the build passes the same value");

    ScanResult inSource =
        mapFindings(
            located(),
            f ->
                f.accepted()
                    ? unaccepted(f)
                        .accept(
                            new Acceptance("only logs it", "com/example/shop/CheckoutTest.java:21"))
                    : f);
    JsonNode suppression =
        find(
                run(render(inSource, new SarifReportRenderer())).get("results"),
                "unprotected-conflict",
                "SYSTEM_PROPERTY")
            .at("/suppressions/0");
    assertThat(suppression.get("kind").asText()).isEqualTo("inSource");
    assertThat(suppression.at("/location/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("shop/src/test/java/com/example/shop/CheckoutTest.java");
    assertThat(suppression.at("/location/physicalLocation/region/startLine").asInt()).isEqualTo(21);
  }

  @Test
  void problemsAreToolNotifications() throws IOException {
    JsonNode notifications =
        run(render(Scenarios.problemsOnly(), new SarifReportRenderer()))
            .at("/invocations/0/toolExecutionNotifications");

    assertThat(notifications).hasSize(2);
    assertThat(notifications.at("/0/descriptor/id").asText()).isEqualTo("missing-input");
    assertThat(notifications.at("/0/message/text").asText())
        .isEqualTo("MISSING_INPUT: build/missing: no such file or directory");
  }

  @Test
  void overTheResultLimitTheMostSevereAreKeptAndTheCutIsSaid() throws IOException {
    int all = Alerts.of(located(), RuleSettings.defaults()).size();
    assertThat(all).isGreaterThan(3);

    JsonNode run =
        run(
            render(
                located(),
                new SarifReportRenderer(
                    RuleSettings.defaults(), null, null, 2, SarifReportRenderer.MAX_BYTES)));

    assertThat(run.get("results")).hasSize(2);
    run.get("results").forEach(r -> assertThat(r.get("level").asText()).isEqualTo("error"));
    JsonNode last = run.at("/invocations/0/toolExecutionNotifications");
    assertThat(last.get(last.size() - 1).at("/descriptor/id").asText())
        .isEqualTo("results-truncated");
    assertThat(last.get(last.size() - 1).at("/message/text").asText())
        .contains("Only the 2 most severe of " + all);
  }

  @Test
  void overTheSizeLimitTheFileShrinksBelowIt() throws IOException {
    StringWriter full = new StringWriter();
    new SarifReportRenderer().render(located(), full);
    int limit = full.toString().getBytes(StandardCharsets.UTF_8).length - 200;

    StringWriter out = new StringWriter();
    new SarifReportRenderer(RuleSettings.defaults(), null, null, 1000, limit)
        .render(located(), out);

    assertThat(out.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
    JsonNode run = run(MAPPER.readTree(out.toString()));
    assertThat(run.get("results").size())
        .isLessThan(Alerts.of(located(), RuleSettings.defaults()).size());
    assertThat(messages(SARIF_SCHEMA.validate(MAPPER.readTree(out.toString())))).isEmpty();
  }

  @Test
  void aRuleTurnedOffRaisesNothingAndAChangedLevelShows() throws IOException {
    RuleSettings settings =
        RuleSettings.defaults().with("marker-defensive=off").with("insufficient-marker=warning");
    JsonNode run = run(render(located(), new SarifReportRenderer(settings, null, null)));

    assertThat(run.get("results").findValuesAsText("ruleId")).doesNotContain("marker-defensive");
    JsonNode defensive = run.at("/tool/driver/rules/" + ReportRule.MARKER_DEFENSIVE.ordinal());
    assertThat(defensive.at("/defaultConfiguration/enabled").asBoolean(true)).isFalse();
    assertThat(find(run.get("results"), "insufficient-marker", "FILE").get("level").asText())
        .isEqualTo("warning");
    assertThat(
            messages(
                SARIF_SCHEMA.validate(
                    render(located(), new SarifReportRenderer(settings, null, null)))))
        .isEmpty();
  }

  @Test
  void aBaselineMarksResultsNewOrUnchangedAndNamesWhatIsFixed() throws IOException {
    List<Alert> alerts = Alerts.of(located(), RuleSettings.defaults());
    List<Alert> old = new ArrayList<>(alerts.subList(1, alerts.size()));
    List<Baseline.Entry> entries = new ArrayList<>(Baseline.of(old).entries());
    entries.add(new Baseline.Entry("0".repeat(32), "marker-legacy", "LEGACY @Tag on a.GoneTest"));
    Baseline baseline = new Baseline(entries);

    JsonNode run =
        run(render(located(), new SarifReportRenderer(RuleSettings.defaults(), baseline, null)));

    assertThat(run.at("/results/0/baselineState").asText()).isEqualTo("new");
    assertThat(run.at("/results/1/baselineState").asText()).isIn("unchanged", "new");
    JsonNode notifications = run.at("/invocations/0/toolExecutionNotifications");
    assertThat(notifications.findValuesAsText("id")).contains("baseline-fixed");
    assertThat(notifications.toString()).contains("LEGACY @Tag on a.GoneTest");
  }

  @Test
  void anUnknownRuleIdSaysWhichOneWasMeant() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RuleSettings.defaults().with("marker-defensiv=off"))
        .hasMessageContaining("unknown rule 'marker-defensiv'")
        .hasMessageContaining("did you mean 'marker-defensive'?");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RuleSettings.defaults().with("marker-defensive=loud"))
        .hasMessageContaining("unknown level 'loud'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSettings.defaults().with("off"))
        .hasMessageContaining("is not ID=LEVEL");
  }

  @Test
  void everyVerdictButRequiredAndEveryFindingKindHasARule() {
    for (Verdict v : Verdict.values()) {
      assertThat(ReportRule.of(v).isPresent()).as(v.name()).isEqualTo(v != Verdict.REQUIRED);
    }
    for (Finding.Kind k : Finding.Kind.values()) {
      assertThat(ReportRule.values())
          .contains(
              ReportRule.of(
                  new Finding(
                      k,
                      io.github.isolationaudit.model.ResourceKind.LOCALE,
                      "",
                      io.github.isolationaudit.model.Key.unknown(),
                      List.of(),
                      0,
                      null,
                      false,
                      "",
                      "")));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The verdicts scenario with its sources found in a module {@code shop} of the project. */
  static ScanResult located() {
    ScanResult r = Scenarios.verdicts();
    Map<String, String> paths = new TreeMap<>();
    for (Footprint f : r.footprints()) {
      for (Access a : f.accesses()) {
        for (EvidenceStep s : a.evidence().steps()) {
          if (!s.sourceFile().isEmpty()) {
            paths.put(s.sourceFile(), "shop/src/test/java/" + s.sourceFile());
          }
        }
      }
    }
    for (MarkerVerdict v : r.markers()) {
      if (v.marker().location() != null) {
        String file = v.marker().location().file();
        paths.put(file, "shop/src/test/java/" + file);
      }
    }
    return new ScanResult(
        r.inputs(),
        r.summary(),
        r.footprints(),
        r.conflicts(),
        r.problems(),
        r.configuration(),
        r.markers(),
        r.findings(),
        new SourcePaths(paths));
  }

  private static ScanResult moveEveryLine(ScanResult r, int by) {
    List<Footprint> moved = new ArrayList<>();
    for (Footprint f : r.footprints()) {
      List<Access> accesses = new ArrayList<>();
      for (Access a : f.accesses()) {
        List<EvidenceStep> steps = a.evidence().steps();
        Evidence chain = null;
        for (int i = steps.size() - 1; i >= 0; i--) {
          EvidenceStep s = steps.get(i);
          chain =
              new Evidence(
                  new EvidenceStep(s.className(), s.methodName(), s.sourceFile(), s.line() + by),
                  chain);
        }
        accesses.add(
            new Access(
                a.resource(),
                a.customKind(),
                a.key(),
                a.mode(),
                a.scope(),
                a.reach(),
                a.confidence(),
                a.sensitivity(),
                a.sinkId(),
                a.note(),
                chain));
      }
      moved.add(new Footprint(f.test(), accesses));
    }
    return new ScanResult(
        r.inputs(),
        r.summary(),
        moved,
        r.conflicts(),
        r.problems(),
        r.configuration(),
        r.markers(),
        r.findings(),
        r.sourcePaths());
  }

  private static ScanResult withExtraTest(ScanResult r, String resource) {
    return mapFindings(
        r,
        f -> {
          if (!f.resourceName().equals(resource)) {
            return f;
          }
          List<TestId> tests = new ArrayList<>(f.tests());
          tests.add(
              new TestId(
                  "com.example.shop.ZNewTest", "formats", "()V", "com.example.shop.ZNewTest"));
          return new Finding(
              f.kind(),
              f.resource(),
              f.customKind(),
              f.key(),
              tests,
              f.testCount() + 1,
              f.marker(),
              f.live(),
              f.reason(),
              f.recommendation());
        });
  }

  private static Finding unaccepted(Finding f) {
    return new Finding(
        f.kind(),
        f.resource(),
        f.customKind(),
        f.key(),
        f.tests(),
        f.testCount(),
        f.marker(),
        f.live(),
        f.reason(),
        f.recommendation(),
        null,
        f.exposed());
  }

  private static ScanResult mapFindings(
      ScanResult r, java.util.function.UnaryOperator<Finding> change) {
    return new ScanResult(
        r.inputs(),
        r.summary(),
        r.footprints(),
        r.conflicts(),
        r.problems(),
        r.configuration(),
        r.markers(),
        r.findings().stream().map(change).toList(),
        r.sourcePaths());
  }

  private static String fingerprint(ScanResult result, String resource) throws IOException {
    return find(
            run(render(result, new SarifReportRenderer())).get("results"),
            "unprotected-conflict",
            resource)
        .at("/partialFingerprints/isolationAudit~1v1")
        .asText();
  }

  private static JsonNode find(JsonNode results, String ruleId, String resource) {
    for (JsonNode r : results) {
      if (r.get("ruleId").asText().equals(ruleId)
          && r.at("/properties/resource").asText().equals(resource)) {
        return r;
      }
    }
    throw new AssertionError("no " + ruleId + " result on " + resource + " in " + results);
  }

  private static JsonNode run(JsonNode sarif) {
    return sarif.get("runs").get(0);
  }

  private static JsonNode render(ScanResult result, SarifReportRenderer renderer)
      throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(result, out);
    return MAPPER.readTree(out.toString());
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }

  private static Schema sarifSchema() {
    try (InputStream in =
        SarifReportRendererTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      assertThat(in).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
