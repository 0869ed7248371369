package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.advice.EditPlanner;
import io.github.isolationaudit.analyzer.advice.MechanicalFix;
import io.github.isolationaudit.analyzer.advice.Vocabulary;
import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges every marker against the footprints and reports the conflicts nothing protects.
 *
 * <p>A marker is needed when removing it would leave a conflict that is protected today
 * unprotected. Removals are judged together, outer markers (superclass, enclosing class, class
 * level) before inner ones, so that two markers guarding the same conflict are not both called
 * removable. A needed marker is FIXABLE when every conflict it guards has a mechanical fix that
 * makes the access per test, else REQUIRED. A marker that is not needed is DEFENSIVE when nothing
 * in its scope conflicts, LEGACY when another marker already covers what it covers or it is dead
 * (ignored by the engine, on no running test, naming a resource its tests no longer touch). A
 * marker aimed at a conflict it does not cover (same-thread against another class, a READ lock on a
 * write, a lock its partner does not hold) stays REQUIRED with lowered confidence and earns an
 * INSUFFICIENT finding saying what would cover it. Only definite conflicts count; a stated reason
 * changes wording and confidence, never the verdict.
 *
 * <p>A set-up annotation ({@code @SetSystemProperty}, {@code @DefaultTimeZone} ...) on running
 * tests is their input: it is never removed, never LEGACY or DEFENSIVE, and its verdict is
 * REQUIRED, naming the tests its lock keeps apart if any; a lock marker beside it that it already
 * holds is LEGACY.
 */
public final class VerdictEngine {
  private static final int SAMPLE = 5;

  private final BuildConfiguration config;
  private final Map<TestId, TestMethod> tests = new LinkedHashMap<>();
  private final Map<TestId, Footprint> footprints = new HashMap<>();
  private final List<MarkerScope> markers;
  private final List<Conflict> groups;
  private final Map<TestId, List<MarkerScope>> covering = new HashMap<>();
  private final Map<MarkerScope, MarkerCoverage> covers = new IdentityHashMap<>();
  private final Map<TestId, List<Integer>> groupsOf = new HashMap<>();
  private final List<List<TestId>> memberLists = new ArrayList<>();
  private final List<Set<TestId>> writerSets = new ArrayList<>();
  private final List<Set<TestId>> memberSets = new ArrayList<>();
  private final ExecutionModel model;
  private final StanceIndex index;
  private final Set<String> testClasses = new HashSet<>();
  private Map<TestId, String> outsideCalls = Map.of();

  /** Static fields of test classes that code without a test instance uses (see withStaticUses). */
  private Set<String> staticContextFields = Set.of();

  private final Vocabulary vocabulary;
  private final EditPlanner planner;

  /** Tests whose code reaches classes that were not given as input, with an example class. */
  public VerdictEngine withOutsideCalls(Map<TestId, String> calls) {
    this.outsideCalls = calls;
    return this;
  }

  /**
   * Names the static fields of test classes that code without a test instance uses (a static
   * method, a static nested class): making one an instance field would not compile, so it gets no
   * such advice.
   */
  public VerdictEngine withStaticContextFields(Set<String> fields) {
    this.staticContextFields = Set.copyOf(fields);
    return this;
  }

  /**
   * Tells the edits which accesses run once for a whole class (by identity): only those need a
   * class-level annotation where a few of a class's tests take part.
   */
  public VerdictEngine withOncePerClass(Set<io.github.isolationaudit.model.Access> oncePerClass) {
    planner.withOncePerClass(oncePerClass);
    return this;
  }

  /** The verdicts and findings of one scan. */
  public record Result(List<MarkerVerdict> verdicts, List<Finding> findings) {}

  public VerdictEngine(
      BuildConfiguration config,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<MarkerScope> markers,
      Set<String> testClassesAndSupers) {
    this.config = config;
    for (Footprint f : footprints) {
      tests.put(f.test().id(), f.test());
      this.footprints.put(f.test().id(), f);
    }
    this.markers =
        markers.stream().filter(m -> m.marker().effect() != MarkerEffect.CONCURRENT).toList();
    this.groups = conflicts.stream().filter(c -> c.certainty() == Certainty.DEFINITE).toList();
    // Every marker shapes the stances, @Execution(CONCURRENT) too (it undoes a class's one thread);
    // only the others are judged.
    for (MarkerScope m : markers) {
      covers.put(m, cover(m));
      for (TestId t : m.tests()) {
        covering.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
      }
    }
    for (int i = 0; i < groups.size(); i++) {
      Conflict c = groups.get(i);
      memberLists.add(new ArrayList<>(members(c)));
      writerSets.add(new HashSet<>(c.writers()));
      memberSets.add(new HashSet<>(members(c)));
      for (TestId t : members(c)) {
        groupsOf.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
      }
    }
    this.model =
        new ExecutionModel(
            config,
            t -> {
              TestMethod m = tests.get(t);
              return m == null ? null : m.engine();
            });
    this.index = new StanceIndex(model);
    this.testClasses.addAll(testClassesAndSupers);
    this.vocabulary = Vocabulary.of(markers.stream().map(MarkerScope::marker).toList());
    this.planner =
        new EditPlanner(tests.values(), footprints, vocabulary)
            .withLockKeys(Conflict.sharedLockKeys(conflicts), conflicts);
  }

