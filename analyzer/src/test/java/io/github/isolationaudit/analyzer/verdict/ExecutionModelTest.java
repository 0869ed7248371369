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
    return new ExecutionModel(
        BuildConfiguration.unknown(),
        List.of(
            new TestMethod(WRITER, engine, TestKind.TEST, false, false),
            new TestMethod(READER, engine, TestKind.TEST, false, false),
            new TestMethod(OTHER, engine, TestKind.TEST, false, false)));
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
    ExecutionModel.Stance s = model.stance(WRITER, List.of(self));
    assertThat(s.sameThreadClass()).isTrue();
  }

  @Test
  void aChildrenTargetLockLeavesTheClassConcurrentButKeepsItsHoldersApart() {
    ExecutionModel model = model(Engine.JUNIT_JUPITER);
    MarkerScope children =
        new MarkerScope(
            classLock("k"), Set.of(WRITER, READER), -1, false, Map.of(), Tristate.TRUE, "");
    ExecutionModel.Stance w = model.stance(WRITER, List.of(children));
    ExecutionModel.Stance r = model.stance(READER, List.of(children));
    assertThat(w.sameThreadClass()).isFalse();
    // Each test holds the READ_WRITE key itself: they still never overlap, and each test's own
    // invocations run on one thread.
    assertThat(model.protects(w, r, false, Reach.JVM)).isTrue();
    assertThat(model.protects(w, w, true, Reach.JVM)).isTrue();
    ExecutionModel.Stance bare = model.stance(OTHER, List.of());
    assertThat(model.protects(w, bare, false, Reach.JVM)).isFalse();
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
    ExecutionModel.Stance r = model.stance(READER, List.of(order));
    ExecutionModel.Stance w = model.stance(WRITER, List.of(order));
    ExecutionModel.Stance o = model.stance(OTHER, List.of());
    assertThat(model.protects(w, r, false, Reach.JVM)).isTrue();
    assertThat(model.protects(r, w, false, Reach.JVM)).isTrue();
    assertThat(model.protects(w, o, false, Reach.JVM)).isFalse();
    assertThat(r.sameThreadClass()).as("dependencies do not pin a thread").isFalse();
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
    ExecutionModel.Stance w = model.stance(WRITER, List.of(s));
    ExecutionModel.Stance r = model.stance(READER, List.of(s));
    assertThat(model.protects(w, r, false, Reach.JVM)).isFalse();
  }
}
