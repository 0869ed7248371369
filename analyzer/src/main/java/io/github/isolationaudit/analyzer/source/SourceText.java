package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.Position;
import java.util.Arrays;

/** The text of one source file, addressable by JavaParser's line and column positions. */
final class SourceText {

  private final String text;
  private final int[] lineStarts;

  SourceText(String text) {
    this.text = text;
    int[] starts = new int[16];
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // JavaParser counts \r\n, \r and \n each as one line break.
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (c != '\r' && c != '\n') {
        continue;
      }
      if (lines == starts.length) {
        starts = Arrays.copyOf(starts, lines * 2);
      }
      starts[lines++] = i + 1;
    }
    this.lineStarts = Arrays.copyOf(starts, lines);
  }

  String text() {
    return text;
  }

  /** The character offset of a position (columns count one per char, as with tab size 1). */
  int offset(Position p) {
    int line = Math.max(1, Math.min(p.line, lineStarts.length));
    return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, p.column - 1));
  }

  /** Whether only whitespace precedes this position on its line. */
  boolean startsLine(Position p) {
    int line = Math.max(1, Math.min(p.line, lineStarts.length));
    return text.substring(lineStarts[line - 1], offset(p)).isBlank();
  }

  /** The text strictly between two positions: after {@code end} and before {@code begin}. */
  String between(Position end, Position begin) {
    int from = Math.min(text.length(), offset(end) + 1);
    int to = offset(begin);
    return from >= to ? "" : text.substring(from, to);
  }
}
