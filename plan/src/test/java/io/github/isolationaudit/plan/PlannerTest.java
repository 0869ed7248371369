package io.github.isolationaudit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.history.DurationHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lanes, stages and shards made from a small suite built by hand. */
class PlannerTest {

  private static TestId id(String cls, String method) {
    return new TestId("com.acme." + cls, method, "()V", "com.acme." + cls);
  }

  private static Access access(String sink, ResourceKind r, String key, AccessMode mode) {
    return new Access(
        r,
        "",
        new Key(Key.Kind.EXACT, key),
        mode,
        Scope.SHARED,
        r == ResourceKind.DATABASE
            ? Reach.EXTERNAL
            : r == ResourceKind.FILE || r == ResourceKind.PORT ? Reach.HOST : Reach.JVM,
        Confidence.HIGH,
        Sensitivity.HIGH,
        sink,
        "",
        new Evidence(new EvidenceStep("com.acme.X", "m", "X.java", 1), null));
  }

  private static Conflict conflict(
      ResourceKind r, String key, Reach reach, List<TestId> writers, List<TestId> readers) {
    return new Conflict(
        r,
        "",
        new Key(Key.Kind.EXACT, key),
        Certainty.DEFINITE,
        reach,
        Scope.SHARED,
        writers,
        readers,
        0,
        List.of(),
        "");
  }

  /**
   * Twelve classes: A and B race on a System property nothing protects; Exit calls System.exit; D1
   * and D2 share an external database table; the rest touch nothing.
   */
  private static ScanResult suite() {
    return suite(List.of(id("A", "one")));
  }

  /** The same suite with other writers of the System property (readers: B#two). */
  private static ScanResult suite(List<TestId> propertyWriters) {
    List<Footprint> footprints = new ArrayList<>();
    for (String cls :
        List.of("A", "B", "Exit", "D1", "D2", "C1", "C2", "C3", "C4", "C5", "C6", "C7")) {
      for (String m : List.of("one", "two")) {
        List<Access> accesses = new ArrayList<>();
        if (cls.equals("Exit") && m.equals("one")) {
          accesses.add(
              access("jdk.system-exit", ResourceKind.JVM_GLOBAL, "exit", AccessMode.WRITE));
        }
        footprints.add(
            new Footprint(
                new TestMethod(id(cls, m), Engine.JUNIT_JUPITER, TestKind.TEST, false, false),
                accesses));
      }
    }
    Conflict prop =
        conflict(
            ResourceKind.SYSTEM_PROPERTY, "p", Reach.JVM, propertyWriters, List.of(id("B", "two")));
    // The key is only a name here: a constant jdbc: URL handed to a call is, to our own audit
    // (.ci/run), a connection that the five tests using this suite would share.
    Conflict table =
        conflict(
            ResourceKind.DATABASE,
            "postgresql db/x",
            Reach.EXTERNAL,
            List.of(id("D1", "one"), id("D2", "one")),
            List.of());
    return new ScanResult(
        List.of("target"),
        new ScanSummary(1, 12, footprints.size(), Map.of(), Map.of(), 2, 0, 0),
        footprints,
        List.of(prop, table),
        List.of(),
        io.github.isolationaudit.model.BuildConfiguration.unknown(),
        List.of(),
        List.of(unprotected(prop)));
  }

  private static List<TestId> members(Conflict c) {
    return Planner.members(c);
  }

  private static final Machine BIG =
      new Machine(16, 65536, Machine.Source.GIVEN, Machine.Source.GIVEN);

  private static Plan plan(int workers, int shards) {
    return new Planner(
            suite(), DurationHistory.empty(), new PlanOptions(workers, shards, false, 1.0, BIG))
        .plan();
  }

  /** The plan that needs no source edit: serial lanes instead of locks. */
  private static Plan lanesPlan(int workers, Machine machine) {
    return new Planner(
            suite(),
            DurationHistory.empty(),
            new PlanOptions(workers, 0, false, 1.0, machine).withLocks(false))
        .plan();
  }

  private static Plan.Lane lane(Plan plan, String name) {
    return plan.lanes().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void withoutLocksUnprotectedConflictsGoSerialAndJvmPoisonersToTheirOwnJvm() {
    Plan plan = lanesPlan(4, BIG);
    // A writes the property, B only reads it: the writer alone leaves the parallel JVM.
    assertThat(lane(plan, "serial").classes()).containsExactly("com.acme.A");
    assertThat(lane(plan, "own-jvm-1").classes()).containsExactly("com.acme.Exit");
    assertThat(lane(plan, "own-jvm-1").jvm()).isEqualTo(Plan.Jvm.OWN);
    assertThat(lane(plan, "parallel").classes())
        .doesNotContain("com.acme.A", "com.acme.Exit")
        .contains("com.acme.B", "com.acme.C1", "com.acme.D1");
    Set<String> all = new HashSet<>();
    plan.lanes().forEach(l -> all.addAll(l.tests()));
    assertThat(all).hasSize(24);
    // A conflict on JVM state never crosses JVMs: all lanes can run at once.
    assertThat(plan.stages()).hasSize(1);
    // The lock that would let A and B into the parallel lane: JUnit's own key.
    assertThat(plan.lockAssignments())
        .extracting(Plan.LockAssignment::key, Plan.LockAssignment::readOnly)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("java.lang.System.properties", false),
            org.assertj.core.groups.Tuple.tuple("java.lang.System.properties", true));
  }

