package io.github.isolationaudit.analyzer.marker;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches a regular expression written in the scanned code (TestNG's {@code dependsOnGroups} and
 * {@code dependsOnMethods} accept them) within a budget of work, so that a pattern such as {@code
 * (.*a){12}b}, which backtracks exponentially, cannot hold up the scan.
 *
 * <p>The budget counts the characters the regex engine reads: the subject is handed to it through a
 * {@link CharSequence} that counts its {@code charAt} calls and stops the match when a pattern has
 * spent its share. The budget is per pattern, over all the subjects it is matched against, so a
 * pattern costs at most {@value #STEPS_PER_PATTERN} reads however many groups the suite has. A
 * pattern over budget, or one whose match overflows the stack, has no answer: callers treat it as
 * matching nothing and report it.
 */
final class PatternBudget {
  /** About a tenth of a second of matching; an ordinary pattern needs a few reads per character. */
  static final long STEPS_PER_PATTERN = 10_000_000;

  /** What a match came to. */
  enum Outcome {
    MATCH,
    NO_MATCH,
    /** The pattern spent its budget (now or before) or overflowed the stack: no answer. */
    OVER_BUDGET
  }

  private final String text;
  private final Pattern pattern;
  private final long budget;
  private long spent;
  private boolean over;

  /**
   * @param text the pattern as written; a pattern that does not compile matches only itself, as
   *     TestNG compares names before it tries them as patterns
   */
  PatternBudget(String text) {
    this(text, STEPS_PER_PATTERN);
  }

  PatternBudget(String text, long budget) {
    this.text = text;
    Pattern p;
    try {
      p = Pattern.compile(text);
    } catch (PatternSyntaxException | StackOverflowError e) {
      p = null;
    }
    this.pattern = p;
    this.budget = budget;
  }

  /** Whether the whole subject matches. */
  Outcome matches(String subject) {
    if (text.equals(subject)) {
      return Outcome.MATCH;
    }
    if (pattern == null) {
      return Outcome.NO_MATCH;
    }
    if (over) {
      return Outcome.OVER_BUDGET;
    }
    Counted counted = new Counted(subject, budget - spent);
    try {
      return pattern.matcher(counted).matches() ? Outcome.MATCH : Outcome.NO_MATCH;
    } catch (Spent | StackOverflowError e) {
      over = true;
      return Outcome.OVER_BUDGET;
    } finally {
      spent += counted.reads;
    }
  }

  /** Whether the pattern has spent its budget. */
  boolean overBudget() {
    return over;
  }

  /** The reads this pattern has made so far. */
  long spent() {
    return spent;
  }

  /** Thrown when the budget is spent; carries no stack trace (it is control flow). */
  private static final class Spent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Spent() {
      super(null, null, false, false);
    }
  }

  /** A subject that counts its reads. */
  private static final class Counted implements CharSequence {
    private final String s;
    private final long limit;
    long reads;

    Counted(String s, long limit) {
      this.s = s;
      this.limit = limit;
    }

    @Override
    public char charAt(int index) {
      if (++reads > limit) {
        throw new Spent();
      }
      return s.charAt(index);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      // The engine asks for subsequences only to hand out groups; they need no budget.
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
