package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.SourcePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPathsTest {

  @TempDir Path project;

  private Path write(String relative) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}");
    return file;
  }

  @Test
  void namesFilesFromTheWorkingDirectoryWithTheModule() throws IOException {
    write("core/src/test/java/com/example/FooTest.java");
    write("core/src/main/java/com/example/Foo.java");
    List<Path> roots =
        List.of(project.resolve("core/src/test/java"), project.resolve("core/src/main/java"));

    SourcePaths paths =
        ProjectPaths.locate(
            roots,
            List.of("com/example/FooTest.java", "com/example/Foo.java", "com/example/Gone.java"),
            project);

    assertThat(paths.of("com/example/FooTest.java"))
        .isEqualTo("core/src/test/java/com/example/FooTest.java");
    assertThat(paths.of("com/example/Foo.java"))
        .isEqualTo("core/src/main/java/com/example/Foo.java");
    assertThat(paths.located("com/example/Gone.java")).isFalse();
    assertThat(paths.of("com/example/Gone.java")).isEqualTo("com/example/Gone.java");
    assertThat(paths.ofClass("com.example.FooTest$Nested"))
        .contains("core/src/test/java/com/example/FooTest.java");
  }

  @Test
  void namesFilesFromTheirModuleWhenTheWorkingDirectoryIsElsewhere() throws IOException {
    write("core/src/test/java/com/example/FooTest.java");
    Path elsewhere = Files.createDirectories(project.resolve("other"));

    SourcePaths paths =
        ProjectPaths.locate(
            List.of(project.resolve("core/src/test/java")),
            List.of("com/example/FooTest.java"),
            elsewhere);

    assertThat(paths.of("com/example/FooTest.java"))
        .isEqualTo("src/test/java/com/example/FooTest.java");
  }

  @Test
  void theFirstRootThatHoldsAFileWinsAndNamesNeverLeaveTheirRoot() throws IOException {
    write("a/src/test/java/p/T.java");
    write("b/src/test/java/p/T.java");
    write("secret.java");

    SourcePaths paths =
        ProjectPaths.locate(
            List.of(project.resolve("b/src/test/java"), project.resolve("a/src/test/java")),
            List.of("p/T.java", "../../../../secret.java"),
            project);

    assertThat(paths.byFile()).containsOnlyKeys("p/T.java");
    assertThat(paths.of("p/T.java")).isEqualTo("b/src/test/java/p/T.java");
  }

  @Test
  void sourceJarsLocateNothing() throws IOException {
    Path jar = write("x-test-sources.jar");

    assertThat(ProjectPaths.locate(List.of(jar), List.of("p/T.java"), project).byFile()).isEmpty();
  }
}
