package io.github.isolationaudit.analyzer.advice;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the smallest set of edits that keeps the tests of a conflict apart.
 *
 * <p><b>Where.</b> One class-level annotation when at least half of a class's tests take part, or
 * the class has at most {@value #SMALL_CLASS} tests, or a test's access comes from what runs once
 * for the class ({@code @BeforeAll}, {@code @AfterAll}, a static initializer: method-level locks do
 * not cover it; where that is not known, anything around the test counts); otherwise one annotation
 * on each method that takes part, on the class that declares it. A method lock covers the test's
 * {@code @BeforeEach}, {@code @AfterEach} and constructor: a partner of a conflict whose class's
 * every test writes in {@code @AfterEach} is one method, not its class.
 *
 * <p><b>Which side.</b> A lock held only by the writers protects nothing against readers that hold
 * none, so there are two complete answers, priced by the edits they need: (a) {@code @Isolated} on
 * the writers' top-level classes (their tests then run alone: JUnit lifts JUnit's global lock taken
 * by a method to its top-level class, so a method-level global lock isolates no fewer tests), or
 * (b) a READ_WRITE lock on the writers and a READ lock on the readers that the writers' class-level
 * locks do not already cover. Isolation wins where it takes fewer edits and runs no more tests
 * alone than the locks would hold; otherwise the locks, since nothing then runs alone.
 *
 * <p><b>Which engine.</b> Jupiter's annotations do nothing on JUnit 4, JUnit 3 or TestNG tests: the
 * writers' classes on those engines get a MANUAL edit saying what their engine offers instead (run
 * the class apart from the parallel run, which keeps it from every reader too); their readers only
 * where no writer runs on such an engine.
 *
 * <p>Edits come out placed on a class or method but not yet on a line: {@link EditPlacement} gives
 * them their file and line from the sources.
 */
public final class EditPlanner {
  /** A class with at most this many tests takes a class-level annotation whatever takes part. */
  public static final int SMALL_CLASS = 3;

  private final Map<TestId, TestMethod> tests;
  private final Map<TestId, Footprint> footprints;
  private final Vocabulary vocabulary;
  private final Map<String, Integer> classSizes = new HashMap<>();

  /** Tests per top-level class (nested classes' tests with it). */
  private final Map<String, Integer> topLevelSizes = new HashMap<>();

  /**
   * Per class that declares test methods, the test classes that run them as its subclasses: they
   * inherit its {@code @Isolated} ({@code @Inherited}).
   */
  private final Map<String, Set<String>> subclasses = new HashMap<>();

  /** The other way round: per test class, the classes whose test methods it runs as a subclass. */
  private final Map<String, Set<String>> declarers = new HashMap<>();

  /** The smallest edits and the one sentence that sums up the choice. */
  public record Advice(String summary, List<Edit> edits) {
    public Advice {
      Objects.requireNonNull(summary, "summary");
      edits = List.copyOf(edits);
    }
  }

  /** Where one annotation goes and how many tests run under it. */
  record Unit(String className, String methodName, int covered) {}

  public EditPlanner(
      Collection<TestMethod> tests, Collection<Footprint> footprints, Vocabulary vocabulary) {
    this.tests = new HashMap<>();
    for (TestMethod t : tests) {
      this.tests.put(t.id(), t);
      classSizes.merge(t.id().className(), 1, Integer::sum);
      topLevelSizes.merge(TestId.topLevelClass(t.id().className()), 1, Integer::sum);
      if (!t.id().declaringClass().equals(t.id().className())) {
        subclasses
            .computeIfAbsent(t.id().declaringClass(), k -> new TreeSet<>())
            .add(t.id().className());
        declarers
            .computeIfAbsent(t.id().className(), k -> new HashSet<>())
            .add(t.id().declaringClass());
      }
    }
    this.footprints = new HashMap<>();
    for (Footprint f : footprints) {
      this.footprints.put(f.test().id(), f);
    }
    this.vocabulary = vocabulary;
  }

