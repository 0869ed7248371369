package io.github.isolationaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {

  private static Path write(Path dir, String text) throws IOException {
    return Files.writeString(dir.resolve(ProjectConfig.FILE_NAME), text);
  }

  private static CatalogException mistake(Path dir, String text) throws IOException {
    Path file = write(dir, text);
    try {
      ProjectConfig.load(file, "cfg.yaml").catalog(List.of());
    } catch (CatalogException e) {
      return e;
    }
    throw new AssertionError("no mistake found in:\n" + text);
  }

  @Test
  void aGoodFileGivesTagsMarkersCatalogsAndAcceptances(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("acme-sinks.yaml"),
        """
        sinks:
          - id: acme.cache-reset
            summary: Resets the Acme cache.
            remedy: Lock acme.cache.
            resource: CUSTOM
            customKind: ACME_CACHE
            mode: WRITE
            key: {constant: acme.cache}
            methods: [com.acme.Cache#reset()]
        """);
    Path file =
        write(
            dir,
            """
            serialTags: [db, nightly-serial]
            markers:
              - annotation: com.acme.testing.SerialTest
                effect: ISOLATES
              - annotation: com.acme.testing.UsesCache
                effect: LOCKS
                locks: [{key: acme.cache, mode: READ_WRITE}]
            rules: [acme-sinks.yaml]
            accept:
              - resource: SYSTEM_PROPERTY
                key: user.*
                tests: ["com.acme.FooTest#*", com.acme.BarTest]
                reason: set once by the build
              - resource: ACME_CACHE
                reason: the cache is read-only in tests
            """);
    ProjectConfig config = ProjectConfig.load(file, "cfg.yaml");
    Catalog catalog = config.catalog(List.of());

    assertThat(catalog.serialTags()).contains("db", "nightly-serial", "serial");
    MarkerRule serial = catalog.markersFor("com/acme/testing/SerialTest").get(0);
    assertThat(serial.effect()).isEqualTo(MarkerEffect.ISOLATES);
    assertThat(serial.family()).isEqualTo("project");
    MarkerRule cache = catalog.markersFor("com/acme/testing/UsesCache").get(0);
    assertThat(cache.locks())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.key()).isEqualTo("acme.cache");
              assertThat(l.mode()).isEqualTo(LockMode.READ_WRITE);
            });
    assertThat(catalog.ids()).contains("acme.cache-reset");

    assertThat(config.accepts()).hasSize(2);
    ProjectConfig.Accept first = config.accepts().get(0);
    assertThat(first.acceptedBy()).isEqualTo("cfg.yaml:10");
    assertThat(first.covers("SYSTEM_PROPERTY", "user.timezone")).isTrue();
    assertThat(first.covers("SYSTEM_PROPERTY", "java.home")).isFalse();
    assertThat(first.covers(new TestId("com.acme.FooTest", "a", "()V", "com.acme.FooTest")))
        .isTrue();
    assertThat(first.covers(new TestId("com.acme.BarTest", "b", "()V", "com.acme.BarTest")))
        .isTrue();
    assertThat(first.covers(new TestId("com.acme.BazTest", "c", "()V", "com.acme.BazTest")))
        .isFalse();
    ProjectConfig.Accept second = config.accepts().get(1);
    assertThat(second.acceptedBy()).isEqualTo("cfg.yaml:14");
    assertThat(second.covers("ACME_CACHE", "anything")).isTrue();
  }

  @Test
  void replacingTheDefaultSerialTagsKeepsOnlyTheConfiguredOnes(@TempDir Path dir)
      throws IOException {
    Path file = write(dir, "serialTags: [db]\nreplaceDefaultSerialTags: true\n");
    assertThat(ProjectConfig.load(file, "cfg.yaml").catalog(List.of()).serialTags())
        .containsExactly("db");
  }

  @Test
  void severitiesAreReadInFileOrderAndAMistakeInOneIsPlacedAtItsEntry(@TempDir Path dir)
      throws IOException {
    // "off" unquoted is YAML 1.1's false; it must still read as the level "off".
    Path file =
        write(
            dir,
            "serialTags: [db]\nseverity:\n  marker-defensive: off\n  insufficient-marker: warning\n");
    ProjectConfig config = ProjectConfig.load(file, "cfg.yaml");

    assertThat(config.severities())
        .containsExactly(
            new ProjectConfig.Severity("marker-defensive", "off"),
            new ProjectConfig.Severity("insufficient-marker", "warning"));
    CatalogException e = config.mistake(config.severities().get(1), "unknown rule");
    assertThat(e.getMessage()).isEqualTo("cfg.yaml:4:3: unknown rule");
  }

  @Test
  void aSeverityWithoutALevelOrOfTheWrongShapeIsAMistake(@TempDir Path dir) throws IOException {
    assertThat(mistake(dir, "severity:\n  marker-defensive:\n").getMessage())
        .contains("marker-defensive needs a level");
    assertThat(mistake(dir, "severity: [marker-defensive]\n").getMessage())
        .startsWith("cfg.yaml:1:");
  }

  @Test
  void anEmptyFileChangesNothing(@TempDir Path dir) throws IOException {
    Path file = write(dir, "# nothing yet\n");
    ProjectConfig config = ProjectConfig.load(file, "cfg.yaml");
    assertThat(config.accepts()).isEmpty();
    assertThat(config.catalog(List.of()).serialTags()).isEqualTo(Catalog.builtIn().serialTags());
  }

  @Test
  void anUnknownKeyIsAMistakeAtItsLineAndColumn(@TempDir Path dir) throws IOException {
    CatalogException e = mistake(dir, "serialTags: [db]\naccepted:\n  - resource: FILE\n");
    assertThat(e.getMessage())
        .startsWith("cfg.yaml:2:1: unknown key; did you mean 'accept'?")
        .doesNotContain("accepted");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(1);
  }

  @Test
  void anUnknownKeyInsideAnEntryIsAMistakeThere(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            accept:
              - resource: FILE
                key: target/x
                reasons: typo
            """);
    assertThat(e.getMessage())
        .startsWith("cfg.yaml:4:5: unknown key; did you mean 'reason'?")
        .doesNotContain("reasons");
  }

  @Test
  void anAcceptanceWithoutAReasonIsAMistake(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            serialTags: [db]
            accept:
              - resource: FILE
                key: target/x
            """);
    assertThat(e.getMessage()).startsWith("cfg.yaml:3:5: ").contains("reason");
  }

  @Test
  void anUnknownEffectIsAMistakeAtItsField(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            markers:
              - annotation: com.acme.SerialTest
                effect: SERIAL
            """);
    assertThat(e.getMessage())
        .startsWith("cfg.yaml:3:5: not a marker effect; did you mean SERIAL_GROUP?");
  }

  @Test
  void aLockingMarkerWithoutLocksIsAMistake(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            markers:
              - annotation: com.acme.UsesCache
                effect: LOCKS
            """);
    assertThat(e.getMessage()).startsWith("cfg.yaml:2:5: ").contains("names no 'locks'");
  }

  @Test
  void aMarkerTheCatalogKnowsCannotBeRedefined(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            markers:
              - annotation: org.junit.jupiter.api.parallel.Isolated
                effect: SAME_THREAD
            """);
    assertThat(e.getMessage()).startsWith("cfg.yaml:2:5: ").contains("already a known marker");
  }

  @Test
  void anUnknownResourceIsAMistakeAtItsField(@TempDir Path dir) throws IOException {
    CatalogException e =
        mistake(
            dir,
            """
            accept:
              - resource: SYSTEM_PROPERTIES
                reason: typo
            """);
    assertThat(e.getMessage())
        .startsWith("cfg.yaml:2:5: ")
        .contains("unknown resource; did you mean SYSTEM_PROPERTY?")
        .doesNotContain("SYSTEM_PROPERTIES");
  }

  @Test
  void aMissingCatalogIsAMistakeAtItsEntry(@TempDir Path dir) throws IOException {
    CatalogException e = mistake(dir, "rules:\n  - none.yaml\n");
    assertThat(e.getMessage()).startsWith("cfg.yaml:2:5: ").contains("no such catalog file");
  }

  @Test
  void aValueOfTheWrongShapeIsAMistake(@TempDir Path dir) throws IOException {
    CatalogException e = mistake(dir, "serialTags: [db]\naccept: {resource: FILE}\n");
    assertThat(e.getMessage()).startsWith("cfg.yaml:2:");
  }

  @Test
  void theNearestFileAboveAnInputIsFoundUpToTheProjectRoot(@TempDir Path dir) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Path module = Files.createDirectories(repo.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Path target = Files.createDirectories(module.resolve("target"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    assertThat(ProjectConfig.find(List.of(target), elsewhere)).isEmpty();
    Path atRoot = write(repo, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(target), elsewhere)).containsExactly(atRoot);
    Path atModule = write(module, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(target), elsewhere)).containsExactly(atModule);
    // Above the repository root is another project's business.
    Files.delete(atRoot);
    Files.delete(atModule);
    write(dir, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(target), elsewhere)).isEmpty();
    // The working directory's file comes after the inputs' own.
    Path here = write(elsewhere, "serialTags: [db]\n");
    Path own = write(module, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(target.resolve("x.jar")), elsewhere))
        .containsExactly(own, here);
  }

  @Test
  void withoutGitTheWalkEndsWhereTheBuildFilesEnd(@TempDir Path dir) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("build.gradle"), "");
    Path build = Files.createDirectories(project.resolve("build"));
    write(dir, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(build), project)).isEmpty();
    Path own = write(project, "serialTags: [db]\n");
    assertThat(ProjectConfig.find(List.of(build), build)).containsExactly(own);
  }
}
