package io.github.isolationaudit.reports;

/**
 * How a report for people is laid out. Tools' formats (JSON) ignore it.
 *
 * @param width the line width text wraps to, at least {@value #MIN_WIDTH}
 * @param color whether text carries ANSI colours (a terminal that wants them)
 * @param verbose whether text also shows every test's footprint, every conflict and every problem
 * @param linkBase a URL that project paths are appended to for links in Markdown ({@code
 *     https://github.com/o/r/blob/SHA/}), or empty for no links
 */
public record RenderOptions(int width, boolean color, boolean verbose, String linkBase) {

  /** The width when the terminal's is not known, or the output is not a terminal. */
  public static final int DEFAULT_WIDTH = 100;

  /** The narrowest width text wraps to; narrower terminals get lines this long. */
  public static final int MIN_WIDTH = 40;

  public RenderOptions {
    width = Math.max(MIN_WIDTH, width);
    java.util.Objects.requireNonNull(linkBase, "linkBase");
  }

  /** 100 columns, no colour, not verbose, no links: what tests and files get. */
  public static RenderOptions defaults() {
    return new RenderOptions(DEFAULT_WIDTH, false, false, "");
  }

  /** These options, verbose. */
  public RenderOptions verbose(boolean on) {
    return new RenderOptions(width, color, on, linkBase);
  }
}
