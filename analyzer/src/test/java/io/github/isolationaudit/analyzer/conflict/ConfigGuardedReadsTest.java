package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/configguarded} fixtures alone and checks both sides: a System property
 * read only to make the filter that a method applies past its configuration guard (which returns an
 * empty map unless the configuration names providers) is read by the tests that name providers and
 * by no other; a filter applied outside the guard too, or a read that makes the configuration the
 * guard looks at, keeps its read in every test.
 */
class ConfigGuardedReadsTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.configguarded";
  private static final String ALLOWED = "fixture.allowed.providers";

  private static final class Scan {
    static final ScanResult RESULT =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve(PACKAGE.replace('.', '/'))).withAllReads());
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    Path root = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve(PACKAGE.replace('.', '/')))) {
      throw new IllegalStateException("no configguarded fixtures under " + root);
    }
    return root;
  }

  private static List<String> names(List<TestId> tests) {
    return FixturePackages.names(PACKAGE, tests);
  }

  /** The System properties a test reads. */
  private static List<String> propertyReads(String className, String method) {
    Footprint f =
        Scan.RESULT.footprints().stream()
            .filter(
                p ->
                    p.test().id().className().equals(PACKAGE + "." + className)
                        && p.test().id().methodName().equals(method))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no test " + className + "#" + method));
    return f.accesses().stream()
        .filter(a -> a.resource() == ResourceKind.SYSTEM_PROPERTY && a.mode() == AccessMode.READ)
        .map(Access::key)
        .map(k -> k.value())
        .sorted()
        .toList();
  }

  @Test
  void theSetterRacesOnlyWithTestsThatNameProvidersOrApplyTheFilter() {
    Conflict c =
        Scan.RESULT.conflicts().stream()
            .filter(
                x ->
                    x.resource() == ResourceKind.SYSTEM_PROPERTY && x.key().value().equals(ALLOWED))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no conflict on " + ALLOWED));
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(names(c.writers()))
        .containsExactly("AllowedProvidersTestCase#rejectsAProviderNotAllowed");
    assertThat(names(c.readers()))
        .containsExactly(
            "ConfiguredProvidersTestCase#instantiatesItsProvider",
            "EagerConfigTestCase#isNotStrict");
  }

  @Test
  void aTestThatNamesNoProviderReadsNothingTheProvidersNeed() {
    assertThat(propertyReads("PlainConfigTestCase", "hasNoProviders")).isEmpty();
    // The filter is made and handed on in one branch: its local ends where the branches meet.
    assertThat(propertyReads("PlainConfigTestCase", "checksNoProviders")).isEmpty();
  }

  @Test
  void aTestThatNamesAProviderReadsTheFilterAndWhatThePastGuardReads() {
    assertThat(propertyReads("ConfiguredProvidersTestCase", "instantiatesItsProvider"))
        .containsExactly(ALLOWED, "fixture.provider.dir");
  }

  @Test
  void aFilterAppliedOutsideTheGuardIsReadWithoutProviders() {
    assertThat(propertyReads("EagerConfigTestCase", "isNotStrict")).containsExactly(ALLOWED);
  }

  @Test
  void aReadThatMakesTheGuardsConfigurationIsKept() {
    assertThat(propertyReads("SystemConfigTestCase", "hasNoProviders"))
        .containsExactly("fixture.system.providers");
  }
}
