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
    EditPlanner planner = new EditPlanner(tests, List.of(), Vocabulary.junit()).withLockKeys(keys);
    List<String> initEdits =
        texts(planner.forConflict(init, List.of(CLOSER), List.of(COUNTER), Optional.empty()));
    List<String> closeEdits =
        texts(planner.forConflict(close, List.of(CLOSER), List.of(COUNTER), Optional.empty()));
    assertThat(initEdits).isEqualTo(closeEdits).allMatch(t -> t.contains("\"com.example.Mock\""));
    assertThat(
            texts(planner.forConflict(config, List.of(CLOSER), List.of(OTHER), Optional.empty())))
        .allMatch(t -> t.contains("\"com.example.Mock.CONFIG_COUNT\""));
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
