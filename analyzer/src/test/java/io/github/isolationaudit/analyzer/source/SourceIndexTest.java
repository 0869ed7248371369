package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.source.SourceIndex.Located;
import io.github.isolationaudit.analyzer.source.SourceIndex.Lookup;
import io.github.isolationaudit.analyzer.source.SourceIndex.Query;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.SourceLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceIndexTest {

  private static final String PARALLEL = "org.junit.jupiter.api.parallel.";
  private static final String ISOLATED = PARALLEL + "Isolated";
  private static final String RESOURCE_LOCK = PARALLEL + "ResourceLock";
  private static final String RESOURCE_LOCKS = PARALLEL + "ResourceLocks";
  private static final String EXECUTION = PARALLEL + "Execution";
  private static final String MARKED = "com.example.MarkedTest";
  private static final String MARKED_FILE = "com/example/MarkedTest.java";

  private static final Path TREE = tree();

  private static Path tree() {
    try {
      return Path.of(SourceIndexTest.class.getResource("/source/tree").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The line of the only line holding {@code text}, so that editing the resource moves nothing. */
  private static int lineOf(String file, String text) throws IOException {
    List<String> lines = Files.readAllLines(TREE.resolve(file));
    int found = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        assertThat(found).as("'%s' once in %s", text, file).isZero();
        found = i + 1;
      }
    }
    assertThat(found).as("'%s' in %s", text, file).isPositive();
    return found;
  }

  private static Located locateOne(Query query) {
    Lookup lookup = SourceIndex.open(List.of(TREE)).locate(List.of(query));
    assertThat(lookup.problems()).isEmpty();
    return lookup.found().get(query);
  }

  @Test
  void classMarkerCarriesTheCommentAboveIt() throws IOException {
    Located found = locateOne(new Query(MARKED, "", ISOLATED));

    assertThat(found.location())
        .isEqualTo(new SourceLocation(MARKED_FILE, lineOf(MARKED_FILE, "class MarkedTest") - 2));
    assertThat(found.statedReason()).isEqualTo("flaky, see JIRA-123");
  }

  @Test
  void tagValuesAreNoReasonButTheHeadingCommentIs() throws IOException {
    Located found = locateOne(new Query(MARKED, "", "org.junit.jupiter.api.Tag"));

    assertThat(found.location().line()).isEqualTo(lineOf(MARKED_FILE, "class MarkedTest") - 1);
    assertThat(found.statedReason()).isEqualTo("flaky, see JIRA-123").doesNotContain("serial");
  }

  @Test
  void trailingCommentKeepsTheLink() throws IOException {
    Located found = locateOne(new Query(MARKED, "bindsPort", RESOURCE_LOCK));

    assertThat(found.location().line()).isEqualTo(lineOf(MARKED_FILE, "port-8080"));
    assertThat(found.statedReason())
        .isEqualTo("binds 8080, see https://example.com/issues/7")
        .doesNotContain("port-8080")
        .doesNotContain("not a reason");
  }

  @Test
  void blockCommentAboveTheDeclarationCountsForAMarkerBelowTest() throws IOException {
    Located found = locateOne(new Query(MARKED, "sameThread", EXECUTION));

    assertThat(found.location().line()).isEqualTo(lineOf(MARKED_FILE, "void sameThread") - 1);
    assertThat(found.statedReason()).isEqualTo("TODO: remove once #456 is fixed");
  }

  @Test
  void overloadsYieldTheOneCarryingTheAnnotationAndItsReasonElement() throws IOException {
    Located found = locateOne(new Query(MARKED, "overloaded", ISOLATED));

    assertThat(found.location().line()).isEqualTo(lineOf(MARKED_FILE, "temporary: shares"));
    assertThat(found.statedReason()).isEqualTo("temporary: shares the H2 database");
  }

  @Test
  void disabledTextIsTheReasonOfDisabledOnly() throws IOException {
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(MARKED, "disabled", "org.junit.jupiter.api.Disabled"),
                    new Query(MARKED, "disabled", ISOLATED)));

    assertThat(lookup.found().get(new Query(MARKED, "disabled", "org.junit.jupiter.api.Disabled")))
        .isEqualTo(
            new Located(
                new SourceLocation(MARKED_FILE, lineOf(MARKED_FILE, "@Disabled(\"flaky\")")),
                "flaky"));
    assertThat(lookup.found().get(new Query(MARKED, "disabled", ISOLATED)).statedReason())
        .isEmpty();
  }

  @Test
  void repeatableContainerWrittenOutIsSearchedBothWays() throws IOException {
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(MARKED, "container", RESOURCE_LOCK),
                    new Query(MARKED, "container", RESOURCE_LOCKS)));

    Located inner = lookup.found().get(new Query(MARKED, "container", RESOURCE_LOCK));
    assertThat(inner.location().line()).isEqualTo(lineOf(MARKED_FILE, "@ResourceLock(\"a\")"));
    assertThat(inner.statedReason()).isEqualTo("FIXME shared scratch file");
    Located container = lookup.found().get(new Query(MARKED, "container", RESOURCE_LOCKS));
    assertThat(container.location().line()).isEqualTo(lineOf(MARKED_FILE, "@ResourceLocks({"));
  }

  @Test
  void repeatedAnnotationsAnswerAQueryForTheirContainer() throws IOException {
    Located found = locateOne(new Query(MARKED, "repeated", RESOURCE_LOCKS));

    assertThat(found.location().line()).isEqualTo(lineOf(MARKED_FILE, "@ResourceLock(\"x\")"));
  }

  @Test
  void fixtureLabelsAreNoReason() {
    assertThat(locateOne(new Query(MARKED, "labelled", ISOLATED)).statedReason()).isEmpty();
  }

  @Test
  void javadocOfTheMemberIsAReason() {
    assertThat(locateOne(new Query(MARKED, "documented", EXECUTION)).statedReason())
        .isEqualTo("Writes the default Locale.");
  }

  @Test
  void blankLinesDoNotSeparateAReasonFromItsMarker() {
    assertThat(locateOne(new Query(MARKED, "separatedByBlankLine", ISOLATED)).statedReason())
        .isEqualTo("uses port 8080");
  }

  @Test
  void absentAnnotationsAndCommentedOutOnesAreNotFound() {
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(MARKED, "tagOnly", ISOLATED),
                    new Query(MARKED, "noMarker", ISOLATED),
                    new Query(MARKED, "noSuchMethod", ISOLATED),
                    new Query("com.example.NoSuchTest", "", ISOLATED)));

    assertThat(lookup.found()).isEmpty();
    assertThat(lookup.problems()).isEmpty();
  }

  @Test
  void nestedClassesByDollarPath() throws IOException {
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(MARKED + "$Inner", "", ISOLATED),
                    new Query(MARKED + "$Inner$Deeper", "fqn", ISOLATED)));

    Located inner = lookup.found().get(new Query(MARKED + "$Inner", "", ISOLATED));
    assertThat(inner.location().line()).isEqualTo(lineOf(MARKED_FILE, "class Inner") - 1);
    assertThat(inner.statedReason()).isEqualTo("shares the static counter");
    Located fqn = lookup.found().get(new Query(MARKED + "$Inner$Deeper", "fqn", ISOLATED));
    assertThat(fqn.location().line())
        .isEqualTo(lineOf(MARKED_FILE, "@org.junit.jupiter.api.parallel.Isolated"));
    assertThat(fqn.statedReason()).isEqualTo("spawns a server");
  }

  @Test
  void singleImportsSamePackageAndLookAlikes() throws IOException {
    String singles = "com.example.other.SinglesTest";
    String file = "com/example/other/SinglesTest.java";
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(singles, "singleImport", EXECUTION),
                    new Query(singles, "samePackage", "com.example.other.Serial"),
                    new Query(singles, "lookAlike", ISOLATED),
                    new Query(singles, "lookAlike", "com.acme.Isolated")));

    assertThat(lookup.found())
        .containsOnlyKeys(
            new Query(singles, "singleImport", EXECUTION),
            new Query(singles, "samePackage", "com.example.other.Serial"),
            new Query(singles, "lookAlike", "com.acme.Isolated"));
    assertThat(lookup.found().get(new Query(singles, "singleImport", EXECUTION)))
        .isEqualTo(
            new Located(new SourceLocation(file, lineOf(file, "@Execution")), "shared builder"));
  }

  @Test
  void modernSyntaxParsesAndTextBlocksAreReasons() {
    String modern = "com.example.other.ModernTest";
    Lookup lookup =
        SourceIndex.open(List.of(TREE))
            .locate(
                List.of(
                    new Query(modern, "textBlock", ISOLATED),
                    new Query(modern + "$Point", "m", ISOLATED)));

    assertThat(lookup.problems()).isEmpty();
    assertThat(lookup.found().get(new Query(modern, "textBlock", ISOLATED)).statedReason())
        .isEqualTo("uses port 8080 while the server is up");
    assertThat(lookup.found().get(new Query(modern + "$Point", "m", ISOLATED)).statedReason())
        .isEqualTo("a record member");
  }

  @Test
  void unparsableSourceIsAProblemAndTheRestIsStillLocated() {
    Query broken = new Query("com.example.broken.BrokenTest", "", ISOLATED);
    Query good = new Query(MARKED, "", ISOLATED);

    Lookup lookup = SourceIndex.open(List.of(TREE)).locate(List.of(broken, good));

    assertThat(lookup.found()).containsOnlyKeys(good);
    assertThat(lookup.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNPARSABLE_SOURCE);
              assertThat(p.path().replace('\\', '/'))
                  .endsWith("source/tree/com/example/broken/BrokenTest.java");
              assertThat(p.message()).matches("7:\\d+: .+");
            });
  }

  @Test
  void sourcesInsideAJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("x-1.0-test-sources.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(TREE)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(TREE.relativize(f).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    Query nested = new Query(MARKED + "$Inner$Deeper", "fqn", ISOLATED);
    Query broken = new Query("com.example.broken.BrokenTest", "", ISOLATED);

    Lookup lookup = SourceIndex.open(List.of(jar)).locate(List.of(nested, broken));

    assertThat(lookup.found().get(nested))
        .isEqualTo(
            new Located(
                new SourceLocation(
                    MARKED_FILE, lineOf(MARKED_FILE, "@org.junit.jupiter.api.parallel.Isolated")),
                "spawns a server"));
    assertThat(lookup.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.path()).isEqualTo(jar + "!/com/example/broken/BrokenTest.java"));
  }

  @Test
  void aJarThatIsNoZipIsAProblemAndOtherRootsStillAnswer(@TempDir Path dir) throws IOException {
    Path bogus = Files.writeString(dir.resolve("x-test-sources.jar"), "not a zip");
    Query query = new Query(MARKED, "", ISOLATED);

    Lookup lookup = SourceIndex.open(List.of(bogus, TREE)).locate(List.of(query));

    assertThat(lookup.found()).containsOnlyKeys(query);
    assertThat(lookup.problems())
        .extracting(Problem::kind, Problem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Problem.Kind.NOT_A_JAR, bogus.toString()));
  }

  @Test
  void earlierRootsWin(@TempDir Path dir) throws IOException {
    Path override = dir.resolve("com/example");
    Files.createDirectories(override);
    Files.writeString(
        override.resolve("MarkedTest.java"),
        "package com.example;\n\n\n@org.junit.jupiter.api.parallel.Isolated // mine\nclass"
            + " MarkedTest {}\n");

    Located found =
        SourceIndex.open(List.of(dir, TREE))
            .locate(List.of(new Query(MARKED, "", ISOLATED)))
            .found()
            .get(new Query(MARKED, "", ISOLATED));

    assertThat(found).isEqualTo(new Located(new SourceLocation(MARKED_FILE, 4), "mine"));
  }

  @Test
  void noQueriesTouchNothing(@TempDir Path dir) throws IOException {
    Path bogus = Files.writeString(dir.resolve("x-sources.jar"), "not a zip");

    assertThat(SourceIndex.open(List.of(bogus)).locate(List.of()))
        .isEqualTo(new Lookup(java.util.Map.of(), List.of()));
  }
}