  /** The marker as the execution model reads it. */
  static MarkerCoverage cover(MarkerScope m) {
    return new MarkerCoverage(m.marker(), List.copyOf(m.tests()), m.classHeld(), m.runsAfter());
  }

  private static Set<TestId> members(Conflict c) {
    Set<TestId> all = new LinkedHashSet<>(c.writers());
    all.addAll(c.readers());
    return all;
  }

  // ---- protection of a group, under the markers kept ----------------------------------------

  /**
   * The stance of every test under a set of removed markers, numbered and cached: removing one more
   * marker changes only the stances of the tests it covers.
   */
  private final class Stances {
    private final Set<MarkerScope> removed;
    private final Map<TestId, Integer> cache = new HashMap<>();

    Stances(Set<MarkerScope> removed) {
      this.removed = removed;
    }

    int of(TestId t) {
      Integer s = cache.get(t);
      if (s == null) {
        s = compute(t, null);
        cache.put(t, s);
      }
      return s;
    }

    /** The stance of a test if one more marker were removed. */
    int without(TestId t, MarkerScope alsoRemoved) {
      return alsoRemoved.tests().contains(t) ? compute(t, alsoRemoved) : of(t);
    }

    private int compute(TestId t, MarkerScope alsoRemoved) {
      List<MarkerCoverage> kept = new ArrayList<>();
      for (MarkerScope m : covering.getOrDefault(t, List.of())) {
        if (m != alsoRemoved && !removed.contains(m)) {
          kept.add(covers.get(m));
        }
      }
      return index.id(model.stance(t, kept));
    }

    void forget(TestId t) {
      cache.remove(t);
    }
  }

  /** The members of a group counted under a set of removed markers. */
  private Tally tally(int group, Stances stances) {
    Tally t = new Tally(index, groups.get(group).reach());
    for (TestId m : memberLists.get(group)) {
      t.add(stances.of(m), writerSets.get(group).contains(m), multi(m), 1);
    }
    return t;
  }

  private boolean multi(TestId t) {
    TestMethod tm = tests.get(t);
    return tm != null && tm.multipleInvocations();
  }

  /** The members of a group that can overlap another member (or another invocation of itself). */
  private Set<TestId> exposedTests(int group, Stances stances) {
    Tally tally = tally(group, stances);
    Reach reach = tally.reach();
    Set<TestId> exposed = new TreeSet<>();
    Map<Long, Boolean> memo = new HashMap<>();
    for (TestId t : memberLists.get(group)) {
      int s = stances.of(t);
      boolean writer = writerSets.get(group).contains(t);
      boolean multi = multi(t);
      long key = ((long) s << 2) | (writer ? 2 : 0) | (multi ? 1 : 0);
      Boolean hit = memo.get(key);
      if (hit == null) {
        hit = exposed(tally, s, writer, multi);
        memo.put(key, hit);
      }
      if (hit) {
        exposed.add(t);
      }
    }
    return exposed;
  }

  /** Whether a member of a tally with this stance can overlap another member or itself. */
  private boolean exposed(Tally tally, int s, boolean writer, boolean multi) {
    Reach reach = tally.reach();
    if (writer && multi && index.exposedSelf(s, reach)) {
      return true;
    }
    if (writer) {
      return tally.exposed(s, Tally.EVERYONE) - (index.exposedPair(s, s, reach) ? 1 : 0) > 0;
    }
    return tally.exposed(s, Tally.WRITERS) > 0;
  }

  /** Tests of a group that one marker's removal would move, by stance before and after. */
  record Move(int before, int after, boolean writer, boolean multi) {}

  // ---- verdicts -----------------------------------------------------------------------------

  /**
   * Markers that shape scheduling but are no isolation markers to judge:
   * {@code @Execution(CONCURRENT)} asks for parallelism, and a PER_CLASS lifecycle is chosen for
   * shared setup; both count in the execution model, neither gets a verdict.
   */
  private static boolean judged(MarkerScope m) {
    return m.marker().effect() != MarkerEffect.CONCURRENT
        && !m.marker().annotation().equals("org.junit.jupiter.api.TestInstance");
  }

  private final Map<Integer, Tally> tallies = new HashMap<>();

