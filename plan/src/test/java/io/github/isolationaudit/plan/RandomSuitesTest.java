package io.github.isolationaudit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.analyzer.verdict.Coverage;
import io.github.isolationaudit.analyzer.verdict.VerdictEngine;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerCoverage;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Verdicts, findings and the plan against the one execution model, on random suites (classes of
 * Jupiter tests with random markers and conflicts; a committed seed): a finding names exactly the
 * tests the model lets overlap a conflicting partner under the markers kept, and the plan never
 * lets two tests a finding names overlap (with its lock assignments, or with its serial lanes).
 */
class RandomSuitesTest {
  private static final long SEED = 20261206L;
  private static final int SUITES = 300;
  private static final Machine BIG =
      new Machine(16, 65536, Machine.Source.GIVEN, Machine.Source.GIVEN);
  private static final String[] KEYS = {"k1", "k2"};

  /** One random suite: its tests, markers and conflicts. */
  private record Suite(
      BuildConfiguration config,
      List<TestMethod> tests,
      List<MarkerScope> markers,
      List<Conflict> conflicts) {}

  @Test
  void findingsNameExactlyThePairsTheModelLetsOverlap() {
    Random r = new Random(SEED);
    int withFindings = 0;
    for (int i = 0; i < SUITES; i++) {
      Suite suite = suite(r);
      ScanResult scan = scan(suite);
      ExecutionModel model = model(scan);
      Map<TestId, ExecutionModel.Stance> stances = stances(model, scan, List.of());
      // Findings may merge conflicts with the same tests and fix: compare the tests they name.
      Set<TestId> exposed = new TreeSet<>();
      for (Conflict c : suite.conflicts()) {
        for (TestId w : c.writers()) {
          ExecutionModel.Stance sw = stances.get(w);
          if (multi(scan, w) && !model.keptApart(sw, sw, true, c.reach())) {
            exposed.add(w);
          }
          for (TestId p : members(c)) {
            if (!w.equals(p) && !model.keptApart(sw, stances.get(p), false, c.reach())) {
              exposed.add(w);
              exposed.add(p);
            }
          }
        }
      }
      Set<TestId> named = new TreeSet<>();
      scan.findings().forEach(f -> named.addAll(f.exposed()));
      assertThat(named).as("suite %d: %s", i, suite).isEqualTo(exposed);
      withFindings += scan.findings().isEmpty() ? 0 : 1;
    }
    assertThat(withFindings).as("suites with findings").isBetween(SUITES / 4, SUITES - 10);
  }

  private static boolean multi(ScanResult scan, TestId t) {
    return scan.footprints().stream()
        .anyMatch(f -> f.test().id().equals(t) && f.test().multipleInvocations());
  }

