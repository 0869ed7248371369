package io.github.isolationaudit.cli;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.PlanOptions;
import io.github.isolationaudit.plan.Planner;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.reports.JsonReportRenderer;
import io.github.isolationaudit.reports.PlanRenderer;
import io.github.isolationaudit.reports.ReportFormat;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
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
    description = {
      "Reads compiled tests (class directories and jars; nothing is loaded or run) and reports,",
      "for every test method, the shared resources it touches, how, and by which call chain,",
      "and the conflicts between tests."
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the scan ran (problems with single files are listed in the report)",
      "1:findings at or above --fail-on",
      "2:usage error: a bad option, or a catalog or configuration file with a mistake",
      "3:no input could be analysed (every path missing, empty or unreadable)",
      "4:internal error"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Report format: text (default) or json.")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output.")
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
              + " parallel); finding: any UNPROTECTED or INSUFFICIENT finding.")
  FailOn failOn;

  /** Reads never, live-race and finding, in any case. */
  static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      try {
        return FailOn.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not one of never, live-race, finding");
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
          .println("isolation-audit scan: unknown format '" + format + "' (use text or json)");
      return ExitCodes.USAGE;
    }
    String mistake = machine.mistake();
    if (mistake != null) {
      spec.commandLine().getErr().println("isolation-audit scan: " + mistake);
      return ExitCodes.USAGE;
    }
    List<Path> inputs = input.inputs();
    ScanResult result;
    try {
      result = IsolationAudit.scan(input.scanOptions(allReads, spec.commandLine().getErr()));
    } catch (CatalogException e) {
      spec.commandLine().getErr().println("isolation-audit scan: " + input.describe(e));
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
      writeReport(out -> reportFormat.renderer().render(result, out), reportFormat);
      return ExitCodes.NO_INPUT;
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
    ReportFile.Content content =
        out -> {
          if (withPlan == null) {
            reportFormat.renderer().render(result, out);
          } else if (reportFormat == ReportFormat.JSON) {
            new JsonReportRenderer().render(result, withPlan, out);
          } else {
            reportFormat.renderer().render(result, out);
            out.write(System.lineSeparator());
            PlanRenderer.text(withPlan, out);
          }
        };
    writeReport(content, reportFormat);
    boolean fail =
        switch (failOn) {
          case NEVER -> false;
          // Accepted findings stay in the report, but the project has said they may race.
          case LIVE_RACE -> result.findings().stream().anyMatch(f -> f.live() && !f.accepted());
          case FINDING -> result.findings().stream().anyMatch(f -> !f.accepted());
        };
    return fail ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }

  private void writeReport(ReportFile.Content content, ReportFormat reportFormat)
      throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      content.writeTo(out);
      out.flush();
      return;
    }
    ReportFile.write(output, content);
    if (!input.quiet) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit: wrote "
                  + reportFormat.name().toLowerCase(Locale.ROOT)
                  + " report to "
                  + output);
    }
  }
}