  /**
   * The edits for a conflict whose exposed writers and readers are given.
   *
   * @param fix the conflict's mechanical fix, if it has one: MANUAL edits at each place the writers
   *     touch the resource, listed before the locks they make unnecessary
   */
  public Advice forConflict(
      Conflict c,
      Collection<TestId> writers,
      Collection<TestId> readers,
      Optional<MechanicalFix> fix) {
    List<Edit> edits = new ArrayList<>();
    List<String> said = new ArrayList<>();
    Conflict own = c;
    Collection<TestId> ownWriters = writers;
    String shared = lockKeys.get(c);
    if (shared != null
        && writers.containsAll(c.writers())
        && readers.containsAll(c.readers())
        && sharing.getOrDefault(shared, List.of()).size() > 1) {
      // Every test of the conflict is exposed: the fields that share the key are advised as one,
      // each test in its strongest part (a mechanical fix stays the field's own).
      c = Conflict.asOne(sharing.get(shared));
      writers = c.writers();
      readers = c.readers();
    }
    if (fix.isPresent()) {
      List<Edit> fixes = fixEdits(own, ownWriters, fix.get());
      edits.addAll(fixes);
      if (!fixes.isEmpty()) {
        // The manual edits say how, each at its place; the sentence only weighs it.
        said.add(perTestLead(fixes.size()));
      }
    }
    List<TestId> jupiterWriters = on(writers, true);
    List<TestId> jupiterReaders = on(readers, true);
    if (readerSide(c, writers, readers, edits, said)) {
      return new Advice(String.join(" ", said), edits);
    }
    String key = vocabulary.key(c.junitKey(), shared != null ? shared : c.key().value());
    if (!jupiterWriters.isEmpty()) {
      List<Unit> everyWriter = units(jupiterWriters, c);
      List<Unit> writerUnits = everyWriter;
      Set<String> lockedClasses = new TreeSet<>();
      writerUnits.stream()
          .filter(u -> u.methodName().isEmpty())
          .forEach(u -> lockedClasses.add(u.className()));
      List<TestId> uncovered =
          jupiterReaders.stream().filter(t -> !lockedClasses.contains(t.className())).toList();
      List<Unit> readerUnits = units(uncovered, c);
      Observed observed =
          c.writersRaceOnlyWithPartners() ? observed(c, jupiterWriters, jupiterReaders) : null;
      if (observed != null) {
        // The locks of writers that race only with readers: READ on the writers, READ_WRITE on
        // the readers (see observed).
        writerUnits = observed.shared();
        readerUnits = observed.partners();
      } else {
        // A class whose readers hold the key as a whole while some of its methods write runs all
        // its tests one at a time on the key anyway (JUnit gathers its methods' locks into the
        // class's): one class-level READ_WRITE there says the same in one edit (kafka's
        // AbstractConfigTest: 5 writers and 20 tests that save and restore the property).
        Set<String> mixed = new TreeSet<>();
        for (Unit u : readerUnits) {
          if (u.methodName().isEmpty()
              && jupiterWriters.stream().anyMatch(t -> t.className().equals(u.className()))) {
            mixed.add(u.className());
          }
        }
        if (!mixed.isEmpty()) {
          List<Unit> merged =
              new ArrayList<>(
                  units(
                      jupiterWriters.stream().filter(t -> !mixed.contains(t.className())).toList(),
                      c));
          for (String cls : mixed) {
            merged.add(new Unit(cls, "", classSizes.getOrDefault(cls, 1)));
          }
          merged.sort(
              java.util.Comparator.comparing(Unit::className).thenComparing(Unit::methodName));
          writerUnits = merged;
          readerUnits = readerUnits.stream().filter(u -> !mixed.contains(u.className())).toList();
        }
      }
      // A method's global lock runs its whole top-level class alone: @Isolated on the class says
      // so, in as few edits or fewer (the methods' locks where they are fewer, inherited by
      // several classes).
      List<Unit> byMethod = inheritedOnce(everyWriter);
      List<Unit> byClass = isolationUnits(jupiterWriters);
      List<Unit> isolateUnits = byClass.size() <= byMethod.size() ? byClass : byMethod;
      int isolateEdits = isolateUnits.size();
      int lockEdits = writerUnits.size() + readerUnits.size();
      // A method's global lock runs its whole top-level class alone, as @Isolated on it does.
      int runAlone = aloneIn(jupiterWriters);
      int lockHolders =
          writerUnits.stream().mapToInt(Unit::covered).sum()
              + readerUnits.stream().mapToInt(Unit::covered).sum();
      // Isolation where it takes fewer edits and runs no more tests alone than the locks would
      // hold: 13 method-level global locks that run dbcp2's five TestBasicDataSource classes (725
      // tests) alone do not beat 14 locks on 36 tests.
      if (isolateEdits < lockEdits && runAlone <= lockHolders) {
        isolateUnits.forEach(u -> edits.add(add(u, isolation(u))));
        said.add(
            "@Isolated on the writers ("
                + count(isolateEdits, "edit", "edits")
                + "; "
                + count(runAlone, "test then runs", "tests then run")
                + " alone) is cheaper than locking "
                + key
                + " on writers and readers ("
                + count(lockEdits, "edit", "edits")
                + "): a lock held only by the writers does not keep out readers that hold none.");
      } else {
        Annotation write = vocabulary.lock(c.resource(), key, LockMode.READ_WRITE);
        Annotation read = vocabulary.lock(c.resource(), key, LockMode.READ);
        // Writers that race only with readers share the key (READ) and the readers hold it alone.
        Annotation onWriters = observed != null ? read : write;
        Annotation onReaders = observed != null ? write : read;
        writerUnits.forEach(u -> edits.add(add(u, onWriters)));
        readerUnits.forEach(u -> edits.add(add(u, onReaders)));
        String sides;
        if (observed != null) {
          sides =
              writerUnits.isEmpty()
                  ? " on the tests that read it"
                  : ", READ on the writers and READ_WRITE on the tests that read it";
        } else {
          sides =
              readerUnits.isEmpty()
                  ? " on the writers"
                  : ", READ_WRITE on the writers and READ on the readers";
        }
        // The edits name the annotations; the sentence names the key and weighs the answer.
        said.add(
            "Lock "
                + key
                + (vocabulary.suiteUses(key) ? " (the key the suite's locks already use)" : "")
                + sides
                + " ("
                + count(lockEdits, "edit", "edits")
                + "): "
                + (observed != null
                    ? "the writers may run at once, since each only changes what a reader sees; "
                    : "")
                + (isolateEdits == lockEdits
                    ? "as few edits as @Isolated on the writers, and no test has to run alone"
                    : "cheaper than @Isolated on the writers ("
                        + count(isolateEdits, "edit", "edits")
                        + ", "
                        + count(runAlone, "test", "tests")
                        + " running alone)")
                + ".");
      }
    } else if (!jupiterReaders.isEmpty()) {
      // The writers run on another engine: Jupiter's readers can only keep out of their way.
      units(jupiterReaders, c).forEach(u -> edits.add(add(u, isolation(u))));
    }
    // A class run apart from the parallel run overlaps nothing, so the writers' classes suffice;
    // readers only where no writer runs on such an engine.
    List<TestId> otherWriters = on(writers, false);
    Map<String, Engine> others = new TreeMap<>();
    for (TestId t : new TreeSet<>(otherWriters.isEmpty() ? on(readers, false) : otherWriters)) {
      others.putIfAbsent(t.className(), engine(t));
    }
    Set<String> memberClasses = new TreeSet<>();
    writers.forEach(t -> memberClasses.add(t.className()));
    readers.forEach(t -> memberClasses.add(t.className()));
    boolean withinClass = memberClasses.size() == 1;
    Conflict advised = c;
    others.forEach((cls, engine) -> edits.add(runApart(cls, engine, advised, withinClass)));
    if (!others.isEmpty()) {
      said.add(
          count(others.size(), "class", "classes")
              + (otherWriters.isEmpty() ? " of readers" : " of writers")
              + " on JUnit 4 or TestNG, which honour no Jupiter annotation: run "
              + (others.size() == 1 ? "it" : "them")
              + " apart from the parallel run (the manual edits).");
    }
    return new Advice(String.join(" ", said), edits);
  }

