package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The execution model's reading of lock targets, TestNG dependencies and priority. */
class ExecutionModelTest {
  private static final String CLASS = "com.example.SettingsTest";
  private static final TestId WRITER = new TestId(CLASS, "writes", "()V", CLASS);
  private static final TestId READER = new TestId(CLASS, "reads", "()V", CLASS);
  private static final TestId OTHER = new TestId(CLASS, "other", "()V", CLASS);

  private static ExecutionModel model(Engine engine) {
    Map<TestId, Engine> engines = new java.util.HashMap<>();
    for (TestMethod t :
        List.of(
            new TestMethod(WRITER, engine, TestKind.TEST, false, false),
            new TestMethod(READER, engine, TestKind.TEST, false, false),
            new TestMethod(OTHER, engine, TestKind.TEST, false, false))) {
      engines.put(t.id(), t.engine());
    }
    return new ExecutionModel(BuildConfiguration.unknown(), engines::get);
  }

  private static Marker classLock(String key) {
    return new Marker(
        "org.junit.jupiter.api.parallel.ResourceLock",
        "junit-jupiter",
        MarkerEffect.LOCKS,
        List.of(new Lock(key, LockMode.READ_WRITE)),
        "",
        CLASS,
        "",
        "",
        null,
        "",
        "");
  }

  @Test
  void aClassLevelLockHeldByTheClassRunsItsTestsOnOneThread() {
    ExecutionModel model = model(Engine.JUNIT_JUPITER);
    MarkerScope self = new MarkerScope(classLock("k"), Set.of(WRITER, READER), -1);
    ExecutionModel.Stance s = model.stance(WRITER, List.of(VerdictEngine.cover(self)));
    assertThat(s.onClassThread()).isTrue();
  }

  @Test
  void aChildrenTargetLockLeavesTheClassConcurrentButKeepsItsHoldersApart() {
    ExecutionModel model = model(Engine.JUNIT_JUPITER);
    MarkerScope children =
        new MarkerScope(
            classLock("k"), Set.of(WRITER, READER), -1, false, Map.of(), Tristate.TRUE, "");
    ExecutionModel.Stance w = model.stance(WRITER, List.of(VerdictEngine.cover(children)));
    ExecutionModel.Stance r = model.stance(READER, List.of(VerdictEngine.cover(children)));
    assertThat(w.onClassThread()).isFalse();
    // Each test holds the READ_WRITE key itself: they still never overlap, and each test's own
    // invocations run on one thread.
    assertThat(model.keptApart(w, r, false, Reach.JVM)).isTrue();
    assertThat(model.keptApart(w, w, true, Reach.JVM)).isTrue();
    ExecutionModel.Stance bare = model.stance(OTHER, List.of());
    assertThat(model.keptApart(w, bare, false, Reach.JVM)).isFalse();
  }

  @Test
  void aTestNgDependentNeverOverlapsWhatItDependsOn() {
    ExecutionModel model = model(Engine.TESTNG);
    Marker dependsOn =
        new Marker(
            "org.testng.annotations.Test",
            "testng",
            MarkerEffect.ORDERS,
            List.of(),
            "",
            CLASS,
            "reads",
            "()V",
            null,
            "",
            "");
    MarkerScope order =
        new MarkerScope(
            dependsOn,
            Set.of(READER, WRITER),
            0,
            false,
            Map.of(READER, Set.of(WRITER)),
            Tristate.TRUE,
            "");
    ExecutionModel.Stance r = model.stance(READER, List.of(VerdictEngine.cover(order)));
    ExecutionModel.Stance w = model.stance(WRITER, List.of(VerdictEngine.cover(order)));
    ExecutionModel.Stance o = model.stance(OTHER, List.of());
    assertThat(model.keptApart(w, r, false, Reach.JVM)).isTrue();
    assertThat(model.keptApart(r, w, false, Reach.JVM)).isTrue();
    assertThat(model.keptApart(w, o, false, Reach.JVM)).isFalse();
    assertThat(r.onClassThread()).as("dependencies do not pin a thread").isFalse();
  }

  @Test
  void aClassLevelTestNgPriorityRunsNothingOnOneThread() {
    ExecutionModel model = model(Engine.TESTNG);
    Marker priority =
        new Marker(
            "org.testng.annotations.Test",
            "testng",
            MarkerEffect.ORDERS,
            List.of(),
            "",
            CLASS,
            "",
            "",
            null,
            "",
            "");
    MarkerScope s = new MarkerScope(priority, Set.of(WRITER, READER), -1);
    ExecutionModel.Stance w = model.stance(WRITER, List.of(VerdictEngine.cover(s)));
    ExecutionModel.Stance r = model.stance(READER, List.of(VerdictEngine.cover(s)));
    assertThat(model.keptApart(w, r, false, Reach.JVM)).isFalse();
  }
}
