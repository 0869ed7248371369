package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same project gives the same report bytes in any directory, on any machine (once its facts are
 * pinned with {@code --workers} and {@code --memory}), with one thread or several, run after run.
 * The command runs as users run it: its own JVM, in the project's directory.
 */
class SameBytesTest {
  private static final Path FIXTURES = Path.of(System.getProperty("fixtures.classes"));
  private static final String EXIT_TEST =
      "io.github.isolationaudit.fixtures.jvmglobal.JvmExitTestCase";

  @Test
  void theSameProjectInTwoDirectoriesGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path one = project(dir.resolve("one/proj"));
    Path two = project(dir.resolve("two/deeper/proj"));
    List<String> scan =
        List.of(
            "scan", "target", "-q", "-f", "json", "--plan", "--workers", "3", "--memory", "16g");

    String first = run(one, 1, scan);
    assertThat(run(two, 3, scan)).as("another directory, three threads").isEqualTo(first);

    JsonNode report = new ObjectMapper().readTree(first);
    assertThat(report.at("/configuration/sources").toString())
        .contains("\"pom.xml\"")
        .doesNotContain(dir.toString());
    assertThat(report.at("/plan/durations/files").toString())
        .contains("target/surefire-reports/TEST-" + EXIT_TEST + ".xml");
    assertThat(report.at("/plan/machine").toString())
        .isEqualTo(
            "{\"cores\":3,\"memoryMb\":16384,\"coresFrom\":\"GIVEN\",\"memoryFrom\":\"GIVEN\"}");
    assertThat(report.at("/plan/recommendation/cores").asInt()).isEqualTo(3);
    assertThat(report.at("/plan/recommendation/memoryMb").asLong()).isEqualTo(16384);
    assertThat(first).doesNotContain(dir.toString());
  }

  @Test
  void runAfterRunGivesTheSameBytes() {
    String[] args = {
      "scan", FIXTURES.toString(), "-q", "-f", "json", "--plan", "--workers", "2", "--memory", "4g"
    };
    StringWriter first = new StringWriter();
    StringWriter second = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(Main.run(new PrintWriter(first, true), new PrintWriter(err, true), args)).isZero();
    assertThat(Main.run(new PrintWriter(second, true), new PrintWriter(err, true), args)).isZero();
    assertThat(second.toString()).isEqualTo(first.toString()).contains("\"machine\"");
  }

  @Test
  void workersAndMemoryPinTheMachineFactsOfAPlan() throws IOException {
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            "plan",
            FIXTURES.toString(),
            "-q",
            "-f",
            "json",
            "--workers",
            "5",
            "--memory",
            "6144");
    assertThat(exit).isZero();
    JsonNode plan = new ObjectMapper().readTree(out.toString()).get("plan");
    assertThat(plan.get("workers").asInt()).isEqualTo(5);
    assertThat(plan.at("/machine/cores").asInt()).isEqualTo(5);
    assertThat(plan.at("/machine/memoryMb").asLong()).isEqualTo(6144);
    assertThat(plan.at("/recommendation/cores").asInt()).isEqualTo(5);
    assertThat(plan.at("/recommendation/reason").asText())
        .startsWith("5 cores (as --workers gives), 6144 MB of memory");

    StringWriter measured = new StringWriter();
    Main.run(
        new PrintWriter(measured, true),
        new PrintWriter(new StringWriter(), true),
        "plan",
        FIXTURES.toString(),
        "-q",
        "-f",
        "json");
    JsonNode facts = new ObjectMapper().readTree(measured.toString()).at("/plan/machine");
    assertThat(facts.get("coresFrom").asText()).isEqualTo("MEASURED");
    assertThat(facts.get("memoryFrom").asText()).isEqualTo("MEASURED");
    assertThat(facts.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(
            new ObjectMapper()
                .readTree(measured.toString())
                .at("/plan/recommendation/reason")
                .asText())
        .doesNotContain("--workers");
  }

  @Test
  void aMemoryThatIsNoSizeIsAUsageError() {
    for (String bad : List.of("lots", "0", "16q", "-1g")) {
      StringWriter err = new StringWriter();
      int exit =
          Main.run(
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true),
              "plan",
              FIXTURES.toString(),
              "-q",
              "--memory",
              bad);
      assertThat(exit).as(bad).isEqualTo(2);
      assertThat(err.toString()).as(bad).contains("--memory");
    }
    assertThat(MachineOptions.megabytes("16g")).isEqualTo(16384);
    assertThat(MachineOptions.megabytes("512M")).isEqualTo(512);
    assertThat(MachineOptions.megabytes("2GiB")).isEqualTo(2048);
    assertThat(MachineOptions.megabytes("2048")).isEqualTo(2048);
  }

  /** A Maven project: the fixtures as its compiled tests, a pom, a test report. */
  private static Path project(Path root) throws IOException {
    copy(FIXTURES, root.resolve("target/test-classes"));
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project>
          <build><plugins><plugin>
            <artifactId>maven-surefire-plugin</artifactId>
            <configuration><argLine>-Xmx1g</argLine><forkCount>1</forkCount></configuration>
          </plugin></plugins></build>
        </project>
        """);
    Path reports = Files.createDirectories(root.resolve("target/surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-" + EXIT_TEST + ".xml"),
        "<testsuite name=\""
            + EXIT_TEST
            + "\"><testcase classname=\""
            + EXIT_TEST
            + "\" name=\"exitsOnFatalError\" time=\"12.5\"/></testsuite>");
    return root;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The command's standard output, run in its own JVM in {@code directory}. */
  private static String run(Path directory, int threads, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + threads);
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    Path out = Files.createTempFile(directory.getParent(), "out", ".json");
    Process p =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("no answer in 3 minutes: " + command);
    }
    assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    assertThat(text).as("no path of this machine").doesNotContain(directory.toString());
    return text;
  }
}
