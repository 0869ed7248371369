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
    /** A test report that is not well-formed XML or ends early; what came before still counts. */
    MALFORMED_REPORT,
    /** A file given as a test report that is well-formed XML of another kind. */
    NOT_A_REPORT,
    /** A test report entry whose time is negative, not a number, or missing. */
    INVALID_DURATION,
    /** A test report event that repeats the id of an earlier one; the first counts. */
    DUPLICATE_TEST,
    /** Test report entries named only by a display name, so their time has no test method. */
    UNMATCHED_TEST_NAME,
    /** Test report entries for tests the scan does not find (removed or renamed since). */
    UNKNOWN_TEST,
    /** An acceptance (configuration entry or comment in the code) that accepts no finding. */
    STALE_ACCEPTANCE,
    /** The project configuration file was found but not used, or says something dubious. */
    CONFIGURATION,
    /** A file or jar entry larger than the tool reads (a class file over 64 MiB, ...). */
    OVERSIZE_INPUT,
    /** A symbolic link inside an input that leads outside it: not followed. */
    LINK_OUTSIDE_INPUT,
    /** The same class in two places of the project inputs; one of them is analysed. */
    DUPLICATE_CLASS
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
