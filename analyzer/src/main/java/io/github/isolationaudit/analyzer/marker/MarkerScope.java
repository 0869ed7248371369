package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A marker and the tests it applies to: a method-level marker its test, a class-level one every
 * test run in that class, its subclasses (for inherited annotation types) and its @Nested classes.
 *
 * @param depth how far out it sits: class-level markers of outer and super classes first, so
 *     removals are judged outer before inner
 * @param classHeld for a class-level marker, whether the class itself holds a lock from it that
 *     makes JUnit run the class's descendants on one thread (a READ_WRITE lock, or a READ lock over
 *     a child's READ_WRITE one); false where only the children hold its locks ({@code target =
 *     CHILDREN}) and for markers that hold no lock
 * @param runsAfter for TestNG dependencies: the tests each test of the scope waits for (they never
 *     overlap); its keys and values are in {@code tests}. Empty for every other marker
 * @param honoured whether anything in the scope acts on the marker: FALSE where nothing does (a
 *     {@code @DirtiesContext} on a class that is no Spring test, a {@code target = CHILDREN} lock
 *     that JUnit rejects on a method), UNKNOWN where the scan cannot tell
 * @param caveat what the scan could not see about the marker (locks a provider computes at run
 *     time, state held in a Spring context), or why it is not honoured; empty when nothing is
 *     hidden
 * @param setups for a set-up annotation ({@code @SetSystemProperty}, {@code @DefaultLocale} ...),
 *     what it does to the resource around each test it covers: the tests' input, never dead; empty
 *     for markers that only schedule
 */
public record MarkerScope(
    Marker marker,
    Set<TestId> tests,
    int depth,
    boolean classHeld,
    Map<TestId, Set<TestId>> runsAfter,
    Tristate honoured,
    String caveat,
    List<Setup> setups) {

  public MarkerScope {
    tests = Set.copyOf(tests);
    Map<TestId, Set<TestId>> copy = new HashMap<>();
    runsAfter.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    runsAfter = Map.copyOf(copy);
    Objects.requireNonNull(honoured, "honoured");
    Objects.requireNonNull(caveat, "caveat");
    setups = List.copyOf(setups);
  }

  /** A marker that only schedules: no set-up of the tests' input. */
  public MarkerScope(
      Marker marker,
      Set<TestId> tests,
      int depth,
      boolean classHeld,
      Map<TestId, Set<TestId>> runsAfter,
      Tristate honoured,
      String caveat) {
    this(marker, tests, depth, classHeld, runsAfter, honoured, caveat, List.of());
  }

  /** A marker whose effect its annotation says in full: a class-level lock held by the class. */
  public MarkerScope(Marker marker, Set<TestId> tests, int depth) {
    this(marker, tests, depth, marker.onClass(), Map.of(), Tristate.TRUE, "", List.of());
  }

  /** Whether the marker sets up its tests' input (and so is never dead while they run). */
  public boolean setsUp() {
    return !setups.isEmpty();
  }

  /** The same scope for the marker placed at its source line. */
  public MarkerScope withMarker(Marker placed) {
    return new MarkerScope(placed, tests, depth, classHeld, runsAfter, honoured, caveat, setups);
  }
}
