package io.github.isolationaudit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code isolation-audit} command line.
 *
 * <p>Whatever goes wrong inside, the run ends with an exit code and one line on stderr: exit 4 for
 * an internal error, including an {@link Error} such as {@link OutOfMemoryError} (never exit 1,
 * which means findings). The stack trace is printed only when the environment variable {@value
 * #DEBUG} is set to a non-empty value.
 */
public final class Main {
  private Main() {}

  /** The environment variable that asks for stack traces of internal errors. */
  static final String DEBUG = "ISOLATION_AUDIT_DEBUG";

  public static void main(String... args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with these streams and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Environment.current(), args);
  }

  /** Runs the command line in an environment of the caller's choosing. */
  static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
    boolean debug = System.getenv(DEBUG) != null && !System.getenv(DEBUG).isEmpty();
    try {
      CommandLine cli =
          args.length > 0 && args[0].equals("check")
              ? checkOnly(environment)
              : new CommandLine(new IsolationAuditCommand(environment));
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> internalError(e, commandLine.getErr(), debug));
      cli.setParameterExceptionHandler((e, arguments) -> usageError(e));
      HelpLayout.install(cli);
      return cli.execute(args);
    } catch (Throwable e) {
      return internalError(e, err, debug);
    }
  }

  /**
   * The command line with {@code check} as its only subcommand. The pre-commit hook runs it on
   * every commit, so it skips building the model of the other commands (their options, mixins and
   * the classes those name): about a tenth of its run.
   */
  private static CommandLine checkOnly(Environment environment) {
    CommandLine.Model.CommandSpec root =
        CommandLine.Model.CommandSpec.wrapWithoutInspection(new IsolationAuditCommand(environment));
    root.name("isolation-audit");
    root.exitCodeOnInvalidInput(ExitCodes.USAGE);
    root.addSubcommand("check", new CommandLine(new CheckCommand()));
    return new CommandLine(root);
  }

  /**
   * Reports a mistake on the command line in a few lines: what is wrong, what was probably meant,
   * and where the options are; not the whole help, which would bury the one line that matters.
   */
  static int usageError(CommandLine.ParameterException e) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !command.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    err.println(name + ": " + message);
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println(
        "'"
            + name
            + " --help' lists the "
            + (command.getSubcommands().isEmpty() ? "options." : "commands and options."));
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Reports an internal error in one line (with its stack trace when debugging) and gives its exit
   * code.
   */
  static int internalError(Throwable e, PrintWriter err, boolean debug) {
    Throwable cause = e;
    while (cause instanceof CommandLine.ExecutionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    err.println("isolation-audit: internal error: " + oneLine(cause));
    if (debug) {
      cause.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL_ERROR;
  }

  private static String oneLine(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "out of memory ("
          + e.getMessage()
          + "): give the JVM more, e.g. java -Xmx4g -jar isolation-audit.jar ...";
    }
    if (e instanceof StackOverflowError) {
      return "stack overflow: give threads a larger stack, e.g. java -Xss16m -jar"
          + " isolation-audit.jar ...; set "
          + DEBUG
          + "=1 for the stack trace";
    }
    String text = e.toString().lines().findFirst().orElse(e.getClass().getName());
    return text + "; set " + DEBUG + "=1 for the stack trace";
  }
}
