package io.github.isolationaudit.cli;

import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.PlanOptions;
import io.github.isolationaudit.plan.Planner;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.reports.PlanRenderer;
import io.github.isolationaudit.reports.export.Export;
import io.github.isolationaudit.reports.export.ExportOptions;
import io.github.isolationaudit.reports.export.PlanExports;
import io.github.isolationaudit.reports.export.TestPlugin;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code isolation-audit plan}: lanes, stages, a predicted wall time and shards. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Scans the tests like scan, then plans their execution: a parallel lane, serial lanes for"
            + " the conflicts nothing protects, a JVM of its own for each test class that poisons"
            + " one, in stages, with a wall time predicted from the durations in earlier test"
            + " reports.",
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the plan was made (problems with single files are listed in it)",
      "2:usage error: a bad option, a catalog or configuration file with a mistake",
      "3:no input could be analysed",
      "4:internal error"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description =
          "Test reports with historical durations (Surefire/Failsafe/Gradle TEST-*.xml, the"
              + " console launcher's XML and open-test-reporting events); repeatable; the newest"
              + " per test wins. Default: target/surefire-reports, target/failsafe-reports and"
              + " build/test-results beside the inputs.")
  List<Path> reports = new ArrayList<>();

  @Mixin MachineOptions machine;

  @Option(
      names = "--shards",
      paramLabel = "M",
      defaultValue = "0",
      description = "Split the suite into M time-balanced shards for M machines.")
  int shards;

  @Option(
      names = "--strict",
      description =
          "Also separate tests in possible conflicts (unknown keys, low confidence); by default only definite"
              + " conflicts that nothing protects do.")
  boolean strict;

  @Option(
      names = "--without-locks",
      description =
          "A plan that needs no source edit: tests in conflicts that nothing protects run in serial"
              + " lanes (JVMs of their own) instead of the parallel lane under the plan's locks"
              + " (--emit locks-provider).")
  boolean withoutLocks;

  @Option(
      names = "--lanes-in-turn",
      description =
          "The build runs the plan's lanes one after another (one mvn test with --emit surefire),"
              + " not the lanes of a stage side by side (separate processes or CI jobs): a test"
              + " moves into the lane apart only where that pays with the lanes in turn.")
  boolean lanesInTurn;

  @Option(
      names = "--jvm-start",
      paramLabel = "SECONDS",
      defaultValue = "1.0",
      description =
          "What starting a test JVM and discovering its tests costs, charged once per JVM in the"
              + " prediction. Default: ${DEFAULT-VALUE}")
  double jvmStart;

  @Option(
      names = "--emit",
      paramLabel = "NAME",
      split = ",",
      description =
          "Also write exports of the plan into --emit-dir (repeatable, or comma-separated):"
              + " junit-properties, locks-provider, surefire, annotation-edits, github-matrix,"
              + " shard-selection.")
  List<String> emit = new ArrayList<>();

  @Option(
      names = "--emit-dir",
      paramLabel = "DIR",
      defaultValue = "isolation-audit-plan",
      description =
          "Where --emit writes its files, to be copied into place (see the README). Default:"
              + " ./isolation-audit-plan")
  Path emitDir;

  @Option(
      names = "--provider-class",
      paramLabel = "NAME",
      description =
          "The ResourceLocksProvider that --emit locks-provider writes. Default: isolationaudit.PlanLocks")
  String providerClass;

  @Option(
      names = "--failsafe",
      description = "--emit surefire writes Failsafe executions (integration tests) instead.")
  boolean failsafe;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: text (default) or json.")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the plan to FILE (atomically; its directory must exist; a link is followed, a pipe"
              + " or device is written directly) instead of stdout.")
  Path output;

  @Override
  public Integer call() throws IOException {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit plan: unknown format '"
                  + format
                  + "'"
                  + NearMiss.hint(format, List.of("text", "json"))
                  + " (use text or json)");
      return ExitCodes.USAGE;
    }
    String mistake = machine.mistake();
    if (mistake == null && shards < 0) {
      mistake = "--shards must be at least 0";
    }
    if (mistake == null && !(jvmStart >= 0 && jvmStart < 3600)) {
      mistake = "--jvm-start must be between 0 and 3600 seconds";
    }
    if (mistake != null) {
      spec.commandLine().getErr().println("isolation-audit plan: " + mistake);
      return ExitCodes.USAGE;
    }
    List<Export> exports = new ArrayList<>();
    ExportOptions exportOptions = ExportOptions.defaults();
    try {
      for (String e : emit) {
        exports.add(Export.fromName(e.trim()));
      }
      if (providerClass != null) {
        exportOptions = exportOptions.withProviderClass(providerClass);
      }
      if (failsafe) {
        exportOptions = exportOptions.withPlugin(TestPlugin.FAILSAFE);
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("isolation-audit plan: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    for (Path r : reports) {
      if (!Files.exists(r)) {
        spec.commandLine().getErr().println("isolation-audit plan: no such reports path: " + r);
        return ExitCodes.USAGE;
      }
    }
    if (!ReportFile.writable(output, spec.commandLine().getErr(), "plan", "plan")) {
      return ExitCodes.USAGE;
    }
    ScanResult result;
    try {
      result = input.scan(input.scanOptions(false, spec.commandLine().getErr()), spec);
    } catch (CatalogException e) {
      spec.commandLine().getErr().println("isolation-audit plan: " + input.describe(e));
      return ExitCodes.USAGE;
    }
    if (result.summary().classFiles() == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit plan: no class files could be read from "
                  + input.inputs()
                  + " (build the project first, or name a target/ directory, class directory or jar)");
      return ExitCodes.NO_INPUT;
    }
    List<Path> roots = reports.isEmpty() ? DurationHistory.defaultRoots(input.inputs()) : reports;
    DurationHistory history = DurationHistory.read(roots);
    if (!input.quiet) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit: read durations of "
                  + history.all().size()
                  + " tests from "
                  + history.filesRead().size()
                  + " report files");
    }
    Machine facts = machine.machine();
    Plan plan =
        new Planner(
                result,
                history,
                new PlanOptions(
                    facts.cores(), shards, strict, jvmStart, facts, !withoutLocks, lanesInTurn))
            .plan();
    if (!input.quiet) {
      plan.problems()
          .forEach(
              p ->
                  spec.commandLine()
                      .getErr()
                      .println("isolation-audit: problem: " + p.path() + ": " + p.message()));
    }
    ReportFile.Content content =
        out -> {
          if (fmt.equals("json")) {
            PlanRenderer.json(plan, out);
          } else {
            PlanRenderer.text(plan, out);
          }
        };
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      content.writeTo(out);
      out.flush();
    } else {
      try {
        ReportFile.write(output, content);
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println(
                "isolation-audit plan: cannot write the plan to "
                    + output
                    + ": "
                    + ReportFile.describe(e));
        return ExitCodes.INTERNAL_ERROR;
      }
      if (!input.quiet) {
        spec.commandLine().getErr().println("isolation-audit: wrote the plan to " + output);
      }
    }
    PlanExports exporter = new PlanExports(exportOptions);
    for (Export e : exports) {
      Map<String, String> files;
      try {
        files = exporter.files(e, plan);
      } catch (IllegalArgumentException ex) {
        spec.commandLine()
            .getErr()
            .println("isolation-audit plan: --emit " + e.cliName() + ": " + ex.getMessage());
        return ExitCodes.USAGE;
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = emitDir.resolve(f.getKey());
        try {
          ReportFile.write(target, out -> out.write(f.getValue()));
        } catch (IOException ex) {
          spec.commandLine()
              .getErr()
              .println(
                  "isolation-audit plan: cannot write " + target + ": " + ReportFile.describe(ex));
          return ExitCodes.INTERNAL_ERROR;
        }
        if (!input.quiet) {
          spec.commandLine().getErr().println("isolation-audit: wrote " + target);
        }
      }
    }
    return ExitCodes.CLEAN;
  }
}
