package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in configuration and catalog files are usage errors (exit 2) with one line, {@code
 * file:line:column: message}, in our words, that quotes nothing of the file.
 */
class ConfigurationErrorsTest {
  private static final String FIXTURES = System.getProperty("fixtures.classes");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertOneLineInOurWords(Run r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .doesNotContain("Exception")
        .doesNotContain("com.fasterxml")
        .doesNotContain("\tat ");
  }

  @Test
  void aNegativeArgumentInAUserCatalogIsAUsageError(@TempDir Path dir) throws IOException {
    Path rules =
        Files.writeString(
            dir.resolve("mine.yaml"),
            "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n"
                + "    mode: READ\n    key: {arg: -5}\n    methods: [a.B#c]\n");
    Run r = run("scan", "-q", FIXTURES, "--rules", rules.toString());
    assertOneLineInOurWords(r);
    assertThat(r.err())
        .isEqualTo(
            "isolation-audit scan: bad catalog: "
                + rules
                + ":7:5: 'arg' is the index of a parameter: 0 for the first, 1 for the second,"
                + " ...\n");
  }

  @Test
  void aConfigurationFoundAutomaticallyCannotShowAFileOutsideItsProject(@TempDir Path dir)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:hunter2:/root:/bin/bash\n");
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve(".git"));
    Path target = Files.createDirectories(project.resolve("target"));
    Path config =
        Files.writeString(project.resolve(".isolation-audit.yaml"), "rules: [" + secret + "]\n");
    Run r = run("scan", "-q", target.toString());
    assertOneLineInOurWords(r);
    assertThat(r.err())
        .startsWith(
            "isolation-audit scan: bad configuration: " + config + ":1:9: names a file outside ")
        .doesNotContain("hunter2")
        .doesNotContain("root:x");
    // Named with --config, the same file may name it; its content still does not show.
    r = run("scan", "-q", target.toString(), "--config", config.toString());
    assertOneLineInOurWords(r);
    assertThat(r.err())
        .contains("bad catalog: " + secret + ":1:1: expected a mapping of keys to values")
        .doesNotContain("hunter2");
  }

  @Test
  void typosGetASuggestion(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("audit.yaml"), "serialTag: [db]\n");
    Run r = run("scan", "-q", FIXTURES, "--config", config.toString());
    assertOneLineInOurWords(r);
    assertThat(r.err())
        .contains("bad configuration: " + config + ":1:1: unknown key; did you mean 'serialTags'?");
  }
}