  @Test
  void thePlanNeverOverlapsTwoTestsAFindingNames(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Random r = new Random(SEED + 1);
    int checked = 0;
    int movedApart = 0;
    for (int i = 0; i < SUITES; i++) {
      Suite suite = suite(r);
      ScanResult scan = scan(suite);
      // Without history, and with random measured times, which let the plan isolate classes and
      // move tests into the lane apart.
      DurationHistory measured = DurationHistory.read(List.of(report(dir, i, scan, r)));
      for (boolean locks : new boolean[] {true, false}) {
        for (DurationHistory history : List.of(DurationHistory.empty(), measured)) {
          Plan plan =
              new Planner(scan, history, new PlanOptions(4, 0, false, 0.0, BIG).withLocks(locks))
                  .plan();
          movedApart +=
              plan.lanes().stream()
                  .filter(l -> !l.methods().isEmpty())
                  .mapToInt(l -> l.tests().size())
                  .sum();
          // A lane is one JVM: inside it, whatever forks the build has today, locks and @Isolated
          // hold.
          BuildConfiguration c0 = scan.configuration();
          ExecutionModel model =
              model(
                  scan,
                  new BuildConfiguration(
                      c0.parallelEnabled(),
                      c0.methodsConcurrent(),
                      c0.classesConcurrent(),
                      Tristate.FALSE,
                      c0.includedGroups(),
                      c0.excludedGroups(),
                      c0.testngParallel(),
                      c0.sources(),
                      c0.settings()));
          List<MarkerCoverage> planned = new ArrayList<>();
          for (Plan.LockAssignment a : plan.lockAssignments()) {
            planned.add(assigned(a, scan));
          }
          Map<TestId, ExecutionModel.Stance> stances =
              stances(model, scan, locks ? planned : List.of());
          Map<String, Plan.Lane> laneOf = new HashMap<>();
          Map<String, Integer> stageOf = new HashMap<>();
          for (Plan.Lane l : plan.lanes()) {
            l.tests().forEach(t -> laneOf.put(t, l));
          }
          for (int s = 0; s < plan.stages().size(); s++) {
            for (String lane : plan.stages().get(s).lanes()) {
              stageOf.put(lane, s);
            }
          }
          for (Finding f : scan.findings()) {
            Conflict c = conflictOf(scan, f);
            for (TestId w : f.writers()) {
              for (TestId p : c == null ? f.tests() : members(c)) {
                if (w.equals(p)) {
                  continue;
                }
                Plan.Lane lw = laneOf.get(w.display());
                Plan.Lane lp = laneOf.get(p.display());
                boolean overlap;
                if (lw != lp) {
                  overlap =
                      c.reach() != Reach.JVM
                          && stageOf.get(lw.name()).equals(stageOf.get(lp.name()));
                } else if (lw.mode() == Plan.Mode.SERIAL) {
                  overlap = false;
                } else {
                  overlap = !model.keptApart(stances.get(w), stances.get(p), false, c.reach());
                }
                assertThat(overlap)
                    .as(
                        "suite %d (locks %s): %s and %s of a finding on %s overlap in the plan %s: %s",
                        i, locks, w.display(), p.display(), f.key().value(), plan.lanes(), suite)
                    .isFalse();
                checked++;
              }
            }
          }
        }
      }
    }
    assertThat(checked).as("pairs of findings checked against the plan").isGreaterThan(500);
    assertThat(movedApart).as("tests the plans ran apart").isGreaterThan(0);
  }

  /** A JUnit XML report of every test of a suite, each 0.05 to 5 s. */
  private static Path report(Path dir, int index, ScanResult scan, Random r)
      throws java.io.IOException {
    Path root = dir.resolve("suite-" + index);
    java.nio.file.Files.createDirectories(root);
    StringBuilder xml = new StringBuilder("<testsuite name=\"random\">");
    for (Footprint f : scan.footprints()) {
      xml.append("<testcase classname=\"")
          .append(f.test().id().className())
          .append("\" name=\"")
          .append(f.test().id().methodName())
          .append("\" time=\"")
          .append(String.format(java.util.Locale.ROOT, "%.2f", 0.05 + r.nextDouble() * 4.95))
          .append("\"/>");
    }
    java.nio.file.Files.writeString(root.resolve("TEST-random.xml"), xml.append("</testsuite>"));
    return root;
  }

  // ---- random suites ---------------------------------------------------------------------------