  @Test
  void byDefaultConflictingTestsRunInTheParallelJvmUnderThePlansLocks() {
    Plan plan = plan(4, 0);
    // Only the JVM poisoner gets a JVM of its own; A (writer) and B (reader) stay in the
    // parallel lane, holding the plan's locks there.
    assertThat(plan.lanes()).extracting(Plan.Lane::name).containsExactly("parallel", "own-jvm-1");
    assertThat(lane(plan, "parallel").classes()).contains("com.acme.A", "com.acme.B");
    assertThat(lane(plan, "parallel").locks()).contains("java.lang.System.properties");
    assertThat(lane(plan, "parallel").reason()).contains("2 classes").contains("locks-provider");
    assertThat(lane(plan, "own-jvm-1").classes()).containsExactly("com.acme.Exit");
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactly(
            // the writer's method; B#two only reads it in its own method, so holds it READ there
            org.assertj.core.groups.Tuple.tuple("com.acme.A", "one", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "two", true));
    // Two lanes, two JVM starts, both counted in the prediction.
    assertThat(plan.predicted().jvmStarts()).isEqualTo(2);
    assertThat(plan.predicted().jvmStartSeconds()).isEqualTo(1.0);
  }

  /** An unprotected finding on a conflict, naming all its tests. */
  private static Finding unprotected(Conflict c) {
    return new Finding(
        Finding.Kind.UNPROTECTED,
        c.resource(),
        "",
        c.key(),
        members(c),
        members(c).size(),
        null,
        false,
        "",
        "",
        members(c));
  }

  /** The plan of a suite with these conflicts and findings in place of its own, four workers. */
  private static Plan planWith(ScanResult base, List<Conflict> conflicts, List<Finding> findings) {
    return planner(base, conflicts, findings).plan();
  }

  /** The planner of a suite with these conflicts and findings in place of its own, four workers. */
  private static Planner planner(
      ScanResult base, List<Conflict> conflicts, List<Finding> findings) {
    return new Planner(
        with(base, base.footprints(), conflicts, findings),
        DurationHistory.empty(),
        new PlanOptions(4, 0, false, 1.0, BIG));
  }

  /** The suite with these footprints, conflicts and findings in place of its own. */
  private static ScanResult with(
      ScanResult base,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Finding> findings) {
    return new ScanResult(
        base.inputs(),
        base.summary(),
        footprints,
        conflicts,
        List.of(),
        base.configuration(),
        List.of(),
        findings);
  }

  /** The plan of the suite with these footprints, conflicts and findings, times from a report. */
  private static Plan measuredPlan(
      ScanResult base,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Finding> findings,
      java.nio.file.Path reports,
      PlanOptions options) {
    return new Planner(
            with(base, footprints, conflicts, findings),
            DurationHistory.read(List.of(reports)),
            options)
        .plan();
  }

  /** The suite's footprints with those of the tests chosen replaced. */
  private static List<Footprint> replaced(
      ScanResult base,
      java.util.function.Predicate<TestId> chosen,
      java.util.function.UnaryOperator<Footprint> replacement) {
    return base.footprints().stream()
        .map(f -> chosen.test(f.test().id()) ? replacement.apply(f) : f)
        .toList();
  }

