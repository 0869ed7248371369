package io.github.isolationaudit.analyzer.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} and {@code git diff} write it: {@code --- a/path}
 * and {@code +++ b/path} headers, then hunks with three lines of context, that {@code git apply}
 * and {@code patch -p1} take.
 *
 * <p>Lines are matched by a longest common subsequence over the part between the common prefix and
 * suffix, which for a few added or removed annotations is a few lines. Above 25 million cells the
 * middle part is given as one change: still a correct diff, only a longer one.
 */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;
  private static final long MAX_CELLS = 25_000_000L;

  private UnifiedDiff() {}

  /**
   * The diff from {@code before} to {@code after}, or empty when they are equal.
   *
   * @param path the file's path with {@code /} separators, as the headers name it
   * @param before the old text, or null for a new file
   * @param after the new text
   */
  public static String of(String path, String before, String after) {
    if (after.equals(before)) {
      return "";
    }
    List<String> a = before == null ? List.of() : lines(before);
    List<String> b = lines(after);
    List<Op> ops = ops(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
    out.append("+++ b/").append(path).append('\n');
    int i = 0;
    while (i < ops.size()) {
      // Find the next change, then extend the hunk while changes are within 2 * CONTEXT.
      while (i < ops.size() && ops.get(i).kind == ' ') {
        i++;
      }
      if (i == ops.size()) {
        break;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int oldStart = 0;
      int newStart = 0;
      for (int k = 0; k < start; k++) {
        if (ops.get(k).kind != '+') {
          oldStart++;
        }
        if (ops.get(k).kind != '-') {
          newStart++;
        }
      }
      int oldCount = 0;
      int newCount = 0;
      for (int k = start; k < end; k++) {
        if (ops.get(k).kind != '+') {
          oldCount++;
        }
        if (ops.get(k).kind != '-') {
          newCount++;
        }
      }
      out.append("@@ -")
          .append(range(oldStart, oldCount))
          .append(" +")
          .append(range(newStart, newCount))
          .append(" @@\n");
      for (int k = start; k < end; k++) {
        Op op = ops.get(k);
        String line = op.line;
        boolean noNewline = !line.endsWith("\n") && !line.endsWith("\r");
        out.append(op.kind).append(line);
        if (noNewline) {
          out.append("\n\\ No newline at end of file\n");
        }
      }
      i = end;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    // diff numbers lines from 1; an empty range names the line before it.
    int first = count == 0 ? start : start + 1;
    return count == 1 ? Integer.toString(first) : first + "," + count;
  }

  private record Op(char kind, String line) {}

  /** The lines of a text, each with its line break. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  private static List<Op> ops(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      ops.add(new Op(' ', a.get(k)));
    }
    List<String> ma = a.subList(prefix, a.size() - suffix);
    List<String> mb = b.subList(prefix, b.size() - suffix);
    int n = ma.size();
    int m = mb.size();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      ma.forEach(l -> ops.add(new Op('-', l)));
      mb.forEach(l -> ops.add(new Op('+', l)));
    } else {
      int[][] lcs = new int[n + 1][m + 1];
      for (int x = n - 1; x >= 0; x--) {
        for (int y = m - 1; y >= 0; y--) {
          lcs[x][y] =
              ma.get(x).equals(mb.get(y))
                  ? lcs[x + 1][y + 1] + 1
                  : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
        }
      }
      int x = 0;
      int y = 0;
      while (x < n || y < m) {
        if (x < n && y < m && ma.get(x).equals(mb.get(y))) {
          ops.add(new Op(' ', ma.get(x++)));
          y++;
        } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
          ops.add(new Op('-', ma.get(x++)));
        } else {
          ops.add(new Op('+', mb.get(y++)));
        }
      }
    }
    for (int k = a.size() - suffix; k < a.size(); k++) {
      ops.add(new Op(' ', a.get(k)));
    }
    return ops;
  }
}
