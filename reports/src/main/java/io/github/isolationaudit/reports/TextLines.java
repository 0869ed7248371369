package io.github.isolationaudit.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a text report: paragraphs wrapped at word boundaries to a width, with a hanging indent,
 * and optional ANSI colours on labels and headings. A word longer than a line (a path, a key) is
 * never broken, so terminals still recognise it as a link.
 */
final class TextLines {

  /** The few styles a report uses; none of them carries meaning without its words. */
  enum Style {
    PLAIN(""),
    BOLD("1"),
    RED("1;31"),
    YELLOW("33"),
    GREEN("32"),
    CYAN("36"),
    DIM("2");

    private final String code;

    Style(String code) {
      this.code = code;
    }
  }

  private static final String NL = "\n";
  private static final String ESC = "\u001B[";

  private final Writer out;
  private final int width;
  private final boolean color;

  TextLines(Writer out, int width, boolean color) {
    this.out = out;
    this.width = width;
    this.color = color;
  }

  void blank() throws IOException {
    out.write(NL);
  }

  /** One line as it is: evidence and lists whose columns must not move. */
  void raw(String line) throws IOException {
    out.write(line + NL);
  }

  /** One line as it is, in a style. */
  void raw(String line, Style style) throws IOException {
    out.write(styled(line, style) + NL);
  }

  /** A paragraph in one style, continuation lines indented two more than the first. */
  void para(int indent, String text, Style style) throws IOException {
    para(indent, "", Style.PLAIN, text, style);
  }

  /**
   * A paragraph: {@code indent} spaces, a label in its style, then the text wrapped to the width,
   * continuation lines indented two more than the first.
   */
  void para(int indent, String label, Style labelStyle, String text, Style textStyle)
      throws IOException {
    String first = " ".repeat(indent);
    String firstWord = text.strip().split(" +", 2)[0];
    if (!label.isBlank() && indent + label.length() + firstWord.length() > width) {
      // A label as long as the line (a long path) stands alone; the text follows beneath it.
      out.write(first + styled(label.stripTrailing(), labelStyle) + NL);
      para(indent + 2, "", Style.PLAIN, text, textStyle);
      return;
    }
    List<String> lines = wrap(text, width - indent - label.length(), width - indent - 2);
    for (int i = 0; i < lines.size(); i++) {
      if (i == 0) {
        out.write(first + styled(label, labelStyle) + styled(lines.get(0), textStyle) + NL);
      } else {
        out.write(first + "  " + styled(lines.get(i), textStyle) + NL);
      }
    }
  }

  String styled(String text, Style style) {
    if (!color || style == Style.PLAIN || text.isEmpty()) {
      return text;
    }
    return ESC + style.code + "m" + text + ESC + "0m";
  }

  /**
   * Greedy word wrap: the first line gets {@code firstWidth} characters, the others {@code
   * restWidth}; runs of blanks between words become one. Never returns an empty list.
   */
  static List<String> wrap(String text, int firstWidth, int restWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int limit = Math.max(1, firstWidth);
    for (String word : text.split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
        lines.add(line.toString());
        line.setLength(0);
        limit = Math.max(1, restWidth);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
