package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The edits of marker verdicts, read against the fixtures' sources. */
class MarkerEditsTest {
  private static final String MARKERS = "io/github/isolationaudit/fixtures/markers";

  @Test
  void aFixableMarkerIsFixedAtEachWriteAndThenRemovedAtItsLine() throws IOException {
    Path root = root();
    ScanResult result =
        IsolationAudit.scan(
            new ScanOptions(
                List.of(root.resolve(MARKERS + "/fixable")),
                List.of(),
                List.of(),
                ScanOptions.Progress.SILENT,
                true,
                List.of(root)));
    List<MarkerVerdict> fixable =
        result.markers().stream().filter(v -> v.verdict() == Verdict.FIXABLE).toList();
    assertThat(fixable).isNotEmpty();
    for (MarkerVerdict v : fixable) {
      List<Edit> edits = v.edits();
      assertThat(edits).as("%s", v.marker()).hasSizeGreaterThanOrEqualTo(2);
      // Fixes first, each at a line that touches the resource; the removal last, at the marker.
      for (Edit fix : edits.subList(0, edits.size() - 1)) {
        assertThat(fix.action()).isEqualTo(Edit.Action.MANUAL);
        assertThat(fix.line()).isPositive();
        assertThat(lineOf(root, fix)).as("%s", fix).doesNotStartWith("//").isNotBlank();
      }
      Edit removal = edits.get(edits.size() - 1);
      assertThat(removal.action()).isEqualTo(Edit.Action.REMOVE_ANNOTATION);
      assertThat(removal.line()).isEqualTo(v.marker().location().line());
      assertThat(lineOf(root, removal)).startsWith(removal.text());
    }
  }

  private static String lineOf(Path root, Edit e) throws IOException {
    Path file = root.resolve(e.file().substring(e.file().indexOf("io/github/")));
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(e.line() - 1).strip();
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