  /**
   * Where every writer races only with the tests that read ({@link Conflict#readerOnlyWriters}: it
   * starts threads, resets a thread-safe counter, holds a lock across all its uses of the key) or
   * is such a partner itself, those tests running alone keep every racing pair apart too. Takes
   * that answer, and says so, when it is fewer edits than the writers' side: {@code @Isolated} on
   * the Jupiter writers plus a class run apart per writer class on another engine, against
   * {@code @Isolated} on the Jupiter partners plus a class run apart per partner class on another
   * engine.
   */
  /** The units that hold a key READ (the writers that only write) and READ_WRITE (the rest). */
  private record Observed(List<Unit> shared, List<Unit> partners) {}

  /**
   * The lock units of a conflict whose writers race only with the tests that read (they start
   * threads, change a thread-safe registry, register an MBean where a clash is only logged): the
   * writers may overlap each other, so they share the key (READ) and the readers, reading writers
   * included, hold it alone (READ_WRITE), as the plan's assignments do. READ_WRITE on the writers
   * would run commons-dbcp2's 13 thread-starting tests one at a time for one thread counter.
   */
  private Observed observed(Conflict c, List<TestId> jupiterWriters, List<TestId> jupiterReaders) {
    Set<TestId> partners = new TreeSet<>(jupiterReaders);
    jupiterWriters.stream().filter(c.readingWriters()::contains).forEach(partners::add);
    List<TestId> shared = jupiterWriters.stream().filter(t -> !partners.contains(t)).toList();
    List<Unit> sharedUnits = units(shared, c);
    // A class that would hold the key READ as a whole while a reader in it holds it READ_WRITE runs
    // all its tests one at a time on the key anyway (JUnit gathers its methods' locks into the
    // class's): the class's writers then hold it READ_WRITE too, in fewer edits.
    Set<String> readingClasses = new TreeSet<>();
    partners.forEach(t -> readingClasses.add(t.className()));
    Set<String> mixed = new TreeSet<>();
    sharedUnits.stream()
        .filter(u -> u.methodName().isEmpty() && readingClasses.contains(u.className()))
        .forEach(u -> mixed.add(u.className()));
    if (!mixed.isEmpty()) {
      shared.stream().filter(t -> mixed.contains(t.className())).forEach(partners::add);
      sharedUnits = units(jupiterWriters.stream().filter(t -> !partners.contains(t)).toList(), c);
    }
    return new Observed(sharedUnits, units(new ArrayList<>(partners), c));
  }

