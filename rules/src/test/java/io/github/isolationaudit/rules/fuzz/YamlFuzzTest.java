package io.github.isolationaudit.rules.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogException;
import io.github.isolationaudit.rules.CatalogLoader;
import io.github.isolationaudit.rules.ProjectConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a project configuration ({@code .isolation-audit.yaml}) or as a rule catalog
 * ({@code --rules}) are read into a configuration or catalog, or rejected with a {@link
 * CatalogException} that says where and why: no other exception, no {@link Error}, no hang, also
 * when the acceptances' patterns are matched. Replays {@code YamlFuzzTestInputs/} in every build;
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class YamlFuzzTest {
  private static final String SINKS =
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
      """;

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void projectConfig(byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("config-fuzz");
    try {
      // A catalog the configuration may name, as a project keeps one next to it.
      Files.writeString(dir.resolve("acme-sinks.yaml"), SINKS);
      Path file = Files.write(dir.resolve(ProjectConfig.FILE_NAME), bytes);
      ProjectConfig config;
      Catalog catalog;
      try {
        config = ProjectConfig.load(file, ProjectConfig.FILE_NAME);
        catalog = config.catalog(List.of());
      } catch (CatalogException e) {
        requirePlace(e);
        return;
      }
      for (ProjectConfig.Accept accept : config.accepts()) {
        accept.covers("SYSTEM_PROPERTY", "user.timezone");
        accept.covers(accept.resource(), "a".repeat(64) + "b");
      }
      catalog.serialTags();
    } finally {
      delete(dir);
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void ruleCatalog(byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("catalog-fuzz");
    try {
      Path file = Files.write(dir.resolve("rules.yaml"), bytes);
      Catalog catalog;
      try {
        catalog = CatalogLoader.withUserFiles(List.of(file));
      } catch (CatalogException e) {
        requirePlace(e);
        return;
      }
      catalog.sinksForCall("com/acme/Cache", "reset", "()V");
      catalog.sinksForField("com/acme/Cache", "INSTANCE");
    } finally {
      delete(dir);
    }
  }

  /** A mistake names its file and says what is wrong. */
  private static void requirePlace(CatalogException e) {
    if (e.file() == null || e.file().isBlank() || e.getMessage() == null) {
      throw new AssertionError("a mistake must name its file and say why", e);
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