  private static Suite suite(Random r) {
    BuildConfiguration config =
        new BuildConfiguration(
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            Tristate.UNKNOWN,
            r.nextInt(4) == 0 ? Tristate.TRUE : Tristate.UNKNOWN,
            List.of(),
            List.of(),
            "",
            List.of(),
            Map.of());
    List<TestMethod> tests = new ArrayList<>();
    List<MarkerScope> markers = new ArrayList<>();
    int classes = 1 + r.nextInt(4);
    for (int c = 0; c < classes; c++) {
      String cls = "com.example.C" + c + "Test";
      List<TestId> ids = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      for (int m = 0; m < n; m++) {
        TestId id = new TestId(cls, "t" + m, "()V", cls);
        ids.add(id);
        tests.add(
            new TestMethod(id, Engine.JUNIT_JUPITER, TestKind.TEST, false, r.nextInt(6) == 0));
        if (r.nextInt(4) == 0) {
          markers.add(methodMarker(r, id));
        }
      }
      if (r.nextInt(3) > 0) {
        markers.add(classMarker(r, cls, ids));
      }
    }
    List<Conflict> conflicts = new ArrayList<>();
    int count = 1 + r.nextInt(3);
    for (int k = 0; k < count; k++) {
      List<TestId> shuffled = new ArrayList<>(tests.stream().map(TestMethod::id).toList());
      java.util.Collections.shuffle(shuffled, r);
      int writers = 1 + r.nextInt(Math.min(2, shuffled.size()));
      int readers = r.nextInt(shuffled.size() - writers + 1);
      boolean file = r.nextInt(3) == 0;
      conflicts.add(
          new Conflict(
              file ? ResourceKind.FILE : ResourceKind.SYSTEM_PROPERTY,
              "",
              new Key(Key.Kind.EXACT, (file ? "target/f" : "p") + k),
              Certainty.DEFINITE,
              file ? Reach.HOST : Reach.JVM,
              Scope.SHARED,
              List.copyOf(new TreeSet<>(shuffled.subList(0, writers))),
              List.copyOf(new TreeSet<>(shuffled.subList(writers, writers + readers))),
              0,
              List.of(),
              ""));
    }
    return new Suite(config, tests, markers, conflicts);
  }