  public Result judge() {
    Set<MarkerScope> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Stances stances = new Stances(removed);
    List<MarkerVerdict> verdicts = new ArrayList<>();
    Map<MarkerScope, List<Integer>> insufficient = new LinkedHashMap<>();
    for (MarkerScope m : markers) {
      if (!judged(m)) {
        continue;
      }
      Judgement.Dead dead = dead(m);
      if (dead != null) {
        remove(m, removed, stances);
        verdicts.add(
            verdict(
                m,
                new Judgement.NotInEffect(m.marker(), dead),
                Confidence.HIGH,
                List.of(),
                List.of(removal(m.marker()))));
        continue;
      }
      Set<Integer> scope = new LinkedHashSet<>();
      // In test order: a marker's tests are an immutable set, whose iteration order changes from
      // one JVM to the next, and the first guarded conflict found names the verdict's reason.
      for (TestId t : new java.util.TreeSet<>(m.tests())) {
        scope.addAll(groupsOf.getOrDefault(t, List.of()));
      }
      MarkerScope setup = m.setsUp() ? null : setupHolding(m, removed);
      if (setup != null) {
        // A companion @Writes*/@Reads* lock beside a set-up annotation that holds it already.
        remove(m, removed, stances);
        verdicts.add(
            verdict(
                m,
                new Judgement.HeldBySetup(m.marker(), setup.marker()),
                Confidence.HIGH,
                List.of(),
                List.of(removal(m.marker()))));
        continue;
      }
      if (m.setsUp()) {
        // Test input: the test depends on it, whatever its lock guards. Never removed.
        verdicts.add(input(m, scope, stances));
        continue;
      }
      if (scope.isEmpty()) {
        remove(m, removed, stances);
        verdicts.add(defensive(m));
        continue;
      }
      Map<TestId, Integer> after = new HashMap<>();
      List<Integer> guarded = new ArrayList<>();
      List<Integer> uncovered = new ArrayList<>();
      for (int g : scope) {
        Tally tally = tallies.computeIfAbsent(g, k -> tally(k, stances));
        Map<Move, Long> moves = new LinkedHashMap<>();
        for (TestId t : covered(m, g)) {
          int a = after.computeIfAbsent(t, k -> stances.without(k, m));
          moves.merge(
              new Move(stances.of(t), a, writerSets.get(g).contains(t), multi(t)), 1L, Long::sum);
        }
        if (gain(index, tally, moves) > 0) {
          guarded.add(g);
        } else if (exposesMoved(tally, moves)) {
          uncovered.add(g);
        }
      }
      if (!guarded.isEmpty()) {
        // Name first what the marker's own tests write, and the narrowest conflict.
        Map<Integer, Boolean> othersWrite = new HashMap<>();
        for (int g : guarded) {
          othersWrite.put(g, groups.get(g).writers().stream().noneMatch(m.tests()::contains));
        }
        guarded.sort(
            java.util.Comparator.comparing((Integer g) -> othersWrite.get(g))
                .thenComparingInt(g -> memberLists.get(g).size()));
        verdicts.add(needed(m, guarded));
        continue;
      }
      Set<MarkerScope> without = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      without.addAll(removed);
      without.add(m);
      if (!uncovered.isEmpty() && uncovered.stream().anyMatch(g -> aimedAt(m, groups.get(g)))) {
        uncovered.removeIf(g -> !aimedAt(m, groups.get(g)));
        // It protects nothing as written: not REQUIRED (removing it changes nothing), and the
        // INSUFFICIENT finding says what would cover the conflict it sits on.
        insufficient.put(m, uncovered);
        verdicts.add(aimedButShort(m, uncovered));
      } else {
        verdicts.add(coveredElsewhere(m, scope, without));
      }
      remove(m, removed, stances);
    }
    return new Result(verdicts, findings(insufficient));
  }

  /**
   * A set-up marker (kept) that covers every test of a lock marker and holds each of its locks in
   * the same or a stronger mode, or null.
   */
  private MarkerScope setupHolding(MarkerScope m, Set<MarkerScope> removed) {
    if (m.marker().effect() != MarkerEffect.LOCKS || m.marker().locks().isEmpty()) {
      return null;
    }
    // In test order, as the scope above: the first holder found is the one named.
    for (TestId t : new java.util.TreeSet<>(m.tests())) {
      for (MarkerScope other : covering.getOrDefault(t, List.of())) {
        if (other.setsUp()
            && !removed.contains(other)
            && other.tests().containsAll(m.tests())
            && m.marker().locks().stream().allMatch(l -> holds(other.marker(), l))) {
          return other;
        }
      }
      break;
    }
    return null;
  }

  private static boolean holds(Marker m, Lock wanted) {
    return m.locks().stream()
        .anyMatch(
            l ->
                l.key().equals(wanted.key())
                    && (l.mode() == LockMode.READ_WRITE || wanted.mode() == LockMode.READ));
  }

  /**
   * The verdict of a set-up annotation on running tests: the tests' input, so never dead and never
   * to remove. Its lock is needed where other tests touch what it sets.
   */
  private MarkerVerdict input(MarkerScope m, Set<Integer> scope, Stances stances) {
    Set<TestId> partners = new TreeSet<>();
    List<Integer> touched = new ArrayList<>();
    for (int g : scope) {
      Conflict c = groups.get(g);
      if (m.setups().stream().noneMatch(s -> s.resource() == c.resource())) {
        continue;
      }
      touched.add(g);
      for (TestId t : memberLists.get(g)) {
        if (!m.tests().contains(t)) {
          partners.add(t);
        }
      }
    }
    if (partners.isEmpty()) {
      return verdict(
          m,
          new Judgement.SetsUpInput(m.marker(), m.setups(), null, 0, List.of(), false),
          Confidence.HIGH,
          List.of(),
          List.of());
    }
    boolean exposed = false;
    for (int g : touched) {
      exposed |= !exposedTests(g, stances).isEmpty();
    }
    Conflict first = groups.get(touched.get(0));
    return verdict(
        m,
        new Judgement.SetsUpInput(
            m.marker(), m.setups(), first, touched.size(), List.copyOf(partners), exposed),
        Confidence.HIGH,
        partners,
        List.of());
  }

