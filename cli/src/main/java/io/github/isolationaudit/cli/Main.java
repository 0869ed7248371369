package io.github.isolationaudit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code isolation-audit} command line. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with these streams and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Environment.current(), args);
  }

  /** Runs the command line in an environment of the caller's choosing. */
  static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
    CommandLine cli = new CommandLine(new IsolationAuditCommand(environment));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("isolation-audit: internal error: " + e);
          e.printStackTrace(commandLine.getErr());
          return ExitCodes.INTERNAL_ERROR;
        });
    return cli.execute(args);
  }
}
