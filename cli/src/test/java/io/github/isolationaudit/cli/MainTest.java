package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final String FIXTURES = System.getProperty("fixtures.classes");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    // No terminal and no variables: what a build or a pipe sees, whatever runs the tests.
    return run(Environment.of(Map.of()), args);
  }

  private static Run run(Environment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void scanWritesAJsonReportToStdoutAndProgressToStderr() throws IOException {
    Run r = run("scan", FIXTURES, "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(report.get("tests").size()).isGreaterThan(50);
    assertThat(r.err()).contains("found").contains("tests");
    assertThat(r.out()).doesNotContain("isolation-audit: found");
  }

  @Test
  void planPutsEveryTestInOneLaneAndReadsDurationsFromReports(@TempDir Path dir)
      throws IOException {
    String exit = "io.github.isolationaudit.fixtures.jvmglobal.JvmExitTestCase";
    Files.writeString(
        dir.resolve("TEST-" + exit + ".xml"),
        "<testsuite name=\""
            + exit
            + "\" tests=\"2\">"
            + "<testcase classname=\""
            + exit
            + "\" name=\"exitsOnFatalError\" time=\"12.5\"/>"
            + "</testsuite>");
    Run r =
        run(
            "plan",
            FIXTURES,
            "-q",
            "-f",
            "json",
            "--workers",
            "3",
            "--shards",
            "2",
            "--reports",
            dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode plan = new ObjectMapper().readTree(r.out()).get("plan");
    assertThat(plan.get("workers").asInt()).isEqualTo(3);
    java.util.Set<String> tests = new java.util.HashSet<>();
    int total = 0;
    String exitLane = null;
    for (JsonNode lane : plan.get("lanes")) {
      for (JsonNode t : lane.get("tests")) {
        tests.add(t.asText());
        total++;
      }
      for (JsonNode c : lane.get("classes")) {
        if (c.asText().equals(exit)) {
          exitLane = lane.get("jvm").asText();
        }
      }
    }
    assertThat(total).isEqualTo(tests.size()).isGreaterThan(50);
    assertThat(exitLane).isEqualTo("OWN");
    assertThat(plan.get("durations").get("measured").asInt()).isEqualTo(1);
    assertThat(plan.get("shards").size()).isEqualTo(2);
    assertThat(plan.get("predicted").get("wallSeconds").asDouble())
        .isGreaterThanOrEqualTo(plan.get("predicted").get("lowerBoundSeconds").asDouble());
  }

  @Test
  void planEmitsExportsIntoTheEmitDirectory(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("exports");
    Run r =
        run(
            "plan",
            FIXTURES,
            "-q",
            "--workers",
            "2",
            "--emit",
            "junit-properties,locks-provider",
            "--emit-dir",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("junit-platform.properties")))
        .contains("junit.jupiter.execution.parallel.enabled=true");
    assertThat(Files.readString(out.resolve("isolationaudit/PlanLocks.java")))
        .contains("implements ResourceLocksProvider");
    assertThat(run("plan", FIXTURES, "-q", "--emit", "frob").exit()).isEqualTo(2);
    // Shard exports need shards.
    assertThat(
            run("plan", FIXTURES, "-q", "--emit", "github-matrix", "--emit-dir", out.toString())
                .exit())
        .isEqualTo(2);
  }

  @Test
  void scanWithPlanAddsThePlanToTheReport() throws IOException {
    Run json = run("scan", FIXTURES, "-q", "--plan", "-f", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("tests").size()).isGreaterThan(50);
    assertThat(report.get("plan").get("lanes").size()).isGreaterThan(1);
    Run text = run("scan", FIXTURES, "-q", "--plan");
    assertThat(text.out()).contains("Execution plan for").contains("Lanes (one JVM each):");
  }

  @Test
  void theTextReportStartsWithTheSummaryAndShowsEvidenceOnlyWhenVerbose() {
    Run r = run("scan", FIXTURES, "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("isolation-audit: ")
        .contains("\nParallel today: ")
        .contains("\nFindings to fix (")
        .doesNotContain("at io.github.isolationaudit.fixtures.");
    assertThat(r.out().indexOf("\nFindings to fix (")).isLessThan(r.out().indexOf("\nMarkers ("));
    assertThat(r.err()).isEmpty();
    for (String flag : List.of("-v", "--verbose")) {
      assertThat(run("scan", FIXTURES, "-q", flag).out())
          .contains("WRITE SYSTEM_PROPERTY")
          .contains("at io.github.isolationaudit.fixtures.");
    }
  }

  @Test
  void textWrapsToColumnsAndIsColouredOnlyOnATerminalWithoutNoColor() {
    Run narrow = run(Environment.of(Map.of("COLUMNS", "60")), "scan", FIXTURES, "-q");
    String wide = run("scan", FIXTURES, "-q").out();
    // Only a word longer than the line (a path after its verb) overflows it.
    assertThat(narrow.out().lines().filter(l -> l.length() > 60))
        .allMatch(l -> l.strip().split(" +").length <= 2);
    assertThat(narrow.out().lines().count()).isGreaterThan(wide.lines().count());

    String esc = "\u001B[";
    assertThat(wide).doesNotContain(esc);
    Environment terminal = new Environment(Map.of("COLUMNS", "100"), true);
    assertThat(run(terminal, "scan", FIXTURES, "-q").out()).contains(esc);
    assertThat(
            run(
                    new Environment(Map.of("COLUMNS", "100", "NO_COLOR", "1"), true),
                    "scan",
                    FIXTURES,
                    "-q")
                .out())
        .doesNotContain(esc);
    assertThat(run(terminal, "scan", FIXTURES, "-q", "--color=never").out()).doesNotContain(esc);
    assertThat(run("scan", FIXTURES, "-q", "--color", "always").out()).contains(esc);
    // Colours never end up in a file, unless asked for.
    Run bad = run("scan", FIXTURES, "-q", "--color=sometimes");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("'sometimes' is not one of auto, always, never");
  }

  @Test
  void markdownIsAStickyCommentWithinGithubsLimit() {
    Run r = run("scan", FIXTURES, "-q", "-f", "markdown");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("<!-- isolation-audit -->\n## ")
        .contains("<details>")
        .hasSizeLessThanOrEqualTo(65_536);
  }

  @Test
  void githubAnnotatesAndAppendsTheJobSummary(@TempDir Path dir) throws IOException {
    Path summary = dir.resolve("step-summary.md");
    Files.writeString(summary, "earlier step\n");
    Environment actions =
        Environment.of(
            Map.of(
                "GITHUB_STEP_SUMMARY", summary.toString(),
                "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_SHA", "abc123"));
    Run r = run(actions, "scan", FIXTURES, "-q", "-f", "github");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("::warning ")).count()).isPositive();
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("isolation-audit: ");
    String written = Files.readString(summary);
    assertThat(written).startsWith("earlier step\n## ").doesNotContain("<!-- isolation-audit -->");

    // Chosen explicitly, or switched off.
    Path chosen = dir.resolve("mine.md");
    run(actions, "scan", FIXTURES, "-q", "-f", "github", "--step-summary", chosen.toString());
    assertThat(chosen).exists();
    assertThat(Files.readString(summary)).isEqualTo(written);
    run(actions, "scan", FIXTURES, "-q", "-f", "github", "--step-summary", "none");
    assertThat(Files.readString(summary)).isEqualTo(written);
    // Other formats write no summary unless asked.
    run(actions, "scan", FIXTURES, "-q");
    assertThat(Files.readString(summary)).isEqualTo(written);
  }

  @Test
  void githubAnnotatesOnlyTheChangedLinesOfADiff(@TempDir Path dir) throws IOException {
    Run all = run("scan", FIXTURES, "-q", "-f", "github", "--step-summary", "none");
    java.util.regex.Matcher first =
        java.util.regex.Pattern.compile("^::warning file=([^,]+),line=(\\d+),", Pattern.MULTILINE)
            .matcher(all.out());
    assertThat(first.find()).as(all.out()).isTrue();
    String file = first.group(1);
    int line = Integer.parseInt(first.group(2));
    Path diff =
        Files.writeString(
            dir.resolve("pr.diff"),
            "diff --git a/"
                + file
                + " b/"
                + file
                + "\n--- a/"
                + file
                + "\n+++ b/"
                + file
                + "\n@@ -"
                + line
                + " +"
                + line
                + " @@\n-old\n+new\n");

    Run changed =
        run(
            "scan",
            FIXTURES,
            "-q",
            "-f",
            "github",
            "--step-summary",
            "none",
            "--changed-lines",
            diff.toString());

    assertThat(changed.exit()).isZero();
    List<String> annotations = changed.out().lines().filter(l -> l.startsWith("::")).toList();
    assertThat(annotations)
        .isNotEmpty()
        .allMatch(l -> l.contains("file=" + file + ",line=" + line + ","));
    assertThat(annotations.size())
        .isLessThan((int) all.out().lines().filter(l -> l.startsWith("::")).count());
    assertThat(changed.out().lines().reduce((a, b) -> b).orElseThrow())
        .contains("annotations on the 1 changed lines of 1 file only");

    // For github only, and a diff it can read.
    Run text = run("scan", FIXTURES, "-q", "--changed-lines", diff.toString());
    assertThat(text.exit()).isEqualTo(2);
    assertThat(text.err()).contains("--changed-lines is for --format github");
    Path bad = Files.writeString(dir.resolve("bad.diff"), "@@ -1 +1 @@\n");
    Run notADiff = run("scan", FIXTURES, "-q", "-f", "github", "--changed-lines", bad.toString());
    assertThat(notADiff.exit()).isEqualTo(2);
    assertThat(notADiff.err()).contains("a hunk before any file header");
    Run missing =
        run(
            "scan",
            FIXTURES,
            "-q",
            "-f",
            "github",
            "--changed-lines",
            dir.resolve("none.diff").toString());
    assertThat(missing.exit()).isEqualTo(2);
  }

  @Test
  void helpListsEveryExitCodeAndCompletionIsGenerated() {
    Run help = run("--help");
    assertThat(help.out())
        .contains("Exit codes:")
        .contains("1   scan found findings at or above --fail-on")
        .contains("generate-completion");
    Run completion = run("generate-completion");
    assertThat(completion.exit()).isZero();
    assertThat(completion.out()).contains("isolation-audit").contains("complete -F");
    assertThat(run("scan", "--help").out()).contains("-v, --verbose").contains("--color=WHEN");
  }

  @Test
  void outputGoesToAFileWhenAsked(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("reports/audit.json");
    // The directory must exist: a missing one is a usage error (OutputAndErrorTest).
    Files.createDirectories(file.getParent());
    Run r = run("scan", FIXTURES, "-f", "json", "-o", file.toString(), "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(file.toFile()).get("tests").size()).isGreaterThan(50);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void anUnknownOptionOrFormatIsAUsageError() {
    assertThat(run("scan", "--frobnicate").exit()).isEqualTo(2);
    Run bad = run("scan", FIXTURES, "--format", "yaml");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown format 'yaml'");
  }

  @Test
  void aBrokenCatalogIsAUsageErrorWithItsLine(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("mine.yaml");
    Files.writeString(
        rules, "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: NOPE\n");
    Run r = run("scan", FIXTURES, "--rules", rules.toString());
    assertThat(r.exit()).isEqualTo(2);
    // The place and what is expected; the mistaken value itself is not echoed.
    assertThat(r.err())
        .contains("mine.yaml:5:5: not a resource kind (one of FILE, ")
        .doesNotContain("NOPE");
  }

  @Test
  void nothingToAnalyseExitsWithThree(@TempDir Path dir) {
    Run r = run("scan", dir.resolve("missing").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains("no such file or directory")
        .contains("no class files could be read");
  }

  @Test
  void explainShowsTheFootprintConflictsAndMarkersOfOneTest() {
    Run r =
        run(
            "explain",
            "io.github.isolationaudit.fixtures.markers.required.IsolatedWriterTestCase",
            FIXTURES);
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("IsolatedWriterTestCase")
        .contains("WRITE SYSTEM_PROPERTY markers.required.isolated")
        .contains("@Isolated")
        .contains("REQUIRED")
        .doesNotContain("SystemPropertyWritesTestCase (JUNIT_JUPITER)");
  }

  @Test
  void explainOfAnUnknownTestIsAUsageError() {
    Run r = run("explain", "com.example.NoSuchTest#nothing", FIXTURES);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no test matches 'com.example.NoSuchTest#nothing'");
  }

  @Test
  void failOnFindingExitsWithOneWhereTheFixturesHaveFindings() {
    assertThat(run("scan", FIXTURES, "-q", "--fail-on", "finding").exit()).isEqualTo(1);
    assertThat(run("scan", FIXTURES, "-q", "--fail-on", "never").exit()).isZero();
    // No configuration is found next to the fixtures, so nothing races today.
    assertThat(run("scan", FIXTURES, "-q", "--fail-on", "live-race").exit()).isZero();
    Run bad = run("scan", FIXTURES, "-q", "--fail-on", "sometimes");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("'sometimes' is not one of never, live-race, finding");
  }

  @Test
  void helpWrapsBetweenWordsSoThatPathsAndNamesStayWhole() {
    // picocli's table broke after every dot: "Default: ." and "/target", "~/." and "cache/...".
    Run scan = run("scan", "--help");
    assertThat(scan.exit()).isZero();
    assertThat(scan.out())
        .contains("Default: ./target")
        .contains("~/.cache/isolation-audit")
        .contains("x-test-sources.jar")
        .contains("  -f, --format=FORMAT")
        .contains("      --classpath=PATH[:PATH...]\n")
        .contains("Exit codes:");
    assertThat(scan.out())
        .startsWith("Usage: isolation-audit scan [OPTIONS] [PATH...]\n")
        .contains(
            "\n                            GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/.\n");
    // Only a word longer than a line (that URL) may stick out.
    assertThat(scan.out().lines())
        .allMatch(line -> line.length() <= 80 || !line.strip().contains(" "), "at most 80 wide");
    Run top = run("--help");
    assertThat(top.out())
        .contains("System.setProperty")
        .contains("target/isolation-audit.json")
        .contains("  scan    ")
        .doesNotContain("github-comment");
    assertThat(top.out().lines())
        .allMatch(line -> line.length() <= 80 || !line.strip().contains(" "), "at most 80 wide");
  }

  @Test
  void aMistakeOnTheCommandLineIsAFewLinesWithWhatWasMeantNotTheWholeHelp() {
    Run failOn = run("scan", FIXTURES, "-q", "--fail-on", "findings");
    assertThat(failOn.exit()).isEqualTo(2);
    assertThat(failOn.err())
        .contains(
            "isolation-audit scan: Invalid value for option '--fail-on': 'findings' is not one of"
                + " never, live-race, finding; did you mean 'finding'?")
        .contains("'isolation-audit scan --help' lists the options.")
        .doesNotContain("Usage:");
    assertThat(failOn.err().lines().count()).isLessThanOrEqualTo(3);

    Run format = run("scan", FIXTURES, "-q", "-f", "jsn");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("unknown format 'jsn'; did you mean 'json'?");

    Run color = run("scan", FIXTURES, "-q", "--color=alway");
    assertThat(color.err()).contains("did you mean 'always'?").doesNotContain("Usage:");

    Run option = run("scan", FIXTURES, "--verbos");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err())
        .contains("isolation-audit scan: Unknown option: '--verbos'")
        .contains("--verbose")
        .doesNotContain("Usage:");

    Run command = run("scna", FIXTURES);
    assertThat(command.exit()).isEqualTo(2);
    assertThat(command.err())
        .startsWith("isolation-audit: unknown command 'scna'")
        .contains("isolation-audit scan")
        .doesNotContain("Unmatched")
        .doesNotContain("Usage:");

    Run rule = run("scan", FIXTURES, "-q", "--rule", "nothing-like-it=off");
    assertThat(rule.exit()).isEqualTo(2);
    assertThat(rule.err()).contains("unknown rule 'nothing-like-it'. The rules are ");
  }

  private static final String CONFIG_FAMILY =
      FIXTURES + "/io/github/isolationaudit/fixtures/config";

  @Test
  void aBrokenConfigurationIsAUsageErrorWithItsLineAndColumn(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("audit.yaml");
    Files.writeString(config, "serialTags: [db]\naccept:\n  - resource: FILE\n    key: x\n");
    for (String command : List.of("scan", "explain")) {
      List<String> args = new ArrayList<>(List.of(command));
      if (command.equals("explain")) {
        args.add("io.github.isolationaudit.fixtures.config.SuppressedTestCase");
      }
      args.addAll(List.of(CONFIG_FAMILY, "--config", config.toString()));
      Run r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(command).isEqualTo(2);
      assertThat(r.err())
          .as(command)
          .contains("bad configuration: " + config + ":3:5: ")
          .contains("reason");
    }
  }

  @Test
  void acceptedFindingsDoNotFailTheBuild(@TempDir Path dir) throws IOException {
    assertThat(run("scan", CONFIG_FAMILY, "-q", "--fail-on", "finding").exit()).isEqualTo(1);
    Path config = dir.resolve(".isolation-audit.yaml");
    Files.writeString(
        config,
        """
        accept:
          - resource: SYSTEM_PROPERTY
            tests: ["io.github.isolationaudit.fixtures.config.*"]
            reason: the config family races on purpose
        """);
    Run r =
        run(
            Environment.of(Map.of("COLUMNS", "1000")),
            "scan",
            CONFIG_FAMILY,
            "-q",
            "--fail-on",
            "finding",
            "--config",
            config.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Accepted findings (")
        .contains("the config family races on purpose");
    Run json = run("scan", CONFIG_FAMILY, "-q", "-f", "json", "--config", config.toString());
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("summary").get("findings").get("UNPROTECTED").asInt()).isZero();
    assertThat(report.get("summary").get("acceptedFindings").asInt()).isPositive();
    for (JsonNode f : report.get("findings")) {
      assertThat(f.get("accepted").asBoolean()).isTrue();
      assertThat(f.get("acceptedBy").asText()).startsWith(config + ":2");
    }
  }
}