  private boolean readerSide(
      Conflict c,
      Collection<TestId> writers,
      Collection<TestId> readers,
      List<Edit> edits,
      List<String> said) {
    // A writer that is a partner itself (it reads too, or holds no lock across its uses) is among
    // the tests isolated: every racing pair still has an isolated test in it.
    if (c.readingWriters().containsAll(c.readerOnlyWriters())
        || !writers.stream()
            .allMatch(w -> c.readerOnlyWriters().contains(w) || c.readingWriters().contains(w))) {
      return false;
    }
    Set<TestId> partners = new TreeSet<>(readers);
    partners.addAll(c.readingWriters());
    if (partners.isEmpty()) {
      return false;
    }
    List<Unit> partnerUnits = isolationUnits(on(partners, true));
    Map<String, Engine> partnerClasses = new TreeMap<>();
    for (TestId t : on(partners, false)) {
      partnerClasses.putIfAbsent(t.className(), engine(t));
    }
    int writerEdits = classesOf(on(writers, false)).size();
    int writersKept = on(writers, false).size();
    List<TestId> jupiterWriters = on(writers, true);
    if (!jupiterWriters.isEmpty()) {
      List<Unit> writerUnits = units(jupiterWriters, c);
      writerEdits += writerUnits.size();
      writersKept += writerUnits.stream().mapToInt(Unit::covered).sum();
    }
    int partnerEdits = partnerUnits.size() + partnerClasses.size();
    int partnersAlone =
        partnerUnits.stream().mapToInt(Unit::covered).sum() + on(partners, false).size();
    // Priced first by the tests the answer runs one at a time (the partners' classes alone, or
    // every test under the writers' locks), then by edits: @Isolated on 5 classes that run 396
    // tests alone beats 7 class locks that run 399 registrars one after another.
    boolean cheaper =
        partnersAlone < writersKept || partnersAlone == writersKept && partnerEdits < writerEdits;
    if (!cheaper) {
      return false;
    }
    partnerUnits.forEach(u -> edits.add(add(u, isolation(u))));
    partnerClasses.forEach((cls, engine) -> edits.add(runApart(cls, engine, c, false)));
    int alone = partnerUnits.stream().mapToInt(Unit::covered).sum();
    List<String> answers = new ArrayList<>();
    if (!partnerUnits.isEmpty()) {
      boolean classes = partnerUnits.stream().allMatch(u -> u.methodName().isEmpty());
      boolean methods = partnerUnits.stream().noneMatch(u -> u.methodName().isEmpty());
      answers.add(
          (classes
                  ? "@Isolated"
                  : methods
                      ? "JUnit's global lock (READ_WRITE, what @Isolated holds)"
                      : "@Isolated or, on methods, JUnit's global lock (READ_WRITE)")
              + " on the tests that read it ("
              + count(partnerUnits.size(), "edit", "edits")
              + "; "
              + count(alone, "test then runs", "tests then run")
              + " alone)");
    }
    if (!partnerClasses.isEmpty()) {
      answers.add(
          "running "
              + count(partnerClasses.size(), "class", "classes")
              + " of readers on JUnit 4 or TestNG apart from the parallel run (the manual edits)");
    }
    said.add(
        capitalize(String.join(" and ", answers))
            + " is cheaper than keeping the "
            + count(writers.size(), "writer", "writers")
            + " apart ("
            + count(writerEdits, "edit", "edits")
            + "; "
            + count(writersKept, "test", "tests")
            + " then run one at a time): they race only with the tests that read it, not with"
            + " each other.");
    return true;
  }

