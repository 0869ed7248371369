package io.github.isolationaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(
    name = "isolation-audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Audits a Java test suite for test isolation, statically, from its compiled tests.",
    subcommands = {
      ScanCommand.class,
      ExplainCommand.class,
      PlanCommand.class,
      CheckCommand.class,
      GithubCommentCommand.class
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the scan ran",
      "2:usage error (bad option, bad catalog or configuration file)",
      "3:no input could be analysed",
      "4:internal error"
    })
final class IsolationAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
