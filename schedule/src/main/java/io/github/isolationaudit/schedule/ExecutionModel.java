package io.github.isolationaudit.schedule;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How the runner schedules two tests, given the markers kept: whether they can overlap in time.
 * Verdicts are judged as if parallel execution were on (markers exist for that); findings say
 * whether the configuration runs tests in parallel today.
 *
 * <p>JUnit Jupiter, as its engine does it (checked against the engine by {@code RealEngineTest}):
 * two tests are kept apart when one holds the GLOBAL lock READ_WRITE ({@code @Isolated}); when both
 * hold a lock on the same key and one holds it READ_WRITE; when both run on their class's thread;
 * or when both classes run on the engine's thread. A test runs on its class's thread when the class
 * holds a READ_WRITE lock itself (not {@code target = CHILDREN}: that forces every descendant, an
 * {@code @Execution(CONCURRENT)} method too), else when its execution mode is SAME_THREAD: its own
 * {@code @Execution}, else its class's, else SAME_THREAD under a method order or a PER_CLASS
 * lifecycle, else the configured default. So an {@code @Execution(CONCURRENT)} method overlaps its
 * SAME_THREAD siblings, and two {@code @Execution(SAME_THREAD)} methods of a concurrent class run
 * one after the other. A class runs on the engine's thread when its own mode is SAME_THREAD (its
 * {@code @Execution}, else the configured default for classes): JUnit runs such classes one after
 * another, so two {@code @Execution(SAME_THREAD)} classes never overlap each other, only the
 * concurrent ones.
 *
 * <p>Other engines: TestNG's {@code singleThreaded} runs a class's methods on one thread, and so
 * does its {@code parallel="classes"} (or {@code instances}; {@code tests} runs classes one after
 * another too); a test never overlaps the tests it depends on ({@code dependsOnMethods}/{@code
 * dependsOnGroups}, never {@code priority}). JUnit 3 and 4 run under the vintage engine, whose own
 * {@code junit.vintage.execution.parallel.enabled}, {@code .classes} and {@code .methods} settings
 * (JUnit 5.12+) say whether classes and methods overlap (checked against the engine by {@code
 * VintageEngineTest}); Jupiter's settings govern Jupiter's tests only, but where Jupiter runs in
 * parallel and vintage is not enabled (or enabled without classes or methods), the vintage engine
 * runs one test at a time. A JUnit 3 class's methods never overlap each other. The configuration
 * counts where it runs tests in parallel today; elsewhere verdicts assume full parallelism. The
 * build: the platform runs engines one after another, so tests of two engines never overlap; a
 * serial tag that the build runs apart keeps its tests from the rest; with several forks,
 * {@code @Isolated} does not keep out tests of another JVM on a host-wide resource. A lock held by
 * only one of two tests protects nothing.
 */
public final class ExecutionModel {
  private final BuildConfiguration config;
  private final Function<TestId, Engine> engines;

  /** Per engine family, what the configuration runs on one thread today: methods, classes. */
  private final boolean methodsSameThread;

  private final boolean classesInSequence;
  private final boolean vintageMethodsSameThread;
  private final boolean vintageClassesInSequence;
  private final boolean testngMethodsSameThread;
  private final boolean testngClassesInSequence;

