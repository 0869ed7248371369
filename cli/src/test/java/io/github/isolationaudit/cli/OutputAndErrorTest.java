package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --output} is checked before the scan, follows links and writes pipes and devices directly;
 * an internal error is one line and exit 4, never exit 1 and never a stack trace.
 */
class OutputAndErrorTest {
  private static final String FIXTURES = System.getProperty("fixtures.classes");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void anOutputInAMissingDirectoryIsAUsageErrorBeforeTheScan(@TempDir Path dir) {
    Path output = dir.resolve("no/such/dir/report.json");
    Run r = run("scan", FIXTURES, "-f", "json", "-o", output.toString());
    assertThat(r.exit()).isEqualTo(2);
    // One line, and no progress: the scan never started.
    assertThat(r.err().lines()).singleElement().asString().contains("no such directory");
    assertThat(output.getParent()).doesNotExist();
  }

  @Test
  void anOutputThatIsADirectoryIsAUsageErrorForPlanToo(@TempDir Path dir) {
    Run scan = run("scan", FIXTURES, "-o", dir.toString());
    Run plan = run("plan", FIXTURES, "-o", dir.toString());
    assertThat(scan.exit()).isEqualTo(2);
    assertThat(plan.exit()).isEqualTo(2);
    assertThat(scan.err().lines()).singleElement().asString().contains("is a directory");
    assertThat(plan.err().lines()).singleElement().asString().contains("is a directory");
  }

  @Test
  void anOutputThroughASymbolicLinkReplacesTheFileItPointsTo(@TempDir Path dir) throws IOException {
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
    Run r = run("scan", FIXTURES, "-q", "-f", "json", "-o", link.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(new ObjectMapper().readTree(real.toFile()).get("schemaVersion").asInt())
        .isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(2); // no temporary file left behind
    }
  }

  @Test
  void anOutputThatIsANamedPipeIsWrittenDirectly(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("report.fifo");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available");
      return;
    }
    Assumptions.assumeTrue(mkfifo.waitFor() == 0);
    CompletableFuture<byte[]> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Run r = run("scan", FIXTURES, "-q", "-f", "json", "-o", fifo.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    byte[] read = reader.get(60, TimeUnit.SECONDS);
    assertThat(new ObjectMapper().readTree(read).get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }

  @Test
  void anOutputThatCannotBeWrittenAfterTheCheckIsOneLineAndExitFour(@TempDir Path dir)
      throws IOException {
    Path report = dir.resolve("gone/report.json");
    Files.createDirectories(report.getParent());
    assertThat(ReportFile.problem(report)).isNull();
    // The directory becomes a file between the check and the write.
    Files.delete(report.getParent());
    Files.writeString(report.getParent(), "");
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> ReportFile.write(report, out -> out.write("x")));
    assertThat(ReportFile.describe(e)).startsWith("a file is in the way");
    StringWriter err = new StringWriter();
    assertThat(Main.internalError(e, new PrintWriter(err), false)).isEqualTo(4);
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void anErrorIsOneLineAndExitFourAndAStackTraceOnlyWhenDebugging() {
    StringWriter err = new StringWriter();
    int exit =
        Main.internalError(
            new CommandLine.ExecutionException(
                new CommandLine(new IsolationAuditCommand(Environment.current())),
                "wrapped",
                new OutOfMemoryError("Java heap space")),
            new PrintWriter(err),
            false);
    assertThat(exit).isEqualTo(4);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("out of memory (Java heap space)")
        .contains("-Xmx");
    StringWriter debug = new StringWriter();
    Main.internalError(new StackOverflowError(), new PrintWriter(debug), true);
    assertThat(debug.toString().lines().count()).isGreaterThan(1);
  }
}