  private static MarkerScope classMarker(Random r, String cls, List<TestId> tests) {
    Set<TestId> covered = new LinkedHashSet<>(tests);
    return switch (r.nextInt(6)) {
      case 0 ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.Isolated",
                  MarkerEffect.ISOLATES,
                  List.of(new Lock(Lock.GLOBAL, LockMode.READ_WRITE)),
                  cls,
                  ""),
              covered,
              0);
      case 1 -> {
        boolean children = r.nextBoolean();
        LockMode mode = r.nextBoolean() ? LockMode.READ : LockMode.READ_WRITE;
        yield new MarkerScope(
            marker(
                "org.junit.jupiter.api.parallel.ResourceLock",
                MarkerEffect.LOCKS,
                List.of(new Lock(KEYS[r.nextInt(KEYS.length)], mode)),
                cls,
                ""),
            covered,
            0,
            !children && mode == LockMode.READ_WRITE,
            Map.of(),
            Tristate.TRUE,
            "");
      }
      case 2, 5 ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.Execution",
                  MarkerEffect.SAME_THREAD,
                  List.of(),
                  cls,
                  ""),
              covered,
              0);
      case 3 ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.TestMethodOrder", MarkerEffect.ORDERS, List.of(), cls, ""),
              covered,
              0);
      default ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.Execution",
                  MarkerEffect.CONCURRENT,
                  List.of(),
                  cls,
                  ""),
              covered,
              0);
    };
  }

  private static MarkerScope methodMarker(Random r, TestId t) {
    return switch (r.nextInt(3)) {
      case 0 ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.ResourceLock",
                  MarkerEffect.LOCKS,
                  List.of(
                      new Lock(
                          KEYS[r.nextInt(KEYS.length)],
                          r.nextBoolean() ? LockMode.READ : LockMode.READ_WRITE)),
                  t.className(),
                  t.methodName()),
              Set.of(t),
              1);
      case 1 ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.Execution",
                  MarkerEffect.SAME_THREAD,
                  List.of(),
                  t.className(),
                  t.methodName()),
              Set.of(t),
              1);
      default ->
          new MarkerScope(
              marker(
                  "org.junit.jupiter.api.parallel.Execution",
                  MarkerEffect.CONCURRENT,
                  List.of(),
                  t.className(),
                  t.methodName()),
              Set.of(t),
              1);
    };
  }

  private static Marker marker(
      String annotation, MarkerEffect effect, List<Lock> locks, String cls, String method) {
    return new Marker(
        annotation,
        "junit-jupiter",
        effect,
        locks,
        "",
        cls,
        method,
        method.isEmpty() ? "" : "()V",
        null,
        "",
        "");
  }

  // ---- the scan, the model -------------------------------------------------------------------

  private static ScanResult scan(Suite suite) {
    Map<TestId, List<Access>> accesses = new HashMap<>();
    for (Conflict c : suite.conflicts()) {
      c.writers()
          .forEach(
              w ->
                  accesses
                      .computeIfAbsent(w, k -> new ArrayList<>())
                      .add(access(c, w, AccessMode.WRITE)));
      c.readers()
          .forEach(
              w ->
                  accesses
                      .computeIfAbsent(w, k -> new ArrayList<>())
                      .add(access(c, w, AccessMode.READ)));
    }
    List<Footprint> footprints = new ArrayList<>();
    Set<String> classes = new TreeSet<>();
    for (TestMethod t : suite.tests()) {
      footprints.add(new Footprint(t, accesses.getOrDefault(t.id(), List.of())));
      classes.add(t.id().className());
    }
    VerdictEngine.Result judged =
        new VerdictEngine(suite.config(), footprints, suite.conflicts(), suite.markers(), classes)
            .judge();
    judged = Coverage.of(suite.markers(), judged);
    return new ScanResult(
        List.of("target"),
        new ScanSummary(1, classes.size(), footprints.size(), Map.of(), Map.of(), 0, 0, 0),
        footprints,
        suite.conflicts(),
        List.of(),
        suite.config(),
        judged.verdicts(),
        judged.findings(),
        SourcePaths.none(),
        Coverage.schedule(suite.markers()));
  }

  private static Access access(Conflict c, TestId t, AccessMode mode) {
    return new Access(
        c.resource(),
        "",
        c.key(),
        mode,
        Scope.SHARED,
        c.reach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        "test.sink",
        "",
        new Evidence(new EvidenceStep(t.className(), t.methodName(), "T.java", 1), null));
  }

  private static ExecutionModel model(ScanResult scan) {
    return model(scan, scan.configuration());
  }

  private static ExecutionModel model(ScanResult scan, BuildConfiguration config) {
    Map<TestId, Engine> engines = new HashMap<>();
    scan.footprints().forEach(f -> engines.put(f.test().id(), f.test().engine()));
    return new ExecutionModel(config, engines::get);
  }

  /** Each test's stance under every marker, and the plan's locks where given. */
  private static Map<TestId, ExecutionModel.Stance> stances(
      ExecutionModel model, ScanResult scan, List<MarkerCoverage> planned) {
    Map<TestId, ExecutionModel.Stance> stances = new HashMap<>();
    for (Footprint f : scan.footprints()) {
      TestId t = f.test().id();
      List<MarkerCoverage> covering = new ArrayList<>();
      for (MarkerCoverage c : scan.coverage()) {
        if (c.covered().contains(t)) {
          covering.add(c);
        }
      }
      for (MarkerCoverage c : planned) {
        if (c.covered().contains(t)) {
          covering.add(c);
        }
      }
      stances.put(t, model.stance(t, covering));
    }
    return stances;
  }

  /** A plan lock assignment as the marker it asks for: on a method, or on every test of a class. */
  private static MarkerCoverage assigned(Plan.LockAssignment a, ScanResult scan) {
    List<TestId> covered =
        scan.footprints().stream()
            .map(f -> f.test().id())
            .filter(
                t ->
                    t.className().equals(a.className())
                        && (a.methodName() == null || t.methodName().equals(a.methodName())))
            .toList();
    Marker m =
        marker(
            "org.junit.jupiter.api.parallel.ResourceLock",
            MarkerEffect.LOCKS,
            List.of(new Lock(a.key(), a.readOnly() ? LockMode.READ : LockMode.READ_WRITE)),
            a.className(),
            a.methodName() == null ? "" : a.methodName());
    // A method's lock is held by its test; a class's (a class that only reads the key) by the
    // class node, as a ResourceLocksProvider's class locks are.
    return new MarkerCoverage(m, covered, a.methodName() == null);
  }

  private static Conflict conflictOf(ScanResult scan, Finding f) {
    return scan.conflicts().stream()
        .filter(c -> c.resource() == f.resource() && c.key().equals(f.key()))
        .findFirst()
        .orElse(null);
  }

  private static List<TestId> members(Conflict c) {
    Set<TestId> all = new TreeSet<>(c.writers());
    all.addAll(c.readers());
    return new ArrayList<>(all);
  }
}
