package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code advice} fixtures and matches the edits of their findings against the {@code //
 * EDIT:} labels, both ways: each label names the action (and for an added annotation its text) of
 * an edit on the line after the label, in that file; every edit of the family has its label.
 */
class EditLabelsTest {
  private static final String PACKAGE_PATH = "io/github/isolationaudit/fixtures/advice";
  private static final Pattern LABEL = Pattern.compile("^\\s*//\\s*EDIT:\\s*(\\w+)\\s*(.*)$");

  private static final class Scan {
    static final Path ROOT = root();
    // The fixtures' sources sit next to their classes: the root is their source root too.
    static final ScanResult RESULT =
        IsolationAudit.scan(
            new ScanOptions(
                List.of(ROOT.resolve(PACKAGE_PATH)),
                List.of(),
                List.of(),
                ScanOptions.Progress.SILENT,
                true,
                List.of(ROOT)));
    static final ScanResult WITHOUT_SOURCES =
        IsolationAudit.scan(ScanOptions.of(ROOT.resolve(PACKAGE_PATH)).withAllReads());
  }

  @Test
  void editsOfTheFindingsMatchTheLabels() {
    TreeSet<String> expected = new TreeSet<>(labels());
    TreeSet<String> found = new TreeSet<>();
    for (Finding f : Scan.RESULT.findings()) {
      for (Edit e : f.edits()) {
        if (e.className().startsWith("io.github.isolationaudit.fixtures.advice.")) {
          String file = e.file().substring(e.file().lastIndexOf('/') + 1);
          found.add(
              file
                  + ":"
                  + e.line()
                  + " "
                  + e.action().name().replace("_ANNOTATION", "")
                  + (e.action() == Edit.Action.ADD_ANNOTATION ? " " + e.text() : ""));
        }
      }
    }
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(found);
    TreeSet<String> unexpected = new TreeSet<>(found);
    unexpected.removeAll(expected);
    assertThat(missing).as("MISSING edits (labels with no edit); found %s", found).isEmpty();
    assertThat(unexpected).as("UNEXPECTED edits (no label)").isEmpty();
  }

  @Test
  void theOneWriterIsIsolatedRatherThanEveryReaderLocked() {
    Finding flag =
        Scan.RESULT.findings().stream()
            .filter(f -> f.key().value().endsWith("advice.Flag.on"))
            .findFirst()
            .orElseThrow();
    assertThat(flag.writers())
        .extracting(t -> t.className().substring(t.className().lastIndexOf('.') + 1))
        .containsExactly("FlagWriterTestCase");
    assertThat(flag.readers()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(flag.recommendation()).startsWith("@Isolated on the writers (1 edit;");
    Edit isolate = flag.edits().get(0);
    assertThat(isolate.imports()).containsExactly("org.junit.jupiter.api.parallel.Isolated");
    assertThat(isolate.onClass()).isTrue();
  }

  @Test
  void editsOnTheSourcesNameTheFileAndTheDeclarationLine() {
    for (Finding f : Scan.RESULT.findings()) {
      for (Edit e : f.edits()) {
        assertThat(e.file()).as("%s", e).endsWith(".java");
        assertThat(e.line()).as("%s", e).isPositive();
      }
    }
  }

  @Test
  void withoutSourcesAMethodEditTakesTheBodysFirstLineAndAClassEditNoPlace() {
    List<Edit> edits =
        Scan.WITHOUT_SOURCES.findings().stream().flatMap(f -> f.edits().stream()).toList();
    assertThat(edits).isNotEmpty();
    for (Edit e : edits) {
      assertThat(e.file()).as("%s", e).isEmpty();
      if (e.onClass()) {
        assertThat(e.line()).as("%s", e).isZero();
      }
    }
    // countsOne's body starts on the line after its declaration's label and declaration, with the
    // label comments between: the first line with code, as the class file has it.
    assertThat(edits)
        .filteredOn(e -> e.methodName().equals("countsOne"))
        .singleElement()
        .satisfies(e -> assertThat(e.line()).isEqualTo(lineOf("Counter.count = 1;")));
  }

  /** The 1-based line of the first line of CounterWritersTestCase that contains the text. */
  private static int lineOf(String text) {
    try {
      List<String> lines =
          Files.readAllLines(
              Scan.ROOT.resolve(PACKAGE_PATH).resolve("CounterWritersTestCase.java"),
              StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no line with " + text);
  }

  /** {@code File.java:line ACTION text} for each label: the edit sits on the line after it. */
  private static List<String> labels() {
    List<String> labels = new ArrayList<>();
    try (Stream<Path> files = Files.list(Scan.ROOT.resolve(PACKAGE_PATH))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = LABEL.matcher(lines.get(i));
          if (m.matches()) {
            String text = m.group(2).strip();
            labels.add(
                file.getFileName()
                    + ":"
                    + (i + 2)
                    + " "
                    + m.group(1)
                    + (text.isEmpty() ? "" : " " + text));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return labels;
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
