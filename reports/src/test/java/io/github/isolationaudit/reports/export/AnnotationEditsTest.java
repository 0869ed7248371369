package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.plan.Plan.LockAssignment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotation-edits export names the annotation a maintainer would write. */
class AnnotationEditsTest {

  @Test
  void theGlobalKeyHeldReadWriteIsIsolatedAndItsImportIsListed() {
    String out =
        AnnotationEdits.render(
            LockTable.of(
                List.of(
                    new LockAssignment(
                        "com.example.ShortWriterTest", null, Lock.GLOBAL, false, null, 0),
                    new LockAssignment(
                        "com.example.ReaderTest",
                        "reads",
                        "java.lang.System.properties",
                        true,
                        null,
                        0))));
    assertThat(out)
        .contains("#   import org.junit.jupiter.api.parallel.Isolated;")
        .contains("com.example.ShortWriterTest: add @Isolated\n")
        .contains(
            "com.example.ReaderTest#reads: add @ResourceLock(value = \"java.lang.System.properties\","
                + " mode = READ)");
    // Without an isolated class the header lists no import for it.
    assertThat(
            AnnotationEdits.render(
                LockTable.of(
                    List.of(
                        new LockAssignment(
                            "com.example.ReaderTest",
                            "reads",
                            "java.lang.System.properties",
                            true,
                            null,
                            0)))))
        .doesNotContain("Isolated");
  }
}
