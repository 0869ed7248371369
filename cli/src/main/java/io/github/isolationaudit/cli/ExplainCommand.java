package io.github.isolationaudit.cli;

import io.github.isolationaudit.analyzer.Explanation;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.reports.ReportFormat;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code isolation-audit explain}: the whole reasoning for one test or one class. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {
      "Shows the whole reasoning for one test or one test class.",
      "",
      "For a test (com.example.FooTest#bar) or a class (com.example.FooTest): its footprint with"
          + " every access and its evidence, every conflict it takes part in with all partners,"
          + " the markers on it with their verdicts and reasons, the build configuration that"
          + " decides what runs in parallel, and the findings that name it."
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    modelTransformer = InputOptions.PathsAfter.class)
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TEST",
      description = "A test (com.example.FooTest#bar) or a class (com.example.FooTest).")
  String target;

  @Mixin InputOptions input;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default), json or markdown.")
  String format;

  @Mixin LayoutOptions layout;

  @Override
  public Integer call() throws IOException {
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.fromName(format);
    } catch (IllegalArgumentException e) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit explain: unknown format '"
                  + format
                  + "'"
                  + NearMiss.hint(format, List.of("text", "json", "markdown"))
                  + " (use text, json or markdown)");
      return ExitCodes.USAGE;
    }
    List<Path> inputs = input.inputs();
    ScanResult result;
    try {
      // Every read counts when explaining: what the report leaves out is part of the reasoning.
      // No progress either: the explanation is quick to read and needs no running commentary.
      result = input.scan(input.scanOptions(true, null), spec);
    } catch (CatalogException e) {
      spec.commandLine().getErr().println("isolation-audit explain: " + input.describe(e));
      return ExitCodes.USAGE;
    }
    if (result.summary().classFiles() == 0) {
      spec.commandLine()
          .getErr()
          .println("isolation-audit explain: no class files could be read from " + inputs);
      return ExitCodes.NO_INPUT;
    }
    ScanResult explained = Explanation.of(result, target);
    if (explained == null) {
      spec.commandLine()
          .getErr()
          .println(
              "isolation-audit explain: no test matches '"
                  + target
                  + "' (give com.example.FooTest#bar or com.example.FooTest)");
      return ExitCodes.USAGE;
    }
    Writer out = spec.commandLine().getOut();
    // An explanation is the verbose report of one test or class: footprints and all.
    reportFormat
        .renderer(layout.options(IsolationAuditCommand.environment(spec), true, false))
        .render(explained, out);
    out.flush();
    return ExitCodes.CLEAN;
  }
}