  @Test
  void writersThatRaceOnlyWithReadersShareTheKeyAndTheReadersHoldItAlone() {
    // B#one and C1#one start threads (they race only with a test that counts threads), C1#two
    // counts them: the starters hold the key READ and may overlap, the counter READ_WRITE.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict threads =
        new Conflict(
            ResourceKind.JVM_GLOBAL,
            "",
            new Key(Key.Kind.EXACT, "java.lang.Thread.liveThreads"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            List.of(id("B", "one"), id("C1", "one")),
            List.of(id("C1", "two")),
            0,
            List.of(),
            "",
            List.of(),
            List.of(id("B", "one"), id("C1", "one")));
    Plan plan = planWith(base, List.of(threads), List.of(unprotected(threads)));
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "two", false));
  }

  /** A System property conflict whose reading classes named read it once for the whole class. */
  private static Conflict readOncePerClass(
      List<TestId> writers, List<TestId> readers, List<String> classWideReaders) {
    return new Conflict(
        ResourceKind.SYSTEM_PROPERTY,
        "",
        new Key(Key.Kind.EXACT, "p"),
        Certainty.DEFINITE,
        Reach.JVM,
        Scope.SHARED,
        writers,
        readers,
        0,
        List.of(),
        "",
        List.of(),
        List.of(),
        classWideReaders);
  }

  @Test
  void writersThatHoldALockAcrossTheirUsesShareTheKeyAndTheirPartnersHoldItAlone() {
    // B#one and C1#one hold a lock of their own across all their uses of a log (reader-only
    // writers); C2#one writes it without holding the lock (a reading writer, their partner): the
    // holders share the key READ, the partner holds it READ_WRITE.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict log =
        new Conflict(
            ResourceKind.STATIC_FIELD,
            "",
            new Key(Key.Kind.EXACT, "com.acme.Log.MESSAGES"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            List.of(id("B", "one"), id("C1", "one"), id("C2", "one")),
            List.of(),
            0,
            List.of(),
            "",
            List.of(id("C2", "one")),
            List.of(id("B", "one"), id("C1", "one")));
    assertThat(log.writersRaceOnlyWithPartners()).isTrue();
    Plan plan = planWith(base, List.of(log), List.of(unprotected(log)));
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C2", "one", false));
  }

  @Test
  void aClassThatOnlyReadsHoldsItsLockAsAClassAndAWritingClassByMethod() {
    // B#one writes, B#two reads: B keeps method locks (as a class READ_WRITE it would run alone);
    // C1 only reads, and reads once for the whole class too: one class lock READ, held from
    // @BeforeAll on, so that no writer runs between two of its tests and spoils what it set up
    // once. C2 reads in its test methods only: a READ lock on each.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict prop =
        readOncePerClass(
            List.of(id("B", "one")),
            List.of(id("B", "two"), id("C1", "one"), id("C1", "two"), id("C2", "one")),
            List.of("com.acme.C1"));
    Plan plan = planWith(base, List.of(prop, base.conflicts().get(1)), List.of(unprotected(prop)));
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "one", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "two", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", null, true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C2", "one", true));
    // Every test of C1 holds the key READ in the prediction, B#one READ_WRITE.
    assertThat(lane(plan, "parallel").locks()).contains("java.lang.System.properties");
    // B's writer would wait for every class that holds the key READ: B starts first.
    assertThat(plan.classOrder()).first().isEqualTo("com.acme.B");
    assertThat(plan(4, 0).classOrder()).first().isNotEqualTo("com.acme.B");
  }

  @Test
  void aKeyEveryTestOfAClassWritesIsHeldOnceByTheClassAndTheClassStartsFirst() {
    // C1's two tests both write p: held per method, JUnit would take the key twice, each time
    // waiting for every reader in flight; held by C1 it is taken once. B writes p in one test and
    // reads it in the other: it keeps its method locks (as a class READ_WRITE it would run alone).
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict prop =
        readOncePerClass(
            List.of(id("B", "one"), id("C1", "one"), id("C1", "two")),
            List.of(id("B", "two"), id("C2", "one"), id("C3", "one")),
            List.of());
    Plan plan = planWith(base, List.of(prop, base.conflicts().get(1)), List.of(unprotected(prop)));
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "one", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "two", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", null, false),
            org.assertj.core.groups.Tuple.tuple("com.acme.C2", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C3", "one", true));
    // The class writer starts before the classes whose tests read the key, and so do the other
    // writers: none of them waits for readers in flight.
    List<String> order = plan.classOrder();
    assertThat(order.indexOf("com.acme.C1")).isLessThan(order.indexOf("com.acme.C2"));
    assertThat(order.indexOf("com.acme.C1")).isLessThan(order.indexOf("com.acme.C3"));
    assertThat(order.indexOf("com.acme.B")).isLessThan(order.indexOf("com.acme.C2"));
    // One writer of a class whose other test does not write it: method locks only.
    Conflict one = readOncePerClass(List.of(id("C1", "one")), List.of(id("C2", "one")), List.of());
    assertThat(planWith(base, List.of(one), List.of(unprotected(one))).lockAssignments())
        .extracting(Plan.LockAssignment::className, Plan.LockAssignment::methodName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "one"),
            org.assertj.core.groups.Tuple.tuple("com.acme.C2", "one"));
  }

  @Test
  void aShortClassThatWritesAKeyIsIsolatedWhereAReaderWouldKeepItWaiting(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    // C1's two tests write p (0.1 s each); C2#one reads it for 3 s. Holding p, C1 would wait for
    // C2#one to end and hold back every later reader; isolated, JUnit runs it after the rest.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict prop =
        readOncePerClass(
            List.of(id("C1", "one"), id("C1", "two"), id("B", "one")),
            List.of(id("C2", "one"), id("C3", "one")),
            List.of());
    Plan plan =
        new Planner(
                with(base, base.footprints(), List.of(prop), List.of(unprotected(prop))),
                DurationHistory.read(List.of(history(dir, Map.of("C2#one", "3", "B#one", "2")))),
                new PlanOptions(4, 0, false, 1.0, BIG))
            .plan();
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::key,
            Plan.LockAssignment::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "com.acme.B", "one", "java.lang.System.properties", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", null, Schedule.GLOBAL, false),
            org.assertj.core.groups.Tuple.tuple(
                "com.acme.C2", "one", "java.lang.System.properties", true),
            org.assertj.core.groups.Tuple.tuple(
                "com.acme.C3", "one", "java.lang.System.properties", true));
    // JUnit runs it last whatever the order: the order says so.
    assertThat(plan.classOrder()).last().isEqualTo("com.acme.C1");
    // B (2.1 s) is longer than the longest reader's wait would be worth: it keeps the key. Without
    // measured times nothing is isolated.
    assertThat(planWith(base, List.of(prop), List.of(unprotected(prop))).lockAssignments())
        .extracting(Plan.LockAssignment::key)
        .doesNotContain(Schedule.GLOBAL);
  }

  @Test
  void shortMethodsThatWriteJvmStateAmidLongReadersRunApartInAJvmOfTheirOwn(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    // In each of C1 to C4, "one" reads p for 5 s and "two" writes it in 1 s; C5 to C7 read it
    // for 5 s too. In the parallel lane each writer waits until no reader holds p, and the four
    // end the run one at a time: apart, in a JVM of their own, they wait for nobody and the
    // readers hold p no longer. (Four writers of 0.1 s would not pay for the JVM's start.)
    ScanResult base = suite(List.of(id("B", "one")));
    List<TestId> writers = new ArrayList<>();
    List<TestId> readers = new ArrayList<>();
    Map<String, String> times = new java.util.HashMap<>();
    for (String cls : List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7")) {
      readers.add(id(cls, "one"));
      times.put(cls + "#one", "5");
      if (List.of("C1", "C2", "C3", "C4").contains(cls)) {
        writers.add(id(cls, "two"));
        times.put(cls + "#two", "1");
      } else {
        readers.add(id(cls, "two"));
        times.put(cls + "#two", "5");
      }
    }
    Conflict prop = readOncePerClass(writers, readers, List.of());
    // A#two writes an entry of a map under a key the scan knows while readers read entries it
    // cannot name: a possible conflict. With the lane apart started anyway, A#two joins it.
    Conflict possible =
        new Conflict(
            ResourceKind.STATIC_FIELD,
            "",
            new Key(Key.Kind.EXACT, "com.acme.Registry.users"),
            Certainty.POSSIBLE,
            Reach.JVM,
            Scope.SHARED,
            List.of(id("A", "two")),
            List.of(),
            0,
            List.of(),
            "");
    java.nio.file.Path reports = history(dir, times);
    // D2#two counts the JVM's threads, which anything may start: it joins the lane apart too.
    List<Footprint> counting =
        replaced(
            base,
            t -> t.equals(id("D2", "two")),
            f ->
                new Footprint(
                    f.test(),
                    List.of(
                        access(
                            "jdk.thread-count-read",
                            ResourceKind.JVM_GLOBAL,
                            "java.lang.Thread.liveThreads",
                            AccessMode.READ))));
    Plan plan =
        measuredPlan(
            base,
            counting,
            List.of(prop, possible),
            List.of(unprotected(prop)),
            reports,
            new PlanOptions(4, 0, false, 1.0, BIG));

    Plan.Lane apart = lane(plan, "apart");
    assertThat(apart.methods())
        .containsExactly(
            "com.acme.A#two",
            "com.acme.C1#two",
            "com.acme.C2#two",
            "com.acme.C3#two",
            "com.acme.C4#two",
            "com.acme.D2#two");
    assertThat(apart.mode()).isEqualTo(Plan.Mode.SERIAL);
    assertThat(apart.tests()).hasSize(6);
    Plan.Lane parallel = lane(plan, "parallel");
    assertThat(parallel.tests()).hasSize(16).doesNotContain("com.acme.C1#two", "com.acme.A#two");
    assertThat(plan.methodsRunElsewhere(parallel)).isEqualTo(apart.methods());
    // Nobody left in the parallel lane writes p: nobody holds it there. The lock assignments keep
    // p for a build that runs everything in one JVM: the writers READ_WRITE, the readers READ.
    assertThat(parallel.locks()).doesNotContain("java.lang.System.properties");
    assertThat(plan.lockAssignments())
        .filteredOn(a -> a.key().equals("java.lang.System.properties") && !a.readOnly())
        .extracting(a -> a.className() + "#" + a.methodName())
        .containsExactly(
            "com.acme.C1#two", "com.acme.C2#two", "com.acme.C3#two", "com.acme.C4#two");
    assertThat(plan.lockAssignments())
        .filteredOn(a -> a.key().equals("java.lang.System.properties") && a.readOnly())
        .hasSize(readers.size());
    // The two lanes run side by side (with Exit's JVM), and the prediction counts every start.
    assertThat(plan.stages()).hasSize(1);
    assertThat(plan.stages().get(0).lanes())
        .containsExactlyInAnyOrder("parallel", "apart", "own-jvm-1");
    assertThat(plan.predicted().jvmStarts()).isEqualTo(3);

    // A build that runs the lanes one after another pays the lane apart in full: what the writers'
    // waits cost the parallel lane does not buy a JVM start and 4 s of writers one at a time.
    Plan inTurn =
        measuredPlan(
            base,
            base.footprints(),
            List.of(prop, possible),
            List.of(unprotected(prop)),
            reports,
            new PlanOptions(4, 0, false, 1.0, BIG).withLanesInTurn(true));
    assertThat(inTurn.lanes()).extracting(Plan.Lane::name).doesNotContain("apart");
    assertThat(inTurn.predicted().lanesInTurnSeconds())
        .isLessThanOrEqualTo(plan.predicted().lanesInTurnSeconds());

    // A writer that also writes a file the readers' JVM shares cannot leave: nothing moves.
    Conflict file =
        conflict(
            ResourceKind.FILE,
            "/tmp/x",
            Reach.HOST,
            List.of(id("C1", "two"), id("A", "one")),
            List.of());
    Plan tied =
        measuredPlan(
            base,
            base.footprints(),
            List.of(prop, file),
            List.of(unprotected(prop), unprotected(file)),
            reports,
            new PlanOptions(4, 0, false, 1.0, BIG));
    assertThat(tied.lanes()).extracting(Plan.Lane::name).doesNotContain("apart");
    // Nor one whose class hands state from method to method (@TestMethodOrder): it stays, and the
    // other writers of the key with it.
    List<Footprint> ordered =
        replaced(
            base,
            t -> t.className().equals("com.acme.C1"),
            f ->
                new Footprint(
                    new TestMethod(
                        f.test().id(), f.test().engine(), f.test().kind(), false, false, true),
                    f.accesses()));
    // The unprotected conflict on p alone, planned with these footprints.
    java.util.function.Function<List<Footprint>, Plan> onP =
        footprints ->
            measuredPlan(
                base,
                footprints,
                List.of(prop),
                List.of(unprotected(prop)),
                reports,
                new PlanOptions(4, 0, false, 1.0, BIG));
    Plan stays = onP.apply(ordered);
    assertThat(stays.lanes()).extracting(Plan.Lane::name).doesNotContain("apart");
    // Nor one whose class writes a file, whoever else touches it: split between two JVMs, its
    // once-per-class code would write it from both at once.
    List<Footprint> writesAFile =
        replaced(
            base,
            t -> t.equals(id("C2", "one")),
            f ->
                new Footprint(
                    f.test(),
                    List.of(
                        access(
                            "java.file-write", ResourceKind.FILE, "/tmp/c2", AccessMode.WRITE))));
    Plan split = onP.apply(writesAFile);
    assertThat(split.lanes()).extracting(Plan.Lane::name).doesNotContain("apart");
    // Without measured times nothing moves either.
    assertThat(planWith(base, List.of(prop), List.of(unprotected(prop))).lanes())
        .extracting(Plan.Lane::name)
        .doesNotContain("apart");
  }

  @Test
  void anIsolatedClassThatWouldEndTheRunAloneRunsApartInstead(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    // C1's two tests write p (1.2 s each), C2 to C7 read it (1 to 6 s a test): C1 is shorter than
    // the longest reader, so the plan isolates it, and JUnit would run it last, alone, for 2.4 s.
    // In a JVM of its own beside the parallel lane (a start of 0.5 s) it ends long before them.
    ScanResult base = suite(List.of(id("B", "one")));
    List<TestId> readers = new ArrayList<>();
    Map<String, String> times = new java.util.HashMap<>(Map.of("C1#one", "1.2", "C1#two", "1.2"));
    List<String> readerTimes = List.of("5", "5", "4", "4", "3", "3", "5", "2", "4", "1", "6", "2");
    for (String cls : List.of("C2", "C3", "C4", "C5", "C6", "C7")) {
      for (String m : List.of("one", "two")) {
        times.put(cls + "#" + m, readerTimes.get(readers.size()));
        readers.add(id(cls, m));
      }
    }
    Conflict prop = readOncePerClass(List.of(id("C1", "one"), id("C1", "two")), readers, List.of());
    Plan plan =
        measuredPlan(
            base,
            base.footprints(),
            List.of(prop),
            List.of(unprotected(prop)),
            history(dir, times),
            new PlanOptions(4, 0, false, 0.5, BIG));

    assertThat(lane(plan, "apart").methods()).containsExactly("com.acme.C1#one", "com.acme.C1#two");
    // Nothing is isolated, and nobody in the parallel lane holds p: its only writer left. For a
    // build that runs everything in one JVM the assignments keep C1 holding p, not isolated.
    assertThat(lane(plan, "parallel").locks()).isEmpty();
    assertThat(plan.lockAssignments())
        .filteredOn(a -> !a.readOnly())
        .extracting(Plan.LockAssignment::className, Plan.LockAssignment::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "java.lang.System.properties"));
  }

  /** A JUnit XML report of the suite's 24 tests, 0.1 s each but for the times given. */
  private static java.nio.file.Path history(java.nio.file.Path dir, Map<String, String> times)
      throws java.io.IOException {
    StringBuilder xml = new StringBuilder("<testsuite name=\"x\" tests=\"24\">");
    for (String cls :
        List.of("A", "B", "Exit", "D1", "D2", "C1", "C2", "C3", "C4", "C5", "C6", "C7")) {
      for (String m : List.of("one", "two")) {
        xml.append("<testcase classname=\"com.acme.")
            .append(cls)
            .append("\" name=\"")
            .append(m)
            .append("\" time=\"")
            .append(times.getOrDefault(cls + "#" + m, "0.1"))
            .append("\"/>");
      }
    }
    java.nio.file.Files.writeString(dir.resolve("TEST-x.xml"), xml.append("</testsuite>"));
    return dir;
  }

  @Test
  void testsWhoseNameForALockedKeyIsOnlyAPatternHoldTheKeyToo() {
    // B#one and C1#one race on the MBean name n (C1#one looks it up). C2#one unregisters a name
    // the scan knows only as a pattern, C3#one registers one quietly (a write that races only with
    // readers), C4#one touches a pattern that cannot be n: C2 holds n READ_WRITE, C3 READ, C4
    // nothing.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict jmx =
        conflict(
            ResourceKind.JVM_GLOBAL,
            "javax.management.ObjectName:n",
            Reach.JVM,
            List.of(id("B", "one")),
            List.of(id("C1", "one")));
    Map<TestId, Access> patterns =
        Map.of(
            id("C2", "one"), pattern("jdk.mbean-unregister", "javax.management.ObjectName:*"),
            id("C3", "one"), pattern("jdk.mbean-register-quietly", "javax.management.ObjectName:*"),
            id("C4", "one"), pattern("jdk.mbean-unregister", "javax.management.ObjectName:x*"));
    List<Footprint> footprints = new ArrayList<>();
    for (Footprint f : base.footprints()) {
      Access extra = patterns.get(f.test().id());
      footprints.add(extra == null ? f : new Footprint(f.test(), List.of(extra)));
    }
    Plan plan =
        new Planner(
                with(base, footprints, List.of(jmx), List.of(unprotected(jmx))),
                DurationHistory.empty(),
                new PlanOptions(4, 0, false, 1.0, BIG))
            .plan();
    assertThat(plan.lockAssignments())
        .extracting(
            Plan.LockAssignment::className,
            Plan.LockAssignment::methodName,
            Plan.LockAssignment::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.B", "one", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.C1", "one", true),
            org.assertj.core.groups.Tuple.tuple("com.acme.C2", "one", false),
            org.assertj.core.groups.Tuple.tuple("com.acme.C3", "one", true));
  }

  private static Access pattern(String sink, String key) {
    return new Access(
        ResourceKind.JVM_GLOBAL,
        "",
        Key.pattern(key),
        sink.contains("register") && !sink.contains("lookup") ? AccessMode.WRITE : AccessMode.READ,
        Scope.SHARED,
        Reach.JVM,
        Confidence.LOW,
        Sensitivity.HIGH,
        sink,
        "",
        new Evidence(new EvidenceStep("com.acme.X", "m", "X.java", 1), null));
  }

  @Test
  void aClassLockTakesItsMethodsLocksAndRunsThemOneAfterAnotherInThePrediction() {
    // C1 reads p once for the whole class (a class lock) and C1#one also sets the default Locale,
    // which C2#one reads: JUnit lifts C1#one's READ_WRITE on the Locale into C1's class lock and
    // runs C1's tests one after another. With C1 reading p only in its methods, they overlap.
    ScanResult base = suite(List.of(id("B", "one")));
    Conflict q =
        conflict(
            ResourceKind.LOCALE,
            "default",
            Reach.JVM,
            List.of(id("C1", "one")),
            List.of(id("C2", "one")));
    List<TestId> readers = List.of(id("C1", "one"), id("C1", "two"));
    Conflict once = readOncePerClass(List.of(id("B", "one")), readers, List.of("com.acme.C1"));
    Conflict each = readOncePerClass(List.of(id("B", "one")), readers, List.of());
    Planner liftedPlanner =
        planner(base, List.of(once, q), List.of(unprotected(once), unprotected(q)));
    Plan lifted = liftedPlanner.plan();
    Planner methodsPlanner =
        planner(base, List.of(each, q), List.of(unprotected(each), unprotected(q)));
    Plan methods = methodsPlanner.plan();
    assertThat(lifted.lockAssignments())
        .extracting(Plan.LockAssignment::className, Plan.LockAssignment::methodName)
        .contains(org.assertj.core.groups.Tuple.tuple("com.acme.C1", null));
    assertThat(methods.lockAssignments())
        .extracting(Plan.LockAssignment::className, Plan.LockAssignment::methodName)
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("com.acme.C1", null));
    // In the prediction, C1 is one task of both its tests holding p READ and the Locale
    // READ_WRITE; without the class lock each of its tests is a task of its own.
    assertThat(c1Tasks(liftedPlanner, lifted))
        .containsExactly(
            new Schedule.Task(
                "parallel",
                2 * liftedPlanner.seconds(id("C1", "one")),
                Map.of("java.lang.System.properties", false, "java.util.Locale.default", true)));
    assertThat(c1Tasks(methodsPlanner, methods))
        .extracting(Schedule.Task::seconds)
        .containsExactly(methodsPlanner.seconds(id("C1", "one")));
  }

  /** The prediction's tasks in the parallel lane that hold both keys: C1's only. */
  private static List<Schedule.Task> c1Tasks(Planner planner, Plan plan) {
    return planner.tasks(plan.lanes(), null).stream()
        .filter(l -> l.name().equals("parallel"))
        .flatMap(l -> l.tasks().stream())
        .filter(t -> t.locks().containsKey("java.lang.System.properties"))
        .filter(t -> t.locks().containsKey("java.util.Locale.default"))
        .toList();
  }

  @Test
  void locksInOneJvmArePredictedFasterThanSerialLanesInJvmsOfTheirOwn() {
    Plan locked = plan(2, 0);
    Plan lanes = lanesPlan(2, BIG);
    assertThat(lanes.predicted().jvmStarts()).isEqualTo(3);
    assertThat(locked.predicted().jvmStarts()).isEqualTo(2);
    // One JVM start less, and A's other test no longer waits in a serial lane.
    assertThat(locked.predicted().wallSeconds()).isLessThan(lanes.predicted().wallSeconds());
  }

  @Test
  void noStageRunsMoreJvmsThanTheRecommendationAllows() {
    // 2 cores: at most 2 JVMs at once, so the three lanes of the plan without locks take two
    // stages, and the advice never tells the user to run fewer than the plan starts.
    Machine twoCores = new Machine(2, 65536, Machine.Source.GIVEN, Machine.Source.GIVEN);
    Plan plan = lanesPlan(2, twoCores);
    assertThat(plan.lanes()).hasSize(3);
    assertThat(plan.recommendation().jvms()).isEqualTo(2);
    assertThat(plan.stages()).allSatisfy(s -> assertThat(s.lanes().size()).isLessThanOrEqualTo(2));
    assertThat(plan.stages()).hasSize(2);
    assertThat(plan.recommendation().reason()).doesNotContain("fewer rounds");
    // One core: one JVM at a time.
    Machine oneCore = new Machine(1, 65536, Machine.Source.GIVEN, Machine.Source.GIVEN);
    assertThat(lanesPlan(1, oneCore).stages()).hasSize(3);
  }

  @Test
  void everyJvmStartIsPaidOnAWorkerBeforeItsFirstTest() {
    // 24 tests of 1 s on 4 workers: 6 s of tests at best, plus the starts. With 1 s per JVM the
    // naive run (one JVM) is predicted at 7 s; starting JVMs at no cost, at 6 s.
    Plan withStarts = plan(4, 0);
    assertThat(withStarts.predicted().naiveParallelSeconds()).isEqualTo(7.0);
    Plan free =
        new Planner(suite(), DurationHistory.empty(), new PlanOptions(4, 0, false, 0.0, BIG))
            .plan();
    assertThat(free.predicted().naiveParallelSeconds()).isEqualTo(6.0);
    assertThat(free.predicted().wallSeconds()).isLessThan(withStarts.predicted().wallSeconds());
  }

  @Test
  void theSuitesMarkersCoverWhomTheScanSaysNotWhomTheClassNameSuggests() {
    // A class-level lock with target = CHILDREN that the scan says covers A#one only (say A#two
    // runs on another engine): the plan holds it for A#one, not for A#two, and does not run A on
    // one thread; a method marker in A$Inner's name covers nothing the scan did not name.
    ScanResult base = suite();
    io.github.isolationaudit.model.Marker onClass =
        new io.github.isolationaudit.model.Marker(
            "org.junit.jupiter.api.parallel.ResourceLock",
            "junit-jupiter",
            io.github.isolationaudit.model.MarkerEffect.LOCKS,
            List.of(
                new io.github.isolationaudit.model.Lock(
                    "suite.key", io.github.isolationaudit.model.LockMode.READ_WRITE)),
            "",
            "com.acme.A",
            "",
            "",
            new io.github.isolationaudit.model.SourceLocation("A.java", 3),
            "",
            "");
    io.github.isolationaudit.model.MarkerVerdict verdict =
        new io.github.isolationaudit.model.MarkerVerdict(
                onClass,
                io.github.isolationaudit.model.Verdict.REQUIRED,
                "r",
                Confidence.HIGH,
                "",
                "keep",
                List.of())
            .withCoverage(List.of(id("A", "one")), false);
    ScanResult scan =
        new ScanResult(
            base.inputs(),
            base.summary(),
            base.footprints(),
            base.conflicts(),
            base.problems(),
            base.configuration(),
            List.of(verdict),
            base.findings());
    Planner planner =
        new Planner(scan, DurationHistory.empty(), new PlanOptions(4, 0, false, 0.0, BIG));
    planner.plan();

    assertThat(planner.locksOf(id("A", "one"))).containsEntry("suite.key", true);
    assertThat(planner.locksOf(id("A", "two"))).doesNotContainKey("suite.key");
  }

  @Test
  void classesRunLongestChainFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // C3 is the longest class (2 x 3 s); A and C1 each write the property for 2 s: their chain
    // of 4 s on the one lock goes before C2 (2 x 1.5 s), C3 before all.
    Map<String, String> times =
        Map.of(
            "C3#one", "3", "C3#two", "3", "A#one", "2", "C1#one", "2", "C2#one", "1.5", "C2#two",
            "1.5");
    history(dir, times);
    Plan plan =
        new Planner(
                suite(List.of(id("A", "one"), id("C1", "one"))),
                DurationHistory.read(List.of(dir)),
                new PlanOptions(2, 0, false, 1.0, BIG))
            .plan();
    assertThat(plan.classOrder()).hasSize(12);
    assertThat(plan.classOrder().subList(0, 4))
        .containsExactly("com.acme.C3", "com.acme.A", "com.acme.C1", "com.acme.C2");
    // Without history every class is as long as every other: by name.
    assertThat(plan(2, 0).classOrder().get(0)).isEqualTo("com.acme.A");
  }

  @Test
  void predictionUsesTheEstimateAndRespectsTheBounds() {
    Plan plan = plan(4, 0);
    Plan.Prediction p = plan.predicted();
    assertThat(plan.durations().estimated()).isEqualTo(24);
    assertThat(p.serialSeconds()).isEqualTo(24.0);
    // 24 s over 4 workers is 6 s; the serial lane (2 tests of 1 s) is shorter.
    assertThat(p.lowerBoundSeconds()).isEqualTo(6.0);
    assertThat(p.wallSeconds()).isBetween(6.0, 24.0);
    assertThat(p.naiveParallelSeconds()).isLessThanOrEqualTo(p.wallSeconds());
  }

  @Test
  void shardsNeverSeparateExternalConflictsAndBalanceTime() {
    for (int m = 2; m <= 6; m++) {
      Plan plan = plan(2, m);
      assertThat(plan.shards()).hasSize(m);
      Plan.Shard withD1 =
          plan.shards().stream()
              .filter(s -> s.classes().contains("com.acme.D1"))
              .findFirst()
              .orElseThrow();
      assertThat(withD1.classes()).as("%d shards", m).contains("com.acme.D2");
      Set<String> all = new HashSet<>();
      plan.shards().forEach(s -> all.addAll(s.classes()));
      assertThat(all).hasSize(12);
      double max = plan.shards().stream().mapToDouble(Plan.Shard::seconds).max().orElseThrow();
      double min = plan.shards().stream().mapToDouble(Plan.Shard::seconds).min().orElseThrow();
      // Units are 2 s (a class) or 4 s (D1 with D2): longest-first keeps shards within one unit.
      assertThat(max - min).as("%d shards", m).isLessThanOrEqualTo(4.0);
      assertThat(withD1.launcherArgs()).contains("--select-class=com.acme.D1");
    }
  }

  @Test
  void theSameInputGivesTheSamePlan() {
    assertThat(plan(3, 3)).isEqualTo(plan(3, 3));
  }

  @Test
  void theHeapInTheBuildsArgLineBoundsHowManyJvmsRunAtOnce() {
    assertThat(
            Planner.heapFromBuild(
                Map.of("surefire.argLine", "-Xms256m -Xmx2g -XX:+UseG1GC", "failsafe.x", "-Xmx9g")))
        .isEqualTo(2048);
    assertThat(Planner.heapFromBuild(Map.of("surefire.argLine", "@{argLine}"))).isEqualTo(-1);
    // 16 GB, 2 GB heaps: each JVM takes about 2.8 GB, so five fit, though there are 8 cores.
    Plan.Recommendation r = Planner.recommend(8, 16384, 2048, true, 6);
    assertThat(r.jvms()).isEqualTo(5);
    assertThat(r.workers()).isEqualTo(8);
    assertThat(r.reason()).contains("-Xmx in the build's argLine").contains("starts 6");
    assertThat(Planner.recommend(2, 24576, 512, true, 1).jvms()).isEqualTo(2);
  }

  @Test
  void historyOfTestsThatNoLongerExistIsAProblemAndTheRestIsUsed(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Files.writeString(
        dir.resolve("TEST-com.acme.C1.xml"),
        "<testsuite name=\"com.acme.C1\" tests=\"3\">"
            + "<testcase classname=\"com.acme.C1\" name=\"one\" time=\"7.5\"/>"
            + "<testcase classname=\"com.acme.C1\" name=\"gone\" time=\"1\"/>"
            + "<testcase classname=\"com.acme.Removed\" name=\"x\" time=\"-2\"/>"
            + "</testsuite>");
    Plan plan =
        new Planner(suite(), DurationHistory.read(List.of(dir)), new PlanOptions(2, 0, false, 1.0))
            .plan();
    assertThat(plan.durations().measured()).isEqualTo(1);
    assertThat(plan.durations().estimated()).isEqualTo(23);
    assertThat(plan.problems())
        .extracting(io.github.isolationaudit.model.Problem::kind)
        .contains(
            io.github.isolationaudit.model.Problem.Kind.INVALID_DURATION,
            io.github.isolationaudit.model.Problem.Kind.UNKNOWN_TEST);
    assertThat(plan.problems()).anyMatch(p -> p.message().contains("no longer exist"));
  }
}
