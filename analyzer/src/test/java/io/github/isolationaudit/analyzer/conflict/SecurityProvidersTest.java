package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code jvmglobal/providers} fixtures, with and without the test that removes the
 * provider: installing one provider twice is no race; removing it races with the installers.
 */
class SecurityProvidersTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.jvmglobal.providers";

  private static Path dir() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    Path dir = Path.of(property).toAbsolutePath().normalize().resolve(PACKAGE.replace('.', '/'));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no providers fixtures in " + dir);
    }
    return dir;
  }

  private static List<Conflict> securityConflicts(ScanResult result) {
    return result.conflicts().stream()
        .filter(
            c ->
                c.resource() == ResourceKind.JVM_GLOBAL
                    && c.key().value().equals("java.security.Security"))
        .toList();
  }

  private static List<String> methods(List<TestId> tests) {
    return tests.stream().map(TestId::methodName).sorted().toList();
  }

  @Test
  void installersOfOneProviderDoNotRaceWithEachOther() {
    Path dir = dir();
    ScanResult result =
        IsolationAudit.scan(
            ScanOptions.of(
                dir.resolve("InstallingTestCase.class"), dir.resolve("FixtureProvider.class")));
    assertThat(securityConflicts(result)).isEmpty();
  }

  @Test
  void aTestThatRemovesTheProviderRacesWithTheInstallers() {
    assertThat(securityConflicts(IsolationAudit.scan(ScanOptions.of(dir()))))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(methods(c.writers())).containsExactly("removes");
              assertThat(methods(c.readers())).containsExactly("installs", "installsToo");
            });
  }
}