  /**
   * Where the project runs tests in parallel today, its configured modes count; otherwise the
   * verdicts assume full parallelism (methods and classes concurrent), the setting markers exist
   * for.
   *
   * @param engines the engine of each test (tests it does not know are taken as Jupiter's)
   */
  public ExecutionModel(BuildConfiguration config, Function<TestId, Engine> engines) {
    this.config = config;
    this.engines = engines;
    boolean today = config.runsInParallel() == Tristate.TRUE;
    this.methodsSameThread = today && config.methodsConcurrent() == Tristate.FALSE;
    this.classesInSequence = today && config.classesConcurrent() == Tristate.FALSE;
    // The vintage engine's own settings (JUnit 5.12+): off unless enabled, classes and methods
    // each off unless set; enabled without either, the engine runs one test at a time. They count
    // where vintage runs in parallel today, and also where Jupiter does: then the configuration
    // was found, and a vintage engine it leaves off runs its tests one after another.
    boolean vintageEnabled =
        "true".equalsIgnoreCase(setting("junit.vintage.execution.parallel.enabled"));
    boolean vintageClasses =
        vintageEnabled
            && "true".equalsIgnoreCase(setting("junit.vintage.execution.parallel.classes"));
    boolean vintageMethods =
        vintageEnabled
            && "true".equalsIgnoreCase(setting("junit.vintage.execution.parallel.methods"));
    boolean vintageCounts = today || vintageClasses || vintageMethods;
    this.vintageMethodsSameThread = vintageCounts && !vintageMethods;
    this.vintageClassesInSequence = vintageCounts && !vintageClasses;
    // TestNG's parallel mode: classes (and instances) run each class's methods on one thread; tests
    // runs each <test> on one thread, which the scan cannot tell apart, so classes one after
    // another
    // too; methods, none or unknown: judged as fully parallel.
    String testng = config.testngParallel();
    this.testngMethodsSameThread =
        testng.equals("classes") || testng.equals("instances") || testng.equals("tests");
    this.testngClassesInSequence = testng.equals("tests");
  }

  /** A raw setting by its key, from whichever file named it first; null when none did. */
  private String setting(String key) {
    for (Map.Entry<String, String> e : new TreeMap<>(config.settings()).entrySet()) {
      if (e.getKey().equals(key) || e.getKey().endsWith(":" + key)) {
        return e.getValue() == null ? null : e.getValue().trim();
      }
    }
    return null;
  }

  /**
   * What keeps one test from others, under a set of markers kept.
   *
   * @param topClass the test's top-level class, only where it decides something (else empty, so
   *     that tests of many classes share a stance)
   * @param threadClass where it runs on a class's thread: that class (its own, or an enclosing one
   *     whose thread its {@code @Nested} classes share); empty where it does not
   * @param onClassThread whether it runs on a class's thread, one after the other tests that do
   * @param invocationsInSequence whether its own invocations (of a parameterized or repeated test)
   *     run one after another
   * @param classInSequence whether its top-level class runs one after the other classes that do
   *     (Jupiter's SAME_THREAD class nodes, or a configuration that runs classes one after another)
   * @param self the test itself, only where TestNG dependencies order it against others (else null)
   * @param runsAfter the tests it waits for: it never overlaps them
   */
  public record Stance(
      Engine engine,
      String topClass,
      String threadClass,
      boolean onClassThread,
      boolean invocationsInSequence,
      boolean classInSequence,
      Map<String, LockMode> locks,
      boolean serialApart,
      TestId self,
      Set<TestId> runsAfter) {

    public Stance {
      locks = Map.copyOf(locks);
      runsAfter = Set.copyOf(runsAfter);
    }

    /** Whether it holds the GLOBAL lock READ_WRITE ({@code @Isolated}). */
    public boolean isolated() {
      return locks.get(Lock.GLOBAL) == LockMode.READ_WRITE;
    }
  }

