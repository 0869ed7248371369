package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF from the command line, rule levels, and baselines that gate a build on new alerts only. */
class GateTest {
  private static final String FIXTURES = System.getProperty("fixtures.classes");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void sarifOfTheFixturesHasOneResultPerAlertWithDistinctFingerprintsAndProjectPaths()
      throws IOException {
    Run r = run("scan", FIXTURES, "-q", "-f", "sarif");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode run = MAPPER.readTree(r.out()).get("runs").get(0);
    JsonNode results = run.get("results");
    assertThat(results.size()).isGreaterThan(20);
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode result : results) {
      assertThat(fingerprints.add(result.at("/partialFingerprints/isolationAudit~1v1").asText()))
          .as("fingerprint of %s", result.get("message"))
          .isTrue();
      JsonNode artifact = result.at("/locations/0/physicalLocation/artifactLocation");
      // The fixtures' sources sit in the project: paths from its root, as code scanning needs.
      assertThat(artifact.get("uri").asText()).matches("(fixtures/)?src/main/java/io/.*\\.java");
      assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    }
  }

  @Test
  void aBaselineLetsOnlyNewAlertsFailAndNamesWhatWasFixed(@TempDir Path dir) throws IOException {
    Path baseline = dir.resolve("baseline.json");
    Run written = run("scan", FIXTURES, "-q", "--write-baseline", baseline.toString());
    assertThat(written.exit()).isZero();
    JsonNode file = MAPPER.readTree(Files.readString(baseline));
    assertThat(file.get("alerts").size()).isGreaterThan(20);
    // Written twice, the same bytes: sorted and stable.
    Path again = dir.resolve("again.json");
    run("scan", FIXTURES, "-q", "--write-baseline", again.toString());
    assertThat(Files.readString(again)).isEqualTo(Files.readString(baseline));

    assertThat(run("scan", FIXTURES, "-q", "--fail-on", "finding").exit()).isEqualTo(1);
    Run gated =
        run("scan", FIXTURES, "-q", "--fail-on", "finding", "--baseline", baseline.toString());
    assertThat(gated.exit()).isZero();
    assertThat(gated.out()).contains("in the baseline and not counted for --fail-on; 0 new.");

    // One unprotected conflict taken out of the baseline is new again; a stale entry is fixed.
    ObjectNode edited = (ObjectNode) file;
    ArrayNode alerts = (ArrayNode) edited.get("alerts");
    int first = -1;
    for (int i = 0; i < alerts.size() && first < 0; i++) {
      if (alerts.get(i).get("rule").asText().equals("unprotected-conflict")) {
        first = i;
      }
    }
    alerts.remove(first);
    alerts
        .addObject()
        .put("fingerprint", "0123456789abcdef0123456789abcdef")
        .put("rule", "marker-legacy")
        .put("label", "LEGACY @Tag on com.example.GoneTest");
    Files.writeString(baseline, MAPPER.writeValueAsString(edited));
    Run fresh =
        run("scan", FIXTURES, "-q", "--fail-on", "finding", "--baseline", baseline.toString());
    assertThat(fresh.exit()).isEqualTo(1);
    assertThat(fresh.out())
        .contains("; 1 new.")
        .contains("fixed: marker-legacy LEGACY @Tag on com.example.GoneTest");
  }

  @Test
  void aBaselineThatIsNotOneIsAUsageError(@TempDir Path dir) throws IOException {
    Path notJson = Files.writeString(dir.resolve("b.json"), "{\"alerts\": [");
    Run r = run("scan", FIXTURES, "-q", "--baseline", notJson.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad --baseline: " + notJson + ":1:").contains("not JSON");
    Path other = Files.writeString(dir.resolve("c.json"), "{\"tool\": \"other\", \"alerts\": []}");
    assertThat(run("scan", FIXTURES, "-q", "--baseline", other.toString()).err())
        .contains("not an isolation-audit baseline");
    assertThat(run("scan", FIXTURES, "-q", "--baseline", dir.resolve("none.json").toString()).err())
        .contains("no such baseline file");
  }

  @Test
  void rulesTurnedDownOrOffChangeWhatFailsAndWhatIsReported(@TempDir Path dir) throws IOException {
    Run down =
        run(
            "scan",
            FIXTURES,
            "-q",
            "--fail-on",
            "finding",
            "--rule",
            "unprotected-conflict=warning",
            "--rule",
            "insufficient-marker=off",
            "-f",
            "sarif");
    assertThat(down.exit()).isZero();
    JsonNode results = MAPPER.readTree(down.out()).get("runs").get(0).get("results");
    assertThat(results.findValuesAsText("ruleId")).doesNotContain("insufficient-marker");
    for (JsonNode result : results) {
      if (result.get("ruleId").asText().equals("unprotected-conflict")) {
        assertThat(result.get("level").asText()).isEqualTo("warning");
      }
    }
    // Off means off everywhere: the JSON report leaves those findings out too.
    JsonNode json =
        MAPPER.readTree(
            run("scan", FIXTURES, "-q", "-f", "json", "--rule", "insufficient-marker=off").out());
    assertThat(json.get("summary").get("findings").get("INSUFFICIENT").asInt()).isZero();

    // A marker verdict raised to error fails the build even with no finding counted.
    Run raised =
        run(
            "scan",
            FIXTURES,
            "-q",
            "--fail-on",
            "finding",
            "--rule",
            "unprotected-conflict=note",
            "--rule",
            "insufficient-marker=note",
            "--rule",
            "marker-defensive=error");
    assertThat(raised.exit()).isEqualTo(1);
    Run bad = run("scan", FIXTURES, "-q", "--rule", "unprotected-conflicts=off");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("did you mean 'unprotected-conflict'?");
  }

  @Test
  void theConfigurationFileSetsLevelsAndAnUnknownIdIsAMistakeAtItsLine(@TempDir Path dir)
      throws IOException {
    Path config = dir.resolve(".isolation-audit.yaml");
    Files.writeString(
        config, "severity:\n  unprotected-conflict: note\n  insufficient-marker: note\n");
    assertThat(
            run("scan", FIXTURES, "-q", "--fail-on", "finding", "--config", config.toString())
                .exit())
        .isZero();
    // The command line goes over the file.
    assertThat(
            run(
                    "scan",
                    FIXTURES,
                    "-q",
                    "--fail-on",
                    "finding",
                    "--config",
                    config.toString(),
                    "--rule",
                    "insufficient-marker=error")
                .exit())
        .isEqualTo(1);

    Files.writeString(config, "severity:\n  marker-defensive: off\n  marker-legasy: off\n");
    Run bad = run("scan", FIXTURES, "-q", "--config", config.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains("bad configuration: " + config + ":3:3: unknown rule 'marker-legasy'")
        .contains("did you mean 'marker-legacy'?");
  }
}
