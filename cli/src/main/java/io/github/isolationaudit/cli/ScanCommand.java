package io.github.isolationaudit.cli;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.cache.ScanCache;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.PlanOptions;
import io.github.isolationaudit.plan.Planner;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.reports.Baseline;
import io.github.isolationaudit.reports.ChangedLines;
import io.github.isolationaudit.reports.GithubReportRenderer;
import io.github.isolationaudit.reports.JsonReportRenderer;
import io.github.isolationaudit.reports.MarkdownReportRenderer;
import io.github.isolationaudit.reports.PlanRenderer;
import io.github.isolationaudit.reports.RenderOptions;
import io.github.isolationaudit.reports.ReportFormat;
import io.github.isolationaudit.reports.RuleSettings;
import io.github.isolationaudit.reports.SarifReportRenderer;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code isolation-audit scan}: every test's footprint and the conflicts between tests. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {
      "Reads compiled tests (class directories and jars; nothing is loaded or run), finds the"
          + " shared resources each test touches and the tests that race over them, and judges"
          + " every isolation marker the suite carries.",
      "",
      "The text report starts with a summary, then the findings to fix (most severe first, each"
          + " test with its file:line), then the markers to remove, change or keep. --verbose"
          + " adds every test's footprint and every conflict; json is for tools, markdown for a"
          + " pull-request comment, github for annotations in GitHub Actions."
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the scan ran (problems with single files are listed in the report)",
      "1:findings at or above --fail-on",
      "2:usage error: a bad option, or a catalog or configuration file with a mistake",
      "3:no input could be analysed (every path missing, empty or unreadable)",
      "4:internal error, or the report could not be written"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Mixin GateOptions gateOptions;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Report format: text (default), json, sarif (SARIF 2.1.0 for code scanning), markdown (a"
              + " pull-request comment of at most 65,536 characters) or github (workflow commands"
              + " that annotate the files, and a job summary; see --step-summary).")
  String format;

  @Mixin LayoutOptions layout;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also show every test's footprint (what it touches, by which call chain) and every"
              + " conflict, every finding in full with five of its tests and eight of its edits,"
              + " and list every marker and problem.")
  boolean verbose;

  @Option(
      names = "--step-summary",
      paramLabel = "FILE",
      description =
          "Append the report as Markdown to FILE, as a GitHub Actions job summary. Default with"
              + " --format github: the file GITHUB_STEP_SUMMARY names, when it is set; 'none'"
              + " writes no summary.")
  String stepSummary;

  @Option(
      names = "--changed-lines",
      paramLabel = "DIFF",
      description =
          "With --format github: annotate only the lines this unified diff adds or changes (a pull"
              + " request's, from git diff --relative BASE HEAD); the rest stays in the job"
              + " summary.")
  Path changedLines;

  @Option(
      names = "--link-base",
      paramLabel = "URL",
      description =
          "Make the paths in a markdown report links: URL + path + #Lline. Default in GitHub"
              + " Actions: the commit's files, GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/.")
  String linkBase;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE (atomically; its directory must exist; a link is followed, a pipe"
              + " or device is written directly) instead of standard output.")
  Path output;

  @Option(
      names = "--all-reads",
      description =
          "Report every read; by default reads of resources that no test writes are left out (they can race with nothing).")
  boolean allReads;

  @Option(
      names = "--plan",
      description =
          "Also make the execution plan (as isolation-audit plan does with its defaults: durations"
              + " from the reports beside the inputs, this machine's cores) and add it to the"
              + " report: \"plan\" in JSON, a plan section in text.")
  boolean plan;

  /** The machine facts that {@code --plan} depends on, pinned. */
  @Mixin MachineOptions machine;

  /** When the scan fails the build. */
  enum FailOn {
    NEVER,
    LIVE_RACE,
    FINDING
  }

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "never",
      converter = FailOnConverter.class,
      description =
          "Exit with 1 when: never (default); live-race: a finding races today (the project runs tests in"
              + " parallel); finding: any alert at level error (by default the UNPROTECTED and"
              + " INSUFFICIENT findings; see --rule). Accepted and baselined alerts never count.")
  FailOn failOn;

  /** Reads never, live-race and finding, in any case. */
  static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      try {
        return FailOn.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not one of never, live-race, finding"
                + NearMiss.hint(value, List.of("never", "live-race", "finding")));
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.fromName(format);
    } catch (IllegalArgumentException e) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit scan: unknown format '"
                  + format
                  + "'"
                  + NearMiss.hint(format, List.of("text", "json", "sarif", "markdown", "github"))
                  + " (use text, json, sarif, markdown or github)");
      return ExitCodes.USAGE;
    }
    ChangedLines changed = null;
    if (changedLines != null) {
      if (reportFormat != ReportFormat.GITHUB) {
        spec.commandLine()
            .getErr()
            .println("isolation-audit scan: --changed-lines is for --format github");
        return ExitCodes.USAGE;
      }
      try {
        changed = ChangedLines.ofUnifiedDiff(Files.readString(changedLines));
      } catch (IOException | IllegalArgumentException e) {
        spec.commandLine()
            .getErr()
            .println(
                "isolation-audit scan: --changed-lines "
                    + changedLines
                    + ": "
                    + (e instanceof IOException io ? ReportFile.describe(io) : e.getMessage()));
        return ExitCodes.USAGE;
      }
    }
    if (!ReportFile.writable(output, spec.commandLine().getErr(), "scan", "report")) {
      return ExitCodes.USAGE;
    }
    String mistake = machine.mistake();
    if (mistake != null) {
      spec.commandLine().getErr().println("isolation-audit scan: " + mistake);
      return ExitCodes.USAGE;
    }
    List<Path> inputs = input.inputs();
    ScanResult result;
    ScanCache cache = input.cache(spec);
    ScanCache.Outcome cached = null;
    RuleSettings settings;
    Baseline baseline;
    try {
      ScanOptions options = input.scanOptions(allReads, spec.commandLine().getErr());
      settings = gateOptions.settings(IsolationAudit.configuration(options));
      baseline = gateOptions.baseline();
      if (cache == null) {
        result = settings.apply(IsolationAudit.scan(options));
      } else {
        cached = cache.scan(options);
        result = settings.apply(cached.result());
      }
    } catch (CatalogException e) {
      spec.commandLine().getErr().println("isolation-audit scan: " + input.describe(e));
      return ExitCodes.USAGE;
    } catch (GateOptions.UsageException e) {
      spec.commandLine().getErr().println("isolation-audit scan: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    for (Problem p : result.problems()) {
      if (!input.quiet) {
        spec.commandLine()
            .getErr()
            .println("isolation-audit: problem: " + p.path() + ": " + p.message());
      }
    }
    if (result.summary().classFiles() == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit scan: no class files could be read from "
                  + inputs
                  + " (build the project first, or name a target/ directory, class directory or jar)");
      return writeReport(out -> reportFormat.renderer().render(result, out), reportFormat)
          ? ExitCodes.NO_INPUT
          : ExitCodes.INTERNAL_ERROR;
    }
    Plan madePlan = null;
    if (plan) {
      io.github.isolationaudit.model.plan.Machine facts = machine.machine();
      madePlan =
          new Planner(
                  result,
                  DurationHistory.read(DurationHistory.defaultRoots(input.inputs())),
                  new PlanOptions(
                      facts.cores(), 0, false, PlanOptions.DEFAULT_JVM_START_SECONDS, facts))
              .plan();
    }
    Plan withPlan = madePlan;
    Environment environment = IsolationAuditCommand.environment(spec);
    RenderOptions options = layout.options(environment, verbose, output != null);
    if (linkBase != null) {
      options = new RenderOptions(options.width(), options.color(), options.verbose(), linkBase);
    }
    RenderOptions layoutOptions = options;
    ChangedLines changedOnly = changed;
    GateOptions.Gate gate = gateOptions.gate(result, settings, baseline);
    ReportFile.Content content =
        out -> {
          if (reportFormat == ReportFormat.SARIF) {
            new SarifReportRenderer(
                    settings, baseline, Main.class.getPackage().getImplementationVersion())
                .render(result, out);
          } else if (changedOnly != null) {
            new GithubReportRenderer(changedOnly).render(result, out);
          } else if (withPlan == null) {
            reportFormat.renderer(layoutOptions).render(result, out);
          } else if (reportFormat == ReportFormat.JSON) {
            new JsonReportRenderer().render(result, withPlan, out);
          } else {
            reportFormat.renderer(layoutOptions).render(result, out);
            if (reportFormat == ReportFormat.TEXT) {
              out.write(System.lineSeparator());
              PlanRenderer.text(withPlan, out);
            }
          }
        };
    if (cached != null
        && withPlan == null
        && baseline == null
        && reportFormat != ReportFormat.GITHUB) {
      content = cachedReport(cache, cached, content, reportFormat, layoutOptions);
    }
    if (reportFormat == ReportFormat.TEXT && gate.comparison() != null) {
      ReportFile.Content report = content;
      content =
          out -> {
            report.writeTo(out);
            out.write(System.lineSeparator());
            out.write(gate.comparison().describe().replace("\n", System.lineSeparator()));
          };
    }
    if (!writeReport(content, reportFormat)) {
      return ExitCodes.INTERNAL_ERROR;
    }
    writeStepSummary(result, reportFormat, environment, layoutOptions);
    if (gate.comparison() != null
        && !input.quiet
        && (output != null || reportFormat != ReportFormat.TEXT)) {
      gate.comparison()
          .describe()
          .lines()
          .forEach(line -> spec.commandLine().getErr().println("isolation-audit: " + line.strip()));
    }
    gateOptions.writeBaseline(gate);
    if (gateOptions.writeBaseline != null && !input.quiet) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit: wrote a baseline of "
                  + gate.alerts().stream().filter(a -> !a.accepted()).count()
                  + " alerts to "
                  + gateOptions.writeBaseline);
    }
    // Accepted and baselined alerts stay in the report, but the project has said they may race.
    return gate.fails(failOn) ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }

  /**
   * The report as rendered before from the same cached scan with the same options, or else the
   * report rendered now and kept for the next run: rendering a large suite's JSON costs seconds,
   * most of a cached run. Only what the scan's key, the format, the layout, the rule levels and the
   * tool's version decide is kept: never a plan (it reads test reports and the machine) or a
   * baseline comparison.
   */
  private ReportFile.Content cachedReport(
      ScanCache cache,
      ScanCache.Outcome scan,
      ReportFile.Content content,
      ReportFormat reportFormat,
      RenderOptions layoutOptions)
      throws IOException {
    String variant =
        String.join(
            "\n",
            "scan report 1",
            reportFormat.name(),
            layoutOptions.toString(),
            String.valueOf(gateOptions.rules),
            String.valueOf(Main.class.getPackage().getImplementationVersion()),
            Locale.getDefault().toLanguageTag(),
            System.lineSeparator());
    java.util.Optional<ScanCache.Report> kept = cache.output(scan, variant);
    if (kept.isEmpty()) {
      // Rendered into the cache file as it goes, then written out from there: held as one string,
      // a large suite's JSON (hundreds of MB) took more memory than the scan.
      kept = cache.storeOutput(scan, variant, content::writeTo);
    }
    if (kept.isEmpty()) {
      // Not kept (an unwritable cache, told as a notice): rendered straight into the report.
      return content;
    }
    ScanCache.Report report = kept.get();
    return report::writeTo;
  }

  /**
   * Appends the Markdown job summary where {@code --step-summary} or, for {@code --format github},
   * {@code GITHUB_STEP_SUMMARY} says. GitHub collects every step's summary in one file per step, so
   * the file is appended to, never replaced.
   */
  private void writeStepSummary(
      ScanResult result, ReportFormat reportFormat, Environment environment, RenderOptions options)
      throws IOException {
    String target = stepSummary;
    if (target == null && reportFormat == ReportFormat.GITHUB) {
      target = environment.get("GITHUB_STEP_SUMMARY");
    }
    if (target == null || target.isBlank() || target.equals("none")) {
      return;
    }
    Path file = Path.of(target);
    StringWriter markdown = new StringWriter();
    MarkdownReportRenderer.jobSummary(options).render(result, markdown);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(
        file,
        markdown.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (!input.quiet) {
      spec.commandLine().getErr().println("isolation-audit: wrote the job summary to " + file);
    }
  }

  /** Writes the report; false, with one line on stderr, when it cannot be written. */
  private boolean writeReport(ReportFile.Content content, ReportFormat reportFormat)
      throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      content.writeTo(out);
      out.flush();
      return true;
    }
    try {
      ReportFile.write(output, content);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit scan: cannot write the report to "
                  + output
                  + ": "
                  + ReportFile.describe(e));
      return false;
    }
    if (!input.quiet) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit: wrote "
                  + reportFormat.name().toLowerCase(Locale.ROOT)
                  + " report to "
                  + output);
    }
    return true;
  }
}
