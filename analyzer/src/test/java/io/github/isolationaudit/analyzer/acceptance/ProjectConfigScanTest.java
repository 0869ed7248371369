package io.github.isolationaudit.analyzer.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.rules.CatalogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans the {@code config} fixture family with and without a project configuration: serial tags and
 * markers from the file change verdicts, and findings are accepted by the file and next to the
 * code.
 */
class ProjectConfigScanTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.config";
  private static final Path ROOT =
      Path.of(System.getProperty("fixtures.classes")).toAbsolutePath().normalize();
  private static final Path FAMILY = ROOT.resolve(PACKAGE.replace('.', '/'));

  private static final String CONFIG =
      """
      serialTags: [nightly-serial]
      markers:
        - annotation: io.github.isolationaudit.fixtures.config.AcmeSerial
          effect: ISOLATES
      accept:
        - resource: SYSTEM_PROPERTY
          key: config.accepted
          tests: ["io.github.isolationaudit.fixtures.config.ConfigAccepted*"]
          reason: the banner flag changes nothing the tests assert
        - resource: SYSTEM_PROPERTY
          key: config.gone
          reason: a race that was fixed long ago
      """;

  private static ScanResult scan(Path config) {
    // The fixtures' sources lie beside their class files; only the family's classes are scanned.
    ScanOptions options =
        new ScanOptions(
            List.of(FAMILY),
            List.of(),
            List.of(),
            ScanOptions.Progress.SILENT,
            true,
            List.of(ROOT));
    return IsolationAudit.scan(config == null ? options : options.withConfig(config));
  }

  private static Path config(Path dir, String text) throws IOException {
    return Files.writeString(dir.resolve(".isolation-audit.yaml"), text);
  }

  private static Finding finding(ScanResult result, String key) {
    return result.findings().stream()
        .filter(f -> f.key().value().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding on " + key + ": " + result.findings()));
  }

  private static Stream<MarkerVerdict> markersOn(ScanResult result, String simpleClass) {
    return result.markers().stream()
        .filter(v -> v.marker().className().equals(PACKAGE + "." + simpleClass));
  }

  @Test
  void withoutConfigurationTheProjectTagAndAnnotationMeanNothing() {
    ScanResult result = scan(null);
    assertThat(finding(result, "config.tagged").kind()).isEqualTo(Finding.Kind.UNPROTECTED);
    assertThat(finding(result, "config.custom").kind()).isEqualTo(Finding.Kind.UNPROTECTED);
    assertThat(markersOn(result, "NightlyTaggedWriterTestCase")).isEmpty();
    assertThat(markersOn(result, "CustomMarkerWriterTestCase")).isEmpty();
    assertThat(finding(result, "config.accepted").accepted()).isFalse();
  }

  @Test
  void aSerialTagFromTheConfigurationMakesTheTagAMarker(@TempDir Path dir) throws IOException {
    ScanResult result = scan(config(dir, CONFIG));
    assertThat(markersOn(result, "NightlyTaggedWriterTestCase"))
        .singleElement()
        .satisfies(v -> assertThat(v.marker().tag()).isEqualTo("nightly-serial"));
    // Judged now: the tag is a marker that sits on the conflict (no build here runs it apart).
    Finding tagged = finding(result, "config.tagged");
    assertThat(tagged.kind()).isEqualTo(Finding.Kind.INSUFFICIENT);
    assertThat(tagged.marker().annotation()).isEqualTo("org.junit.jupiter.api.Tag");
  }

  @Test
  void aCustomMarkerFromTheConfigurationIsolates(@TempDir Path dir) throws IOException {
    ScanResult result = scan(config(dir, CONFIG));
    assertThat(markersOn(result, "CustomMarkerWriterTestCase"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.marker().annotation()).isEqualTo(PACKAGE + ".AcmeSerial");
              assertThat(v.marker().family()).isEqualTo("project");
              assertThat(v.verdict()).isEqualTo(Verdict.REQUIRED);
            });
    assertThat(result.findings()).noneMatch(f -> f.key().value().equals("config.custom"));
  }

  @Test
  void anAcceptEntryAcceptsItsFindingAndSaysWhere(@TempDir Path dir) throws IOException {
    Path file = config(dir, CONFIG);
    Finding accepted = finding(scan(file), "config.accepted");
    assertThat(accepted.accepted()).isTrue();
    assertThat(accepted.acceptance().reason())
        .isEqualTo("the banner flag changes nothing the tests assert");
    assertThat(accepted.acceptance().acceptedBy()).isEqualTo(file + ":6");
  }

  @Test
  void anAcceptEntryThatMatchesNothingIsReportedAsStale(@TempDir Path dir) throws IOException {
    Path file = config(dir, CONFIG);
    assertThat(scan(file).problems())
        .filteredOn(
            p -> p.kind() == Problem.Kind.STALE_ACCEPTANCE && p.path().equals(file.toString()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .startsWith("10: accepts no finding")
                    .contains("config.gone"));
  }

  @Test
  void commentsNextToTheCodeAcceptWhenTheyCoverEveryTest() {
    ScanResult result = scan(null);
    Finding comment = finding(result, "config.comment");
    assertThat(comment.accepted()).isTrue();
    // The first test in order is the reader, accepted on its method.
    assertThat(comment.acceptance().reason()).isEqualTo("the value is only logged");
    assertThat(comment.acceptance().acceptedBy())
        .isEqualTo("io/github/isolationaudit/fixtures/config/CommentAcceptedTestCase.java:16");
  }

  @Test
  void suppressWarningsWithAReasonAcceptsTheClass() {
    Finding suppressed = finding(scan(null), "config.suppressed");
    assertThat(suppressed.accepted()).isTrue();
    assertThat(suppressed.acceptance().reason())
        .isEqualTo("both tests write the same encoding; the build sets it before any test runs");
  }

  @Test
  void aCommentThatCoversOnlyPartOfAFindingAcceptsNothingAndSaysWhy() {
    ScanResult result = scan(null);
    assertThat(finding(result, "config.partly").accepted()).isFalse();
    assertThat(result.problems())
        .filteredOn(p -> p.kind() == Problem.Kind.STALE_ACCEPTANCE)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path())
                  .isEqualTo(
                      "io/github/isolationaudit/fixtures/config/PartlyAcceptedTestCase.java");
              assertThat(p.message())
                  .contains("accepts no finding (dark is the default)")
                  .contains("also names " + PACKAGE + ".UnacceptedReaderTestCase#readsTheme");
            });
  }

  @Test
  void aBrokenConfigurationStopsTheScanWithItsPlace(@TempDir Path dir) throws IOException {
    Path file = config(dir, "accept:\n  - resource: FILE\n    key: x\n");
    assertThatThrownBy(() -> scan(file))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith(file + ":2:5: ")
        .hasMessageContaining("reason");
  }

  @Test
  void theConfigurationBesideAProjectIsFoundWithoutBeingNamed(@TempDir Path dir)
      throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path classes =
        Files.createDirectories(
            project.resolve("target/test-classes").resolve(PACKAGE.replace('.', '/')));
    try (Stream<Path> files = Files.list(FAMILY)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Files.copy(f, classes.resolve(f.getFileName()));
      }
    }
    config(project, CONFIG);
    ScanResult result =
        IsolationAudit.scan(
            new ScanOptions(
                List.of(project.resolve("target")),
                List.of(),
                List.of(),
                ScanOptions.Progress.SILENT,
                true,
                List.of()));
    assertThat(finding(result, "config.accepted").accepted()).isTrue();
    assertThat(markersOn(result, "CustomMarkerWriterTestCase")).isNotEmpty();
    // No sources beside these class files: what is accepted in the code cannot be seen.
    assertThat(finding(result, "config.comment").accepted()).isFalse();
  }
}
