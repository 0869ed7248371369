package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where the writers race only with the tests that read (they start threads), the advice keeps the
 * readers apart when they are fewer, on any engine; where writers race with each other too, it
 * never does.
 */
class ReaderSideTest {
  private static final Key KEY = Key.exact("java.lang.Thread.liveThreads");

  @Test
  void junit4ReadersAreRunApartInsteadOfEveryWriterClass() {
    // As hadoop-common: thousands of JUnit 4 tests start threads, a few count them.
    List<TestId> writers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      writers.add(id("com.example.Starter" + i + "Test", "starts"));
    }
    List<TestId> readers = List.of(id("com.example.CounterTest", "counts"));
    Conflict c = conflict(writers, readers, writers);

    EditPlanner.Advice advice =
        planner(writers, readers, Engine.JUNIT4).forConflict(c, writers, readers, Optional.empty());

    assertThat(advice.edits()).hasSize(1);
    assertThat(advice.edits().get(0).action()).isEqualTo(Edit.Action.MANUAL);
    assertThat(advice.edits().get(0).className()).isEqualTo("com.example.CounterTest");
    assertThat(advice.summary())
        .startsWith("Running 1 class of readers on JUnit 4 or TestNG apart")
        .contains(
            "cheaper than keeping the 6 writers apart (6 edits; 6 tests then run one at a time)");
  }

  /** Three registrar classes of five tests, and a lookup class: four readers, some others. */
  private static EditPlanner.Advice registrarsAndLookups(int otherLookupTests) {
    List<TestId> writers = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 5; i++) {
        writers.add(id("com.example.Registrar" + k + "Test", "registers" + i));
      }
    }
    List<TestId> readers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      readers.add(id("com.example.LookupTest", "looksUp" + i));
    }
    List<TestId> everyone = new ArrayList<>(readers);
    for (int i = 0; i < otherLookupTests; i++) {
      everyone.add(id("com.example.LookupTest", "other" + i));
    }
    Conflict c = conflict(writers, readers, writers);
    return planner(writers, everyone, Engine.JUNIT_JUPITER)
        .forConflict(c, writers, readers, Optional.empty());
  }

  @Test
  void fewerTestsRunAloneBeatFewerEdits() {
    // As commons-dbcp2's MBean name: whole classes register it, the methods of a class look it
    // up. Isolating the four readers runs their class (8 tests) alone, on one annotation; three
    // class locks would run fifteen registrars one after another.
    EditPlanner.Advice advice = registrarsAndLookups(4);

    assertThat(advice.edits())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.className()).isEqualTo("com.example.LookupTest");
              assertThat(e.methodName()).isEmpty();
              assertThat(e.text()).isEqualTo("@Isolated");
            });
    assertThat(advice.summary())
        .contains("@Isolated on the tests that read it (1 edit; 8 tests then run alone)")
        .contains("(3 edits; 15 tests then run one at a time)");
  }

  @Test
  void isolatingAFewMethodsRunsTheirWholeClassAlone() {
    // JUnit lifts a method's global READ_WRITE lock to its top-level class and runs that class on
    // one thread: four readers among twenty tests isolate all twenty, more than the fifteen
    // registrars that @Isolated on their three classes runs alone, so the writers' side wins.
    EditPlanner.Advice advice = registrarsAndLookups(16);

    assertThat(advice.summary())
        .doesNotContain("on the tests that read it")
        .contains("@Isolated on the writers (3 edits; 15 tests then run alone)");
    assertThat(advice.edits())
        .extracting(Edit::className)
        .containsExactly(
            "com.example.Registrar0Test",
            "com.example.Registrar1Test",
            "com.example.Registrar2Test");
  }

  @Test
  void writersThatRaceOnlyWithReadersShareTheKeyAndTheReaderHoldsItAlone() {
    // As commons-dbcp2's live threads: single thread-starting methods in six classes of ten tests,
    // one method that counts threads in a class of twenty. Isolating either side runs whole
    // classes alone; the locks hold the key READ on the starters (they may overlap) and
    // READ_WRITE on the counter, as the plan's assignments do.
    List<TestId> writers = new ArrayList<>();
    List<TestId> everyone = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      writers.add(id("com.example.Starter" + k + "Test", "starts"));
      for (int i = 0; i < 9; i++) {
        everyone.add(id("com.example.Starter" + k + "Test", "other" + i));
      }
    }
    List<TestId> readers = List.of(id("com.example.CounterTest", "counts"));
    everyone.addAll(readers);
    for (int i = 0; i < 19; i++) {
      everyone.add(id("com.example.CounterTest", "other" + i));
    }
    Conflict c = conflict(writers, readers, writers);

    EditPlanner.Advice advice =
        planner(writers, everyone, Engine.JUNIT_JUPITER)
            .forConflict(c, writers, readers, Optional.empty());

    assertThat(advice.edits())
        .filteredOn(e -> e.className().startsWith("com.example.Starter"))
        .hasSize(6)
        .allSatisfy(
            e ->
                assertThat(e.text())
                    .isEqualTo(
                        "@ResourceLock(value = \"java.lang.Thread.liveThreads\", mode ="
                            + " ResourceAccessMode.READ)"));
    assertThat(advice.edits())
        .filteredOn(e -> e.className().equals("com.example.CounterTest"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.methodName()).isEqualTo("counts");
              assertThat(e.text()).isEqualTo("@ResourceLock(\"java.lang.Thread.liveThreads\")");
            });
    assertThat(advice.summary())
        .contains("READ on the writers and READ_WRITE on the tests that read it (7 edits)");
  }

  @Test
  void readersInheritedFromOneBaseAreIsolatedOnTheBase() {
    // As kafka's ConsumerCoordinatorTest: an abstract base declares the test that counts threads
    // and two subclasses run it; @Isolated is @Inherited, so one edit on the base covers both.
    List<TestId> writers = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      writers.add(id("com.example.Starter" + k + "Test", "starts"));
    }
    List<TestId> readers = new ArrayList<>();
    List<TestId> everyone = new ArrayList<>(writers);
    for (String sub :
        List.of("com.example.EagerCoordinatorTest", "com.example.LazyCoordinatorTest")) {
      TestId counts = new TestId(sub, "counts", "()V", "com.example.CoordinatorTest");
      readers.add(counts);
      everyone.add(counts);
      everyone.add(new TestId(sub, "other", "()V", "com.example.CoordinatorTest"));
    }
    Conflict c = conflict(writers, readers, writers);

    EditPlanner.Advice advice =
        planner(writers, everyone, Engine.JUNIT_JUPITER)
            .forConflict(c, writers, readers, Optional.empty());

    assertThat(advice.edits())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.className()).isEqualTo("com.example.CoordinatorTest");
              assertThat(e.methodName()).isEmpty();
              assertThat(e.text()).isEqualTo("@Isolated");
            });
    assertThat(advice.summary())
        .contains("@Isolated on the tests that read it (1 edit; 4 tests then run alone)");
  }

  @Test
  void writersThatRaceWithEachOtherAreNeverLeftTogether() {
    List<TestId> writers =
        List.of(id("com.example.OneTest", "sets"), id("com.example.TwoTest", "sets"));
    List<TestId> readers = List.of(id("com.example.CounterTest", "counts"));
    // Only one of the two writers races with readers alone: the two still race with each other.
    Conflict c = conflict(writers, readers, List.of(writers.get(0)));

    EditPlanner.Advice advice =
        planner(writers, readers, Engine.JUNIT_JUPITER)
            .forConflict(c, writers, readers, Optional.empty());

    assertThat(advice.edits())
        .extracting(Edit::className)
        .contains("com.example.OneTest", "com.example.TwoTest");
  }

  private static EditPlanner planner(List<TestId> writers, List<TestId> readers, Engine engine) {
    List<TestMethod> tests = new ArrayList<>();
    for (TestId t : writers) {
      tests.add(new TestMethod(t, engine, TestKind.TEST, false, false));
    }
    for (TestId t : readers) {
      tests.add(new TestMethod(t, engine, TestKind.TEST, false, false));
    }
    return new EditPlanner(tests, List.of(), Vocabulary.junit());
  }

  private static Conflict conflict(
      List<TestId> writers, List<TestId> readers, List<TestId> readerOnlyWriters) {
    return new Conflict(
        ResourceKind.JVM_GLOBAL,
        "",
        KEY,
        Certainty.DEFINITE,
        Reach.JVM,
        Scope.SHARED,
        writers,
        readers,
        0,
        List.of(),
        "",
        List.of(),
        readerOnlyWriters);
  }

  private static TestId id(String className, String method) {
    return new TestId(className, method, "()V", className);
  }
}
