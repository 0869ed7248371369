package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.rules.CodeRules;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the accesses of all tests by resource and key and reports each group that at least one
 * test writes and that more than one test invocation touches. Per-test values never conflict;
 * per-class values conflict only among the tests of their class. A group that rests on an unknown
 * or overlapping key, or on a LOW-sensitivity implicit read, is only POSSIBLE.
 */
public final class ConflictFinder {
  private static final int SAMPLE = 5;
  private final Set<Access> oncePerClass;

  /**
   * @param oncePerClass accesses (by identity) made once for a whole class, before or after its
   *     tests: all tests of that class count as one party to them
   */
  public ConflictFinder(Set<Access> oncePerClass) {
    this.oncePerClass = oncePerClass;
  }

  private Map<String, Set<Access>> classWide = Map.of();

  private Set<Access> oneInvocation = Set.of();

  /**
   * A finder that knows the accesses (by identity) of parameterized tests that only one invocation
   * makes (a key from the test's own arguments): the test's invocations do not race on it.
   */
  public ConflictFinder withOneInvocation(Set<Access> oneInvocation) {
    this.oneInvocation = oneInvocation;
    return this;
  }

  /**
   * A finder that knows, per test class, the accesses (by identity) that what runs once for the
   * whole class makes, even where its tests make them too: the readers' classes that hold what they
   * read for all their tests ({@link Conflict#classWideReaders()}).
   */
  public ConflictFinder withClassWide(Map<String, Set<Access>> classWide) {
    this.classWide = classWide;
    return this;
  }

  private io.github.isolationaudit.analyzer.footprint.ConstantWrites constants;

  /** A finder that knows which keys every write sets to one constant ({@link SameValueWrites}). */
  public ConflictFinder withConstantWrites(
      io.github.isolationaudit.analyzer.footprint.ConstantWrites constants) {
    this.constants = constants;
    return this;
  }

  private HeldLocks heldLocks = HeldLocks.NONE;

  /**
   * A finder that knows the JVM-wide locks held at each access ({@link HeldLocks}): tests whose
   * every use of a resource lies in one critical section of a lock that every other access to it
   * takes too race with no such test, only with the others.
   */
  public ConflictFinder withHeldLocks(io.github.isolationaudit.analyzer.program.Program program) {
    this.heldLocks = HeldLocks.of(program);
    return this;
  }

  /**
   * The tests and parties of one {@link #find}, numbered so that a set of them is a bit set: groups
   * take each other's tests and parties by the thousand, and a union of bit sets costs a few words
   * where a union of tree or hash sets costs a comparison or a hash per element. Tests are numbered
   * in their natural order, so a set of them iterates as a {@link TreeSet} does.
   */
  private static final class Universe {
    private final TreeMap<TestId, Integer> rank = new TreeMap<>();
    private final List<TestId> tests = new ArrayList<>();
    private final Map<String, Integer> partyIndex = new HashMap<>();
    private final List<String> parties = new ArrayList<>();
    private TestId lastTest;
    private int lastRank;

    Universe(List<Footprint> footprints) {
      for (Footprint f : footprints) {
        // The first of equal ids stays, as in a tree set.
        rank.putIfAbsent(f.test().id(), 0);
      }
      for (Map.Entry<TestId, Integer> e : rank.entrySet()) {
        e.setValue(tests.size());
        tests.add(e.getKey());
      }
    }

    int rank(TestId t) {
      if (t != lastTest) {
        Integer r = rank.get(t);
        if (r == null) {
          throw new IllegalArgumentException("not a test of these footprints: " + t);
        }
        lastTest = t;
        lastRank = r;
      }
      return lastRank;
    }

    int party(String p) {
      Integer known = partyIndex.get(p);
      if (known == null) {
        known = parties.size();
        partyIndex.put(p, known);
        parties.add(p);
      }
      return known;
    }
  }

  /** A set of the tests of one {@link Universe}, iterated in the tests' natural order. */
  private static final class TestSet extends AbstractSet<TestId> {
    private final Universe universe;
    private final SparseBits bits;

    TestSet(Universe universe) {
      this(universe, new SparseBits());
    }

    private TestSet(Universe universe, SparseBits bits) {
      this.universe = universe;
      this.bits = bits;
    }

    TestSet copy() {
      return new TestSet(universe, bits.copy());
    }

