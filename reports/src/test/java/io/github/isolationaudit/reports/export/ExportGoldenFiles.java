package io.github.isolationaudit.reports.export;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares exported files with the expected ones under {@code src/test/resources/export/golden}.
 * With {@code -Dgolden.update=true} missing, outdated or extra files are fixed and the test still
 * fails, so that someone reviews them before committing.
 */
final class ExportGoldenFiles {

  static final String WHERE = "src/test/resources/export/golden";

  private static final Path DIRECTORY = Path.of(System.getProperty("basedir", "")).resolve(WHERE);

  private ExportGoldenFiles() {}

  /** Checks that the directory {@code name} holds exactly these files with this content. */
  static void assertMatches(String name, Map<String, String> actual) {
    Path dir = DIRECTORY.resolve(name);
    SortedMap<String, String> expected = read(dir);
    if (expected.equals(new TreeMap<>(actual))) {
      return;
    }
    StringBuilder differences = new StringBuilder();
    for (String file : union(expected, actual)) {
      String want = expected.get(file);
      String got = actual.get(file);
      if (want == null) {
        differences.append("unexpected file ").append(file).append('\n');
      } else if (got == null) {
        differences.append("missing file ").append(file).append('\n');
      } else if (!want.equals(got)) {
        differences.append("differs: ").append(file).append("\n--- expected\n").append(want);
        differences.append("+++ actual\n").append(got);
      }
    }
    if (Boolean.getBoolean("golden.update")) {
      write(dir, expected, actual);
      fail(
          "Updated golden files in "
              + WHERE
              + "/"
              + name
              + "; review and commit them.\n"
              + differences);
    }
    fail(
        "Exported files differ from "
            + WHERE
            + "/"
            + name
            + " (run with -Dgolden.update=true to accept):\n"
            + differences);
  }

  private static Iterable<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> all = new TreeMap<>(a);
    all.putAll(b);
    return all.keySet();
  }

  private static SortedMap<String, String> read(Path dir) {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static void write(Path dir, Map<String, String> expected, Map<String, String> actual) {
    try {
      for (String stale : expected.keySet()) {
        if (!actual.containsKey(stale)) {
          Files.delete(dir.resolve(stale));
        }
      }
      for (Map.Entry<String, String> file : actual.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
