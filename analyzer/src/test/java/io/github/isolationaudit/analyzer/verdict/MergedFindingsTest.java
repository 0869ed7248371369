package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergedFindingsTest {
  private static final TestId WRITER = new TestId("com.x.ATest", "writes", "()V", "com.x.ATest");
  private static final TestId READER = new TestId("com.x.BTest", "reads", "()V", "com.x.BTest");
  private static final Edit ISOLATE =
      new Edit(Edit.Action.ADD_ANNOTATION, "A.java", 3, "com.x.ATest", "", "@Isolated", List.of());

  @Test
  void findingsWithTheSameTestsAndTheSameEditsMergeAndSaySo() {
    List<Finding> merged =
        VerdictEngine.merged(
            List.of(finding("a.one", List.of(ISOLATE)), finding("a.two", List.of(ISOLATE))));

    assertThat(merged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.key().value()).isEqualTo("a.one");
              assertThat(f.reason())
                  .endsWith(
                      "The same tests conflict on SYSTEM_PROPERTY a.two too, and the same edits fix both: merged.");
              assertThat(f.edits()).containsExactly(ISOLATE);
              assertThat(f.merged())
                  .containsExactly(
                      new Finding.Merged(ResourceKind.SYSTEM_PROPERTY, "", Key.exact("a.two")));
            });
  }

  @Test
  void otherEditsOrNoEditsKeepFindingsApart() {
    Edit other =
        new Edit(
            Edit.Action.ADD_ANNOTATION, "B.java", 3, "com.x.BTest", "", "@Isolated", List.of());

    assertThat(
            VerdictEngine.merged(
                List.of(finding("a.one", List.of(ISOLATE)), finding("a.two", List.of(other)))))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.merged()).isEmpty());
    assertThat(
            VerdictEngine.merged(List.of(finding("a.one", List.of()), finding("a.two", List.of()))))
        .hasSize(2);
  }

  @Test
  void findingsWithTheSameLocksMergeWithEveryManualEdit() {
    // kafka's TxnOffsetCommitRequestTest: OFFSETS and two builders made from it, one class-name
    // lock, and a manual "make it an instance field" edit each.
    Edit lock =
        new Edit(
            Edit.Action.ADD_ANNOTATION,
            "A.java",
            3,
            "com.x.ATest",
            "",
            "@ResourceLock(\"com.x.ATest\")",
            List.of());
    Edit one = manual(10, "a.one");
    Edit two = manual(20, "a.two");
    String lead = io.github.isolationaudit.analyzer.advice.EditPlanner.perTestLead(1);
    List<Finding> merged =
        VerdictEngine.merged(
            List.of(
                finding("a.one", List.of(one, lock), lead + " Lock."),
                finding("a.two", List.of(two, lock), lead + " Lock.")));

    assertThat(merged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.edits()).containsExactly(one, two, lock);
              assertThat(f.recommendation())
                  .isEqualTo(
                      io.github.isolationaudit.analyzer.advice.EditPlanner.perTestLead(2)
                          + " Lock.");
              assertThat(f.reason())
                  .endsWith(
                      "the same locks keep both apart (each has its own manual edit): merged.");
            });
    // Manual edits alone that differ keep findings apart: nothing else says they are one race.
    assertThat(
            VerdictEngine.merged(
                List.of(finding("a.one", List.of(one)), finding("a.two", List.of(two)))))
        .hasSize(2);
  }

  private static Edit manual(int line, String field) {
    return new Edit(
        Edit.Action.MANUAL,
        "A.java",
        line,
        "com.x.ATest",
        "setUp",
        "Make " + field + " an instance field",
        List.of());
  }

  private static Finding finding(String key, List<Edit> edits) {
    return finding(key, edits, "Isolate.");
  }

  private static Finding finding(String key, List<Edit> edits, String recommendation) {
    return new Finding(
        Finding.Kind.UNPROTECTED,
        ResourceKind.SYSTEM_PROPERTY,
        "",
        Key.exact(key),
        List.of(WRITER, READER),
        2,
        null,
        true,
        "2 tests conflict.",
        recommendation,
        null,
        List.of(WRITER, READER),
        edits,
        List.of(WRITER),
        List.of(READER));
  }
}