  /** The tests of a group a marker covers, walking the smaller of the two sets. */
  private List<TestId> covered(MarkerScope m, int group) {
    List<TestId> result = new ArrayList<>();
    if (m.tests().size() < memberLists.get(group).size()) {
      Set<TestId> members = memberSets.get(group);
      for (TestId t : m.tests()) {
        if (members.contains(t)) {
          result.add(t);
        }
      }
    } else {
      for (TestId t : memberLists.get(group)) {
        if (m.tests().contains(t)) {
          result.add(t);
        }
      }
    }
    return result;
  }

  /** Removes a marker for the rest of the judging: its tests' stances move in every tally. */
  private void remove(MarkerScope m, Set<MarkerScope> removed, Stances stances) {
    Map<TestId, Integer> before = new HashMap<>();
    for (TestId t : m.tests()) {
      if (groupsOf.containsKey(t)) {
        before.put(t, stances.of(t));
      }
    }
    removed.add(m);
    for (Map.Entry<TestId, Integer> e : before.entrySet()) {
      TestId t = e.getKey();
      stances.forget(t);
      int now = stances.of(t);
      if (now == e.getValue()) {
        continue;
      }
      for (int g : groupsOf.get(t)) {
        Tally tally = tallies.get(g);
        if (tally != null) {
          boolean writer = writerSets.get(g).contains(t);
          tally.add(e.getValue(), writer, multi(t), -1);
          tally.add(now, writer, multi(t), 1);
        }
      }
    }
  }

  /**
   * How many more pairs of a group could overlap if the moved tests took their new stances. Pairs
   * are counted as in "a writer and another member": two writers make two, a writer and a reader
   * one, and each multi-invocation writer with itself one more. Only pairs with a moved test
   * change: those with the members that stay, and those among the moved tests, counted through
   * tallies of the moved tests before and after, so the work grows with the distinct moves and the
   * stance profiles, never with their square.
   */
  static long gain(StanceIndex index, Tally tally, Map<Move, Long> moves) {
    Reach reach = tally.reach();
    Tally before = new Tally(index, reach);
    Tally after = new Tally(index, reach);
    for (Map.Entry<Move, Long> e : moves.entrySet()) {
      Move m = e.getKey();
      before.add(m.before(), m.writer(), m.multi(), e.getValue());
      after.add(m.after(), m.writer(), m.multi(), e.getValue());
    }
    long gain = 0;
    long amongBefore = 0;
    long amongAfter = 0;
    for (Map.Entry<Move, Long> e : moves.entrySet()) {
      Move m = e.getKey();
      long n = e.getValue();
      if (m.before() != m.after()) {
        // Against the members that stay: all of the tally but the moved tests.
        gain +=
            n
                * ((pairs(tally, m.after(), m.writer()) - pairs(before, m.after(), m.writer()))
                    - (pairs(tally, m.before(), m.writer())
                        - pairs(before, m.before(), m.writer())));
        if (m.writer() && m.multi()) {
          gain +=
              n
                  * (bit(index.exposedSelf(m.after(), reach))
                      - bit(index.exposedSelf(m.before(), reach)));
        }
      }
      // Among the moved tests, each pair seen from both sides; a test is no pair with itself.
      amongAfter +=
          n
              * (pairs(after, m.after(), m.writer())
                  - 2 * bit(m.writer()) * bit(index.exposedPair(m.after(), m.after(), reach)));
      amongBefore +=
          n
              * (pairs(before, m.before(), m.writer())
                  - 2 * bit(m.writer()) * bit(index.exposedPair(m.before(), m.before(), reach)));
    }
    return gain + (amongAfter - amongBefore) / 2;
  }

  /** Pairs a test with this stance makes with the members of a tally, counted as in gain. */
  private static long pairs(Tally tally, int s, boolean writer) {
    return (writer ? tally.exposed(s, Tally.EVERYONE) : 0) + tally.exposed(s, Tally.WRITERS);
  }

  private static long bit(boolean b) {
    return b ? 1 : 0;
  }

