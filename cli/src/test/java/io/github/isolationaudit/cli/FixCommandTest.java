package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path report(String edits) throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(
        report,
        "{\"schemaVersion\": 2, \"findings\": [], \"markers\": [{\"edits\": [" + edits + "]}]}");
    return report;
  }

  @Test
  void aDryRunPrintsADiffThatChangesNothing() throws Exception {
    Path source = dir.resolve("src/test/java/com/x/FooTest.java");
    Files.createDirectories(source.getParent());
    String text =
        "package com.x;\n\nimport org.junit.jupiter.api.parallel.Isolated;\n\n@Isolated\nclass FooTest {}\n";
    Files.writeString(source, text);
    Path report =
        report(
            "{\"action\": \"REMOVE_ANNOTATION\", \"file\": \"com/x/FooTest.java\", \"line\": 5,"
                + " \"class\": \"com.x.FooTest\", \"method\": \"\", \"text\": \"@Isolated\","
                + " \"imports\": []}");

    Run r =
        run(
            "fix",
            "--dry-run",
            "--from-report",
            report.toString(),
            "--sources",
            dir.resolve("src/test/java").toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("FooTest.java\n@@ -1,6 +1,3 @@\n package com.x;\n \n-import org.junit")
        .contains("\n-@Isolated\n class FooTest {}\n");
    assertThat(r.err())
        .contains("fix --dry-run: 1 edit to apply to 1 file, 0 left to do by hand (MANUAL)");
    assertThat(Files.readString(source)).isEqualTo(text);
  }

  @Test
  void sourcesOnlyInAJarAreAUsageError() throws Exception {
    Files.writeString(dir.resolve("x-1.0-tests.jar"), "");
    Files.writeString(dir.resolve("x-1.0-test-sources.jar"), "");

    Run r = run("fix", dir.resolve("x-1.0-tests.jar").toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("only in [").contains("jars are never edited");
  }

  @Test
  void optionsThatDoNotGoTogetherAndBadReportsAreUsageErrors() throws Exception {
    Files.createDirectories(dir.resolve("src/test/java"));
    String sources = dir.resolve("src/test/java").toString();
    Path notAReport = dir.resolve("x.json");
    Files.writeString(notAReport, "[1, 2]");

    assertThat(run("fix", "--provider-class", "a.B", "--sources", sources).err())
        .contains("--provider-class goes with --locks-provider");
    assertThat(
            run("fix", "--locks-provider", "--from-report", "r.json", "--sources", sources).exit())
        .isEqualTo(ExitCodes.USAGE);
    Run bad = run("fix", "--from-report", notAReport.toString(), "--sources", sources);
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("not an isolation-audit JSON report");
    Run unknown =
        run(
            "fix",
            "--from-report",
            report("{\"action\": \"RENAME\", \"class\": \"a.B\"}").toString(),
            "--sources",
            sources);
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("an edit's action is 'RENAME'");
  }
}