  /** The stance of a test given the markers that cover it (only those kept). */
  public Stance stance(TestId test, List<MarkerCoverage> covering) {
    Engine engine = engineOf(test);
    // The test's class and the classes it is nested in, outermost first: each a node of JUnit's
    // tree with a mode of its own.
    List<String> chain = new java.util.ArrayList<>();
    String name = test.className();
    for (int i = name.indexOf('$'); i >= 0; i = name.indexOf('$', i + 1)) {
      chain.add(name.substring(0, i));
    }
    chain.add(name);
    int inner = chain.size() - 1;
    Boolean[] explicit = new Boolean[chain.size()]; // a class's own @Execution: SAME_THREAD?
    boolean[] ordered = new boolean[chain.size()]; // its children default to SAME_THREAD
    int forcedFrom = Integer.MAX_VALUE; // the outermost class holding a READ_WRITE lock itself
    Map<String, LockMode> locks = new TreeMap<>();
    Boolean methodSameThread = null; // the test's own @Execution, where it has one
    boolean ownWriteLock = false;
    boolean serial = false;
    TestId self = null;
    Set<TestId> after = new TreeSet<>();
    for (MarkerCoverage c : covering) {
      Marker m = c.marker();
      if (!c.runsAfter().isEmpty()) {
        self = test;
        after.addAll(c.runsAfter().getOrDefault(test, Set.of()));
      }
      for (Lock l : m.locks()) {
        locks.merge(l.key(), l.mode(), ExecutionModel::stronger);
      }
      boolean write = m.locks().stream().anyMatch(l -> l.mode() == LockMode.READ_WRITE);
      // A class-level marker sits on one of the chain's classes, or on a superclass: then it is
      // taken to be the top-level class's (a base class of the test class).
      int level = Math.max(0, chain.indexOf(m.className()));
      switch (m.effect()) {
        case SAME_THREAD, CONCURRENT -> {
          boolean same = m.effect() == MarkerEffect.SAME_THREAD;
          if (m.onClass()) {
            explicit[level] = explicit[level] == null ? same : explicit[level];
          } else {
            methodSameThread = methodSameThread == null ? same : methodSameThread;
          }
        }
        // TestNG's priority and dependencies order methods without one thread per class; the
        // dependencies' order is in runsAfter.
        case ORDERS -> {
          if (m.onClass() && !m.family().equals("testng")) {
            ordered[level] = true;
          }
        }
        case LOCKS, ISOLATES -> {
          if (m.onClass() && c.classHeld() && write) {
            // A READ_WRITE lock the class itself holds runs all its descendants on one thread,
            // whatever their own @Execution says; one only its children hold does not.
            forcedFrom = Math.min(forcedFrom, level);
          } else if (write) {
            // The test's own node holds it (a method-level lock, or a target = CHILDREN lock):
            // JUnit runs that node's invocations on one thread.
            ownWriteLock = true;
          }
        }
        case SERIAL_GROUP -> serial |= runsApart(m.tag());
        default -> {}
      }
    }
    boolean onClassThread;
    String threadClass = "";
    boolean classInSequence;
    if (engine == Engine.JUNIT_JUPITER) {
      // A node's mode: its own @Execution, else the nearest enclosing class's @Execution or the
      // default it gives its children (SAME_THREAD under a method order or PER_CLASS lifecycle),
      // else the configured default; forced to SAME_THREAD below a class that holds a READ_WRITE
      // lock itself.
      onClassThread =
          forcedFrom <= inner
              || (methodSameThread != null
                  ? methodSameThread
                  : childrenSameThread(explicit, ordered, inner));
      if (onClassThread) {
        // The thread is the class's, or an enclosing class's where the nested class node itself
        // runs on its parent's thread.
        int level = inner;
        while (level > 0
            && (forcedFrom < level
                || (explicit[level] != null
                    ? explicit[level]
                    : childrenSameThread(explicit, ordered, level - 1)))) {
          level--;
        }
        threadClass = chain.get(level);
      }
      classInSequence = explicit[0] != null ? explicit[0] : classesInSequence;
    } else if (engine == Engine.TESTNG) {
      // singleThreaded keeps a class on one thread; priority and dependencies do not.
      onClassThread = any(explicit) || testngMethodsSameThread;
      classInSequence = testngClassesInSequence;
    } else {
      // JUnit 3 and 4 under the vintage engine: its own settings. A JUnit 3 class runs under
      // JUnit's old runner, which takes no scheduler: its methods run one after another whatever
      // the settings. (JUnit 4's @FixMethodOrder does not keep a class on one thread: the engine
      // hands its methods to the pool in that order.)
      onClassThread =
          engine == Engine.JUNIT3 || any(explicit) || any(ordered) || vintageMethodsSameThread;
      classInSequence = vintageClassesInSequence;
    }
    onClassThread |= forcedFrom <= inner;
    if (onClassThread && threadClass.isEmpty()) {
      // Outside Jupiter a nested class runs as a class of its own, on its own thread.
      threadClass = test.className();
    }
    boolean invocationsInSequence = onClassThread || ownWriteLock;
    // The class matters only where it decides something; elsewhere leaving it out keeps the
    // number of distinct stances small.
    boolean classMatters = onClassThread || invocationsInSequence || classInSequence;
    return new Stance(
        engine,
        classMatters ? TestId.topLevelClass(test.className()) : "",
        threadClass,
        onClassThread,
        invocationsInSequence,
        classInSequence,
        locks,
        serial,
        self,
        after);
  }

