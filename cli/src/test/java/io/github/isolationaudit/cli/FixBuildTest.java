package io.github.isolationaudit.cli;

import static io.github.isolationaudit.cli.SurefireExportBuildTest.MAVEN;
import static io.github.isolationaudit.cli.SurefireExportBuildTest.copy;
import static io.github.isolationaudit.cli.SurefireExportBuildTest.maven;
import static io.github.isolationaudit.cli.SurefireExportBuildTest.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isolation-audit fix} applied to a real Maven project, which the real build then compiles
 * and runs in parallel: every test that exists runs exactly once, and a second fix changes nothing.
 * The sample's tests race on two System properties.
 */
class FixBuildTest {

  /** The sample, compiled once; each test works on a copy. */
  @TempDir static Path compiled;

  private static Map<String, Integer> existing;

  @BeforeAll
  static void compileTheSample() throws Exception {
    assumeTrue(
        Files.isExecutable(MAVEN),
        "run by Maven, which passes maven.home; no Maven to run the sample's build");
    copy(
        Path.of(FixBuildTest.class.getResource("/sample-project/pom.xml").toURI()).getParent(),
        compiled);
    maven(compiled, "test");
    existing = ran(compiled);
    assertThat(existing).hasSize(12);
  }

  @Test
  void theLocksProviderIsWrittenAndAppliedAndTheBuildRunsEveryTestInParallel(@TempDir Path project)
      throws Exception {
    copy(compiled, project);
    Path sources = project.resolve("src/test/java");
    // The plan's parallel settings, so that the locks are what keeps the tests apart.
    Path exports = project.resolve("exports");
    run(
        "plan",
        "-q",
        "--workers",
        "2",
        project.resolve("target").toString(),
        "--emit",
        "junit-properties",
        "--emit-dir",
        exports.toString());
    Files.createDirectories(project.resolve("src/test/resources"));
    Files.copy(
        exports.resolve("junit-platform.properties"),
        project.resolve("src/test/resources/junit-platform.properties"));

    String dry = run("fix", "--workers", "2", "--locks-provider", "--dry-run", target(project));
    assertThat(dry)
        .contains("+++ b/")
        .contains("isolationaudit/PlanLocks.java")
        .contains("+@ResourceLock(providers = PlanLocks.class)");
    assertThat(sources.resolve("isolationaudit/PlanLocks.java")).doesNotExist();

    String out = run("fix", "--workers", "2", "--locks-provider", target(project));
    assertThat(out).contains("4 edits applied to 5 files, 0 left to do by hand");
    assertThat(Files.readString(sources.resolve("com/example/WriterTest.java")))
        .contains("import isolationaudit.PlanLocks;")
        .contains("import org.junit.jupiter.api.parallel.ResourceLock;")
        .contains("@ResourceLock(providers = PlanLocks.class)\nclass WriterTest {");
    Map<Path, String> afterFirst = contents(sources);

    maven(project, "test");
    assertThat(ran(project)).isEqualTo(existing);

    String again = run("fix", "--workers", "2", "--locks-provider", target(project));
    assertThat(again).contains("0 edits applied to 0 files").contains("4 already present");
    assertThat(contents(sources)).isEqualTo(afterFirst);
  }

  @Test
  void theEditsOfAReportAreAppliedAndTheBuildStillRunsEveryTest(@TempDir Path project)
      throws Exception {
    copy(compiled, project);
    Path report = project.resolve("report.json");
    Files.writeString(
        report,
        """
        {"schemaVersion": 2,
         "findings": [{"accepted": false, "edits": [
           {"action": "ADD_ANNOTATION", "file": "src/test/java/com/example/WriterTest.java",
            "line": 5, "class": "com.example.WriterTest", "method": "writes",
            "text": "@ResourceLock(\\"sample.mode\\")",
            "imports": ["org.junit.jupiter.api.parallel.ResourceLock"]},
           {"action": "ADD_ANNOTATION", "file": "com/example/ReaderTest.java", "line": 0,
            "class": "com.example.ReaderTest", "method": "",
            "text": "@ResourceLock(value = \\"sample.mode\\", mode = READ)",
            "imports": ["org.junit.jupiter.api.parallel.ResourceLock",
                        "static org.junit.jupiter.api.parallel.ResourceAccessMode.READ"]},
           {"action": "MANUAL", "file": "", "line": 0, "class": "com.example.AlphaTest",
            "method": "one", "text": "Use a @TempDir.", "imports": []}]}],
         "markers": []}
        """);
    Path sources = project.resolve("src/test/java");

    String out = run("fix", "--from-report", report.toString(), "--sources", sources.toString());

    assertThat(out)
        .contains("to do by hand: com.example.AlphaTest#one: Use a @TempDir.")
        .contains("2 edits applied to 2 files, 1 left to do by hand (MANUAL), 0 already present");
    assertThat(Files.readString(sources.resolve("com/example/ReaderTest.java")))
        .contains("import static org.junit.jupiter.api.parallel.ResourceAccessMode.READ;\n")
        .contains("@ResourceLock(value = \"sample.mode\", mode = READ)\nclass ReaderTest {");
    Map<Path, String> afterFirst = contents(sources);
    maven(project, "test");
    assertThat(ran(project)).isEqualTo(existing);
    String again = run("fix", "--from-report", report.toString(), "--sources", sources.toString());
    assertThat(again).contains("0 edits applied to 0 files").contains("2 already present");
    assertThat(contents(sources)).isEqualTo(afterFirst);
  }

  private static String target(Path project) {
    return project.resolve("target").toString();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(exit).as("%s: %s", List.of(args), err).isZero();
    return out.toString();
  }

  private static Map<Path, String> contents(Path root) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : new ArrayList<>(walk.filter(Files::isRegularFile).toList())) {
        files.put(root.relativize(p), Files.readString(p));
      }
    }
    return files;
  }
}