  /** Whether some pair that can overlap today involves a moved test. */
  private boolean exposesMoved(Tally tally, Map<Move, Long> moves) {
    for (Move m : moves.keySet()) {
      if (exposed(tally, m.before(), m.writer(), m.multi())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a marker is meant to protect this conflict: isolation, same-thread and serial groups
   * protect everything; a lock only the resource its key names (a lock on another key protects by
   * accident, when the partner holds it too).
   */
  private static boolean aimedAt(MarkerScope m, Conflict c) {
    return switch (m.marker().effect()) {
      case ISOLATES, SAME_THREAD, SERIAL_GROUP -> true;
      // A method orderer fixes order; it is no isolation marker that sits on other classes' races.
      case ORDERS -> false;
      case LOCKS -> m.marker().locks().stream().anyMatch(l -> names(l.key(), c));
      default -> false;
    };
  }

  /** Whether a lock key names the resource of a conflict. */
  private static boolean names(String key, Conflict c) {
    String junit = c.junitKey();
    return key.equals(junit) || key.equals(c.key().value());
  }

  /** Why a marker is dead, or null. */
  private Judgement.Dead dead(MarkerScope m) {
    Marker marker = m.marker();
    if (marker.effect() == MarkerEffect.IGNORED) {
      return new Judgement.IgnoredByEngine();
    }
    if (marker.family().equals("jcip")
        && m.tests().stream().allMatch(t -> engine(t) != Engine.JUNIT4)) {
      return new Judgement.JcipIgnored();
    }
    if (m.tests().isEmpty()) {
      return new Judgement.NoTests();
    }
    if (m.tests().stream().allMatch(t -> tests.get(t) != null && tests.get(t).disabled())) {
      return new Judgement.OnlyDisabled();
    }
    if (marker.effect() == MarkerEffect.SERIAL_GROUP && model.provenNotApart(marker.tag())) {
      return new Judgement.TagNotRunApart(config.sources(), marker.tag());
    }
    if (m.setsUp()) {
      // It sets the test's input: not dead while its tests run, whatever its lock names.
      return null;
    }
    if (marker.effect() == MarkerEffect.LOCKS) {
      if (marker.locks().isEmpty()) {
        // Locks computed by a provider we could not read: unknown, never "names nothing".
        return null;
      }
      Set<ResourceKind> named = new LinkedHashSet<>();
      for (Lock l : marker.locks()) {
        ResourceKind r = Lock.resourceOf(l.key());
        if (r == null) {
          return null;
        }
        named.add(r);
      }
      for (TestId t : m.tests()) {
        Footprint f = footprints.get(t);
        if (f != null && f.accesses().stream().anyMatch(a -> named.contains(a.resource()))) {
          return null;
        }
      }
      return new Judgement.NamesUntouched(List.copyOf(named));
    }
    return null;
  }

  private Engine engine(TestId t) {
    TestMethod m = tests.get(t);
    return m == null ? Engine.JUNIT_JUPITER : m.engine();
  }

  private MarkerVerdict defensive(MarkerScope m) {
    Marker marker = m.marker();
    if (marker.family().equals("testng")
        && marker.effect() == MarkerEffect.SAME_THREAD
        && m.tests().stream().anyMatch(this::changesSharedInstance)) {
      // The class's tests share one instance whose fields their methods (a @BeforeMethod,
      // usually) change: with one test nothing conflicts today, but any second test, or TestNG
      // running the class's methods in parallel, races on them, and suites check for that
      // (trino's build stops on a @BeforeMethod with mutable state outside singleThreaded).
      return verdict(
          m,
          new Judgement.SharedInstanceChanged(marker, m.tests().size()),
          Confidence.HIGH,
          List.of(),
          List.of());
    }
    boolean possible = m.tests().stream().anyMatch(this::hasUncertainAccess);
    // In test order: the example named must not depend on the set's per-JVM iteration order.
    String unseen =
        m.tests().stream()
            .sorted()
            .map(outsideCalls::get)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(null);
    if (unseen != null) {
      return verdict(
          m,
          new Judgement.NoConflict(marker, m.tests().size(), unseen, possible),
          Confidence.LOW,
          List.of(),
          List.of());
    }
    return verdict(
        m,
        new Judgement.NoConflict(marker, m.tests().size(), null, possible),
        possible ? Confidence.MEDIUM : Confidence.HIGH,
        List.of(),
        List.of(removal(marker)));
  }

  /**
   * Whether a test changes a field of its shared test instance (TestNG, PER_CLASS) in what runs for
   * each test: not in the constructor, which runs once for the instance.
   */
  private boolean changesSharedInstance(TestId t) {
    Footprint f = footprints.get(t);
    return f != null
        && f.accesses().stream()
            .anyMatch(
                a ->
                    a.resource() == ResourceKind.INSTANCE_FIELD
                        && a.mode() == AccessMode.WRITE
                        && !a.evidence().step().methodName().equals("<init>"));
  }

  private boolean hasUncertainAccess(TestId t) {
    Footprint f = footprints.get(t);
    return f != null
        && f.accesses().stream()
            .anyMatch(
                a ->
                    a.scope() != Scope.PER_TEST
                        && (a.key().kind() == Key.Kind.UNKNOWN
                            || a.confidence() == Confidence.LOW));
  }

  /** Whether every test of a marker runs on its class's thread with the marker removed. */
  private boolean onClassThreadWithout(MarkerScope m) {
    for (TestId t : m.tests()) {
      List<MarkerCoverage> kept = new ArrayList<>();
      for (MarkerScope other : covering.getOrDefault(t, List.of())) {
        if (other != m) {
          kept.add(covers.get(other));
        }
      }
      if (!model.stance(t, kept).onClassThread()) {
        return false;
      }
    }
    return true;
  }

  private MarkerVerdict coveredElsewhere(
      MarkerScope m, Set<Integer> scope, Set<MarkerScope> without) {
    Marker marker = m.marker();
    // Is it another marker that protects these conflicts, or the execution model itself?
    Set<MarkerScope> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(without);
    for (TestId t : m.tests()) {
      all.addAll(covering.getOrDefault(t, List.of()));
    }
    for (int g : scope) {
      for (TestId t : memberLists.get(g)) {
        all.addAll(covering.getOrDefault(t, List.of()));
      }
    }
    Stances allRemoved = new Stances(all);
    boolean byMarkers = scope.stream().anyMatch(g -> !exposedTests(g, allRemoved).isEmpty());
    Conflict first = groups.get(scope.iterator().next());
    if (!byMarkers) {
      return verdict(
          m,
          new Judgement.KeptApartWithoutIt(marker, first),
          Confidence.MEDIUM,
          List.of(),
          List.of(removal(marker)));
    }
    // An enclosing marker (one that covers every test this one covers) makes it dead weight.
    for (MarkerScope other : markers) {
      if (other != m
          && !without.contains(other)
          && other.tests().containsAll(m.tests())
          && aimedAt(other, first)) {
        return verdict(
            m,
            new Judgement.CoveredByEnclosing(marker, first, other.marker()),
            Confidence.HIGH,
            List.of(),
            List.of(removal(marker)));
      }
    }
    // A marker that runs the class on one thread (a PER_CLASS lifecycle, a method orderer, a
    // class-level same-thread) keeps the class's own tests apart whatever this one does, where the
    // execution model says its tests stay on that thread without this one (an
    // @Execution(CONCURRENT) method does not).
    for (MarkerScope other : markers) {
      Marker o = other.marker();
      boolean oneThread =
          o.onClass()
              && o.effect() != MarkerEffect.LOCKS
              && o.effect() != MarkerEffect.ISOLATES
              && Coverage.oneThread(other)
              && onClassThreadWithout(m);
      if (other != m
          && oneThread
          && other.tests().containsAll(m.tests())
          && scope.stream().allMatch(g -> sameClassOnly(groups.get(g), m))) {
        return verdict(
            m,
            new Judgement.OneThreadAlready(marker, first, o),
            Confidence.HIGH,
            List.of(),
            List.of(removal(marker)));
      }
    }
    // Partners' markers keep the conflict apart; if the conflict can be fixed, all of them can go.
    List<Judgement.FixAt> fixes = new ArrayList<>();
    List<Edit> fixEdits = new ArrayList<>();
    boolean fixable = true;
    for (int g : scope) {
      Judgement.FixAt fix = fix(groups.get(g));
      if (fix == null) {
        fixable = false;
      } else {
        fixes.add(fix);
        fixEdits.addAll(fixEdits(groups.get(g)));
      }
    }
    if (fixable) {
      return verdict(
          m,
          new Judgement.PartnersKeepApart(marker, first, fixes),
          Confidence.HIGH,
          List.of(),
          withRemoval(fixEdits, marker));
    }
    return verdict(
        m,
        new Judgement.PartnersKeepApart(marker, first, List.of()),
        Confidence.MEDIUM,
        List.of(),
        List.of());
  }

  /** Whether every member of a conflict is a test of the classes a marker covers. */
  private boolean sameClassOnly(Conflict c, MarkerScope m) {
    Set<String> classes = new HashSet<>();
    m.tests().forEach(t -> classes.add(t.className()));
    return members(c).stream().allMatch(t -> classes.contains(t.className()));
  }

  private MarkerVerdict needed(MarkerScope m, List<Integer> guarded) {
    Marker marker = m.marker();
    // Hashed while gathering, sorted once: the conflicts of a suite's shared state have thousands
    // of members each (camel-core), and a sorted set compares long class names at every step.
    Set<TestId> covered = new HashSet<>(m.tests());
    Set<TestId> gathered = new HashSet<>();
    List<Judgement.FixAt> fixes = new ArrayList<>();
    List<Edit> fixEdits = new ArrayList<>();
    boolean fixable = true;
    for (int g : guarded) {
      Conflict c = groups.get(g);
      for (TestId t : memberLists.get(g)) {
        if (!covered.contains(t)) {
          gathered.add(t);
        }
      }
      Judgement.FixAt fix = fix(c);
      if (fix == null) {
        fixable = false;
      } else {
        fixes.add(fix);
        fixEdits.addAll(fixEdits(c));
      }
    }
    Set<TestId> partners = new TreeSet<>(gathered);
    Conflict first = groups.get(guarded.get(0));
    if (fixable) {
      return verdict(
          m,
          new Judgement.Guards(
              marker,
              first,
              guarded.size() - 1,
              List.copyOf(partners),
              fixes,
              new Judgement.AsItIs()),
          Confidence.HIGH,
          partners,
          withRemoval(fixEdits, marker));
    }
    return verdict(
        m,
        new Judgement.Guards(
            marker,
            first,
            guarded.size() - 1,
            List.copyOf(partners),
            List.of(),
            keep(m, guarded, partners)),
        Confidence.HIGH,
        partners,
        rekeyEdits(m, guarded));
  }

  private MarkerVerdict aimedButShort(MarkerScope m, List<Integer> uncovered) {
    Conflict first = groups.get(uncovered.get(0));
    return verdict(
        m,
        new Judgement.DoesNotKeepApart(m.marker(), first, fix(first)),
        Confidence.MEDIUM,
        List.of(),
        List.of());
  }

  /** How to keep a REQUIRED marker: narrowed, re-keyed or as it is. */
  private Judgement.Keep keep(MarkerScope m, List<Integer> guarded, Set<TestId> partners) {
    Marker marker = m.marker();
    if (marker.effect() == MarkerEffect.ISOLATES) {
      Set<String> keys = new TreeSet<>();
      for (int g : guarded) {
        String k = groups.get(g).junitKey();
        if (k == null) {
          return new Judgement.IsolatedWithoutKey(groups.get(guarded.get(0)));
        }
        keys.add(k);
      }
      if (keys.size() <= 2) {
        return new Judgement.NarrowTo(List.copyOf(keys), List.copyOf(partners));
      }
    }
    if (marker.effect() == MarkerEffect.LOCKS) {
      Conflict first = groups.get(guarded.get(0));
      if (marker.locks().stream().noneMatch(l -> names(l.key(), first))) {
        String right = first.junitKey() != null ? first.junitKey() : first.key().value();
        return new Judgement.Rekey(marker.locks().stream().map(Lock::key).toList(), first, right);
      }
    }
    return new Judgement.AsItIs();
  }

  /**
   * The mechanical fix of a conflict's accesses that makes a marker removable, at the place of one
   * access, or null when there is none.
   */
  private Judgement.FixAt fix(Conflict c) {
    MechanicalFix fix = mechanical(c).filter(MechanicalFix::makesMarkerRemovable).orElse(null);
    if (fix == null) {
      return null;
    }
    Access sample = sampleAccess(c);
    return new Judgement.FixAt(fix, sample == null ? "" : sample.evidence().sink().display());
  }

  /** Every mechanical fix of a conflict, advice-only ones (a database name) included. */
  private java.util.Optional<MechanicalFix> mechanical(Conflict c) {
    String owner = c.key().value().substring(0, Math.max(0, c.key().value().lastIndexOf('.')));
    // Under TestNG one instance serves every test of a class, so an instance field would be
    // shared just the same: no mechanical fix there.
    boolean sharedInstance = members(c).stream().anyMatch(t -> engine(t) == Engine.TESTNG);
    // A static field that a static method or a static nested class uses cannot become an instance
    // field of the test: that code has no test instance to read it from.
    boolean movable = testClasses.contains(owner) && !staticContextFields.contains(c.key().value());
    return MechanicalFix.of(c, movable, sharedInstance, config.forks());
  }

  /** The MANUAL edits of a conflict's removable mechanical fix, one per place a writer writes. */
  private List<Edit> fixEdits(Conflict c) {
    MechanicalFix fix = mechanical(c).filter(MechanicalFix::makesMarkerRemovable).orElse(null);
    if (fix == null) {
      return List.of();
    }
    return planner.fixEdits(c, c.writers(), fix);
  }

  /** The marker's removal, at its annotation's line where the source is known. */
  static Edit removal(Marker m) {
    String simple = m.annotation().substring(m.annotation().lastIndexOf('.') + 1);
    return new Edit(
        Edit.Action.REMOVE_ANNOTATION,
        m.location() == null ? "" : m.location().file(),
        m.location() == null ? 0 : m.location().line(),
        m.className(),
        m.methodName(),
        "@" + simple.substring(simple.lastIndexOf('$') + 1),
        List.of());
  }

  private static List<Edit> withRemoval(List<Edit> before, Marker m) {
    List<Edit> all = new ArrayList<>(new LinkedHashSet<>(before));
    all.add(removal(m));
    return all;
  }

  /**
   * For a lock whose key does not name the resource it protects: remove it and write the lock on
   * the key that does, in the same place and mode (its partners are told the same in their
   * verdicts).
   */
  private List<Edit> rekeyEdits(MarkerScope m, List<Integer> guarded) {
    Marker marker = m.marker();
    if (marker.effect() != MarkerEffect.LOCKS || marker.locks().isEmpty()) {
      return List.of();
    }
    Conflict first = groups.get(guarded.get(0));
    if (marker.locks().stream().anyMatch(l -> names(l.key(), first))) {
      return List.of();
    }
    LockMode mode =
        marker.locks().stream().anyMatch(l -> l.mode() == LockMode.READ_WRITE)
            ? LockMode.READ_WRITE
            : LockMode.READ;
    var lock =
        vocabulary.lock(
            first.resource(), vocabulary.key(first.junitKey(), first.key().value()), mode);
    return List.of(
        removal(marker),
        new Edit(
            Edit.Action.ADD_ANNOTATION,
            "",
            0,
            marker.className(),
            marker.methodName(),
            lock.text(),
            lock.imports()));
  }

  private Access sampleAccess(Conflict c) {
    for (TestId t : c.writers()) {
      Footprint f = footprints.get(t);
      if (f != null) {
        for (Access a : f.accesses()) {
          if (a.mode() == AccessMode.WRITE
              && a.resource() == c.resource()
              && a.key().equals(c.key())) {
            return a;
          }
        }
      }
    }
    return null;
  }

  // ---- findings -----------------------------------------------------------------------------

  private List<Finding> findings(Map<MarkerScope, List<Integer>> insufficient) {
    List<Finding> result = new ArrayList<>();
    Set<MarkerScope> none = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Stances noneRemoved = new Stances(none);
    boolean live = config.runsInParallel() == Tristate.TRUE;
    for (int g = 0; g < groups.size(); g++) {
      Set<TestId> exposed = exposedTests(g, noneRemoved);
      if (exposed.isEmpty()) {
        continue;
      }
      Conflict c = groups.get(g);
      MarkerScope short_ = null;
      for (TestId t : exposed) {
        for (MarkerScope m : covering.getOrDefault(t, List.of())) {
          if (short_ == null && aimedAt(m, c)) {
            short_ = m;
          }
        }
      }
      List<TestId> sample = exposed.stream().limit(SAMPLE).toList();
      List<TestId> writers = new ArrayList<>();
      List<TestId> readers = new ArrayList<>();
      for (TestId t : exposed) {
        (writerSets.get(g).contains(t) ? writers : readers).add(t);
      }
      EditPlanner.Advice advice = planner.forConflict(c, writers, readers, mechanical(c));
      String reason =
          VerdictWording.findingReason(
              c, exposed.size(), short_ == null ? null : short_.marker(), config.runsInParallel());
      result.add(
          new Finding(
              short_ == null ? Finding.Kind.UNPROTECTED : Finding.Kind.INSUFFICIENT,
              c.resource(),
              c.customKind(),
              c.key(),
              sample,
              exposed.size(),
              short_ == null ? null : short_.marker(),
              live,
              reason,
              advice.edits().isEmpty() ? VerdictWording.findingAdvice(c, fix(c)) : advice.summary(),
              null,
              List.copyOf(exposed),
              advice.edits(),
              writers,
              readers));
    }
    return merged(result);
  }

  /**
   * Findings with the same kind, marker, tests and edits as one: one fix covers them all, and the
   * first names the others in its reason (JSON keeps the first one's resource, key, writers and
   * readers). The writers may differ: kafka's JavaTest sets java.vendor in two tests and
   * java.runtime.name in one, and the other tests only put them back; one class lock fixes both.
   * Findings whose locks are the same (one key for several fields of a class, {@code
   * Conflict.sharedLockKeys}) and that differ only in their manual edits (make each field an
   * instance field) are one too, with every manual edit: kafka's TxnOffsetCommitRequestTest has its
   * static OFFSETS and the two builders made from it, one race a maintainer fixes with one
   * annotation or three instance fields.
   */
  static List<Finding> merged(List<Finding> findings) {
    // A finding without edits merges with none: it stands for itself.
    record Same(
        Finding.Kind kind, Marker marker, List<TestId> exposed, List<Edit> edits, Object alone) {}
    Map<Same, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding f : findings) {
      Object alone = f.edits().isEmpty() ? f : Boolean.TRUE;
      List<Edit> locks = locks(f);
      groups
          .computeIfAbsent(
              new Same(
                  f.kind(), f.marker(), f.exposed(), locks.isEmpty() ? f.edits() : locks, alone),
              k -> new ArrayList<>())
          .add(f);
    }
    List<Finding> result = new ArrayList<>();
    for (List<Finding> same : groups.values()) {
      Finding first = same.get(0);
      if (same.size() == 1) {
        result.add(first);
        continue;
      }
      List<Finding> others = same.subList(1, same.size());
      Finding merged =
          first.merging(
              VerdictWording.mergedReason(first, others),
              others.stream()
                  .map(f -> new Finding.Merged(f.resource(), f.customKind(), f.key()))
                  .toList());
      java.util.LinkedHashSet<Edit> manual = new java.util.LinkedHashSet<>();
      for (Finding f : same) {
        f.edits().stream().filter(e -> e.action() == Edit.Action.MANUAL).forEach(manual::add);
      }
      int own = (int) first.edits().stream().filter(e -> e.action() == Edit.Action.MANUAL).count();
      if (manual.size() > own) {
        List<Edit> edits = new ArrayList<>(manual);
        edits.addAll(locks(first));
        merged =
            merged.withEdits(
                merged
                    .recommendation()
                    .replace(
                        io.github.isolationaudit.analyzer.advice.EditPlanner.perTestLead(own),
                        io.github.isolationaudit.analyzer.advice.EditPlanner.perTestLead(
                            manual.size())),
                edits);
      }
      result.add(merged);
    }
    return result;
  }

  /** A finding's edits but the manual ones: its locks, isolation and runs apart. */
  private static List<Edit> locks(Finding f) {
    return f.edits().stream().filter(e -> e.action() != Edit.Action.MANUAL).toList();
  }

  /** The verdict of a judgement, worded by {@link VerdictWording}. */
  private static MarkerVerdict verdict(
      MarkerScope m,
      Judgement j,
      Confidence c,
      java.util.Collection<TestId> partners,
      List<Edit> edits) {
    VerdictWording.Words words = VerdictWording.of(j);
    return new MarkerVerdict(
            m.marker(),
            j.verdict(),
            words.reason(),
            c,
            words.note(),
            words.recommendation(),
            partners.stream().limit(SAMPLE).toList(),
            edits)
        .withCause(j.cause());
  }
}