  /** Whether any class of the chain says so (the markers that cover a test apply to it). */
  private static boolean any(Boolean[] values) {
    for (Boolean v : values) {
      if (Boolean.TRUE.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(boolean[] values) {
    for (boolean v : values) {
      if (v) {
        return true;
      }
    }
    return false;
  }

  /** Whether the children of a class at this level of the chain default to SAME_THREAD. */
  private boolean childrenSameThread(Boolean[] explicit, boolean[] ordered, int level) {
    for (int k = level; k >= 0; k--) {
      if (explicit[k] != null) {
        return explicit[k];
      }
      if (ordered[k]) {
        return true;
      }
    }
    return methodsSameThread;
  }

  private Engine engineOf(TestId test) {
    Engine e = engines.apply(test);
    return e == null ? Engine.JUNIT_JUPITER : e;
  }

  private static LockMode stronger(LockMode a, LockMode b) {
    return a == LockMode.READ_WRITE || b == LockMode.READ_WRITE
        ? LockMode.READ_WRITE
        : LockMode.READ;
  }

  /**
   * Whether the build runs a serial tag apart. Only an exclusion in the configuration proves it: a
   * tag by itself isolates nothing (a project's {@code @IsolatedTest} that is only a tag and
   * same-thread isolates nothing).
   */
  public boolean runsApart(String tag) {
    return config.excludedGroups().stream().anyMatch(g -> g.contains(tag));
  }

  /** Whether the configuration found proves that a serial tag is not run apart. */
  public boolean provenNotApart(String tag) {
    return !config.sources().isEmpty()
        && config.excludedGroups().stream().noneMatch(g -> g.contains(tag));
  }

  /** Whether two tests (or two invocations of one test) are kept from overlapping. */
  public boolean keptApart(Stance a, Stance b, boolean sameTest, Reach reach) {
    if (keptApartWhateverTheClass(a, b, reach)) {
      return true;
    }
    if (sameTest) {
      return a.invocationsInSequence();
    }
    return keptApartByClass(a, b);
  }

  /**
   * The part of {@link #keptApart} that depends on the tests' classes only: two tests that both run
   * on one class's thread, or two top-level classes that both run on the engine's thread.
   */
  public static boolean keptApartByClass(Stance a, Stance b) {
    if (a.topClass().equals(b.topClass())) {
      return a.onClassThread() && b.onClassThread() && a.threadClass().equals(b.threadClass());
    }
    return a.classInSequence() && b.classInSequence();
  }

  /**
   * The part of {@link #keptApart} that does not depend on the tests' classes: engines, isolation,
   * locks, serial groups and TestNG dependencies.
   */
  public boolean keptApartWhateverTheClass(Stance a, Stance b, Reach reach) {
    if (a.engine() != b.engine()) {
      // The platform runs one engine after another; JUnit 3 and 4 both run under vintage.
      return !(vintage(a.engine()) && vintage(b.engine()));
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

  private static boolean vintage(Engine e) {
    return e == Engine.JUNIT4 || e == Engine.JUNIT3;
  }
}
