package io.github.isolationaudit.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One marker as the runner applies it, as marker discovery resolved it (inheritance, nesting,
 * {@code target = CHILDREN}, the engine that acts on it): what the execution model needs to say
 * which tests can overlap. Every marker that shapes scheduling has one, those that get no verdict
 * ({@code @Execution(CONCURRENT)}, a PER_CLASS lifecycle) too.
 *
 * @param covered the tests the runner applies it to; empty where nothing acts on it
 * @param classHeld for a class-level marker, whether the class node itself holds a lock from it
 *     that makes JUnit run the class's descendants on one thread (a READ_WRITE lock, or a READ lock
 *     over a child's READ_WRITE one); false where only the children hold its locks ({@code target =
 *     CHILDREN}) and for markers that hold no lock
 * @param runsAfter for TestNG dependencies: the tests each covered test waits for; empty otherwise
 */
public record MarkerCoverage(
    Marker marker, List<TestId> covered, boolean classHeld, Map<TestId, Set<TestId>> runsAfter) {
  public MarkerCoverage {
    Objects.requireNonNull(marker, "marker");
    covered = List.copyOf(covered);
    Map<TestId, Set<TestId>> copy = new HashMap<>();
    runsAfter.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    runsAfter = Map.copyOf(copy);
  }

  /** A marker without TestNG dependencies. */
  public MarkerCoverage(Marker marker, List<TestId> covered, boolean classHeld) {
    this(marker, covered, classHeld, Map.of());
  }
}
