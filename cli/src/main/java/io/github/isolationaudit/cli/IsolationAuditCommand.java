package io.github.isolationaudit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(
    name = "isolation-audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Audits a Java test suite for test isolation, statically, from its compiled tests: which"
          + " shared resources each test touches, which tests race once they run in parallel,"
          + " which isolation markers still matter, and how to run the suite in parallel"
          + " without the races. Nothing of the project is loaded or run.",
      "",
      "Start with: isolation-audit scan target/"
    },
    subcommands = {
      ScanCommand.class,
      ExplainCommand.class,
      PlanCommand.class,
      FixCommand.class,
      CheckCommand.class,
      GithubCommentCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    usageHelpAutoWidth = true,
    commandListHeading = "%nCommands:%n",
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the command ran (problems with single files are listed in the report)",
      "1:scan found findings at or above --fail-on, or check an alert at level error",
      "2:usage error: a bad option, or a catalog or configuration file with a mistake",
      "3:no input could be analysed",
      "4:internal error"
    })
final class IsolationAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final Environment environment;

  IsolationAuditCommand(Environment environment) {
    this.environment = environment;
  }

  /** The environment the command line runs in, for the subcommand with this spec. */
  static Environment environment(CommandSpec spec) {
    return ((IsolationAuditCommand) spec.root().userObject()).environment;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
