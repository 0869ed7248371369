package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.model.VerdictCause;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each marker verdict carries its judgement as data, one that fits the verdict. */
class VerdictCauseTest {
  private static final String MARKERS = "io.github.isolationaudit.fixtures.markers.";

  /** The verdicts each cause can come with. */
  private static final Map<VerdictCause, Set<Verdict>> FITS =
      Map.ofEntries(
          Map.entry(VerdictCause.KEEPS_CONFLICT_APART, EnumSet.of(Verdict.REQUIRED)),
          Map.entry(VerdictCause.SETS_UP_INPUT, EnumSet.of(Verdict.REQUIRED)),
          Map.entry(VerdictCause.CONFLICT_FIXABLE, EnumSet.of(Verdict.FIXABLE)),
          Map.entry(
              VerdictCause.PARTNERS_KEEP_APART, EnumSet.of(Verdict.DEFENSIVE, Verdict.FIXABLE)),
          Map.entry(VerdictCause.NO_CONFLICT, EnumSet.of(Verdict.DEFENSIVE)),
          Map.entry(VerdictCause.KEPT_APART_WITHOUT_IT, EnumSet.of(Verdict.DEFENSIVE)),
          Map.entry(VerdictCause.ONE_THREAD_ALREADY, EnumSet.of(Verdict.DEFENSIVE)),
          Map.entry(VerdictCause.DOES_NOT_KEEP_APART, EnumSet.of(Verdict.DEFENSIVE)),
          Map.entry(VerdictCause.KEEPS_NOTHING_APART, EnumSet.of(Verdict.DEFENSIVE)),
          Map.entry(VerdictCause.COVERED_BY_ENCLOSING, EnumSet.of(Verdict.LEGACY)),
          Map.entry(VerdictCause.HELD_BY_SETUP, EnumSet.of(Verdict.LEGACY)),
          Map.entry(VerdictCause.NOT_IN_EFFECT, EnumSet.of(Verdict.LEGACY)));

  private static final class Scan {
    static final ScanResult RESULT =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve("io/github/isolationaudit/fixtures/markers")));
  }

  @Test
  void everyCauseFitsItsVerdictAndTheFixturesShowMany() {
    Set<VerdictCause> seen = new TreeSet<>();
    for (MarkerVerdict v : Scan.RESULT.markers()) {
      assertThat(FITS.get(v.cause()))
          .as("%s: %s", v.marker().display(), v.reason())
          .contains(v.verdict());
      seen.add(v.cause());
    }
    assertThat(FITS).containsOnlyKeys(EnumSet.allOf(VerdictCause.class));
    assertThat(seen).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void theCauseNamesTheJudgement() {
    assertThat(causeOf("required.ChildrenLockTestCase"))
        .isEqualTo(VerdictCause.KEEPS_CONFLICT_APART);
    assertThat(causeOf("legacy.ChildrenLockOnMethodTestCase"))
        .isEqualTo(VerdictCause.NOT_IN_EFFECT);
    assertThat(causeOf("defensive.DirtiesContextSpringTestCase"))
        .isEqualTo(VerdictCause.KEEPS_NOTHING_APART);
    assertThat(causeOf("setup.SetPropertyWriterTestCase")).isEqualTo(VerdictCause.SETS_UP_INPUT);
  }

  private static VerdictCause causeOf(String className) {
    return Scan.RESULT.markers().stream()
        .filter(v -> v.marker().className().equals(MARKERS + className))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict on " + className))
        .cause();
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