  private static Set<String> classesOf(Collection<TestId> tests) {
    Set<String> classes = new TreeSet<>();
    tests.forEach(t -> classes.add(t.className()));
    return classes;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code @Isolated} on a class, JUnit's global lock on a method (where it is not allowed). */
  private Annotation isolation(Unit u) {
    return vocabulary.isolation(u.methodName().isEmpty());
  }

  /** The MANUAL edits of a mechanical fix: one at each place where a writer writes. */
  public List<Edit> fixEdits(Conflict c, Collection<TestId> writers, MechanicalFix fix) {
    List<Edit> edits = new ArrayList<>();
    for (EvidenceStep s : sinks(c, writers)) {
      edits.add(
          new Edit(
              Edit.Action.MANUAL,
              s.sourceFile(),
              s.line(),
              s.className(),
              s.methodName(),
              fix.sentence(),
              List.of()));
    }
    return edits;
  }

  /** What a test class on another engine can do instead of a Jupiter annotation. */
  /** The MANUAL edit that runs a class of another engine apart from the parallel run. */
  private static Edit runApart(String cls, Engine engine, Conflict c, boolean withinClass) {
    return new Edit(
        Edit.Action.MANUAL, "", 0, cls, "", otherEngine(engine, c, withinClass), List.of());
  }

  private static String otherEngine(Engine engine, Conflict c, boolean withinClass) {
    String what = c.resourceName() + " " + c.key().value();
    if (engine == Engine.TESTNG && withinClass) {
      return "Write @Test(singleThreaded = true) on the class: TestNG then runs its methods, which"
          + " race only with each other on "
          + what
          + ", on one thread.";
    }
    return switch (engine) {
      case TESTNG ->
          "TestNG has no resource locks: put this class's tests that touch "
              + what
              + " in a group that runs apart from the parallel run (singleThreaded = true keeps"
              + " only this class's own methods apart).";
      default ->
          "JUnit 4 honours no lock annotation: run this class apart from the parallel run (a"
              + " serial lane of the plan, or its own Surefire execution), or make it stop"
              + " changing "
              + what
              + ".";
    };
  }

