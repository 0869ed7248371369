package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConflictFinderTest {
  private static final Evidence HERE =
      new Evidence(new EvidenceStep("a.T", "m", "a/T.java", 1), null);

  private static TestMethod test(String cls, String method, boolean many) {
    return new TestMethod(
        new TestId(cls, method, "()V", cls),
        Engine.JUNIT_JUPITER,
        many ? TestKind.PARAMETERIZED : TestKind.TEST,
        many,
        false);
  }

  private static Access access(
      String key, AccessMode mode, Scope scope, Confidence c, Sensitivity s) {
    return new Access(
        ResourceKind.SYSTEM_PROPERTY,
        "",
        Key.exact(key),
        mode,
        scope,
        ResourceKind.SYSTEM_PROPERTY.defaultReach(),
        c,
        s,
        "jdk.system-property-write",
        "",
        HERE);
  }

  private static Access write(String key) {
    return access(key, AccessMode.WRITE, Scope.SHARED, Confidence.HIGH, Sensitivity.HIGH);
  }

  private static Access read(String key) {
    return access(key, AccessMode.READ, Scope.SHARED, Confidence.HIGH, Sensitivity.HIGH);
  }

  private static List<Conflict> find(Set<Access> once, Footprint... footprints) {
    return new ConflictFinder(once).find(List.of(footprints));
  }

  @Test
  void aWriterAndAReaderOfOneKeyConflictDefinitely() {
    List<Conflict> c =
        find(
            Set.of(),
            new Footprint(test("a.A", "w", false), List.of(write("k"))),
            new Footprint(test("a.B", "r", false), List.of(read("k"))),
            new Footprint(test("a.C", "other", false), List.of(read("other"))));
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(x.writers()).extracting(TestId::display).containsExactly("a.A#w");
              assertThat(x.readers()).extracting(TestId::display).containsExactly("a.B#r");
            });
  }

  private static Access threadSafeWrite(String key) {
    return new Access(
        ResourceKind.STATIC_FIELD,
        "",
        Key.exact(key),
        AccessMode.WRITE,
        Scope.SHARED,
        ResourceKind.STATIC_FIELD.defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        io.github.isolationaudit.rules.CodeRules.THREAD_SAFE_STATE_MUTATION.id(),
        "",
        HERE);
  }

  private static Access fieldRead(String key) {
    return new Access(
        ResourceKind.STATIC_FIELD,
        "",
        Key.exact(key),
        AccessMode.READ,
        Scope.SHARED,
        ResourceKind.STATIC_FIELD.defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        io.github.isolationaudit.rules.CodeRules.STATIC_FIELD_READ.id(),
        "",
        HERE);
  }

  @Test
  void threadSafeWritesRaceWithReadersDefinitelyAndNotWithEachOther() {
    // Two tests put into a concurrent registry that nobody reads: nothing is torn, nothing seen.
    assertThat(
            find(
                Set.of(),
                new Footprint(test("a.A", "put1", false), List.of(threadSafeWrite("R.map"))),
                new Footprint(test("a.B", "put2", true), List.of(threadSafeWrite("R.map")))))
        .isEmpty();
    // One of them asserts on the registry: it sees the other's entries in every parallel run.
    List<Conflict> c =
        find(
            Set.of(),
            new Footprint(
                test("a.A", "putAndCount", false),
                List.of(threadSafeWrite("R.map"), fieldRead("R.map"))),
            new Footprint(test("a.B", "put2", false), List.of(threadSafeWrite("R.map"))));
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(x.writers())
                  .extracting(TestId::display)
                  .containsExactly("a.A#putAndCount", "a.B#put2");
            });
  }

  private static Access entryAccess(String key, AccessMode mode, String sinkId) {
    return new Access(
        ResourceKind.STATIC_FIELD,
        "",
        Key.exact(key),
        mode,
        Scope.SHARED,
        ResourceKind.STATIC_FIELD.defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        sinkId,
        "",
        HERE);
  }

  private static Footprint ownEntryUser(String cls, String method) {
    return new Footprint(
        test(cls, method, false),
        List.of(
            entryAccess(
                "R.map",
                AccessMode.WRITE,
                io.github.isolationaudit.rules.CodeRules.FRESH_KEY_ENTRY_WRITE.id()),
            entryAccess(
                "R.map",
                AccessMode.READ,
                io.github.isolationaudit.rules.CodeRules.FRESH_KEY_ENTRY_READ.id())));
  }

  @Test
  void ownEntriesUnderFreshKeysMeetOnlyWholeMapAccesses() {
    // Each test registers, looks up and removes its own entry; another looks up a key of its own
    // choosing: nobody sees another's entry.
    Footprint keyed =
        new Footprint(
            test("a.K", "byName", true),
            List.of(
                entryAccess(
                    "R.map",
                    AccessMode.READ,
                    io.github.isolationaudit.rules.CodeRules.KEYED_ENTRY_READ.id())));
    assertThat(find(Set.of(), ownEntryUser("a.A", "own1"), ownEntryUser("a.B", "own2"), keyed))
        .isEmpty();
    // A test that counts the entries sees the others' while they are there: a conflict with the
    // writers of entries, not one between them.
    Footprint counter = new Footprint(test("a.C", "count", false), List.of(fieldRead("R.map")));
    assertThat(find(Set.of(), ownEntryUser("a.A", "own1"), ownEntryUser("a.B", "own2"), counter))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.writers())
                  .extracting(TestId::display)
                  .containsExactly("a.A#own1", "a.B#own2");
              assertThat(x.readers()).extracting(TestId::display).containsExactly("a.C#count");
            });
    // A test that clears the map removes entries the others look up: their reads come back, which
    // a count alone does not bring.
    Footprint lookup =
        new Footprint(
            test("a.L", "lookUp", false),
            List.of(
                entryAccess(
                    "R.map",
                    AccessMode.READ,
                    io.github.isolationaudit.rules.CodeRules.FRESH_KEY_ENTRY_READ.id())));
    assertThat(find(Set.of(), lookup, counter)).isEmpty();
    Footprint clearer =
        new Footprint(test("a.D", "clear", false), List.of(threadSafeWrite("R.map")));
    assertThat(find(Set.of(), lookup, clearer))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.writers()).extracting(TestId::display).containsExactly("a.D#clear");
              assertThat(x.readers()).extracting(TestId::display).containsExactly("a.L#lookUp");
            });
  }

  @Test
  void readersAloneAndPerTestValuesNeverConflict() {
    assertThat(
            find(
                Set.of(),
                new Footprint(test("a.A", "r1", false), List.of(read("k"))),
                new Footprint(test("a.B", "r2", false), List.of(read("k")))))
        .isEmpty();
    Access perTest =
        access("<temp>/x", AccessMode.WRITE, Scope.PER_TEST, Confidence.HIGH, Sensitivity.HIGH);
    assertThat(
            find(
                Set.of(),
                new Footprint(test("a.A", "w1", true), List.of(perTest)),
                new Footprint(test("a.B", "w2", false), List.of(perTest))))
        .isEmpty();
  }

  @Test
  void theInvocationsOfOneParameterizedWriterConflictWithEachOther() {
    assertThat(find(Set.of(), new Footprint(test("a.A", "w", true), List.of(write("k")))))
        .singleElement()
        .extracting(Conflict::certainty)
        .isEqualTo(Certainty.DEFINITE);
    assertThat(find(Set.of(), new Footprint(test("a.A", "w", false), List.of(write("k")))))
        .isEmpty();
  }

  @Test
  void whatRunsOncePerClassDoesNotConflictWithItsOwnTestsOnlyWithOtherClasses() {
    Access beforeAll = write("k");
    Set<Access> once = Collections.newSetFromMap(new IdentityHashMap<>());
    once.add(beforeAll);
    Footprint t1 = new Footprint(test("a.A", "t1", true), List.of(beforeAll, read("k")));
    Footprint t2 = new Footprint(test("a.A", "t2", false), List.of(beforeAll, read("k")));
    assertThat(find(once, t1, t2)).isEmpty();
    Footprint other = new Footprint(test("a.B", "t", false), List.of(read("k")));
    assertThat(find(once, t1, t2, other))
        .singleElement()
        .extracting(Conflict::certainty)
        .isEqualTo(Certainty.DEFINITE);
  }

  @Test
  void aClassWhoseAfterAllReadsIsNoPartnerOfItsOwnWritersOnlyOfOtherClasses() {
    // a.A's @AfterAll reads k; a.A#w writes k per test and a.B#r reads it. The @AfterAll read
    // cannot overlap a.A#w (it runs after all of a.A's tests), so a.A's other tests, which touch k
    // only through it, are no partners of a.A#w; a.B#r is.
    Access afterAll = read("k");
    Set<Access> once = Collections.newSetFromMap(new IdentityHashMap<>());
    once.add(afterAll);
    Footprint writer = new Footprint(test("a.A", "w", false), List.of(afterAll, write("k")));
    Footprint quiet = new Footprint(test("a.A", "quiet", false), List.of(afterAll));
    Footprint other = new Footprint(test("a.B", "r", false), List.of(read("k")));
    assertThat(find(once, writer, quiet, other))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.writers()).extracting(TestId::display).containsExactly("a.A#w");
              assertThat(c.readers()).extracting(TestId::display).containsExactly("a.B#r");
              assertThat(c.possibleReaders()).isZero();
            });
    // A writer in another class does meet a.A's @AfterAll read, through every test of a.A.
    Footprint foreignWriter = new Footprint(test("a.C", "w", false), List.of(write("k")));
    assertThat(find(once, quiet, foreignWriter))
        .singleElement()
        .satisfies(c -> assertThat(c.readers()).extracting(TestId::display).contains("a.A#quiet"));
  }

  @Test
  void testsOfOneClassThatWriteConflictEvenWhenItsOncePerClassCodeReads() {
    // trino's TestPushDistinctLimitIntoTableScan: PER_CLASS, @BeforeAll reads a field of the
    // shared instance, every test writes it. The class party must not swallow its own tests.
    Access beforeAllRead = read("k");
    Set<Access> once = Collections.newSetFromMap(new IdentityHashMap<>());
    once.add(beforeAllRead);
    Footprint t1 = new Footprint(test("a.A", "t1", false), List.of(beforeAllRead, write("k")));
    Footprint t2 = new Footprint(test("a.A", "t2", false), List.of(beforeAllRead, write("k")));
    assertThat(find(once, t1, t2))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(c.writers()).hasSize(2);
            });
  }

  @Test
  void lowConfidenceAndLowSensitivityMakeAConflictOnlyPossible() {
    Access lazy = access("k", AccessMode.WRITE, Scope.SHARED, Confidence.LOW, Sensitivity.HIGH);
    assertThat(
            find(
                Set.of(),
                new Footprint(test("a.A", "w", false), List.of(lazy)),
                new Footprint(test("a.B", "w", false), List.of(lazy))))
        .singleElement()
        .extracting(Conflict::certainty)
        .isEqualTo(Certainty.POSSIBLE);
    Access lowRead = access("k", AccessMode.READ, Scope.SHARED, Confidence.HIGH, Sensitivity.LOW);
    assertThat(
            find(
                Set.of(),
                new Footprint(test("a.A", "w", false), List.of(write("k"))),
                new Footprint(test("a.B", "r", false), List.of(lowRead))))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.certainty()).isEqualTo(Certainty.POSSIBLE);
              assertThat(x.possibleReaders()).isEqualTo(1);
            });
  }

  @Test
  void aWriteOfEveryKeyIsOneConflictWithEveryKeyUser() {
    Access all =
        new Access(
            ResourceKind.SYSTEM_PROPERTY,
            "",
            Key.all(),
            AccessMode.WRITE,
            Scope.SHARED,
            ResourceKind.SYSTEM_PROPERTY.defaultReach(),
            Confidence.HIGH,
            Sensitivity.HIGH,
            "jdk.system-properties-replace",
            "",
            HERE);
    List<Conflict> c =
        find(
            Set.of(),
            new Footprint(test("a.A", "replaceAll", false), List.of(all)),
            new Footprint(test("a.B", "r", false), List.of(read("user.dir"))),
            new Footprint(test("a.C", "r", false), List.of(read("java.home"))));
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.key().value()).isEqualTo("*");
              assertThat(x.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(x.readers()).extracting(TestId::display).containsExactly("a.B#r", "a.C#r");
            });
  }

  @Test
  void aReadOfEveryKeyMeetsEachWriterDefinitely() {
    Access readAll =
        new Access(
            ResourceKind.SYSTEM_PROPERTY,
            "",
            Key.all(),
            AccessMode.READ,
            Scope.SHARED,
            ResourceKind.SYSTEM_PROPERTY.defaultReach(),
            Confidence.HIGH,
            Sensitivity.HIGH,
            "jdk.system-properties-read",
            "",
            HERE);
    List<Conflict> c =
        find(
            Set.of(),
            new Footprint(test("a.A", "w", false), List.of(write("user.dir"))),
            new Footprint(test("a.B", "listsAll", false), List.of(readAll)));
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.key().value()).isEqualTo("user.dir");
              assertThat(x.readers()).extracting(TestId::display).containsExactly("a.B#listsAll");
            });
  }
}
