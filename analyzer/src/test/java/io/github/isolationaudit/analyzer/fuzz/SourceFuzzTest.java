package io.github.isolationaudit.analyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.isolationaudit.analyzer.source.SourceIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a test source are searched for markers and acceptances without an exception:
 * what does not parse is a problem entry of the lookup, never a throw, an {@link Error} or a hang.
 *
 * <p>The bytes become {@code <package>/<Class>.java} under a fresh source root; the queries ask for
 * the annotations the text seems to use, on the class, on its nested classes and on its methods.
 * Picking those names with a few patterns is only how the harness chooses what to ask; the reader
 * under test is the JavaParser-based one. Replays {@code SourceFuzzTestInputs/} in every build.
 */
class SourceFuzzTest {
  private static final Pattern PACKAGE = Pattern.compile("package\\s+([A-Za-z_][\\w.]{0,80})\\s*;");
  private static final Pattern TYPE =
      Pattern.compile("(?:class|interface|enum|record)\\s+([A-Za-z_]\\w{0,40})");
  private static final Pattern ANNOTATION = Pattern.compile("@([A-Za-z_]\\w{0,40})");
  private static final Pattern METHOD = Pattern.compile("void\\s+([A-Za-z_]\\w{0,40})\\s*\\(");
  private static final Pattern IMPORT =
      Pattern.compile("import\\s+([A-Za-z_][\\w.]{0,120})\\.([A-Za-z_]\\w{0,40})\\s*;");

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void source(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String pkg = first(PACKAGE, text, "fuzz");
    List<String> types = all(TYPE, text, 4);
    String top = types.isEmpty() ? "Fuzzed" : types.get(0);
    Path root = Files.createTempDirectory("source-fuzz");
    try {
      Path file = root.resolve(pkg.replace('.', '/')).resolve(top + ".java");
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);

      List<String> classes = new ArrayList<>();
      classes.add(pkg + "." + top);
      types.stream().skip(1).forEach(t -> classes.add(pkg + "." + top + "$" + t));
      List<String> members = new ArrayList<>(List.of(""));
      members.addAll(all(METHOD, text, 3));
      List<SourceIndex.Query> queries = new ArrayList<>();
      for (String annotation : annotations(text)) {
        for (String c : classes) {
          for (String m : members) {
            queries.add(new SourceIndex.Query(c, m, annotation));
          }
        }
      }
      SourceIndex index = SourceIndex.open(List.of(root));
      SourceIndex.Lookup lookup = index.locate(queries);
      lookup
          .found()
          .values()
          .forEach(l -> require(l.location().line() > 0, "a found marker has a line"));
      index.acceptances();
    } finally {
      delete(root);
    }
  }

  /** The annotations' binary names, as the text's imports suggest, or as JUnit's parallel ones. */
  private static Set<String> annotations(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String simple : all(ANNOTATION, text, 4)) {
      String qualified = "org.junit.jupiter.api.parallel." + simple;
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        if (m.group(2).equals(simple)) {
          qualified = m.group(1) + "." + simple;
        }
      }
      names.add(qualified);
    }
    return names;
  }

  private static String first(Pattern p, String text, String otherwise) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : otherwise;
  }

  private static List<String> all(Pattern p, String text, int limit) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (found.size() < limit && m.find()) {
      found.add(m.group(1));
    }
    return new ArrayList<>(found);
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
