package io.github.isolationaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.isolationaudit.analyzer.source.SourceCheck;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.reports.ReportRule;
import io.github.isolationaudit.reports.RuleLevel;
import io.github.isolationaudit.reports.RuleSettings;
import io.github.isolationaudit.rules.CatalogException;
import io.github.isolationaudit.rules.ProjectConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code isolation-audit check FILE...}: the pre-commit check of changed test sources, without
 * compiled classes. Each file is read on its own (its markers and the sink calls written in it);
 * the tests they may race with come from the last full scan's JSON report, when there is one.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks changed test sources without compiled classes, for a pre-commit hook: the isolation"
          + " markers in each file and the sink calls written in it (System.setProperty,"
          + " Locale.setDefault, ...), with the tests they race with taken from the last full"
          + " scan's JSON report (--cache, default target/isolation-audit.json). Prints"
          + " FILE:LINE: LEVEL: RULE: message; exits 1 when an alert is at level error."
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no alert at level error",
      "1:an alert at level error",
      "2:usage error (bad option, configuration or cache file)"
    })
final class CheckCommand implements Callable<Integer> {

  /** Where {@code check} looks for the last full scan unless told otherwise. */
  static final Path DEFAULT_CACHE = Path.of("target", "isolation-audit.json");

  private static final int PARTNERS_SHOWN = 5;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Changed test source files.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--cache",
      paramLabel = "FILE",
      description =
          "The last full scan's JSON report (isolation-audit scan -f json -o FILE); default"
              + " target/isolation-audit.json when it exists.")
  Path cache;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The project configuration file; default: the nearest .isolation-audit.yaml.")
  Path config;

  @Option(
      names = "--rule",
      paramLabel = "ID=LEVEL",
      description = "Turn a rule off or change its level (repeatable), as for scan.")
  List<String> rules = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProjectConfig project;
    RuleSettings settings = RuleSettings.defaults();
    try {
      project = projectConfig();
      for (ProjectConfig.Severity s : project.severities()) {
        try {
          settings = settings.with(ReportRule.fromId(s.rule()), RuleLevel.fromId(s.level()));
        } catch (IllegalArgumentException e) {
          throw project.mistake(s, e.getMessage());
        }
      }
      for (String rule : rules) {
        settings = settings.with(rule);
      }
    } catch (CatalogException e) {
      err.println("isolation-audit check: bad configuration: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("isolation-audit check: bad --rule: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    JsonNode lastScan = null;
    Path cacheFile =
        cache != null ? cache : Files.isRegularFile(DEFAULT_CACHE) ? DEFAULT_CACHE : null;
    if (cacheFile != null) {
      try {
        lastScan = new ObjectMapper().readTree(cacheFile.toFile());
      } catch (IOException e) {
        err.println(
            "isolation-audit check: cannot read the last scan "
                + cacheFile
                + ": "
                + e.getMessage());
        return ExitCodes.USAGE;
      }
      if (lastScan == null || !lastScan.path("tests").isArray()) {
        err.println(
            "isolation-audit check: "
                + cacheFile
                + " is not a JSON report of isolation-audit scan");
        return ExitCodes.USAGE;
      }
    }
    SourceCheck checker = new SourceCheck(project.catalog(List.of()));
    boolean fail = false;
    for (Path file : files) {
      if (!file.toString().endsWith(".java")) {
        continue;
      }
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(file + ": cannot be read: " + e.getMessage());
        continue;
      }
      SourceCheck.FileCheck check = checker.check(text);
      if (!check.problem().isEmpty()) {
        err.println(file + ": " + check.problem());
        continue;
      }
      for (String alert : alerts(file, check, lastScan, settings)) {
        out.println(alert);
        fail |= alert.contains(": error: ");
      }
    }
    out.flush();
    return fail ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }

  private ProjectConfig projectConfig() {
    if (config != null) {
      return ProjectConfig.load(config, config.toString());
    }
    Path here = Path.of("").toAbsolutePath();
    List<Path> found = ProjectConfig.find(List.of(here), here);
    return found.isEmpty()
        ? ProjectConfig.none()
        : ProjectConfig.load(found.get(0), found.get(0).toString());
  }

  /** The alerts of one file, as FILE:LINE: LEVEL: RULE: message lines. */
  private static List<String> alerts(
      Path file, SourceCheck.FileCheck check, JsonNode lastScan, RuleSettings settings) {
    List<String> alerts = new ArrayList<>();
    for (SourceCheck.MarkerSite marker : check.markers()) {
      Optional<JsonNode> judged = verdictOf(marker, lastScan);
      if (judged.isEmpty()) {
        continue;
      }
      Optional<ReportRule> rule =
          ReportRule.of(Verdict.valueOf(judged.get().path("verdict").asText()));
      if (rule.isPresent() && settings.levelOf(rule.get()) != RuleLevel.OFF) {
        alerts.add(
            line(
                file,
                marker.line(),
                settings.levelOf(rule.get()),
                rule.get(),
                judged.get().path("reason").asText()
                    + " "
                    + judged.get().path("recommendation").asText()
                    + " (from the last full scan)"));
      }
    }
    RuleLevel level = settings.levelOf(ReportRule.UNPROTECTED_CONFLICT);
    for (SourceCheck.SinkCall sink : check.sinks()) {
      if (level == RuleLevel.OFF || covered(sink, check.markers())) {
        continue;
      }
      String where = simple(sink.className()) + "#" + sink.methodName();
      String what = sink.resourceName() + " " + sink.key();
      if (lastScan == null) {
        if (sink.mode() == AccessMode.WRITE) {
          // Without the last scan nothing is known of the partners: a note, never a failure.
          alerts.add(
              line(
                  file,
                  sink.line(),
                  RuleLevel.NOTE,
                  ReportRule.UNPROTECTED_CONFLICT,
                  where
                      + " writes "
                      + what
                      + " ("
                      + sink.sinkId()
                      + ") and nothing in this file"
                      + " keeps it apart; run a full scan (isolation-audit scan -f json -o "
                      + "target/isolation-audit.json) to see which tests it races with."));
        }
        continue;
      }
      if (knownToLastScan(sink, lastScan)) {
        // The full scan saw this access and judged it: say what it found, nothing more.
        for (JsonNode f : lastScan.path("findings")) {
          if (!f.path("accepted").asBoolean()
              && f.path("resource").asText().equals(sink.resourceName())
              && f.path("key").asText().equals(sink.key())
              && (names(f.path("tests"), TestId.topLevelClass(sink.className()))
                  // A large group lists a sample of its tests: the key decides.
                  || f.path("testCount").asInt() > f.path("tests").size())) {
            ReportRule rule =
                f.path("kind").asText().equals("INSUFFICIENT")
                    ? ReportRule.INSUFFICIENT_MARKER
                    : ReportRule.UNPROTECTED_CONFLICT;
            if (settings.levelOf(rule) != RuleLevel.OFF) {
              alerts.add(
                  line(
                      file,
                      sink.line(),
                      settings.levelOf(rule),
                      rule,
                      f.path("reason").asText()
                          + " "
                          + f.path("recommendation").asText()
                          + " (from the last full scan)"));
            }
            break;
          }
        }
        continue;
      }
      TreeSet<String> partners = partners(sink, lastScan);
      if (!partners.isEmpty()) {
        List<String> shown =
            new ArrayList<>(partners).subList(0, Math.min(PARTNERS_SHOWN, partners.size()));
        alerts.add(
            line(
                file,
                sink.line(),
                level,
                ReportRule.UNPROTECTED_CONFLICT,
                where
                    + (sink.mode() == AccessMode.WRITE ? " writes " : " reads ")
                    + what
                    + " while "
                    + partners.size()
                    + " tests of other classes in the last full scan touch it ("
                    + String.join(", ", shown)
                    + (partners.size() > shown.size() ? ", ..." : "")
                    + "), and nothing keeps them apart."));
      }
    }
    return alerts;
  }

  private static String line(
      Path file, int line, RuleLevel level, ReportRule rule, String message) {
    return file.toString().replace(java.io.File.separatorChar, '/')
        + ":"
        + line
        + ": "
        + level.id()
        + ": "
        + rule.id()
        + ": "
        + message;
  }

  /** Whether a marker in the file sits on the sink's method or class: the full scan judges it. */
  private static boolean covered(SourceCheck.SinkCall sink, List<SourceCheck.MarkerSite> markers) {
    for (SourceCheck.MarkerSite m : markers) {
      boolean place =
          m.className().equals(sink.className())
              && (m.methodName().isEmpty() || m.methodName().equals(sink.methodName()));
      boolean top = m.methodName().isEmpty() && sink.className().startsWith(m.className() + "$");
      if (place || top) {
        return true;
      }
    }
    return false;
  }

  /** Tests of other classes that the last scan saw share the key, one of the two writing. */
  private static TreeSet<String> partners(SourceCheck.SinkCall sink, JsonNode lastScan) {
    TreeSet<String> partners = new TreeSet<>();
    String own = TestId.topLevelClass(sink.className());
    for (JsonNode test : lastScan.path("tests")) {
      if (TestId.topLevelClass(test.path("class").asText()).equals(own)) {
        continue;
      }
      for (JsonNode access : test.path("accesses")) {
        // As in the full scan, only an exact shared key and a high-sensitivity access make a
        // definite conflict; unknown keys and rare implicit reads stay possible, and unsaid.
        boolean writes =
            sink.mode() == AccessMode.WRITE || access.path("mode").asText().equals("WRITE");
        if (!sink.key().equals("?")
            && access.path("resource").asText().equals(sink.resourceName())
            && access.path("key").asText().equals(sink.key())
            && access.path("keyKind").asText().equals("EXACT")
            && access.path("sensitivity").asText("HIGH").equals("HIGH")
            && writes
            && access.path("scope").asText().equals("SHARED")) {
          partners.add(test.path("id").asText());
          break;
        }
      }
    }
    return partners;
  }

  /** Whether the last scan saw a test of the sink's class touch the same resource and key. */
  private static boolean knownToLastScan(SourceCheck.SinkCall sink, JsonNode lastScan) {
    String own = TestId.topLevelClass(sink.className());
    for (JsonNode test : lastScan.path("tests")) {
      if (TestId.topLevelClass(test.path("class").asText()).equals(own)) {
        for (JsonNode access : test.path("accesses")) {
          if (access.path("resource").asText().equals(sink.resourceName())
              && access.path("key").asText().equals(sink.key())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean names(JsonNode tests, String topLevelClass) {
    for (JsonNode t : tests) {
      String id = t.asText();
      String cls = id.substring(0, Math.max(0, id.indexOf('#')));
      if (TestId.topLevelClass(cls).equals(topLevelClass)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<JsonNode> verdictOf(SourceCheck.MarkerSite marker, JsonNode lastScan) {
    if (lastScan == null) {
      return Optional.empty();
    }
    for (JsonNode m : lastScan.path("markers")) {
      if (m.path("class").asText().equals(marker.className())
          && m.path("method").asText().equals(marker.methodName())
          && m.path("annotation").asText().equals(marker.annotation())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
