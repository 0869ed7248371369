package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * Something in the input that could not be analysed, with where and why. A problem never aborts the
 * run: the rest of the input is still analysed.
 *
 * @param path the input path (a file, a jar, or {@code jar!/entry})
 */
public record Problem(Kind kind, String path, String message) implements Comparable<Problem> {

  /** What went wrong. */
  public enum Kind {
    MISSING_INPUT,
    UNREADABLE_INPUT,
    EMPTY_INPUT,
    NOT_A_JAR,
    CORRUPT_CLASS,
    UNSUPPORTED_CLASS_VERSION,
    UNPARSABLE_SOURCE,
    INCOMPLETE_ANALYSIS,
    /** An acceptance (configuration entry or comment in the code) that accepts no finding. */
    STALE_ACCEPTANCE,
    /** The project configuration file was found but not used, or says something dubious. */
    CONFIGURATION
  }

  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem o) {
    int c = path.compareTo(o.path);
    return c != 0 ? c : message.compareTo(o.message);
  }
}
