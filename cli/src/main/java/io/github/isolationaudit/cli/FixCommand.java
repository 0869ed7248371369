package io.github.isolationaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.fix.EditApplier;
import io.github.isolationaudit.analyzer.fix.UnifiedDiff;
import io.github.isolationaudit.analyzer.source.SourceEditor.Status;
import io.github.isolationaudit.analyzer.source.SourceRoots;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.PlanOptions;
import io.github.isolationaudit.plan.Planner;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.reports.export.ExportOptions;
import io.github.isolationaudit.reports.export.PlanExports;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code isolation-audit fix}: applies the edits of a scan (or a report) to the test sources. */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {
      "Scans like scan, then applies the edits its findings and marker verdicts ask for to the"
          + " test sources: adds and removes annotations and their imports, and changes nothing"
          + " else (formatting and comments stay). Only files under the test source directories"
          + " are written (src/test/java next to target/, or --sources DIR); jars never. Edits"
          + " that need a person (a @TempDir for a fixed path, port 0, ...) are listed as to-dos."
          + " A second run changes nothing.",
      "",
      "--dry-run prints a unified diff instead; --from-report applies a JSON report's edits"
          + " without scanning; --locks-provider writes the plan's ResourceLocksProvider into the"
          + " test sources and puts @ResourceLock(providers = ...) on the classes it names."
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the edits were applied or shown (those that could not be are listed on stderr)",
      "2:usage error: a bad option, no test source directory, a report that cannot be read",
      "3:no input could be analysed",
      "4:internal error, or a file could not be written"
    })
