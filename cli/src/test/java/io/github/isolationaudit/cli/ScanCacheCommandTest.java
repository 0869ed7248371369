package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands answer an unchanged scan from the cache with the bytes a fresh scan gives. */
class ScanCacheCommandTest {
  private static final String FIXTURES = System.getProperty("fixtures.classes");

  private record Run(int exit, String out, String err) {}

  private static Run run(Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Environment.of(variables),
            args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyFormatIsTheSameFromTheCache(@TempDir Path cache) {
    for (String format : List.of("json", "text", "sarif", "markdown")) {
      String[] args = {"scan", FIXTURES, "-f", format, "--cache-dir", cache.toString()};
      Run uncached = run(Map.of(), "scan", FIXTURES, "-f", format, "--no-cache");
      Run first = run(Map.of(), args);
      Run second = run(Map.of(), args);
      Run third = run(Map.of(), args);
      assertThat(first.out()).as(format).isEqualTo(uncached.out());
      assertThat(second.out()).as(format).isEqualTo(uncached.out());
      assertThat(third.out()).as(format).isEqualTo(uncached.out());
      assertThat(second.exit()).isEqualTo(uncached.exit());
      // One scan serves every format; each format's report is rendered once.
      assertThat(first.err().contains("answered from the cache")).isEqualTo(!format.equals("json"));
      assertThat(second.err()).contains("answered from the cache");
      assertThat(first.err().lines().filter(l -> l.contains("problem:")))
          .isEqualTo(second.err().lines().filter(l -> l.contains("problem:")).toList());
    }
    Run plan = run(Map.of(), "plan", FIXTURES, "-f", "json", "--cache-dir", cache.toString());
    assertThat(plan.err()).contains("answered from the cache");
    assertThat(plan.out())
        .isEqualTo(run(Map.of(), "plan", FIXTURES, "-f", "json", "--no-cache").out());
  }

  @Test
  void theCacheLivesWhereTheEnvironmentSaysAndNoCacheTouchesNothing(@TempDir Path home)
      throws IOException {
    Run none = run(Map.of("HOME", home.toString()), "scan", FIXTURES, "-q", "--no-cache");
    assertThat(none.exit()).isZero();
    assertThat(home).isEmptyDirectory();

    run(Map.of("HOME", home.toString()), "scan", FIXTURES, "-q");
    try (Stream<Path> files = Files.list(home.resolve(".cache/isolation-audit"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".scan"))
          .anyMatch(n -> n.endsWith(".report"));
    }
    Path xdg = home.resolve("xdg");
    run(Map.of("HOME", home.toString(), "XDG_CACHE_HOME", xdg.toString()), "scan", FIXTURES, "-q");
    assertThat(xdg.resolve("isolation-audit")).isNotEmptyDirectory();
  }

  @Test
  void aDamagedEntryIsNamedAndTheReportStillWritten(@TempDir Path cache) throws IOException {
    String[] args = {"scan", FIXTURES, "-f", "json", "--cache-dir", cache.toString()};
    Run first = run(Map.of(), args);
    try (Stream<Path> files = Files.list(cache)) {
      for (Path p : files.toList()) {
        Files.writeString(p, "not an entry");
      }
    }
    Run damaged = run(Map.of(), args);
    assertThat(damaged.exit()).isEqualTo(first.exit());
    assertThat(damaged.out()).isEqualTo(first.out());
    assertThat(damaged.err()).contains("ignoring a damaged cache entry");
    assertThat(run(Map.of(), args).err()).contains("answered from the cache");
  }
}
