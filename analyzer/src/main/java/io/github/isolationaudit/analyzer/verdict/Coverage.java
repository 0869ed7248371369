package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts on each marker verdict what the scan knows of the marker's reach: the tests the runner
 * applies it to and whether it runs its class on one thread. Marker discovery works this out once,
 * from the annotation's {@code @Inherited}, its {@code target}, nesting and the engine that acts on
 * it; the plan reads it from the verdict rather than guessing it again from class names.
 */
public final class Coverage {
  private Coverage() {}

  /** The verdicts of a judgement with their coverage. */
  public static VerdictEngine.Result of(List<MarkerScope> scopes, VerdictEngine.Result judged) {
    Map<Marker, MarkerScope> byMarker = new HashMap<>();
    for (MarkerScope s : scopes) {
      byMarker.putIfAbsent(s.marker(), s);
    }
    List<MarkerVerdict> verdicts =
        judged.verdicts().stream()
            .map(
                v -> {
                  MarkerScope s = byMarker.get(v.marker());
                  return s == null ? v : v.withCoverage(covered(s), oneThread(s));
                })
            .toList();
    return new VerdictEngine.Result(verdicts, judged.findings());
  }

  /**
   * Every marker that shapes scheduling as the runner applies it, for the execution model: those
   * with verdicts and those without ({@code @Execution(CONCURRENT)}, a PER_CLASS lifecycle); a
   * marker nothing acts on covers nothing.
   */
  public static List<MarkerCoverage> schedule(List<MarkerScope> scopes) {
    return scopes.stream()
        .map(s -> new MarkerCoverage(s.marker(), covered(s), s.classHeld(), s.runsAfter()))
        .toList();
  }

  /** The tests the runner applies the marker to: none where nothing acts on it. */
  static List<TestId> covered(MarkerScope s) {
    return s.honoured() == Tristate.FALSE ? List.of() : List.copyOf(new TreeSet<>(s.tests()));
  }

  /**
   * Whether the marker by itself makes the runner run its class's tests on one thread, as the
   * execution model reads it: a class-level SAME_THREAD marker (TestNG's {@code singleThreaded}
   * too), a method order or PER_CLASS lifecycle outside TestNG, or a READ_WRITE lock the class
   * itself holds ({@link MarkerScope#classHeld()}: not {@code target = CHILDREN}). Tests of the
   * class that ask for {@code @Execution(CONCURRENT)} leave that thread; the model tells them
   * apart.
   */
  static boolean oneThread(MarkerScope s) {
    Marker m = s.marker();
    if (!m.onClass() || s.honoured() == Tristate.FALSE || s.tests().isEmpty()) {
      return false;
    }
    TestId first = new TreeSet<>(s.tests()).first();
    // The marker alone, under a configuration that runs everything in parallel: whatever engine
    // its tests run on, a marker whose family belongs to another engine is not honoured there.
    ExecutionModel model =
        new ExecutionModel(
            BuildConfiguration.unknown(),
            t -> m.family().equals("testng") ? Engine.TESTNG : Engine.JUNIT_JUPITER);
    MarkerCoverage alone = new MarkerCoverage(m, List.of(first), s.classHeld(), s.runsAfter());
    return model.stance(first, List.of(alone)).onClassThread();
  }
}
