package io.github.isolationaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.isolationaudit.analyzer.cache.ScanCache;
import io.github.isolationaudit.analyzer.source.SourceCheck;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.reports.ReportRule;
import io.github.isolationaudit.reports.RuleLevel;
import io.github.isolationaudit.reports.RuleSettings;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogException;
import io.github.isolationaudit.rules.ProjectConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code isolation-audit check FILE...}: the pre-commit check of changed test sources, without
 * compiled classes. Each file is read on its own (its markers and the sink calls written in it);
 * the tests they may race with come from the last full scan, when there is one: the scan cache's
 * result of the last scan made in this directory, or a JSON report (the newer of the two).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks changed test sources without compiled classes, for a pre-commit hook: the isolation"
          + " markers in each file and the sink calls written in it (System.setProperty,"
          + " Locale.setDefault, ...), with the tests they race with taken from the last full"
          + " scan: the scan cache's entry of the last scan run in this directory, or a JSON"
          + " report (--cache; target/isolation-audit.json), whichever is newer. Prints"
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
          "The last full scan's JSON report (isolation-audit scan -f json -o FILE); without it,"
              + " the newer of the scan cache's last scan of this directory and"
              + " target/isolation-audit.json.")
  Path cache;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "The scan cache to find the last scan in; default $XDG_CACHE_HOME/isolation-audit"
              + " (or ~/.cache/isolation-audit), as for scan.")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Do not look for the last scan in the scan cache.")
  boolean noCache;

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
    // The catalog and the last scan load while the files are parsed: each costs about as much
    // as parsing a few files, and a pre-commit hook runs on every commit.
    ProjectConfig config = project;
    CompletableFuture<Catalog> catalog =
        CompletableFuture.supplyAsync(() -> config.catalog(List.of()));
    CompletableFuture<Optional<LastScan>> last =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return lastScan(err);
              } catch (UsageException e) {
                throw new CompletionException(e);
              }
            });
    Map<Path, SourceCheck.Parsed> parsed = new LinkedHashMap<>();
    for (Path file : files) {
      if (!file.toString().endsWith(".java")) {
        continue;
      }
      try {
        parsed.put(file, SourceCheck.parse(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        err.println(file + ": cannot be read: " + e.getMessage());
      }
    }
    SourceCheck checker;
    LastScan lastScan;
    try {
      checker = new SourceCheck(catalog.join());
      lastScan = last.join().orElse(null);
    } catch (CompletionException e) {
      if (e.getCause() instanceof UsageException u) {
        err.println("isolation-audit check: " + u.getMessage());
        return ExitCodes.USAGE;
      }
      if (e.getCause() instanceof CatalogException c) {
        err.println("isolation-audit check: bad configuration: " + c.getMessage());
        return ExitCodes.USAGE;
      }
      throw e;
    }
    boolean fail = false;
    for (Map.Entry<Path, SourceCheck.Parsed> entry : parsed.entrySet()) {
      Path file = entry.getKey();
      SourceCheck.FileCheck check = checker.check(entry.getValue());
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

  /** A last scan named but not readable. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * The last full scan: the report {@code --cache} names; else the newer of the scan cache's last
   * scan of this directory and the default report file; empty when there is neither.
   */
  private Optional<LastScan> lastScan(PrintWriter err) throws UsageException {
    if (cache != null) {
      return Optional.of(report(cache));
    }
    Optional<ScanCache.Latest> latest = Optional.empty();
    Path directory =
        noCache
            ? null
            : cacheDir != null
                ? cacheDir
                : ScanCache.defaultDirectory(IsolationAuditCommand.environment(spec).variables())
                    .orElse(null);
    if (directory != null && Files.isDirectory(directory)) {
      latest =
          new ScanCache(directory, notice -> err.println("isolation-audit: " + notice))
              .latest(Path.of("").toAbsolutePath());
    }
    if (Files.isRegularFile(DEFAULT_CACHE)) {
      if (latest.isEmpty() || modified(DEFAULT_CACHE) > latest.get().scannedAt()) {
        return Optional.of(report(DEFAULT_CACHE));
      }
    }
    return latest.map(l -> LastScan.of(l.result(), l.entry().toString()));
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static LastScan report(Path file) throws UsageException {
    try {
      return LastScan.of(new ObjectMapper().readTree(file.toFile()), file.toString())
          .orElseThrow(
              () -> new UsageException(file + " is not a JSON report of isolation-audit scan"));
    } catch (IOException e) {
      throw new UsageException("cannot read the last scan " + file + ": " + e.getMessage());
    }
  }

  /** The alerts of one file, as FILE:LINE: LEVEL: RULE: message lines. */
  private static List<String> alerts(
      Path file, SourceCheck.FileCheck check, LastScan lastScan, RuleSettings settings) {
    List<String> alerts = new ArrayList<>();
    for (SourceCheck.MarkerSite marker : check.markers()) {
      Optional<LastScan.JudgedMarker> judged = verdictOf(marker, lastScan);
      if (judged.isEmpty()) {
        continue;
      }
      Optional<ReportRule> rule = ReportRule.of(judged.get().verdict());
      if (rule.isPresent() && settings.levelOf(rule.get()) != RuleLevel.OFF) {
        alerts.add(
            line(
                file,
                marker.line(),
                settings.levelOf(rule.get()),
                rule.get(),
                judged.get().reason()
                    + " "
                    + judged.get().recommendation()
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
                      + " keeps it apart; run a full scan (isolation-audit scan) to see which"
                      + " tests it races with."));
        }
        continue;
      }
      if (knownToLastScan(sink, lastScan)) {
        // The full scan saw this access and judged it: say what it found, nothing more.
        for (LastScan.Judged f : lastScan.findings()) {
          if (!f.accepted()
              && f.resource().equals(sink.resourceName())
              && f.key().equals(sink.key())
              && (names(f.tests(), TestId.topLevelClass(sink.className()))
                  // A large group lists a sample of its tests: the key decides.
                  || f.sampled())) {
            ReportRule rule =
                f.insufficient() ? ReportRule.INSUFFICIENT_MARKER : ReportRule.UNPROTECTED_CONFLICT;
            if (settings.levelOf(rule) != RuleLevel.OFF) {
              alerts.add(
                  line(
                      file,
                      sink.line(),
                      settings.levelOf(rule),
                      rule,
                      f.reason() + " " + f.recommendation() + " (from the last full scan)"));
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
  private static TreeSet<String> partners(SourceCheck.SinkCall sink, LastScan lastScan) {
    TreeSet<String> partners = new TreeSet<>();
    String own = TestId.topLevelClass(sink.className());
    for (LastScan.TestAccesses test : lastScan.tests()) {
      if (TestId.topLevelClass(test.className()).equals(own)) {
        continue;
      }
      for (LastScan.Touch access : test.accesses()) {
        // As in the full scan, only an exact shared key and a high-sensitivity access make a
        // definite conflict; unknown keys and rare implicit reads stay possible, and unsaid.
        boolean writes = sink.mode() == AccessMode.WRITE || access.mode() == AccessMode.WRITE;
        if (!sink.key().equals("?")
            && access.resource().equals(sink.resourceName())
            && access.key().equals(sink.key())
            && access.exact()
            && access.high()
            && writes
            && access.shared()) {
          partners.add(test.id());
          break;
        }
      }
    }
    return partners;
  }

  /** Whether the last scan saw a test of the sink's class touch the same resource and key. */
  private static boolean knownToLastScan(SourceCheck.SinkCall sink, LastScan lastScan) {
    String own = TestId.topLevelClass(sink.className());
    for (LastScan.TestAccesses test : lastScan.tests()) {
      if (TestId.topLevelClass(test.className()).equals(own)) {
        for (LastScan.Touch access : test.accesses()) {
          if (access.resource().equals(sink.resourceName()) && access.key().equals(sink.key())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean names(List<String> tests, String topLevelClass) {
    for (String id : tests) {
      String cls = id.substring(0, Math.max(0, id.indexOf('#')));
      if (TestId.topLevelClass(cls).equals(topLevelClass)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<LastScan.JudgedMarker> verdictOf(
      SourceCheck.MarkerSite marker, LastScan lastScan) {
    if (lastScan == null) {
      return Optional.empty();
    }
    for (LastScan.JudgedMarker m : lastScan.markers()) {
      if (m.className().equals(marker.className())
          && m.methodName().equals(marker.methodName())
          && m.annotation().equals(marker.annotation())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
