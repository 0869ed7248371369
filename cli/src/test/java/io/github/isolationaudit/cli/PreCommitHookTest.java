package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain git hook ({@code scripts/pre-commit}) in a real repository: it hands the staged test
 * sources, and only those, to the check, and exits with the check's own code. The check itself is a
 * stand-in here (CheckCommandTest tests the real one), so no jar is needed.
 */
class PreCommitHookTest {

  private static final Path HOOK = Path.of("../scripts/pre-commit").toAbsolutePath().normalize();

  @TempDir Path repository;
  @TempDir Path home;
  private Path arguments;

  @BeforeEach
  void aRepositoryWithStagedFilesAndAStandInCheck() throws Exception {
    assumeTrue(Files.isRegularFile(HOOK), "the hook script is in the checkout");
    assumeTrue(run(repository, Map.of(), "git", "init", "-q") == 0, "git is installed");
    write(repository.resolve("src/test/java/a/FooTest.java"), "class FooTest {}\n");
    write(repository.resolve("core/src/test/java/a/BarTest.java"), "class BarTest {}\n");
    write(repository.resolve("src/test/java/a/With Space Test.java"), "class X {}\n");
    write(repository.resolve("src/main/java/a/Foo.java"), "class Foo {}\n");
    write(repository.resolve("src/test/resources/a.properties"), "a=b\n");
    write(repository.resolve("src/test/java/a/Unstaged.java"), "class Unstaged {}\n");
    assertThat(
            run(
                repository,
                Map.of(),
                "git",
                "add",
                "src/test/java/a/FooTest.java",
                "src/test/java/a/With Space Test.java",
                "core",
                "src/main",
                "src/test/resources"))
        .isZero();
    arguments = home.resolve("arguments.txt");
    Path check = home.resolve("scripts/pre-commit-check");
    write(check, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGUMENTS\"\nexit \"${CHECK_EXIT:-0}\"\n");
    Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theStagedTestSourcesAreChecked() throws Exception {
    assertThat(hook("0")).isZero();
    assertThat(Files.readAllLines(arguments))
        .containsExactlyInAnyOrder(
            "src/test/java/a/FooTest.java",
            "src/test/java/a/With Space Test.java",
            "core/src/test/java/a/BarTest.java");
  }

  @Test
  void anAlertAtLevelErrorStopsTheCommitWithTheChecksExitCode() throws Exception {
    // Not through xargs, which turns a command's 1 into its own 123.
    assertThat(hook("1")).isEqualTo(1);
    assertThat(hook("2")).isEqualTo(2);
  }

  @Test
  void nothingStagedUnderSrcTestChecksNothing() throws Exception {
    assertThat(run(repository, Map.of(), "git", "reset", "-q")).isZero();
    assertThat(hook("1")).isZero();
    assertThat(arguments).doesNotExist();
  }

  private int hook(String checkExit) throws Exception {
    return run(
        repository,
        Map.of(
            "ISOLATION_AUDIT_HOME",
            home.toString(),
            "ARGUMENTS",
            arguments.toString(),
            "CHECK_EXIT",
            checkExit),
        "sh",
        HOOK.toString());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static int run(Path directory, Map<String, String> environment, String... command)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(List.of(command))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return -1;
    }
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish: " + List.of(command));
    }
    return process.exitValue();
  }
}
