package io.github.isolationaudit.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.source.SourceEditor.Status;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Edit.Action;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditApplierTest {

  @TempDir Path project;

  private Path write(String relative, byte[] bytes) throws Exception {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }

  private static Edit lock(String file, String className) {
    return new Edit(
        Action.ADD_ANNOTATION,
        file,
        0,
        className,
        "",
        "@ResourceLock(\"k\")",
        List.of("org.junit.jupiter.api.parallel.ResourceLock"));
  }

  @Test
  void findsFilesByProjectPathSourceRootPathOrClassAndWritesOnlyThoseThatChange() throws Exception {
    Path foo =
        write(
            "src/test/java/com/x/FooTest.java",
            "package com.x;\nclass FooTest {}\n".getBytes(StandardCharsets.UTF_8));
    Path bar =
        write(
            "src/test/java/com/x/BarTest.java",
            "package com.x;\nclass BarTest {}\nclass Helper {}\n".getBytes(StandardCharsets.UTF_8));
    EditApplier applier = new EditApplier(List.of(project.resolve("src/test/java")));
    List<Edit> edits =
        List.of(
            lock("src/test/java/com/x/FooTest.java", "com.x.FooTest"),
            lock("com/x/BarTest.java", "com.x.Helper"),
            lock("", "com.x.BarTest"),
            new Edit(Action.MANUAL, "", 0, "com.x.FooTest", "a", "Use @TempDir.", List.of()));

    EditApplier.Plan plan = applier.plan(edits, Map.of());

    assertThat(plan.outcomes())
        .extracting(EditApplier.Applied::status)
        .containsExactly(Status.APPLIED, Status.APPLIED, Status.APPLIED, Status.MANUAL);
    assertThat(plan.changes()).extracting(EditApplier.FileChange::file).containsExactly(foo, bar);
    assertThat(Files.readString(foo)).doesNotContain("ResourceLock");
    EditApplier.write(plan);
    assertThat(Files.readString(bar))
        .isEqualTo(
            "package com.x;\n\nimport org.junit.jupiter.api.parallel.ResourceLock;\n\n"
                + "@ResourceLock(\"k\")\nclass BarTest {}\n@ResourceLock(\"k\")\nclass Helper {}\n");
    EditApplier.Plan again = applier.plan(edits, Map.of());
    assertThat(again.changes()).isEmpty();
    assertThat(again.count(Status.PRESENT)).isEqualTo(3);
  }

  @Test
  void refusesMainSourcesAndFilesOutsideTheTestRoots() throws Exception {
    write(
        "src/main/java/com/x/Foo.java",
        "package com.x;\nclass Foo {}\n".getBytes(StandardCharsets.UTF_8));
    write("other/Foo.java", "package com.x;\nclass Foo {}\n".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(project.resolve("src/test/java/com/x"));
    Files.createSymbolicLink(
        project.resolve("src/test/java/com/x/Linked.java"), project.resolve("other/Foo.java"));
    EditApplier applier = new EditApplier(List.of(project.resolve("src/test/java")));

    EditApplier.Plan plan =
        applier.plan(
            List.of(
                lock("src/main/java/com/x/Foo.java", "com.x.Foo"),
                lock("../other/Foo.java", "com.x.Foo"),
                lock("com/x/Linked.java", "com.x.Foo"),
                lock("", "com.x.Missing")),
            Map.of());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.outcomes()).allMatch(a -> a.status() == Status.FAILED);
    assertThat(plan.outcomes().get(0).message()).contains("is a main source");
    assertThat(plan.outcomes().get(1).message()).contains("is not under the test sources");
    assertThat(plan.outcomes().get(2).message()).contains("is not under the test sources");
    assertThat(plan.outcomes().get(3).message()).contains("no source of com.x.Missing");
  }

  @Test
  void keepsTheEncodingAndByteOrderMarkOfTheFile() throws Exception {
    byte[] latin1 =
        "package com.x;\n// Grüße\nclass FooTest {}\n".getBytes(StandardCharsets.ISO_8859_1);
    Path latin = write("src/test/java/com/x/FooTest.java", latin1);
    byte[] text = "package com.x;\n// ü\nclass BomTest {}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[text.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bom, 3, text.length);
    Path withBom = write("src/test/java/com/x/BomTest.java", bom);
    EditApplier applier = new EditApplier(List.of(project.resolve("src/test/java")));

    EditApplier.write(
        applier.plan(List.of(lock("", "com.x.FooTest"), lock("", "com.x.BomTest")), Map.of()));

    assertThat(new String(Files.readAllBytes(latin), StandardCharsets.ISO_8859_1))
        .contains("// Grüße\n@ResourceLock(\"k\")\nclass FooTest {}");
    byte[] written = Files.readAllBytes(withBom);
    assertThat(written[0] & 0xFF).isEqualTo(0xEF);
    assertThat(new String(written, 3, written.length - 3, StandardCharsets.UTF_8))
        .contains("// ü\n@ResourceLock(\"k\")\nclass BomTest {}");
  }

  @Test
  void createsWholeFilesInTheFirstRootOnlyWhenTheyDiffer() throws Exception {
    Path root = project.resolve("src/test/java");
    Files.createDirectories(root);
    EditApplier applier = new EditApplier(List.of(root));

    EditApplier.Plan plan = applier.plan(List.of(), Map.of("isolationaudit/PlanLocks.java", "x\n"));
    assertThat(plan.changes()).singleElement().matches(EditApplier.FileChange::created);
    EditApplier.write(plan);

    assertThat(Files.readString(root.resolve("isolationaudit/PlanLocks.java"))).isEqualTo("x\n");
    assertThat(applier.plan(List.of(), Map.of("isolationaudit/PlanLocks.java", "x\n")).changes())
        .isEmpty();
    try (var files = Files.list(root.resolve("isolationaudit"))) {
      assertThat(files).hasSize(1); // no temp file left behind
    }
  }
}
