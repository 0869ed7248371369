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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The static fields of one class that the same tests touch in the same parts share one lock key,
 * the class's name (as kafka's MockSerializer counters); fields with other tests keep their own.
 */
class SharedLockKeysTest {
  private static final TestId CLOSER = id("com.example.CloserTest", "closes");
  private static final TestId COUNTER = id("com.example.CounterTest", "counts");
  private static final TestId OTHER = id("com.example.OtherTest", "counts");

  @Test
  void fieldsOfOneClassWithTheSameTestsShareTheClassAsTheirKey() {
    Conflict init = conflict("com.example.Mock.INIT_COUNT", List.of(CLOSER), List.of(COUNTER));
    Conflict close = conflict("com.example.Mock.CLOSE_COUNT", List.of(CLOSER), List.of(COUNTER));
    Conflict config = conflict("com.example.Mock.CONFIG_COUNT", List.of(CLOSER), List.of(OTHER));
    Map<Conflict, String> keys = Conflict.sharedLockKeys(List.of(init, close, config));

    assertThat(keys)
        .containsEntry(init, "com.example.Mock")
        .containsEntry(close, "com.example.Mock");
    assertThat(keys).doesNotContainKey(config);

    // Classes of ten tests each: isolating the writer would run ten tests alone, so the advice
    // locks the key.
    List<TestMethod> tests = new java.util.ArrayList<>();
    for (TestId t : List.of(CLOSER, COUNTER, OTHER)) {
      tests.add(method(t));
      for (int i = 0; i < 9; i++) {
        tests.add(method(id(t.className(), "other" + i)));
      }
    }
    EditPlanner planner =
        new EditPlanner(tests, List.of(), Vocabulary.junit())
            .withLockKeys(keys, List.of(init, close, config));
    List<String> initEdits =
        texts(planner.forConflict(init, List.of(CLOSER), List.of(COUNTER), Optional.empty()));
    List<String> closeEdits =
        texts(planner.forConflict(close, List.of(CLOSER), List.of(COUNTER), Optional.empty()));
    assertThat(initEdits).isEqualTo(closeEdits).allMatch(t -> t.contains("\"com.example.Mock\""));
    assertThat(
            texts(planner.forConflict(config, List.of(CLOSER), List.of(OTHER), Optional.empty())))
        .allMatch(t -> t.contains("\"com.example.Mock.CONFIG_COUNT\""));
  }

  @Test
  void theFieldsAreAdvisedAsOneWithEachTestsStrongestPart() {
    // CLOSER writes A and reads B, COUNTER the other way round: as one conflict both read, so both
    // hold the shared key READ_WRITE, in every finding of the group alike.
    Conflict a = conflict("com.example.Mock.A", List.of(CLOSER), List.of(COUNTER));
    Conflict b = conflict("com.example.Mock.B", List.of(COUNTER), List.of(CLOSER));
    List<Conflict> both = List.of(a, b);
    Map<Conflict, String> keys = Conflict.sharedLockKeys(both);
    assertThat(keys).containsEntry(a, "com.example.Mock").containsEntry(b, "com.example.Mock");
    Conflict one = Conflict.asOne(both);
    assertThat(one.writers()).containsExactlyInAnyOrder(CLOSER, COUNTER);
    assertThat(one.readingWriters()).containsExactlyInAnyOrder(CLOSER, COUNTER);

    List<TestMethod> tests = new java.util.ArrayList<>();
    for (TestId t : List.of(CLOSER, COUNTER)) {
      tests.add(method(t));
      for (int i = 0; i < 9; i++) {
        tests.add(method(id(t.className(), "other" + i)));
      }
    }
    EditPlanner planner =
        new EditPlanner(tests, List.of(), Vocabulary.junit()).withLockKeys(keys, both);
    List<String> forA =
        texts(planner.forConflict(a, List.of(CLOSER), List.of(COUNTER), Optional.empty()));
    List<String> forB =
        texts(planner.forConflict(b, List.of(COUNTER), List.of(CLOSER), Optional.empty()));
    assertThat(forA)
        .isEqualTo(forB)
        .hasSize(2)
        .allMatch(t -> t.equals("@ResourceLock(\"com.example.Mock\")"));
  }

  private static List<String> texts(EditPlanner.Advice advice) {
    return advice.edits().stream().map(Edit::text).toList();
  }

  private static Conflict conflict(String field, List<TestId> writers, List<TestId> readers) {
    return new Conflict(
        ResourceKind.STATIC_FIELD,
        "",
        Key.exact(field),
        Certainty.DEFINITE,
        Reach.JVM,
        Scope.SHARED,
        writers,
        readers,
        0,
        List.of(),
        "",
        List.of(),
        List.of());
  }

  private static TestMethod method(TestId t) {
    return new TestMethod(t, Engine.JUNIT_JUPITER, TestKind.TEST, false, false);
  }

  private static TestId id(String className, String method) {
    return new TestId(className, method, "()V", className);
  }
}
