package io.github.isolationaudit.reports;

import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines a change adds or modifies, per file, read from a unified diff ({@code git diff BASE
 * HEAD}): what a pull request changed, so that annotations go only where the author is looking.
 * Paths are as the diff names the new files, without git's {@code b/} prefix, and relative to where
 * the diff was made ({@code git diff --relative} makes them relative to the current directory, as
 * the reports' paths are).
 *
 * <p>Only the file headers ({@code +++ b/path}) and the hunks are read: a hunk header {@code @@
 * -a,b +c,d @@} says where its lines start in the new file, and its body's lines are context
 * ({@code ' '}), added ({@code +}) or removed ({@code -}); added lines are the changed ones, with
 * any number of context lines.
 */
public final class ChangedLines {
  private final Map<String, BitSet> lines;

  private ChangedLines(Map<String, BitSet> lines) {
    this.lines = Collections.unmodifiableMap(lines);
  }

  /**
   * The changed lines of a unified diff.
   *
   * @throws IllegalArgumentException when a hunk header cannot be read, or hunks come before any
   *     file header: the text is no unified diff
   */
  public static ChangedLines ofUnifiedDiff(String diff) {
    Map<String, BitSet> lines = new TreeMap<>();
    BitSet current = null;
    boolean deleted = false;
    int newLine = 0;
    int oldLeft = 0;
    int newLeft = 0;
    int number = 0;
    for (String line : diff.split("\r?\n", -1)) {
      number++;
      if (oldLeft > 0 || newLeft > 0) {
        // Inside a hunk's body: its header counted the lines.
        if (line.startsWith("+")) {
          if (!deleted) {
            current.set(newLine);
          }
          newLine++;
          newLeft--;
        } else if (line.startsWith("-")) {
          oldLeft--;
        } else if (line.startsWith(" ") || line.isEmpty()) {
          newLine++;
          newLeft--;
          oldLeft--;
        } else if (!line.startsWith("\\")) {
          throw new IllegalArgumentException(
              "line " + number + ": a hunk ends before the lines its header counts");
        }
        continue;
      }
      if (line.startsWith("+++ ")) {
        String path = path(line.substring(4));
        deleted = path.equals("/dev/null");
        current = deleted ? new BitSet() : lines.computeIfAbsent(path, p -> new BitSet());
      } else if (line.startsWith("@@ ")) {
        if (current == null) {
          throw new IllegalArgumentException(
              "line " + number + ": a hunk before any file header (+++ b/path)");
        }
        int[] header = hunkHeader(line, number);
        oldLeft = header[1];
        newLine = header[2];
        newLeft = header[3];
      }
      // Anything else (diff --git, index, ---, mode and rename lines) says nothing of lines.
    }
    return new ChangedLines(lines);
  }

  /** Whether the change adds or modifies this line of this file (a line of 0: the file at all). */
  public boolean contains(String path, int line) {
    BitSet changed = lines.get(path);
    if (changed == null) {
      return false;
    }
    return line <= 0 ? !changed.isEmpty() : changed.get(line);
  }

  /** The number of files with changed lines. */
  public int files() {
    return (int) lines.values().stream().filter(b -> !b.isEmpty()).count();
  }

  /** The number of changed lines in all files. */
  public int lines() {
    return lines.values().stream().mapToInt(BitSet::cardinality).sum();
  }

  /** {@code @@ -a[,b] +c[,d] @@ ...} as {a, b, c, d}; a count left out is 1. */
  private static int[] hunkHeader(String line, int number) {
    int end = line.indexOf(" @@", 3);
    String[] ranges = end < 0 ? new String[0] : line.substring(3, end).split(" ");
    if (ranges.length != 2 || !ranges[0].startsWith("-") || !ranges[1].startsWith("+")) {
      throw new IllegalArgumentException("line " + number + ": not a hunk header: " + line);
    }
    int[] old = range(ranges[0].substring(1), line, number);
    int[] now = range(ranges[1].substring(1), line, number);
    return new int[] {old[0], old[1], now[0], now[1]};
  }

  private static int[] range(String text, String line, int number) {
    try {
      int comma = text.indexOf(',');
      return comma < 0
          ? new int[] {Integer.parseInt(text), 1}
          : new int[] {
            Integer.parseInt(text.substring(0, comma)), Integer.parseInt(text.substring(comma + 1))
          };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("line " + number + ": not a hunk header: " + line, e);
    }
  }

  /**
   * The path of a {@code +++} header: without a timestamp after a tab, unquoted (git quotes a path
   * with unusual characters, C style, its bytes UTF-8), without git's {@code b/} prefix.
   */
  private static String path(String header) {
    String path = header;
    if (path.startsWith("\"")) {
      path = unquote(path);
    } else if (path.indexOf('\t') >= 0) {
      path = path.substring(0, path.indexOf('\t'));
    }
    return path.startsWith("b/") ? path.substring(2) : path;
  }

  private static String unquote(String quoted) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 1; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '"') {
        break;
      }
      if (c != '\\' || i + 1 >= quoted.length()) {
        bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        continue;
      }
      char next = quoted.charAt(++i);
      if (next >= '0' && next <= '7' && i + 2 < quoted.length()) {
        bytes.write(Integer.parseInt(quoted.substring(i, i + 3), 8));
        i += 2;
      } else {
        bytes.write(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'a' -> 7;
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> 11;
              default -> next;
            });
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
