package io.github.isolationaudit.analyzer.marker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Set-up annotations as accesses: what they write, where the evidence points, and the conflicts
 * they take part in (and those they must not make).
 */
class SetupAccessesTest {
  private static final Path ROOT =
      Path.of(Objects.requireNonNull(System.getProperty("fixtures.classes"), "fixtures.classes"));
  private static final String SETUP = "io.github.isolationaudit.fixtures.markers.setup.";
  private static final String RESTORE = "io.github.isolationaudit.fixtures.sysprop.restore.";

  private static final class Scans {
    static final ScanResult SETUP_SCAN = scan("io/github/isolationaudit/fixtures/markers/setup");
    static final ScanResult RESTORE_SCAN =
        scan("io/github/isolationaudit/fixtures/sysprop/restore");

    /** One package of the fixtures, with the fixtures' sources (packaged beside the classes). */
    private static ScanResult scan(String packagePath) {
      return IsolationAudit.scan(
          new ScanOptions(
              List.of(ROOT.resolve(packagePath)),
              List.of(),
              List.of(),
              ScanOptions.Progress.SILENT,
              true,
              List.of(ROOT)));
    }
  }

  @Test
  void setSystemPropertyWritesBeforeAndAfterTheTestWithTheAnnotationAsEvidence() {
    List<Access> writes =
        accesses(Scans.SETUP_SCAN, SETUP + "SetPropertyWriterTestCase#parsesStrictly").stream()
            .filter(a -> a.mode() == AccessMode.WRITE)
            .toList();
    assertThat(writes).hasSize(2);
    assertThat(writes)
        .allSatisfy(
            a -> {
              assertThat(a.resource()).isEqualTo(ResourceKind.SYSTEM_PROPERTY);
              assertThat(a.key()).isEqualTo(Key.exact("markers.setup.mode"));
              assertThat(a.sinkId()).isEqualTo("pioneer.set-system-property");
              assertThat(a.evidence().sink().methodName()).isEqualTo("parsesStrictly");
              assertThat(a.evidence().sink().sourceFile())
                  .endsWith("markers/setup/SetPropertyWriterTestCase.java");
              assertThat(a.evidence().sink().line()).isPositive();
            });
    assertThat(writes.stream().map(Access::note))
        .anySatisfy(n -> assertThat(n).startsWith("set by @SetSystemProperty(key = "))
        .anySatisfy(n -> assertThat(n).startsWith("restored by @SetSystemProperty("));
  }

  @Test
  void aPlainReaderConflictsWithTheAnnotationsWrite() {
    Conflict c = conflict(Scans.SETUP_SCAN, ResourceKind.SYSTEM_PROPERTY, "markers.setup.mode");
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(c.writers()).extracting(TestId::methodName).containsExactly("parsesStrictly");
    assertThat(c.readers())
        .extracting(TestId::methodName)
        .containsExactly("parsesLenientlyByDefault");
    assertThat(Scans.SETUP_SCAN.findings())
        .anySatisfy(
            f -> {
              assertThat(f.key()).isEqualTo(Key.exact("markers.setup.mode"));
              assertThat(f.kind()).isEqualTo(Finding.Kind.INSUFFICIENT);
            });
  }

  @Test
  void aClassLevelSetUpRunsOnceAroundItsClassAndDoesNotRaceWithItsOwnTests() {
    assertThat(accesses(Scans.SETUP_SCAN, SETUP + "ClassLevelPropertyTestCase#pricesInEuros"))
        .anySatisfy(
            a -> {
              assertThat(a.mode()).isEqualTo(AccessMode.WRITE);
              assertThat(a.evidence().sink().methodName()).isEqualTo("@SetSystemProperty");
              assertThat(a.note()).contains("all tests of its class");
            });
    assertThat(Scans.SETUP_SCAN.conflicts())
        .noneMatch(c -> c.key().value().equals("markers.setup.region"));
  }

  @Test
  void stdIoReplacesSystemOutOnlyForATestThatTakesStdOut() {
    assertThat(accesses(Scans.SETUP_SCAN, SETUP + "StdIoInputTestCase#readsAnswer"))
        .filteredOn(a -> a.mode() == AccessMode.WRITE)
        .extracting(a -> a.key().value())
        .containsOnly("java.lang.System.in");
  }

  @Test
  void setUpAnnotationsAreInputAndCompanionLocksAreNot() {
    assertThat(verdict(Scans.SETUP_SCAN, "JupiterUtilDefaultsInputTestCase", "countsColumns"))
        .isEqualTo(Verdict.REQUIRED);
    assertThat(verdict(Scans.SETUP_SCAN, "ClearPropertyInputTestCase", "parsesWithoutOverride"))
        .isEqualTo(Verdict.REQUIRED);
    MarkerVerdict companion =
        Scans.SETUP_SCAN.markers().stream()
            .filter(v -> v.marker().annotation().endsWith(".WritesSystemProperty"))
            .findFirst()
            .orElseThrow();
    assertThat(companion.verdict()).isEqualTo(Verdict.LEGACY);
    assertThat(companion.recommendation()).contains("@SetSystemProperty").contains("already holds");
    assertThat(Scans.SETUP_SCAN.markers())
        .filteredOn(v -> !v.marker().annotation().endsWith(".WritesSystemProperty"))
        .allSatisfy(v -> assertThat(v.verdict()).isEqualTo(Verdict.REQUIRED))
        .allSatisfy(v -> assertThat(v.recommendation()).doesNotContain("Remove"));
  }

  @Test
  void restoreSystemPropertiesMeetsWritersOfAnyKeyButNotReadersOfOthers() {
    assertThat(
            accesses(
                Scans.RESTORE_SCAN, RESTORE + "RestorePropertiesTestCase#overridesHomeForOneTest"))
        .anySatisfy(
            a -> {
              assertThat(a.mode()).isEqualTo(AccessMode.READ);
              assertThat(a.key().kind()).isEqualTo(Key.Kind.ALL);
              assertThat(a.sinkId()).isEqualTo("pioneer.restore-system-properties");
            });
    Conflict lost =
        conflict(Scans.RESTORE_SCAN, ResourceKind.SYSTEM_PROPERTY, "sysprop.restore.tracing");
    assertThat(lost.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(lost.readers())
        .extracting(TestId::methodName)
        .containsExactly("overridesHomeForOneTest");
    assertThat(Scans.RESTORE_SCAN.conflicts())
        .noneMatch(c -> c.key().value().equals("sysprop.restore.separator"));
    assertThat(
            Scans.RESTORE_SCAN.markers().stream()
                .filter(v -> v.marker().annotation().endsWith(".RestoreSystemProperties"))
                .map(MarkerVerdict::verdict))
        .containsExactly(Verdict.REQUIRED);
  }

  private static List<Access> accesses(ScanResult result, String test) {
    return result.footprints().stream()
        .filter(f -> f.test().id().display().equals(test))
        .map(Footprint::accesses)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no test " + test));
  }

  private static Conflict conflict(ScanResult result, ResourceKind kind, String key) {
    return result.conflicts().stream()
        .filter(c -> c.resource() == kind && c.key().value().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no conflict on " + kind + " " + key));
  }

  private static Verdict verdict(ScanResult result, String simpleClass, String method) {
    return result.markers().stream()
        .filter(
            v ->
                v.marker().className().endsWith("." + simpleClass)
                    && v.marker().methodName().equals(method))
        .map(MarkerVerdict::verdict)
        .findFirst()
        .orElseThrow();
  }
}
