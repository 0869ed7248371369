package io.github.isolationaudit.cli;

/** The exit codes of the command line, as the README documents them. */
final class ExitCodes {
  private ExitCodes() {}

  static final int CLEAN = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int NO_INPUT = 3;
  static final int INTERNAL_ERROR = 4;
}
