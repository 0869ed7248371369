package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the runner schedules two tests, given the markers kept: whether they can overlap in time.
 * Verdicts are judged as if parallel execution were on (markers exist for that); findings say
 * whether the configuration runs tests in parallel today.
 *
 * <p>The rules follow JUnit Jupiter's engine: two tests are kept apart when one holds the GLOBAL
 * lock READ_WRITE ({@code @Isolated}); when both hold a lock on the same key and one holds it
 * READ_WRITE; when they run on one thread (a class-level {@code @Execution(SAME_THREAD)}, a
 * class-level READ_WRITE lock that the class itself holds, not one with {@code target = CHILDREN},
 * a method orderer or PER_CLASS lifecycle without {@code @Execution(CONCURRENT)}, TestNG's {@code
 * singleThreaded}, or a configuration whose default mode is same_thread); when one waits for the
 * other (TestNG's {@code dependsOnMethods}/{@code dependsOnGroups}, never its {@code priority});
 * when the configuration runs classes one after another; when they belong to different engines (the
 * platform runs engines one after another); or when a serial tag that the build runs apart covers
 * one of them. A lock held by only one of two tests protects nothing.
 */
final class ExecutionModel {
  private final BuildConfiguration config;
  private final Map<TestId, TestMethod> tests;

  private final boolean methodsSameThread;
  private final boolean classesInSequence;

  /**
   * Where the project runs tests in parallel today, its configured modes count; otherwise the
   * verdicts assume full parallelism (methods and classes concurrent), the setting markers exist
   * for.
   */
  ExecutionModel(BuildConfiguration config, Collection<TestMethod> tests) {
    this.config = config;
    boolean today = config.runsInParallel() == Tristate.TRUE;
    this.methodsSameThread = today && config.methodsConcurrent() == Tristate.FALSE;
    this.classesInSequence = today && config.classesConcurrent() == Tristate.FALSE;
    this.tests = new HashMap<>();
    for (TestMethod t : tests) {
      this.tests.put(t.id(), t);
    }
  }

  /**
   * What protects one test, under a set of markers kept.
   *
   * @param self the test itself, only where TestNG dependencies order it against others (else null,
   *     so tests without such order share stances)
   * @param runsAfter the tests it waits for (TestNG {@code dependsOnMethods}/{@code
   *     dependsOnGroups}): it never overlaps them
   */
  record Stance(
      Engine engine,
      String topClass,
      boolean sameThreadClass,
      boolean sameThreadMethod,
      Map<String, LockMode> locks,
      boolean serialApart,
      TestId self,
      Set<TestId> runsAfter) {

    boolean isolated() {
      return locks.get(Lock.GLOBAL) == LockMode.READ_WRITE;
    }
  }

  /** The stance of a test given the markers that cover it (only those kept). */
  Stance stance(TestId test, List<MarkerScope> covering) {
    TestMethod t = tests.get(test);
    Map<String, LockMode> locks = new TreeMap<>();
    boolean sameThreadClass = methodsSameThread;
    boolean ordered = false;
    boolean concurrentAsked = false;
    boolean sameThreadMethod = false;
    boolean serial = false;
    TestId self = null;
    Set<TestId> after = new TreeSet<>();
    for (MarkerScope s : covering) {
      Marker m = s.marker();
      if (!s.runsAfter().isEmpty()) {
        self = test;
        after.addAll(s.runsAfter().getOrDefault(test, Set.of()));
      }
      for (Lock l : m.locks()) {
        locks.merge(
            l.key(),
            l.mode(),
            (a, b) ->
                a == LockMode.READ_WRITE || b == LockMode.READ_WRITE
                    ? LockMode.READ_WRITE
                    : LockMode.READ);
      }
      switch (m.effect()) {
        case SAME_THREAD -> {
          if (m.onClass()) {
            sameThreadClass = true;
          } else {
            sameThreadMethod = true;
          }
        }
        // TestNG's priority and dependencies order methods without one thread per class; the
        // dependencies' order is in runsAfter.
        case ORDERS -> ordered |= m.onClass() && !m.family().equals("testng");
        case CONCURRENT -> concurrentAsked |= m.onClass();
        case LOCKS -> {
          boolean write = m.locks().stream().anyMatch(l -> l.mode() == LockMode.READ_WRITE);
          if (m.onClass() && s.classHeld() && write) {
            // A READ_WRITE lock that the class itself holds runs all its descendants on one
            // thread; one that only its children hold (target = CHILDREN) does not.
            sameThreadClass = true;
          } else if (write) {
            // The test's own node holds it (a method-level lock, or the class's target =
            // CHILDREN lock): JUnit runs that node's invocations on one thread.
            sameThreadMethod = true;
          }
        }
        case SERIAL_GROUP -> serial |= runsApart(m.tag());
        default -> {}
      }
    }
    // A method orderer or PER_CLASS lifecycle runs the class's methods on one thread, unless
    // the class asks for @Execution(CONCURRENT).
    sameThreadClass |= ordered && !concurrentAsked;
    // The class matters only where it decides something (one thread per class, or classes run
    // one after another); elsewhere leaving it out keeps the number of distinct stances small.
    boolean classMatters = sameThreadClass || sameThreadMethod || classesInSequence;
    return new Stance(
        t == null ? Engine.JUNIT_JUPITER : t.engine(),
        classMatters ? TestId.topLevelClass(test.className()) : "",
        sameThreadClass,
        sameThreadMethod,
        locks,
        serial,
        self,
        Set.copyOf(after));
  }

  /**
   * Whether the build runs a serial tag apart. Only an exclusion in the configuration proves it: a
   * tag by itself isolates nothing (DESIGN.md: a project's {@code @IsolatedTest} that is only a tag
   * and same-thread isolates nothing).
   */
  boolean runsApart(String tag) {
    return config.excludedGroups().stream().anyMatch(g -> g.contains(tag));
  }

  /** Whether the configuration found proves that a serial tag is not run apart. */
  boolean provenNotApart(String tag) {
    return !config.sources().isEmpty()
        && config.excludedGroups().stream().noneMatch(g -> g.contains(tag));
  }

  /** Whether two tests (or two invocations of one test) are kept from overlapping. */
  boolean protects(Stance a, Stance b, boolean sameTest, Reach reach) {
    if (protectsWhateverTheClass(a, b, reach)) {
      return true;
    }
    boolean sameClass = a.topClass().equals(b.topClass());
    if (sameTest) {
      return a.sameThreadClass() || a.sameThreadMethod();
    }
    if (sameClass && a.sameThreadClass() && b.sameThreadClass()) {
      return true;
    }
    return !sameClass && classesInSequence;
  }

  /** Whether the configuration runs test classes one after another. */
  boolean classesInSequence() {
    return classesInSequence;
  }

  /**
   * The part of {@link #protects} that does not depend on the tests' classes: engines, isolation,
   * locks and serial groups. Two tests that it does not keep apart are kept apart only by their
   * classes (one thread per class, or classes one after another).
   */
  boolean protectsWhateverTheClass(Stance a, Stance b, Reach reach) {
    if (a.engine() != b.engine()) {
      return true;
    }
    if (a.isolated() || b.isolated()) {
      // @Isolated keeps others out of this JVM only; forks on one host still overlap on files.
      return reach == Reach.JVM || config.forks() != Tristate.TRUE;
    }
    for (Map.Entry<String, LockMode> l : a.locks().entrySet()) {
      LockMode other = b.locks().get(l.getKey());
      if (other != null && (other == LockMode.READ_WRITE || l.getValue() == LockMode.READ_WRITE)) {
        return true;
      }
    }
    if (a.serialApart() || b.serialApart()) {
      return true;
    }
    // TestNG starts a dependent test only after the tests it depends on have finished.
    return a.self() != null && b.runsAfter().contains(a.self())
        || b.self() != null && a.runsAfter().contains(b.self());
  }

  /** The lock keys a stance holds, for messages. */
  static Set<String> keys(Stance s) {
    return s.locks().keySet();
  }
}
