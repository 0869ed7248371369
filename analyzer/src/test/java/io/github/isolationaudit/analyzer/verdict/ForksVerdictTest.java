package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code @Isolated} against forks: it keeps other tests out of its JVM, not out of the host's files
 * and ports, which forks of one build share.
 */
class ForksVerdictTest {
  private static final TestId WRITER =
      new TestId("com.example.WritesTest", "writes", "()V", "com.example.WritesTest");
  private static final TestId READER =
      new TestId("com.example.ReadsTest", "reads", "()V", "com.example.ReadsTest");

  private static BuildConfiguration forks(Tristate forks) {
    return new BuildConfiguration(
        Tristate.UNKNOWN,
        Tristate.UNKNOWN,
        Tristate.UNKNOWN,
        forks,
        List.of(),
        List.of(),
        "",
        List.of("pom.xml"),
        Map.of());
  }

  private static Access access(ResourceKind r, String key, AccessMode mode, Reach reach) {
    return new Access(
        r,
        "",
        new Key(Key.Kind.EXACT, key),
        mode,
        Scope.SHARED,
        reach,
        Confidence.HIGH,
        Sensitivity.HIGH,
        "test.sink",
        "",
        new Evidence(new EvidenceStep(WRITER.className(), "writes", "WritesTest.java", 12), null));
  }

  private static VerdictEngine.Result judge(
      Tristate forks, ResourceKind r, String key, Reach reach) {
    List<Footprint> footprints =
        List.of(
            new Footprint(
                new TestMethod(WRITER, Engine.JUNIT_JUPITER, TestKind.TEST, false, false),
                List.of(access(r, key, AccessMode.WRITE, reach))),
            new Footprint(
                new TestMethod(READER, Engine.JUNIT_JUPITER, TestKind.TEST, false, false),
                List.of(access(r, key, AccessMode.READ, reach))));
    Conflict c =
        new Conflict(
            r,
            "",
            new Key(Key.Kind.EXACT, key),
            Certainty.DEFINITE,
            reach,
            Scope.SHARED,
            List.of(WRITER),
            List.of(READER),
            0,
            List.of(),
            "");
    Marker isolated =
        new Marker(
            "org.junit.jupiter.api.parallel.Isolated",
            "junit-jupiter",
            MarkerEffect.ISOLATES,
            List.of(new Lock(Lock.GLOBAL, LockMode.READ_WRITE)),
            "",
            WRITER.className(),
            "",
            "",
            null,
            "",
            "");
    return new VerdictEngine(
            forks(forks),
            footprints,
            List.of(c),
            List.of(new MarkerScope(isolated, Set.of(WRITER), 0)),
            Set.of(WRITER.className(), READER.className()))
        .judge();
  }

  @Test
  void isolatedDoesNotKeepForksOffAFileTheyShare() {
    VerdictEngine.Result r =
        judge(Tristate.TRUE, ResourceKind.FILE, "target/shared.txt", Reach.HOST);
    assertThat(r.verdicts())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.verdict()).isEqualTo(Verdict.DEFENSIVE);
              assertThat(v.reason()).contains("forks share the host's files and ports");
            });
    assertThat(r.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.INSUFFICIENT));
  }

  @Test
  void isolatedKeepsItsJvmStateApartEvenWithForks() {
    VerdictEngine.Result r =
        judge(Tristate.TRUE, ResourceKind.SYSTEM_PROPERTY, "app.mode", Reach.JVM);
    assertThat(r.verdicts())
        .singleElement()
        .satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.REQUIRED));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void withoutForksIsolatedProtectsTheFileAndATempDirWouldFixIt() {
    VerdictEngine.Result r =
        judge(Tristate.FALSE, ResourceKind.FILE, "target/shared.txt", Reach.HOST);
    assertThat(r.verdicts())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.verdict()).isEqualTo(Verdict.FIXABLE);
              assertThat(v.recommendation()).contains("@TempDir");
            });
    assertThat(r.findings()).isEmpty();
  }
}