final class FixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  /** The machine facts that {@code --locks-provider} plans for. */
  @Mixin MachineOptions machine;

  @Option(
      names = "--dry-run",
      description = "Print the changes as a unified diff (for git apply) and write nothing.")
  boolean dryRun;

  @Option(
      names = "--from-report",
      paramLabel = "FILE",
      description =
          "Apply the edits of this JSON report (scan -f json) instead of scanning: those of its"
              + " findings that are not accepted, and of its markers.")
  Path fromReport;

  @Option(
      names = "--locks-provider",
      description =
          "Instead of the scan's edits, apply the execution plan's locks: write its"
              + " ResourceLocksProvider (JUnit 5.12+) into the test sources and annotate every"
              + " top-level class the plan names with @ResourceLock(providers = ...).")
  boolean locksProvider;

  @Option(
      names = "--provider-class",
      paramLabel = "NAME",
      description =
          "With --locks-provider: the provider's class. Default: isolationaudit.PlanLocks")
  String providerClass;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String mistake = machine.mistake();
    if (mistake == null && providerClass != null && !locksProvider) {
      mistake = "--provider-class goes with --locks-provider";
    }
    if (mistake == null && locksProvider && fromReport != null) {
      mistake = "--locks-provider plans from a scan; it does not go with --from-report";
    }
    ExportOptions exportOptions = ExportOptions.defaults();
    if (mistake == null && providerClass != null) {
      try {
        exportOptions = exportOptions.withProviderClass(providerClass);
      } catch (IllegalArgumentException e) {
        mistake = "--provider-class: " + e.getMessage();
      }
    }
    if (mistake != null) {
      err.println("isolation-audit fix: " + mistake);
      return ExitCodes.USAGE;
    }
    List<Path> roots = new ArrayList<>();
    List<Path> jars = new ArrayList<>();
    testRoots(roots, jars);
    if (roots.isEmpty()) {
      err.println(
          "isolation-audit fix: "
              + (jars.isEmpty()
                  ? "no test source directory found next to "
                      + input.inputs()
                      + "; name one with --sources DIR"
                  : "the test sources are only in "
                      + jars
                      + ", and jars are never edited: unpack the sources and name the directory"
                      + " with --sources DIR"));
      return ExitCodes.USAGE;
    }
    List<Edit> edits;
    Map<String, String> created = new TreeMap<>();
    if (fromReport != null) {
      try {
        edits = editsOfReport(fromReport);
      } catch (IOException | IllegalArgumentException e) {
        err.println(
            "isolation-audit fix: cannot read the report " + fromReport + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    } else {
      ScanResult result;
      try {
        result = IsolationAudit.scan(input.scanOptions(false, err));
      } catch (CatalogException e) {
        err.println("isolation-audit fix: " + input.describe(e));
        return ExitCodes.USAGE;
      }
      if (result.summary().classFiles() == 0) {
        err.println(
            "isolation-audit fix: no class files could be read from "
                + input.inputs()
                + " (build the project first, or name a target/ directory, class directory or jar)");
        return ExitCodes.NO_INPUT;
      }
      if (locksProvider) {
        Machine facts = machine.machine();
        // Without the test times: they decide only the class order (no part of a fix) and which
        // short writers the plan isolates, which a test run could tip either way; a second fix
        // after the tests ran must change nothing.
        Plan plan =
            new Planner(
                    result,
                    DurationHistory.empty(),
                    new PlanOptions(
                        facts.cores(), 0, false, PlanOptions.DEFAULT_JVM_START_SECONDS, facts))
                .plan();
        edits = providerEdits(plan, exportOptions);
        if (edits.isEmpty()) {
          err.println(
              "isolation-audit fix: the plan assigns no locks (its tests need none to run in"
                  + " parallel): no provider to write");
        } else {
          PlanExports exports = new PlanExports(exportOptions);
          created.put(exports.locksProviderFileName(), exports.locksProvider(plan));
        }
      } else {
        edits = EditApplier.editsOf(result);
      }
    }
    EditApplier applier = new EditApplier(roots);
    EditApplier.Plan plan = applier.plan(edits, created);
    PrintWriter report = dryRun ? err : spec.commandLine().getOut();
    for (EditApplier.Applied a : plan.outcomes()) {
      if (a.status() == Status.FAILED) {
        err.println(
            "isolation-audit fix: not applied: "
                + where(a)
                + ": "
                + a.edit().action().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " "
                + a.edit().text()
                + ": "
                + a.message());
      }
    }
    for (EditApplier.Applied a : plan.outcomes()) {
      if (a.status() == Status.MANUAL) {
        report.println("to do by hand: " + where(a) + ": " + a.edit().text());
      }
    }
    if (dryRun) {
      PrintWriter out = spec.commandLine().getOut();
      for (EditApplier.FileChange c : plan.changes()) {
        // Outside the working directory the path is absolute; a/ and b/ then lead it.
        String path = shown(c.file()).replaceFirst("^/+", "");
        out.print(UnifiedDiff.of(path, c.before(), c.after()));
      }
      out.flush();
    } else {
      try {
        EditApplier.write(plan);
      } catch (IOException e) {
        err.println("isolation-audit fix: cannot write: " + ReportFile.describe(e));
        return ExitCodes.INTERNAL_ERROR;
      }
      if (!input.quiet) {
        for (EditApplier.FileChange c : plan.changes()) {
          err.println("isolation-audit: " + (c.created() ? "wrote " : "edited ") + shown(c.file()));
        }
      }
    }
    long applied = plan.count(Status.APPLIED);
    long failed = plan.count(Status.FAILED);
    int files = plan.changes().size();
    report.println(
        (dryRun ? "isolation-audit fix --dry-run: " : "isolation-audit fix: ")
            + applied
            + (applied == 1 ? " edit " : " edits ")
            + (dryRun ? "to apply to " : "applied to ")
            + files
            + (files == 1 ? " file, " : " files, ")
            + plan.count(Status.MANUAL)
            + " left to do by hand (MANUAL), "
            + plan.count(Status.PRESENT)
            + " already present"
            + (failed > 0 ? ", " + failed + " could not be applied" : ""));
    report.flush();
    return ExitCodes.CLEAN;
  }

  /** The test source directories, and the source jars found instead. */
  private void testRoots(List<Path> roots, List<Path> jars) {
    for (Path root : SourceRoots.find(input.inputs(), input.sources)) {
      if (Files.isDirectory(root)) {
        Path normal = root.toAbsolutePath().normalize();
        // Main sources are never edited: fix changes tests only.
        if (!normal.endsWith(Path.of("src", "main", "java"))) {
          roots.add(root);
        }
      } else if (Files.isRegularFile(root)) {
        jars.add(root);
      }
    }
    if (roots.isEmpty() && input.paths.isEmpty() && Files.isDirectory(Path.of("src/test/java"))) {
      roots.add(Path.of("src/test/java"));
    }
  }

  /**
   * The edits of the plan's lock assignments: the provider annotation on the top-level class of
   * every class it names (JUnit asks an enclosing class's providers for its nested classes).
   */
  static List<Edit> providerEdits(Plan plan, ExportOptions options) {
    TreeSet<String> classes = new TreeSet<>();
    for (Plan.LockAssignment a : plan.lockAssignments()) {
      String name = a.className();
      int dollar = name.indexOf('$');
      classes.add(dollar > 0 ? name.substring(0, dollar) : name);
    }
    List<Edit> edits = new ArrayList<>();
    for (String c : classes) {
      edits.add(
          new Edit(
              Edit.Action.ADD_ANNOTATION,
              "",
              0,
              c,
              "",
              "@ResourceLock(providers = " + options.providerSimpleName() + ".class)",
              List.of("org.junit.jupiter.api.parallel.ResourceLock", options.providerClass())));
    }
    return edits;
  }

  /** The edits of a JSON report: of findings that are not accepted, then of markers. */
  static List<Edit> editsOfReport(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isObject() || !root.has("schemaVersion")) {
      throw new IllegalArgumentException("not an isolation-audit JSON report");
    }
    java.util.LinkedHashSet<Edit> edits = new java.util.LinkedHashSet<>();
    for (JsonNode f : root.path("findings")) {
      if (!f.path("accepted").asBoolean(false)) {
        for (JsonNode e : f.path("edits")) {
          edits.add(edit(e));
        }
      }
    }
    for (JsonNode m : root.path("markers")) {
      for (JsonNode e : m.path("edits")) {
        edits.add(edit(e));
      }
    }
    return List.copyOf(edits);
  }

  private static Edit edit(JsonNode e) {
    Edit.Action action;
    try {
      action = Edit.Action.valueOf(e.path("action").asText(""));
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          "an edit's action is '"
              + e.path("action").asText("")
              + "', not one of "
              + java.util.Arrays.toString(Edit.Action.values()));
    }
    String className = e.path("class").asText("");
    if (className.isEmpty()) {
      throw new IllegalArgumentException("an edit without a class");
    }
    List<String> imports = new ArrayList<>();
    for (JsonNode i : e.path("imports")) {
      imports.add(i.asText());
    }
    return new Edit(
        action,
        e.path("file").isTextual() ? e.path("file").asText() : "",
        Math.max(0, e.path("line").asInt(0)),
        className,
        e.path("method").isTextual() ? e.path("method").asText() : "",
        e.path("text").asText(""),
        imports);
  }

  private static String where(EditApplier.Applied a) {
    if (a.file() == null) {
      return a.edit().where();
    }
    String method = a.edit().onClass() ? "" : "#" + a.edit().methodName();
    return shown(a.file())
        + (a.edit().line() > 0 ? ":" + a.edit().line() : "")
        + " ("
        + a.edit().className().substring(a.edit().className().lastIndexOf('.') + 1)
        + method
        + ")";
  }

  /** A path as a diff or message shows it: relative to the working directory, with '/'. */
  static String shown(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : file.normalize();
    return shown.toString().replace('\\', '/');
  }
}
