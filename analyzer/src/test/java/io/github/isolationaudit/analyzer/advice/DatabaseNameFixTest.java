package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shared in-memory database's fix: a name per class, or per test where a class races on it. */
class DatabaseNameFixTest {

  @Test
  void testsOfDifferentClassesGetADatabasePerClass() {
    MechanicalFix fix =
        fixOf(
            List.of(test("com.example.WriterTest", "creates")),
            List.of(test("com.example.ReaderTest", "counts")));

    assertThat(fix.kind()).isEqualTo(MechanicalFix.Kind.DATABASE_NAME);
    assertThat(fix.sentence()).startsWith("Give each test class an in-memory database of its own");
  }

  @Test
  void testsOfOneClassThatRaceOnItGetADatabasePerTest() {
    // As commons-dbcp2's TestConnectionWithNarayana: each test creates and drops one table.
    MechanicalFix fix =
        fixOf(
            List.of(
                test("com.example.SchemaTest", "first"), test("com.example.SchemaTest", "second")),
            List.of());

    assertThat(fix.kind()).isEqualTo(MechanicalFix.Kind.DATABASE_NAME);
    assertThat(fix.sentence())
        .startsWith("Give each test an in-memory database of its own")
        .contains("jdbc:h2:mem:shared");
  }

  private static MechanicalFix fixOf(List<TestId> writers, List<TestId> readers) {
    Conflict c =
        new Conflict(
            ResourceKind.DATABASE,
            "",
            Key.exact("jdbc:h2:mem:shared"),
            Certainty.DEFINITE,
            Reach.JVM,
            Scope.SHARED,
            writers,
            readers,
            0,
            List.of(),
            "");
    return MechanicalFix.of(c, false, false, Tristate.FALSE).orElseThrow();
  }

  private static TestId test(String className, String method) {
    return new TestId(className, method, "()V", className);
  }
}
