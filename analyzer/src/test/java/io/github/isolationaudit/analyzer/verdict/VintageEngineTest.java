package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.isolationaudit.fixtures.schedule.VintageProbe;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Holds the execution model to the truth for JUnit 3 and 4 tests: the vintage scheduling fixtures
 * run under the real vintage engine with its own parallel settings, five times per setting, and
 * beside Jupiter's under the real launcher. As in {@link RealEngineTest}, pairs the model calls
 * kept apart must never be seen to overlap, and pairs it calls able to overlap must be seen to
 * overlap. The tests report through {@link VintageProbe}, whose state is static: one run at a time.
 */
@ResourceLock("io.github.isolationaudit.fixtures.schedule.VintageProbe")
class VintageEngineTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.schedule.";
  private static final List<String> VINTAGE =
      List.of("VintageTestCase", "VintageTooTestCase", "Junit3TestCase");
  private static final int RUNS = 5;
  private static final String ENABLED = "junit.vintage.execution.parallel.enabled";
  private static final String CLASSES = "junit.vintage.execution.parallel.classes";
  private static final String METHODS = "junit.vintage.execution.parallel.methods";

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of(
            "classes and methods", Map.of(ENABLED, "true", CLASSES, "true", METHODS, "true")),
        Arguments.of("classes only", Map.of(ENABLED, "true", CLASSES, "true", METHODS, "false")),
        Arguments.of("methods only", Map.of(ENABLED, "true", CLASSES, "false", METHODS, "true")),
        // The engine warns and falls back to running everything one after another.
        Arguments.of("enabled without a scope", Map.of(ENABLED, "true")),
        Arguments.of("not enabled, scopes set", Map.of(CLASSES, "true", METHODS, "true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void pairsKeptApartNeverOverlapAndTheOthersDo(String setting, Map<String, String> parameters)
      throws ClassNotFoundException {
    // The settings as the scan would read them from junit-platform.properties, beside Jupiter's
    // parallel execution switched on (so that the model takes the configuration as today's).
    Map<String, String> read = new LinkedHashMap<>();
    parameters.forEach((k, v) -> read.put("junit-platform.properties:" + k, v));
    Suite suite = suite(VINTAGE, jupiterParallel(read));
    List<ClassSelector> selectors = selectors(VINTAGE);
    Map<String, String> engine = new LinkedHashMap<>(parameters);
    engine.put("junit.vintage.execution.parallel.pool-size", "8");

    List<String> wrong =
        compare(
            suite,
            probe -> {
              EngineExecutionResults results =
                  EngineTestKit.engine("junit-vintage")
                      .configurationParameters(engine)
                      .selectors(selectors.toArray(ClassSelector[]::new))
                      .execute();
              results
                  .testEvents()
                  .assertStatistics(
                      s -> s.started(suite.tests.size()).succeeded(suite.tests.size()));
              return overlaps(VintageProbe.finish());
            });
    assertThat(wrong).as("vintage setting '%s': the model against the engine", setting).isEmpty();
  }

  /**
   * JUnit 4 tests when only Jupiter runs in parallel: the vintage engine runs its classes and
   * methods one after another, and the platform runs it before or after Jupiter, never beside it.
   */
  @Test
  void vintageRunsOneTestAtATimeAndNeverBesideJupiterWhenOnlyJupiterIsParallel()
      throws ClassNotFoundException {
    List<String> classes = new ArrayList<>(VINTAGE);
    classes.add("FreeTestCase");
    Suite suite = suite(classes, jupiterParallel(Map.of()));
    List<ClassSelector> selectors = selectors(classes);
    Map<String, String> parameters =
        Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "8",
            // Jupiter's probe waits for its own two tests only.
            "schedule.probe.tests", "2");
    Launcher launcher = LauncherFactory.create();
    List<String> wrong =
        compare(
            suite,
            probe -> {
              Map<String, String> withProbe = new LinkedHashMap<>(parameters);
              withProbe.putAll(probe);
              Map<String, long[]> intervals = new HashMap<>();
              List<String> failed = new ArrayList<>();
              launcher.execute(
                  LauncherDiscoveryRequestBuilder.request()
                      .selectors(selectors)
                      .filters(EngineFilter.includeEngines("junit-jupiter", "junit-vintage"))
                      .configurationParameters(withProbe)
                      .build(),
                  new TestExecutionListener() {
                    @Override
                    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                      String interval = entry.getKeyValuePairs().get("interval");
                      org.junit.platform.engine.support.descriptor.MethodSource source =
                          (org.junit.platform.engine.support.descriptor.MethodSource)
                              id.getSource().orElseThrow();
                      String[] parts = interval.split(":");
                      synchronized (intervals) {
                        intervals.put(
                            VintageProbe.name(source.getClassName(), source.getMethodName()),
                            new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                      }
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.add(id.getDisplayName() + ": " + result);
                      }
                    }
                  });
              assertThat(failed).as("failed under the launcher").isEmpty();
              intervals.putAll(VintageProbe.finish());
              assertThat(intervals).hasSize(suite.tests.size());
              return overlaps(intervals);
            });
    assertThat(wrong).as("Jupiter beside vintage: the model against the launcher").isEmpty();
    // The model's side of it: no JUnit 4 test beside a Jupiter one or beside another JUnit 4 one.
    for (TestId a : suite.tests) {
      for (TestId b : suite.tests) {
        if (!a.equals(b) && (suite.engines.get(a) != Engine.JUNIT_JUPITER)) {
          assertThat(apart(suite, a, b)).as("%s / %s", name(a), name(b)).isTrue();
        }
      }
    }
  }

  /** The tests of these fixture classes and the model's stance on each, for one configuration. */
  private record Suite(
      List<TestId> tests,
      Map<TestId, Engine> engines,
      ExecutionModel model,
      Map<TestId, ExecutionModel.Stance> stances) {}

  private static Suite suite(List<String> classes, BuildConfiguration config) {
    ScanResult scan = RealEngineTest.Scan.RESULT;
    Set<String> classNames = new TreeSet<>();
    classes.forEach(c -> classNames.add(PACKAGE + c));
    List<TestId> tests = new ArrayList<>();
    Map<TestId, Engine> engines = new HashMap<>();
    for (Footprint f : scan.footprints()) {
      if (classNames.contains(TestId.topLevelClass(f.test().id().className()))) {
        tests.add(f.test().id());
        engines.put(f.test().id(), f.test().engine());
      }
    }
    ExecutionModel model = new ExecutionModel(config, engines::get);
    Map<TestId, ExecutionModel.Stance> stances = new HashMap<>();
    for (TestId t : tests) {
      List<MarkerCoverage> covering =
          scan.coverage().stream().filter(c -> c.covered().contains(t)).toList();
      stances.put(t, model.stance(t, covering));
    }
    return new Suite(tests, engines, model, stances);
  }

  /** Jupiter's parallel execution on, plus these settings as read. */
  private static BuildConfiguration jupiterParallel(Map<String, String> settings) {
    return new BuildConfiguration(
        Tristate.TRUE,
        Tristate.TRUE,
        Tristate.TRUE,
        Tristate.UNKNOWN,
        List.of(),
        List.of(),
        "",
        List.of("junit-platform.properties"),
        settings);
  }

  private static boolean apart(Suite suite, TestId a, TestId b) {
    return suite.model.keptApart(suite.stances.get(a), suite.stances.get(b), false, Reach.JVM);
  }

  /**
   * Group runs, then a pair run for each pair the model lets overlap that no group run showed; the
   * pairs where the model and the runs disagree.
   *
   * @param run one run with the Jupiter probe's parameters given; the pairs that overlapped
   */
  private static List<String> compare(
      Suite suite, Function<Map<String, String>, List<String>> run) {
    Set<String> overlapped = new TreeSet<>();
    for (int i = 0; i < RUNS; i++) {
      VintageProbe.start(suite.tests.size(), "", 150);
      overlapped.addAll(run.apply(Map.of()));
    }
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < suite.tests.size(); i++) {
      for (int j = i + 1; j < suite.tests.size(); j++) {
        TestId a = suite.tests.get(i);
        TestId b = suite.tests.get(j);
        boolean apart = apart(suite, a, b);
        String pair = pair(name(a), name(b));
        if (apart && overlapped.contains(pair)) {
          wrong.add("kept apart by the model, but overlapped: " + pair);
        } else if (!apart && !overlapped.contains(pair)) {
          String both = name(a) + "," + name(b);
          VintageProbe.start(suite.tests.size(), both, 1000);
          List<String> seen =
              run.apply(Map.of("schedule.probe.pair", both, "schedule.probe.waitMillis", "1000"));
          if (!seen.contains(pair)) {
            wrong.add("able to overlap by the model, never overlapped: " + pair);
          }
        }
      }
    }
    return wrong;
  }

  private static List<ClassSelector> selectors(List<String> classes) throws ClassNotFoundException {
    List<ClassSelector> selectors = new ArrayList<>();
    for (String c : classes) {
      selectors.add(selectClass(Class.forName(PACKAGE + c)));
    }
    return selectors;
  }

  /** The pairs of tests whose intervals overlapped. */
  private static List<String> overlaps(Map<String, long[]> intervals) {
    return Overlaps.of(intervals);
  }

  private static String name(TestId t) {
    return VintageProbe.name(t.className(), t.methodName());
  }

  private static String pair(String a, String b) {
    return Overlaps.pair(a, b);
  }
}
