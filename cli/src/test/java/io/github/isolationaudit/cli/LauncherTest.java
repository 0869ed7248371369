package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code isolation-audit} at the root of the checkout) picks the JVM's options: the
 * client compiler, the parallel collector unless the user's options name one, and a young
 * generation of at most 256 MB unless they size it; the user's options come last. A stand-in {@code
 * java} first on the PATH records the options, so no jar runs.
 */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("../isolation-audit").toAbsolutePath().normalize();

  @TempDir Path bin;
  @TempDir Path work;
  private Path arguments;
  private Path jar;

  @BeforeEach
  void aStandInJava() throws IOException {
    assumeTrue(Files.isRegularFile(LAUNCHER), "the launcher is in the checkout");
    arguments = work.resolve("arguments.txt");
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGUMENTS\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Only its path matters: the launcher checks that it exists and hands it to java.
    jar = work.resolve("isolation-audit.jar");
    Files.writeString(jar, "not a jar");
  }

  private List<String> options(Map<String, String> variables) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString(), "--version");
    Map<String, String> env = pb.environment();
    env.remove("ISOLATION_AUDIT_JAVA_OPTS");
    env.remove("ISOLATION_AUDIT_FAST");
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("ISOLATION_AUDIT_JAR", jar.toString());
    env.put("ARGUMENTS", arguments.toString());
    env.putAll(variables);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    List<String> all = Files.readAllLines(arguments);
    // Up to the jar: what comes after is the command's own arguments.
    return all.subList(0, all.indexOf("-jar"));
  }

  private static Map<String, String> javaOptions(String options) {
    Map<String, String> m = new HashMap<>();
    m.put("ISOLATION_AUDIT_JAVA_OPTS", options);
    return m;
  }

  @Test
  void byDefaultTheParallelCollectorWithASmallYoungGeneration() throws Exception {
    assertThat(options(Map.of()))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
  }

  @Test
  void theUsersOptionsComeLastAndAHeapLimitKeepsTheCap() throws Exception {
    List<String> options = options(javaOptions("-Xmx1g"));
    assertThat(options).contains("-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
    assertThat(options.get(options.size() - 1)).isEqualTo("-Xmx1g");
  }

  @Test
  void anotherCollectorTakesNeitherTheParallelOneNorTheCap() throws Exception {
    assertThat(options(javaOptions("-XX:+UseG1GC")))
        .contains("-XX:+UseG1GC")
        .doesNotContain("-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
  }

  @Test
  void aYoungGenerationTheUserSizesIsLeftAlone() throws Exception {
    for (String sizing : List.of("-Xmn512m", "-XX:NewSize=64m", "-XX:NewRatio=3")) {
      assertThat(options(javaOptions(sizing)))
          .as(sizing)
          .contains("-XX:+UseParallelGC", sizing)
          .doesNotContain("-XX:MaxNewSize=256m");
    }
  }

  @Test
  void withoutTheFastOptionsNoneOfThemIsSet() throws Exception {
    Map<String, String> plain = new HashMap<>();
    plain.put("ISOLATION_AUDIT_FAST", "0");
    assertThat(options(plain))
        .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
  }
}
