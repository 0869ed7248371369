package io.github.isolationaudit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The execution model's rules one by one; {@code RealEngineTest} in the analyzer holds the Jupiter
 * rules to the real engine.
 */
class ExecutionModelTest {
  private static final TestId A1 = id("com.example.ATest", "one");
  private static final TestId A2 = id("com.example.ATest", "two");
  private static final TestId B1 = id("com.example.BTest", "one");

  private static TestId id(String cls, String method) {
    return new TestId(cls, method, "()V", cls);
  }

  private static ExecutionModel model(BuildConfiguration config, Engine engine) {
    return new ExecutionModel(config, t -> engine);
  }

  private static Marker marker(
      MarkerEffect effect, String cls, String method, List<Lock> locks, String family) {
    return new Marker(
        "x.Marker",
        family,
        effect,
        locks,
        "",
        cls,
        method,
        method.isEmpty() ? "" : "()V",
        null,
        "",
        "");
  }

  private static MarkerCoverage onClass(MarkerEffect effect, String cls, TestId... tests) {
    return new MarkerCoverage(
        marker(effect, cls, "", List.of(), "junit-jupiter"), List.of(tests), false);
  }

  private static MarkerCoverage onMethod(MarkerEffect effect, TestId t) {
    return new MarkerCoverage(
        marker(effect, t.className(), t.methodName(), List.of(), "junit-jupiter"),
        List.of(t),
        false);
  }

  private static boolean apart(
      ExecutionModel m, TestId a, List<MarkerCoverage> ca, TestId b, List<MarkerCoverage> cb) {
    return m.keptApart(m.stance(a, ca), m.stance(b, cb), a.equals(b), Reach.JVM);
  }

  @Test
  void aConcurrentMethodInASameThreadClassOverlapsItsSiblings() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    MarkerCoverage sameThread = onClass(MarkerEffect.SAME_THREAD, "com.example.ATest", A1, A2);
    MarkerCoverage concurrent = onMethod(MarkerEffect.CONCURRENT, A2);

