package io.github.isolationaudit.cli;

import io.github.isolationaudit.reports.RenderOptions;
import java.util.Map;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What the command line learns from where it runs: environment variables ({@code COLUMNS}, {@code
 * NO_COLOR}, {@code GITHUB_STEP_SUMMARY}, ...) and whether standard output is a terminal. Tests
 * pass their own, so that a report never depends on the terminal the build happens to run in.
 *
 * @param variables the environment variables
 * @param terminal whether standard output is an interactive terminal
 */
record Environment(Map<String, String> variables, boolean terminal) {

  Environment {
    variables = Map.copyOf(variables);
  }

  /** This process's environment. */
  static Environment current() {
    return new Environment(System.getenv(), System.console() != null);
  }

  /** An environment with these variables and no terminal. */
  static Environment of(Map<String, String> variables) {
    return new Environment(variables, false);
  }

  /** The value of a variable, or empty when it is not set. */
  String get(String name) {
    String value = variables.get(name);
    return value == null ? "" : value;
  }

  /**
   * The width text reports wrap to: {@code COLUMNS} when it is set to a number, else the terminal's
   * width when standard output is one, else {@value RenderOptions#DEFAULT_WIDTH}.
   */
  int width() {
    String columns = get("COLUMNS").trim();
    if (!columns.isEmpty()) {
      try {
        int n = Integer.parseInt(columns);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Not a number: ignore it, as terminals do.
      }
    }
    if (terminal) {
      // picocli asks the terminal (stty, tput or mode) and falls back to its default of 80.
      return new UsageMessageSpec().autoWidth(true).width();
    }
    return RenderOptions.DEFAULT_WIDTH;
  }

  /**
   * Whether output in {@code auto} colour mode gets colours: only on a terminal, and never when
   * {@code NO_COLOR} is set to anything (no-color.org) or the terminal says it is dumb.
   */
  boolean wantsColor() {
    return terminal && get("NO_COLOR").isEmpty() && !get("TERM").equals("dumb");
  }

  /**
   * The URL of the commit's files on GitHub when running in GitHub Actions ({@code
   * https://github.com/o/r/blob/SHA/}), so that Markdown can link the paths it names; else empty.
   */
  String githubBlobBase() {
    String server = get("GITHUB_SERVER_URL");
    String repository = get("GITHUB_REPOSITORY");
    String sha = get("GITHUB_SHA");
    if (server.isEmpty() || repository.isEmpty() || sha.isEmpty()) {
      return "";
    }
    return server + "/" + repository + "/blob/" + sha + "/";
  }
}