    @Override
    public boolean add(TestId t) {
      int r = universe.rank(t);
      boolean added = !bits.get(r);
      bits.set(r);
      return added;
    }

    @Override
    public boolean addAll(Collection<? extends TestId> c) {
      if (c instanceof TestSet other && other.universe == universe) {
        int before = bits.cardinality();
        bits.or(other.bits);
        return bits.cardinality() != before;
      }
      return super.addAll(c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
      if (c instanceof TestSet other && other.universe == universe) {
        int before = bits.cardinality();
        bits.andNot(other.bits);
        return bits.cardinality() != before;
      }
      return super.removeAll(c);
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof TestId t)) {
        return false;
      }
      Integer r = universe.rank.get(t);
      return r != null && bits.get(r);
    }

    @Override
    public boolean remove(Object o) {
      if (!contains(o)) {
        return false;
      }
      bits.clear(universe.rank.get((TestId) o));
      return true;
    }

    @Override
    public int size() {
      return bits.cardinality();
    }

    @Override
    public boolean isEmpty() {
      return bits.isEmpty();
    }

    @Override
    public Iterator<TestId> iterator() {
      return bits.stream().mapToObj(universe.tests::get).iterator();
    }
  }

  /** A set of the parties (tests or classes, by name) of one {@link Universe}. */
  private static final class PartySet extends AbstractSet<String> {
    private final Universe universe;
    private final SparseBits bits = new SparseBits();

    PartySet(Universe universe) {
      this.universe = universe;
    }

    @Override
    public boolean add(String p) {
      int i = universe.party(p);
      boolean added = !bits.get(i);
      bits.set(i);
      return added;
    }

    @Override
    public boolean addAll(Collection<? extends String> c) {
      if (c instanceof PartySet other && other.universe == universe) {
        int before = bits.cardinality();
        bits.or(other.bits);
        return bits.cardinality() != before;
      }
      return super.addAll(c);
    }

    @Override
    public int size() {
      return bits.cardinality();
    }

    @Override
    public boolean isEmpty() {
      return bits.isEmpty();
    }

    @Override
    public Iterator<String> iterator() {
      return bits.stream().mapToObj(universe.parties::get).iterator();
    }
  }

  /** A flag per test of one {@link Universe}, as a map from test to flag would hold it. */
  private static final class TestFlags {
    private final Universe universe;
    private final SparseBits present = new SparseBits();
    private final SparseBits values = new SparseBits();

    TestFlags(Universe universe) {
      this.universe = universe;
    }

    void merge(TestId t, boolean value, java.util.function.BinaryOperator<Boolean> merge) {
      int r = universe.rank(t);
      values.set(r, present.get(r) ? merge.apply(values.get(r), value) : value);
      present.set(r);
    }

    boolean getOrDefault(TestId t, boolean otherwise) {
      int r = universe.rank(t);
      return present.get(r) ? values.get(r) : otherwise;
    }
  }

  private static final class Group {
    final Universe universe;
    final ResourceKind resource;
    final String customKind;
    final Key key;
    final Scope scope;
    Reach reach;
    final TestSet writers;
    final TestSet definiteWriters;
    final TestSet readers;
    final TestSet possible;
    // Writers whose writes race only with readers (ObservedWrites, SameValueWrites), and writers
    // with a write that races with other writers too.
    final TestSet readerOnlyWriters;
    final TestSet partyWriters;
    // Tests whose writes only reset the key (SameValueWrites): counted as its readers.
    final TestSet resetters;
    // Who can overlap: tests, and whole classes for what runs once before or after all their
    // tests (which cannot overlap their own class's tests, only other classes').
    final Set<String> testParties;
    final Set<String> classParties;
    // The same, counting unsure accesses too: for possible conflicts.
    final Set<String> anyTestParties;
    final Set<String> anyClassParties;
    // The parties among them that write: a conflict needs a writer that meets another party.
    final Set<String> testWriterParties;
    final Set<String> classWriterParties;
    final Set<String> anyTestWriterParties;
    final Set<String> anyClassWriterParties;
    boolean multiInvocationWriter;
    // Tests of several invocations whose writes race only with readers (a thread-safe map's
    // put): their invocations race with each other where the test reads the key too.
    final TestSet invocationsObservedWriters;
    // Tests that touch the key only through what runs once for their class (@BeforeAll,
    // @AfterAll, a class-level set-up annotation ...): true until a per-test access is seen.
    final TestFlags onlyOnce;
    // Classes whose code that runs once for the whole class reads the key.
    final Set<String> classWideReaders = new TreeSet<>();
    // Per test, the JVM-wide locks held at all its accesses to the key, each with the one critical
    // section of the test's own code that holds it (HeldLocks.PER_OPERATION where there is none);
    // null until a locked access is seen: a test missing from it touches the key unlocked.
    Map<TestId, Map<String, HeldLocks.Region>> locks;

    /** Notes the locks held at one access of a test. */
    /** Whether the test takes this lock around single operations only, at all its accesses. */
    boolean perOperation(TestId test, String lock) {
      Map<String, HeldLocks.Region> held = locks == null ? null : locks.get(test);
      return held != null && held.get(lock) == HeldLocks.PER_OPERATION;
    }

    void noteLocks(TestId test, Map<String, HeldLocks.Region> held) {
      if (locks == null) {
        if (held.isEmpty()) {
          return;
        }
        locks = new HashMap<>();
      }
      Map<String, HeldLocks.Region> known = locks.get(test);
      if (known == null) {
        locks.put(test, new TreeMap<>(held));
        return;
      }
      known.keySet().retainAll(held.keySet());
      for (Map.Entry<String, HeldLocks.Region> k : known.entrySet()) {
        if (!k.getValue().equals(held.get(k.getKey()))) {
          k.setValue(HeldLocks.PER_OPERATION);
        }
      }
    }

    /**
     * Whether a party outside a class is among these: a test of another class, or what runs once
     * for another class.
     */
    static boolean outside(String className, Set<String> classes, Set<String> tests) {
      for (String k : classes) {
        if (!k.equals(className)) {
          return true;
        }
      }
      for (String t : tests) {
        if (!t.substring(0, t.indexOf('#')).equals(className)) {
          return true;
        }
      }
      return false;
    }

    /** Takes the other group's parties, sure and unsure. */
    void takeParties(Group other) {
      testParties.addAll(other.testParties);
      classParties.addAll(other.classParties);
      takePossibleParties(other);
    }

    /** Takes the other group's parties as possible ones only. */
    void takePossibleParties(Group other) {
      anyTestParties.addAll(other.anyTestParties);
      anyClassParties.addAll(other.anyClassParties);
      anyTestWriterParties.addAll(other.anyTestWriterParties);
      anyClassWriterParties.addAll(other.anyClassWriterParties);
    }

    /**
     * Whether a writer meets another party. What runs once for a class (a class party) meets other
     * classes' tests and classes, never its own class's tests; two tests always can meet, whatever
     * their classes.
     */
    boolean meet() {
      return meet(classParties, testParties, classWriterParties, testWriterParties);
    }

    boolean anyMeet() {
      return meet(anyClassParties, anyTestParties, anyClassWriterParties, anyTestWriterParties);
    }

    private static boolean meet(
        Set<String> classes, Set<String> tests, Set<String> classWriters, Set<String> testWriters) {
      // A writer meets another party; the writer itself is among the parties unless its write
      // races only with readers (ObservedWrites).
      for (String k : classWriters) {
        if (classes.size() >= 2 || classes.size() == 1 && !classes.contains(k)) {
          return true;
        }
        for (String t : tests) {
          if (!t.substring(0, t.indexOf('#')).equals(k)) {
            return true;
          }
        }
      }
      for (String t : testWriters) {
        if (tests.size() >= 2 || tests.size() == 1 && !tests.contains(t)) {
          return true;
        }
        String own = t.substring(0, t.indexOf('#'));
        for (String k : classes) {
          if (!k.equals(own)) {
            return true;
          }
        }
      }
      return false;
    }

    Group(
        Universe universe,
        ResourceKind resource,
        String customKind,
        Key key,
        Scope scope,
        Reach reach) {
      this.universe = universe;
      writers = new TestSet(universe);
      definiteWriters = new TestSet(universe);
      readers = new TestSet(universe);
      possible = new TestSet(universe);
      readerOnlyWriters = new TestSet(universe);
      partyWriters = new TestSet(universe);
      resetters = new TestSet(universe);
      invocationsObservedWriters = new TestSet(universe);
      testParties = new PartySet(universe);
      classParties = new PartySet(universe);
      anyTestParties = new PartySet(universe);
      anyClassParties = new PartySet(universe);
      testWriterParties = new PartySet(universe);
      classWriterParties = new PartySet(universe);
      anyTestWriterParties = new PartySet(universe);
      anyClassWriterParties = new PartySet(universe);
      onlyOnce = new TestFlags(universe);
      this.resource = resource;
      this.customKind = customKind;
      this.key = key;
      this.scope = scope;
      this.reach = reach;
    }
  }

  /**
   * Where the accesses of one {@link #find} are grouped: exact keys apart from vague ones (unknown,
   * pattern, every key), which meet the exact ones afterwards.
   */
  private final class Grouping {
    final Map<GroupId, Group> exact = new LinkedHashMap<>();
    final Map<GroupId, Group> vague = new LinkedHashMap<>();
    final Map<ResourceKind, List<Group>> exactByResource = new HashMap<>();
    final Universe universe;
    final SameValueWrites sameValues;

    Grouping(Universe universe, SameValueWrites sameValues) {
      this.universe = universe;
      this.sameValues = sameValues;
    }

    /** Notes that test {@code f}'s access {@code a}, added as a read, only resets its key. */
    void reset(Footprint f, Access a) {
      String classPart = a.scope() == Scope.PER_CLASS ? f.test().id().className() : "";
      GroupId id = new GroupId(a.resource(), a.customKind(), a.key(), classPart);
      Group g = (a.key().kind() == Key.Kind.EXACT ? exact : vague).get(id);
      if (g != null) {
        g.resetters.add(f.test().id());
      }
    }

    /**
     * Adds test {@code f}'s access {@code a} to the group of {@code key} (its own, or another it
     * takes part in), as a {@code mode} access; {@code unsure} makes it a possible partner only.
     */
    void add(Footprint f, Access a, Key key, AccessMode mode, boolean unsure) {
      TestId test = f.test().id();
      String classPart = a.scope() == Scope.PER_CLASS ? test.className() : "";
      GroupId id = new GroupId(a.resource(), a.customKind(), key, classPart);
      boolean isExact = key.kind() == Key.Kind.EXACT;
      Map<GroupId, Group> into = isExact ? exact : vague;
      Group g =
          into.computeIfAbsent(
              id,
              k -> {
                Group ng =
                    new Group(universe, a.resource(), a.customKind(), key, a.scope(), a.reach());
                if (isExact) {
                  exactByResource.computeIfAbsent(a.resource(), r -> new ArrayList<>()).add(ng);
                }
                return ng;
              });
      // Low confidence (a lazy initialization, a call only class hierarchy finds) makes an
      // access a possible partner only.
      boolean sure =
          !unsure && a.sensitivity() == Sensitivity.HIGH && a.confidence() != Confidence.LOW;
      boolean once = oncePerClass.contains(a);
      g.onlyOnce.merge(test, once, Boolean::logicalAnd);
      // What runs once for a class is no part of any one test's critical section.
      Map<String, HeldLocks.Region> held =
          once || heldLocks == HeldLocks.NONE ? Map.of() : heldLocks.at(a);
      g.noteLocks(test, sure ? held : Map.of());
      Set<String> parties = once ? g.classParties : g.testParties;
      String party = once ? test.className() : test.display();
      // A write that races only with readers is no party that another writer meets; so is a
      // change of a shared collection made whole under a JVM-wide lock that code below the test
      // takes around it (a log's push under its lock), as a thread-safe collection's: two such
      // changes never interleave, and a test that only changes it does not look at the other's.
      // A plain store under a lock stays a write others meet: what it sets is often read where
      // no code shows (hadoop's LDAP socket factory settings, read by a factory JNDI makes).
      boolean observedOnly =
          mode == AccessMode.WRITE
              && (ObservedWrites.racesOnlyWithReaders(a)
                  || sameValues.racesOnlyWithReaders(a)
                  || a.sinkId().equals(CodeRules.STATIC_STATE_MUTATION.id())
                      && held.containsValue(HeldLocks.PER_OPERATION));
      if (!observedOnly) {
        (once ? g.anyClassParties : g.anyTestParties).add(party);
      }
      if (mode == AccessMode.WRITE) {
        g.writers.add(test);
        (observedOnly ? g.readerOnlyWriters : g.partyWriters).add(test);
        (once ? g.anyClassWriterParties : g.anyTestWriterParties).add(party);
        if (sure) {
          g.definiteWriters.add(test);
          if (!observedOnly) {
            parties.add(party);
          }
          (once ? g.classWriterParties : g.testWriterParties).add(party);
          boolean invocations =
              f.test().multipleInvocations() && !once && !oneInvocation.contains(a);
          g.multiInvocationWriter |= invocations && !observedOnly;
          if (invocations && observedOnly) {
            g.invocationsObservedWriters.add(test);
          }
        } else {
          g.possible.add(test);
        }
      } else if (!sure) {
        g.possible.add(test);
      } else {
        g.readers.add(test);
        parties.add(party);
        if (once || classWide.getOrDefault(test.className(), Set.of()).contains(a)) {
          g.classWideReaders.add(test.className());
        }
      }
    }
  }

  /**
   * What one group shares: the resource, the key (an entry's key names its entry), and for a value
   * shared per class, the class.
   */
  private record GroupId(ResourceKind resource, String customKind, Key key, String classPart) {}

  /** Whether an access counts as touching the accesses of its footprint's test at all. */
  private boolean counts(
      Access a, Footprint f, SameValueWrites sameValues, OwnEntries own, CapturedOutput output) {
    return a.scope() != Scope.PER_TEST
        && !output.unseen(a)
        && !sameValues.neverChanges(a)
        && !sameValues.readsOwnWrite(a, f)
        && !own.apart(a)
        && !endsTheJvm(a);
  }

  public List<Conflict> find(List<Footprint> footprints) {
    Universe universe = new Universe(footprints);
    SameValueWrites sameValues = new SameValueWrites(constants, footprints);
    OwnEntries ownEntries = new OwnEntries(footprints);
    CapturedOutput output = new CapturedOutput(footprints);
    Grouping grouping = new Grouping(universe, sameValues);
    SeenFailures seenFailures = new SeenFailures(footprints);
    Map<GroupId, Group> exact = grouping.exact;
    Map<GroupId, Group> vague = grouping.vague;
    Map<ResourceKind, List<Group>> exactByResource = grouping.exactByResource;
    MapEntries entries = new MapEntries();
    for (Footprint f : footprints) {
      if (!f.test().disabled()) {
        for (Access a : f.accesses()) {
          if (counts(a, f, sameValues, ownEntries, output)) {
            entries.note(f, a);
          }
        }
      }
    }
    for (Footprint f : footprints) {
      if (f.test().disabled()) {
        // A disabled test never runs, so it races with nothing.
        continue;
      }
      for (Access a : f.accesses()) {
        if (!counts(a, f, sameValues, ownEntries, output)) {
          continue;
        }
        // An entry the analysis cannot name meets no one else's such entry for sure: its reads
        // are possible partners of its group, its writes race only with readers (ObservedWrites).
        boolean vagueEntry = a.key().isEntry() && !a.key().entry().isExact();
        // A write that only resets the key to the constant all set-ups write races with no one but
        // the tests that set another value: it counts as a read (SameValueWrites).
        boolean reset = sameValues.onlyResets(a, f);
        grouping.add(
            f,
            a,
            a.key(),
            reset ? AccessMode.READ : a.mode(),
            vagueEntry && a.mode() == AccessMode.READ);
        if (reset) {
          grouping.reset(f, a);
        }
        if (seenFailures.seenByItsTest(f, a)) {
          grouping.add(f, a, a.key(), AccessMode.READ, false);
        }
        for (MapEntries.Meeting m : entries.meetings(f, a)) {
          grouping.add(f, a, m.key(), m.mode(), m.unsure());
        }
      }
    }
    // A key that names every key (System.setProperties) takes part in every group definitely;
    // an unknown or pattern key only possibly.
    for (Group v : vague.values()) {
      for (Group e : exactByResource.getOrDefault(v.resource, List.of())) {
        if (!v.key.overlaps(e.key) || !sameClassScope(v, e)) {
          continue;
        }
        if (v.key.kind() == Key.Kind.ALL && !v.writers.isEmpty()) {
          // A write of every key (System.setProperties) is one conflict with everyone who touches
          // any key: reported once, on the whole resource, not once per key.
          v.readers.addAll(e.definiteWriters);
          v.readers.addAll(e.readers);
          v.possible.addAll(e.possible);
          v.takeParties(e);
          continue;
        }
        if (v.key.kind() == Key.Kind.ALL && sameValues.constant(e.resource, e.key)) {
          // Where every writer writes one constant, a read of every key only sees whether it is
          // set yet: its readers are possible partners, nobody else's.
          e.possible.addAll(v.readers);
          e.anyTestParties.addAll(v.testParties);
          e.anyClassParties.addAll(v.classParties);
        } else if (queriesEveryMatch(v, e)) {
          // A query of a constant MBean name pattern (queryNames("org.example.*:*")) reads every
          // name the pattern matches, definitely; its other accesses stay possible partners.
          e.readers.addAll(v.readers);
          e.classWideReaders.addAll(v.classWideReaders);
          e.possible.addAll(v.writers);
          e.possible.addAll(v.possible);
          e.takeParties(v);
        } else if (v.key.kind() == Key.Kind.ALL) {
          // A read of every key meets each key's writers, definitely.
          e.readers.addAll(v.readers);
          e.classWideReaders.addAll(v.classWideReaders);
          e.possible.addAll(v.possible);
          e.takeParties(v);
        } else {
          e.possible.addAll(v.writers);
          e.possible.addAll(v.readers);
          e.possible.addAll(v.possible);
          e.takePossibleParties(v);
        }
        v.takePossibleParties(e);
        v.possible.addAll(e.writers);
        v.possible.addAll(e.readers);
        v.possible.addAll(e.possible);
      }
    }
    List<Conflict> result = new ArrayList<>();
    for (Group g : exact.values()) {
      emit(g, true, result);
    }
    for (Group g : vague.values()) {
      emit(g, g.key.kind() == Key.Kind.ALL, result);
    }
    result.sort(
        Comparator.comparing(Conflict::certainty)
            .thenComparing(Conflict::resource)
            .thenComparing(c -> c.key().value())
            .thenComparing(c -> c.key().toString())
            .thenComparing(c -> c.writers().get(0)));
    return result;
  }

  /**
   * Whether an access ends the JVM ({@code System.exit}, {@code Runtime.halt}). That is no race
   * between two tests: an exit ends every test after it in a run one at a time just as in a
   * parallel one, and a lock would change nothing. Such a test needs a JVM of its own, which the
   * plan gives it from the access itself; a security manager that traps exits is a resource of its
   * own ({@code java.lang.System.securityManager}), whose conflicts stay.
   */
  private static boolean endsTheJvm(Access a) {
    return a.sinkId().equals(SYSTEM_EXIT);
  }

  /** The catalog rule of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}. */
  private static final String SYSTEM_EXIT = "jdk.system-exit";

  /** The prefix of MBean name keys (the catalog's {@code javax.management.ObjectName:}). */
  private static final String MBEAN_NAME = "javax.management.ObjectName:";

  /**
   * Whether the vague group is a query of a constant MBean name pattern that matches the exact
   * group's name: its readers read that name for sure. Only patterns the code spells out count (a
   * name not known at all is a pattern too, {@code *}, but read at low confidence, so it has no
   * sure readers); and only a group nobody writes for sure.
   */
  private static boolean queriesEveryMatch(Group v, Group e) {
    return v.key.kind() == Key.Kind.PATTERN
        && v.resource == ResourceKind.JVM_GLOBAL
        && v.key.value().startsWith(MBEAN_NAME)
        && e.key.kind() == Key.Kind.EXACT
        && v.definiteWriters.isEmpty()
        && !v.readers.isEmpty()
        && Key.globMatches(v.key.value(), e.key.value());
  }

  private static boolean sameClassScope(Group a, Group b) {
    return a.scope != Scope.PER_CLASS && b.scope != Scope.PER_CLASS
        || a.scope == Scope.PER_CLASS && b.scope == Scope.PER_CLASS;
  }

  private static void emit(Group g, boolean keyIsDefinite, List<Conflict> out) {
    if (g.writers.isEmpty()) {
      return;
    }
    for (TestId t : g.invocationsObservedWriters) {
      // Check, then act: one invocation looks the key up while another puts its own value there
      // (an object factory keeping what the first caller of a name asked for).
      g.multiInvocationWriter |= g.readers.contains(t);
    }
    boolean definite =
        keyIsDefinite && !g.definiteWriters.isEmpty() && (g.meet() || g.multiInvocationWriter);
    TestSet writers = definite ? g.definiteWriters : g.writers;
    TestSet readers = g.readers.copy();
    readers.removeAll(writers);
    TestSet dropped = new TestSet(g.universe);
    if (definite) {
      // What runs once for a class (a read in its @AfterAll) meets other classes' tests, never
      // its own: a test that takes part only that way is no partner of its own class's writers.
      for (TestId t : readers) {
        if (g.onlyOnce.getOrDefault(t, false)
            && !Group.outside(t.className(), g.classWriterParties, g.testWriterParties)) {
          dropped.add(t);
        }
      }
      TestSet keptWriters = writers.copy();
      for (TestId t : writers) {
        if (g.onlyOnce.getOrDefault(t, false)
            && !Group.outside(t.className(), g.classParties, g.testParties)) {
          keptWriters.remove(t);
        }
      }
      if (!keptWriters.isEmpty()) {
        dropped.addAll(writers);
        dropped.removeAll(keptWriters);
        writers = keptWriters;
      }
      readers.removeAll(dropped);
    }
    TestSet possible = g.possible.copy();
    possible.addAll(g.writers);
    possible.removeAll(writers);
    possible.removeAll(readers);
    possible.removeAll(dropped);
    int definitePartners = writers.size() + readers.size();
    if (!definite && !g.anyMeet() && !g.multiInvocationWriter) {
      return;
    }
    String what = g.resource == ResourceKind.CUSTOM ? g.customKind : g.resource.name();
    String keyText =
        g.key.kind() == Key.Kind.UNKNOWN
            ? "an unknown key"
            : g.key.isEntry()
                ? g.key.value()
                    + (g.key.entry().isExact()
                        ? " (entry " + g.key.entry().value() + ")"
                        : " (an entry not known here)")
                : g.key.value();
    StringBuilder reason = new StringBuilder();
    reason
        .append(writers.size())
        .append(writers.size() == 1 ? " test writes " : " tests write ")
        .append(what)
        .append(' ')
        .append(keyText);
    if (!readers.isEmpty()) {
      reason
          .append(" and ")
          .append(readers.size())
          .append(readers.size() == 1 ? " other reads it" : " others read it");
      long resets = readers.stream().filter(g.resetters::contains).count();
      if (resets > 0) {
        reason
            .append(" (")
            .append(resets == readers.size() ? "all" : resets + " of them")
            .append(" write it too, but only to put it back as every set-up or tear-down")
            .append(" leaves it, which meets the tests that set another value alone)");
      }
    }
    TestSet readerOnly = g.readerOnlyWriters.copy();
    readerOnly.removeAll(g.partyWriters);
    List<TestId> readingWriters =
        definite ? writers.stream().filter(g.readers::contains).toList() : List.of();
    Sections sections = definite ? Sections.of(g, writers, readers) : null;
    if (sections != null && sections.inSections().size() == writers.size() + readers.size()) {
      if (possible.isEmpty()) {
        // Every test's use of the key is one critical section of the same lock: the runs of
        // these sections are one after another, as in a run one test at a time.
        return;
      }
      // Tests that only possibly touch the key stay partners of all of them, as before.
      sections = null;
    }
    if (sections != null) {
      List<TestId> in = sections.inSections();
      String lock = sections.lock();
      if (writers.stream()
          .anyMatch(t -> !in.contains(t) && readerOnly.contains(t) && !g.perOperation(t, lock))) {
        // A writer outside the sections already races only with the readers (a thread-safe
        // counter's draw): it is no partner, so the readers in sections must stay partners, and
        // one list of partners cannot also keep them apart from each other. Left as it was. A
        // writer that takes the sections' lock around its one operation (a log's push) cannot
        // fall inside a section, so it leaves them as they are.
        sections = null;
      }
    }
    if (sections != null) {
      // The writers in sections race only with the others (the "readers" of their writes): the
      // others' uses span several sections or take no lock, so a section can fall between them.
      TestSet in = new TestSet(g.universe);
      in.addAll(sections.inSections());
      for (TestId t : writers) {
        if (in.contains(t)) {
          readerOnly.add(t);
        }
      }
      // Partners: the writers outside the sections, but for those that race only with readers
      // (and do not read).
      readingWriters =
          writers.stream()
              .filter(t -> !in.contains(t) && (!readerOnly.contains(t) || g.readers.contains(t)))
              .toList();
      if (readingWriters.isEmpty()
          && readers.stream().allMatch(in::contains)
          && possible.stream().allMatch(t -> g.readerOnlyWriters.contains(t) || in.contains(t))) {
        // Every use lies in a section of the lock or is one write made whole under it (a log's
        // push), and nobody reads outside a section: no two of them can interleave.
        return;
      }
    }
    int readerOnlyWriters = (int) writers.stream().filter(readerOnly::contains).count();
    if (sections != null) {
      reason
          .append("; ")
          .append(sections.inSections().size())
          .append(" hold ")
          .append(
              sections
                  .lock()
                  .replace(
                      io.github.isolationaudit.analyzer.program.Sites.LockToken.LOCK_OBJECT, "")
                  .replace('/', '.'))
          .append(" across all their uses of it, so they race only with the others");
    } else if (readerOnlyWriters > 0) {
      reason
          .append("; ")
          .append(readerOnlyWriters == writers.size() ? "all" : readerOnlyWriters + " of them")
          .append(" race only with the tests that read it (the same constant written everywhere,")
          .append(" a set-up write of a shared field, a thread-safe change)");
    }
    if (g.multiInvocationWriter && definitePartners < 2) {
      reason.append("; the invocations of one parameterized or repeated test can overlap");
    }
    if (g.scope == Scope.PER_CLASS) {
      reason.append("; the value is shared by the tests of one class");
    }
    if (!definite) {
      reason.append(
          keyIsDefinite
              ? "; the other "
                  + possible.size()
                  + " only possibly touch it (unknown key or an implicit read that rarely matters)"
              : "; the key is not fully known, so the "
                  + possible.size()
                  + " tests it may meet are only possible partners");
    }
    reason.append('.');
    out.add(
        new Conflict(
            g.resource,
            g.customKind,
            g.key,
            definite ? io.github.isolationaudit.model.Certainty.DEFINITE : Certainty.POSSIBLE,
            g.reach,
            g.scope,
            List.copyOf(writers),
            definite ? List.copyOf(readers) : List.of(),
            definite ? possible.size() : possible.size() + readers.size(),
            (definite ? possible : union(readers, possible)).stream().limit(SAMPLE).toList(),
            reason.toString(),
            readingWriters,
            definite ? writers.stream().filter(readerOnly::contains).toList() : List.of(),
            definite
                ? readers.stream()
                    .map(TestId::className)
                    .filter(g.classWideReaders::contains)
                    .distinct()
                    .sorted()
                    .toList()
                : List.of()));
  }

  /**
   * The tests of a group whose every use of the key lies in one critical section of their own code
   * under a JVM-wide lock that every access of theirs to the key is made under. Two such tests
   * never race: the lock runs their sections one after the other, as a run one test at a time
   * would. Every other test still races with them: it takes the lock around single operations only
   * (a whole section can fall between two of them) or not at all.
   *
   * @param lock the lock
   * @param inSections the tests in sections of it, two or more, among them at least one writer
   */
  private record Sections(String lock, List<TestId> inSections) {
    static Sections of(Group g, Collection<TestId> writers, Collection<TestId> readers) {
      if (g.locks == null) {
        return null;
      }
      Map<String, List<TestId>> byLock = new TreeMap<>();
      Set<String> perOperation = new HashSet<>();
      for (Collection<TestId> side : List.of(writers, readers)) {
        for (TestId t : side) {
          Map<String, HeldLocks.Region> held = g.locks.get(t);
          if (held == null) {
            continue;
          }
          for (Map.Entry<String, HeldLocks.Region> e : held.entrySet()) {
            if (e.getValue() != HeldLocks.PER_OPERATION) {
              byLock.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(t);
            } else {
              perOperation.add(e.getKey());
            }
          }
        }
      }
      Sections best = null;
      for (Map.Entry<String, List<TestId>> e : byLock.entrySet()) {
        boolean writes = e.getValue().stream().anyMatch(writers::contains);
        // One test in a section is one only where others take the same lock around their single
        // operations, which then cannot fall inside it.
        if (writes
            && (e.getValue().size() >= 2 || perOperation.contains(e.getKey()))
            && (best == null || e.getValue().size() > best.inSections().size())) {
          best = new Sections(e.getKey(), List.copyOf(e.getValue()));
        }
      }
      return best;
    }
  }

  private static Set<TestId> union(TestSet a, TestSet b) {
    TestSet u = a.copy();
    u.addAll(b);
    return u;
  }
}