  /**
   * The places of {@code @Isolated} for a set of tests: their top-level classes, each covering
   * every test in it. JUnit runs a whole top-level class alone for a test that isolates itself: its
   * {@code NodeTreeWalker} puts the global READ_WRITE lock of a method (or a nested class) on the
   * top-level class and runs all of that class's tests on one thread, so the global lock on a few
   * methods isolates as many tests as {@code @Isolated} on their class, in more edits.
   */
  List<Unit> isolationUnits(Collection<TestId> members) {
    // The readers' side; the writers' side keeps method places where a few methods of a large class
    // write (the same effect), and counts their classes' tests as running alone (aloneIn).
    Set<String> classes = new TreeSet<>();
    members.forEach(t -> classes.add(TestId.topLevelClass(t.className())));
    // A base class (abstract, often) that declares tests every class running them is among these
    // runs: @Isolated on it covers them all, being @Inherited (commons-dbcp2's TestConnectionPool
    // and its 11 subclasses, one edit instead of 11).
    Set<String> bases = new TreeSet<>();
    for (TestId t : members) {
      String base = t.declaringClass();
      Set<String> runners = subclasses.get(base);
      if (base.equals(t.className()) || base.contains("$") || runners == null) {
        continue;
      }
      if (runners.stream().allMatch(r -> classes.contains(TestId.topLevelClass(r)))) {
        bases.add(base);
      }
    }
    List<Unit> units = new ArrayList<>();
    bases.removeAll(classes);
    for (String base : bases) {
      units.add(new Unit(base, "", topLevelSizes.getOrDefault(base, 0)));
    }
    for (String cls : classes) {
      units.add(new Unit(cls, "", topLevelSizes.getOrDefault(cls, 1)));
    }
    return inheritedOnce(units);
  }

  /**
   * Class places of {@code @Isolated} without those its subclasses inherit: on commons-dbcp2's
   * TestBasicDataSource it isolates the four subclasses that run its tests too, so an edit on each
   * of them is one too many. A class place counts the tests of every subclass it isolates, listed
   * or not.
   */
  List<Unit> inheritedOnce(List<Unit> units) {
    Set<String> placed = new TreeSet<>();
    units.stream().filter(u -> u.methodName().isEmpty()).forEach(u -> placed.add(u.className()));
    List<Unit> kept = new ArrayList<>();
    for (Unit u : units) {
      if (!u.methodName().isEmpty()) {
        kept.add(u);
        continue;
      }
      boolean inherited = false;
      for (String other : declarers.getOrDefault(u.className(), Set.of())) {
        inherited |= !other.equals(u.className()) && placed.contains(other);
      }
      if (inherited) {
        continue;
      }
      int covered = u.covered();
      for (String sub : subclasses.getOrDefault(u.className(), Set.of())) {
        if (!sub.equals(u.className())) {
          covered += classSizes.getOrDefault(sub, 0);
        }
      }
      kept.add(new Unit(u.className(), "", covered));
    }
    return kept;
  }

  /**
   * The tests that isolating these tests runs alone: every test of their top-level classes (of the
   * classes that run them: an edit on an inherited method isolates each subclass).
   */
  int aloneIn(Collection<TestId> members) {
    return isolationUnits(members).stream().mapToInt(Unit::covered).sum();
  }

  /** The class-level or method-level places for a set of tests, sorted. */
  List<Unit> units(Collection<TestId> members, Conflict c) {
    Map<String, List<TestId>> byClass = new TreeMap<>();
    for (TestId t : members) {
      byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
    }
    Map<String, Unit> units = new LinkedHashMap<>();
    for (Map.Entry<String, List<TestId>> e : byClass.entrySet()) {
      int size = classSizes.getOrDefault(e.getKey(), e.getValue().size());
      List<TestId> involved = e.getValue();
      boolean classLevel =
          involved.size() * 2 >= size
              || size <= SMALL_CLASS
              || involved.stream().anyMatch(t -> aroundTheTest(t, c));
      if (classLevel) {
        units.put(e.getKey(), new Unit(e.getKey(), "", size));
      } else {
        for (TestId t : involved) {
          units.merge(
              t.declaringClass() + "#" + t.methodName(),
              new Unit(t.declaringClass(), t.methodName(), 1),
              (a, b) -> new Unit(a.className(), a.methodName(), a.covered() + 1));
        }
      }
    }
    List<Unit> sorted = new ArrayList<>(units.values());
    sorted.sort(java.util.Comparator.comparing(Unit::className).thenComparing(Unit::methodName));
    return sorted;
  }

