package io.github.isolationaudit.reports;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares rendered reports with the expected files under {@code src/test/resources/.../golden}.
 * With {@code -Dgolden.update=true} a missing or outdated file is written, and the test still fails
 * so that someone reviews the new file before committing it.
 */
final class GoldenFiles {

  static final Path DIRECTORY =
      Path.of(System.getProperty("basedir", ""))
          .resolve("src/test/resources/io/github/isolationaudit/reports/golden");

  private static final int MAX_DIFF_LINES = 60;

  private GoldenFiles() {}

  static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  static void assertMatches(String fileName, String actual) {
    Path file = DIRECTORY.resolve(fileName);
    String expected = read(file);
    if (actual.equals(expected)) {
      return;
    }
    String where = "src/test/resources/io/github/isolationaudit/reports/golden/" + fileName;
    if (updating()) {
      write(file, actual);
      fail(
          (expected == null ? "Wrote missing" : "Updated")
              + " golden file "
              + where
              + "; review it by eye, commit it, and run the tests again without -Dgolden.update.");
    }
    if (expected == null) {
      fail("Missing golden file " + where + "; run with -Dgolden.update=true to write it.");
    }
    fail(
        "Rendered report differs from golden file "
            + where
            + " (- expected, + actual); run with -Dgolden.update=true to accept the change.\n"
            + diff(expected, actual));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line diff from the longest common subsequence: enough for files of a few hundred lines. */
  static String diff(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    int changes = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        i++;
        j++;
      } else if (j < b.length && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
        changes++;
        if (out.size() < MAX_DIFF_LINES) {
          out.add(String.format("+%4d: %s", j + 1, visible(b[j])));
        }
        j++;
      } else {
        changes++;
        if (out.size() < MAX_DIFF_LINES) {
          out.add(String.format("-%4d: %s", i + 1, visible(a[i])));
        }
        i++;
      }
    }
    if (changes > out.size()) {
      out.add("... and " + (changes - out.size()) + " more changed lines");
    }
    return String.join("\n", out);
  }

  private static String visible(String line) {
    // Trailing blanks and carriage returns are the usual invisible differences; show them.
    return line.replace("\r", "\\r").replaceAll("([ \t]+)$", "$1<EOL>");
  }
}