    assertThat(apart(m, A1, List.of(sameThread), A2, List.of(sameThread))).isTrue();
    assertThat(apart(m, A1, List.of(sameThread), A2, List.of(sameThread, concurrent))).isFalse();
  }

  @Test
  void twoSameThreadClassesRunOneAfterTheOtherButNotBesideAConcurrentOne() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    MarkerCoverage a = onClass(MarkerEffect.SAME_THREAD, "com.example.ATest", A1);
    MarkerCoverage b = onClass(MarkerEffect.SAME_THREAD, "com.example.BTest", B1);

    assertThat(apart(m, A1, List.of(a), B1, List.of(b))).isTrue();
    assertThat(apart(m, A1, List.of(a), B1, List.of())).isFalse();
  }

  @Test
  void aClassHeldWriteLockForcesEvenAConcurrentMethodOntoTheClassThread() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    MarkerCoverage lock =
        new MarkerCoverage(
            marker(
                MarkerEffect.LOCKS,
                "com.example.ATest",
                "",
                List.of(new Lock("k", LockMode.READ_WRITE)),
                "junit-jupiter"),
            List.of(A1, A2),
            true);
    MarkerCoverage concurrent = onMethod(MarkerEffect.CONCURRENT, A2);
    ExecutionModel.Stance a1 = m.stance(A1, List.of(lock));
    ExecutionModel.Stance a2 = m.stance(A2, List.of(lock, concurrent));

    assertThat(a2.onClassThread()).isTrue();
    assertThat(ExecutionModel.keptApartByClass(a1, a2)).isTrue();
  }

  @Test
  void anOrderedClassThatAsksForConcurrencyIsNotOnOneThread() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    MarkerCoverage order = onClass(MarkerEffect.ORDERS, "com.example.ATest", A1, A2);
    MarkerCoverage concurrent = onClass(MarkerEffect.CONCURRENT, "com.example.ATest", A1, A2);

    assertThat(apart(m, A1, List.of(order), A2, List.of(order))).isTrue();
    assertThat(apart(m, A1, List.of(order, concurrent), A2, List.of(order, concurrent))).isFalse();
  }

  @Test
  void nestedSameThreadClassesRunOnTheirOuterClassThreadButNotOnTheEngines() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    TestId inner1 = id("com.example.ATest$Inner", "one");
    TestId inner2 = id("com.example.ATest$Inner", "two");
    TestId other = id("com.example.ATest$Other", "one");
    MarkerCoverage inner =
        onClass(MarkerEffect.SAME_THREAD, "com.example.ATest$Inner", inner1, inner2);
    MarkerCoverage otherNested =
        onClass(MarkerEffect.SAME_THREAD, "com.example.ATest$Other", other);
    MarkerCoverage sameThreadClass = onClass(MarkerEffect.SAME_THREAD, "com.example.BTest", B1);

    assertThat(apart(m, inner1, List.of(inner), inner2, List.of(inner))).isTrue();
    assertThat(apart(m, inner1, List.of(inner), A1, List.of())).isFalse();
    // Two SAME_THREAD nested class nodes both run on their outer class's thread, one after the
    // other.
    assertThat(apart(m, inner1, List.of(inner), other, List.of(otherNested))).isTrue();
    // The nested class node is SAME_THREAD within ATest, which is concurrent: not on the engine's
    // thread.
    assertThat(apart(m, inner1, List.of(inner), B1, List.of(sameThreadClass))).isFalse();
  }

  @Test
  void anOuterSameThreadClassRunsItsNestedClassesOnItsThreadUnlessTheyAskForConcurrency() {
    ExecutionModel m = model(BuildConfiguration.unknown(), Engine.JUNIT_JUPITER);
    TestId inner = id("com.example.ATest$Inner", "one");
    TestId concurrent = id("com.example.ATest$Fast", "one");
    MarkerCoverage outer =
        onClass(MarkerEffect.SAME_THREAD, "com.example.ATest", A1, inner, concurrent);
    MarkerCoverage fast = onClass(MarkerEffect.CONCURRENT, "com.example.ATest$Fast", concurrent);

    assertThat(apart(m, A1, List.of(outer), inner, List.of(outer))).isTrue();
    assertThat(apart(m, A1, List.of(outer), concurrent, List.of(outer, fast))).isFalse();
  }

  @Test
  void vintageSettingsDecideForJUnit4TestsAndJupitersDoNot() {
    BuildConfiguration vintageClassesOnly =
        config(
            Tristate.TRUE,
            Tristate.FALSE,
            Map.of(
                "junit-platform.properties:junit.vintage.execution.parallel.enabled", "true",
                "junit-platform.properties:junit.vintage.execution.parallel.classes", "true"));
    ExecutionModel vintage = model(vintageClassesOnly, Engine.JUNIT4);
    // Methods of one class run one after another; classes overlap.
    assertThat(apart(vintage, A1, List.of(), A2, List.of())).isTrue();
    assertThat(apart(vintage, A1, List.of(), B1, List.of())).isFalse();

    // Jupiter's same_thread default for methods says nothing about JUnit 4 tests: vintage's
    // settings do, and this configuration, which runs Jupiter's classes in parallel, leaves vintage
    // off, so the vintage engine runs one test at a time (VintageEngineTest saw it).
    BuildConfiguration jupiterSameThread = config(Tristate.TRUE, Tristate.FALSE, Map.of());
    assertThat(apart(model(jupiterSameThread, Engine.JUNIT_JUPITER), A1, List.of(), B1, List.of()))
        .isFalse();
    assertThat(apart(model(jupiterSameThread, Engine.JUNIT4), A1, List.of(), B1, List.of()))
        .isTrue();
    assertThat(apart(model(jupiterSameThread, Engine.JUNIT4), A1, List.of(), A2, List.of()))
        .isTrue();

    // Vintage methods in parallel and Jupiter's same_thread methods: only the JUnit 4 tests of one
    // class overlap.
    BuildConfiguration vintageMethodsOnly =
        config(
            Tristate.TRUE,
            Tristate.FALSE,
            Map.of(
                "junit-platform.properties:junit.vintage.execution.parallel.enabled", "true",
                "junit-platform.properties:junit.vintage.execution.parallel.methods", "true"));
    assertThat(apart(model(vintageMethodsOnly, Engine.JUNIT4), A1, List.of(), A2, List.of()))
        .isFalse();
    assertThat(apart(model(vintageMethodsOnly, Engine.JUNIT4), A1, List.of(), B1, List.of()))
        .isTrue();
    assertThat(apart(model(vintageMethodsOnly, Engine.JUNIT_JUPITER), A1, List.of(), A2, List.of()))
        .isTrue();
  }

  @Test
  void withoutParallelExecutionTodayJUnit4VerdictsAssumeFullParallelism() {
    // Nothing found, or vintage enabled without classes or methods and Jupiter not parallel:
    // nothing runs in parallel today, so verdicts assume everything may overlap.
    for (BuildConfiguration c :
        List.of(
            BuildConfiguration.unknown(),
            config(
                Tristate.FALSE,
                Tristate.FALSE,
                Map.of(
                    "junit-platform.properties:junit.vintage.execution.parallel.enabled",
                    "true")))) {
      ExecutionModel m = model(c, Engine.JUNIT4);
      assertThat(apart(m, A1, List.of(), A2, List.of())).isFalse();
      assertThat(apart(m, A1, List.of(), B1, List.of())).isFalse();
    }
  }

  @Test
  void aJUnit3ClassRunsItsMethodsOneAfterAnotherWhateverTheVintageSettings() {
    // JUnit's old runner takes no scheduler (VintageEngineTest saw it under parallel methods).
    BuildConfiguration vintageAll =
        config(
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Map.of(
                "junit-platform.properties:junit.vintage.execution.parallel.enabled", "true",
                "junit-platform.properties:junit.vintage.execution.parallel.classes", "true",
                "junit-platform.properties:junit.vintage.execution.parallel.methods", "true"));
    ExecutionModel m = new ExecutionModel(vintageAll, t -> Engine.JUNIT3);
    assertThat(apart(m, A1, List.of(), A2, List.of())).isTrue();
    assertThat(apart(m, A1, List.of(), B1, List.of())).isFalse();
    ExecutionModel none = new ExecutionModel(BuildConfiguration.unknown(), t -> Engine.JUNIT3);
    assertThat(apart(none, A1, List.of(), A2, List.of())).isTrue();
  }

  @Test
  void testNgParallelClassesRunsEachClassOnOneThread() {
    BuildConfiguration classes =
        new BuildConfiguration(
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            List.of(),
            List.of(),
            "classes",
            List.of("testng.xml"),
            Map.of());
    ExecutionModel m = model(classes, Engine.TESTNG);
    assertThat(apart(m, A1, List.of(), A2, List.of())).isTrue();
    assertThat(apart(m, A1, List.of(), B1, List.of())).isFalse();
  }

  @Test
  void junit3AndJUnit4TestsShareTheVintageEngineAndOverlap() {
    ExecutionModel m =
        new ExecutionModel(
            BuildConfiguration.unknown(), t -> t.equals(A1) ? Engine.JUNIT3 : Engine.JUNIT4);
    assertThat(apart(m, A1, List.of(), B1, List.of())).isFalse();
    ExecutionModel mixed =
        new ExecutionModel(
            BuildConfiguration.unknown(), t -> t.equals(A1) ? Engine.JUNIT_JUPITER : Engine.JUNIT4);
    assertThat(apart(mixed, A1, List.of(), B1, List.of())).isTrue();
  }

  private static BuildConfiguration config(
      Tristate enabled, Tristate methods, Map<String, String> settings) {
    return new BuildConfiguration(
        enabled,
        methods,
        Tristate.TRUE,
        Tristate.UNKNOWN,
        List.of(),
        List.of(),
        "",
        List.of("junit-platform.properties"),
        settings);
  }
}