  /**
   * The accesses (by identity) made once for a whole class ({@code @BeforeAll}, {@code @AfterAll},
   * a static initializer), or null when not known: then any access from what runs around the test
   * counts as such.
   */
  private Set<Access> oncePerClass;

  /** The lock keys conflicts share ({@link Conflict#sharedLockKeys}), by identity. */
  private Map<Conflict, String> lockKeys = Map.of();

  /** Per shared key, the conflicts that share it, in the order given. */
  private final Map<String, List<Conflict>> sharing = new HashMap<>();

  /**
   * Names the lock keys conflicts share, so that their edits lock one key as the plan does: the
   * conflicts sharing a key are advised as one ({@link Conflict#asOne}), so their findings get the
   * same edits, with each test's strongest mode.
   */
  public EditPlanner withLockKeys(Map<Conflict, String> keys, List<Conflict> conflicts) {
    this.lockKeys = keys;
    for (Conflict c : conflicts) {
      String key = keys.get(c);
      if (key != null) {
        sharing.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      }
    }
    return this;
  }

  /**
   * Tells which accesses run once for a whole class. Only those need a class-level edit: a lock on
   * a test method is held across its {@code @BeforeEach}, {@code @AfterEach} and the making of its
   * test instance too (JUnit takes a node's locks before it prepares and runs it), never across
   * what runs once for the class.
   */
  public EditPlanner withOncePerClass(Set<Access> oncePerClass) {
    this.oncePerClass = oncePerClass;
    return this;
  }

  /** Whether a test touches the conflict's resource from what a method lock does not cover. */
  private boolean aroundTheTest(TestId t, Conflict c) {
    Footprint f = footprints.get(t);
    if (f == null) {
      return false;
    }
    for (Access a : f.accesses()) {
      if (a.resource() == c.resource()
          && a.key().equals(c.key())
          && (oncePerClass != null
              ? oncePerClass.contains(a)
              : !a.evidence().step().methodName().equals(t.methodName()))) {
        return true;
      }
    }
    return false;
  }

  /** The distinct places where the writers write the resource, in source order. */
  List<EvidenceStep> sinks(Conflict c, Collection<TestId> writers) {
    Map<String, EvidenceStep> found = new TreeMap<>();
    for (TestId t : writers) {
      Footprint f = footprints.get(t);
      if (f == null) {
        continue;
      }
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.WRITE
            && a.resource() == c.resource()
            && a.key().equals(c.key())) {
          EvidenceStep s = a.evidence().sink();
          found.putIfAbsent(
              s.sourceFile() + ":" + String.format("%09d", s.line()) + ":" + s.className(), s);
        }
      }
    }
    return List.copyOf(found.values());
  }

  private static Edit add(Unit u, Annotation a) {
    return new Edit(
        Edit.Action.ADD_ANNOTATION, "", 0, u.className(), u.methodName(), a.text(), a.imports());
  }

  private List<TestId> on(Collection<TestId> ids, boolean jupiter) {
    return ids.stream().filter(t -> (engine(t) == Engine.JUNIT_JUPITER) == jupiter).toList();
  }

  private Engine engine(TestId t) {
    TestMethod m = tests.get(t);
    return m == null ? Engine.JUNIT_JUPITER : m.engine();
  }

  /**
   * The sentence that puts a conflict's mechanical fix ({@code places} manual edits) before its
   * locks; findings merged with their manual edits together count them again with it.
   */
  public static String perTestLead(int places) {
    return "Make the access per test ("
        + count(places, "place", "places")
        + (places == 1 ? "; its manual edit says how" : "; the manual edits say how")
        + "): then no lock is needed. Until then:";
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
