package io.github.isolationaudit.analyzer.source;

import io.github.isolationaudit.model.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The findings accepted next to the code: {@code // isolation-audit:accept <reason>} comments and
 * {@code @SuppressWarnings("isolation-audit")} annotations, with what each one covers.
 *
 * @param acceptances sorted by file and line
 * @param problems acceptances without a reason, sources that do not parse; sorted
 */
public record CodeAcceptances(List<Acceptance> acceptances, List<Problem> problems) {

  public CodeAcceptances {
    List<Acceptance> sorted = new ArrayList<>(acceptances);
    sorted.sort(Comparator.comparing(Acceptance::file).thenComparingInt(Acceptance::line));
    acceptances = List.copyOf(sorted);
    problems = List.copyOf(new TreeSet<>(problems));
  }

  /** What an acceptance sits on. */
  public enum Target {
    /** A class declaration: the tests of the class and every call chain through it. */
    CLASS,
    /** A method declaration: that test, and every call chain through the method. */
    METHOD,
    /** A statement: call chains that pass through its lines. */
    LINES
  }

  /**
   * One acceptance in the code.
   *
   * @param file the source file relative to its source root ({@code com/acme/FooTest.java})
   * @param line the line of the comment or annotation
   * @param className the binary name of the class it sits on or in
   * @param methodName for METHOD, the method's name; else empty
   * @param firstLine for LINES, the first line covered (the comment's)
   * @param lastLine for LINES, the last line covered (the one after the comment)
   * @param reason the reason written with it
   */
  public record Acceptance(
      Target target,
      String file,
      int line,
      String className,
      String methodName,
      int firstLine,
      int lastLine,
      String reason) {
    public Acceptance {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(methodName, "methodName");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code com/acme/FooTest.java:12}. */
    public String place() {
      return file + ":" + line;
    }
  }
}
