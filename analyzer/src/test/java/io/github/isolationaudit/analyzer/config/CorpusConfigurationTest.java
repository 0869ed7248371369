package io.github.isolationaudit.analyzer.config;

import static io.github.isolationaudit.model.Tristate.FALSE;
import static io.github.isolationaudit.model.Tristate.TRUE;
import static io.github.isolationaudit.model.Tristate.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.discovery.TextResource;
import io.github.isolationaudit.model.BuildConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration files of two real test jars, copied unchanged from the corpus ({@code
 * camel-core-4.10.0-tests.jar}, {@code hadoop-common-3.4.1-tests.jar}).
 */
class CorpusConfigurationTest {

  static TextResource fromJar(String jar, String resource, String entry) {
    try (InputStream in =
        CorpusConfigurationTest.class.getResourceAsStream("/config/" + resource)) {
      return new TextResource(
          jar + "!/" + entry, entry, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void camelCoreRunsClassesConcurrentlyAndItsForksAreInherited() {
    String jar = "camel-core-4.10.0-tests.jar";
    BuildConfigurationReader.Result result =
        BuildConfigurationReader.read(
            List.of(
                fromJar(jar, "camel-core/junit-platform.properties", "junit-platform.properties"),
                fromJar(
                    jar,
                    "camel-core/pom.xml",
                    "META-INF/maven/org.apache.camel/camel-core/pom.xml")));

    assertThat(result.problems()).isEmpty();
    BuildConfiguration c = result.configuration();
    // enabled = true, mode.default = same_thread, mode.classes.default = concurrent
    assertThat(c.parallelEnabled()).isEqualTo(TRUE);
    assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
    assertThat(c.classesConcurrent()).isEqualTo(TRUE);
    assertThat(c.runsInParallel()).isEqualTo(TRUE);
    // The pom sets no Surefire configuration; its parent org.apache.camel:core is not in the jar.
    assertThat(c.forks()).isEqualTo(UNKNOWN);
    assertThat(c.includedGroups()).isEmpty();
    assertThat(c.excludedGroups()).isEmpty();
    assertThat(c.testngParallel()).isEmpty();
    assertThat(c.sources())
        .containsExactly(
            jar + "!/META-INF/maven/org.apache.camel/camel-core/pom.xml",
            jar + "!/junit-platform.properties");
    assertThat(c.settings())
        .containsEntry(
            "junit-platform.properties:junit.jupiter.execution.parallel.config.strategy", "custom")
        .containsEntry(
            "junit-platform.properties:junit.jupiter.execution.parallel.config.custom.class",
            "org.apache.camel.CamelParallelExecutionStrategy")
        .hasSize(7);
  }

  @Test
  void hadoopCommonForksOnlyInAProfileWhoseCountComesFromTheMissingParent() {
    String jar = "hadoop-common-3.4.1-tests.jar";
    String pom = "META-INF/maven/org.apache.hadoop/hadoop-common/pom.xml";
    BuildConfigurationReader.Result result =
        BuildConfigurationReader.read(
            List.of(
                fromJar(jar, "hadoop-common/pom.xml", pom),
                fromJar(
                    jar,
                    "hadoop-common/pom.properties",
                    "META-INF/maven/org.apache.hadoop/hadoop-common/pom.properties")));

    assertThat(result.problems()).isEmpty();
    BuildConfiguration c = result.configuration();
    // JUnit 4 tests, no junit-platform.properties and no Jupiter keys in the pom.
    assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
    assertThat(c.methodsConcurrent()).isEqualTo(UNKNOWN);
    assertThat(c.classesConcurrent()).isEqualTo(UNKNOWN);
    assertThat(c.runsInParallel()).isEqualTo(UNKNOWN);
    // The main build sets no forkCount (hadoop-project-dist may); profile parallel-tests sets
    // ${testsThreadCount}, which only the parent defines.
    assertThat(c.forks()).isEqualTo(UNKNOWN);
    assertThat(c.includedGroups()).isEmpty();
    assertThat(c.excludedGroups()).isEmpty();
    assertThat(c.testngParallel()).isEmpty();
    assertThat(c.sources()).containsExactly(jar + "!/" + pom);
    assertThat(c.settings())
        .containsEntry(
            pom + ":surefire.systemPropertyVariables.runningWithNative", "${runningWithNative}")
        .containsEntry(
            pom + ":surefire.properties.listener", "org.apache.hadoop.test.TimedOutTestsListener")
        .containsEntry(pom + ":profile[parallel-tests].surefire.forkCount", "${testsThreadCount}")
        .containsEntry(pom + ":profile[parallel-tests].surefire.reuseForks", "false")
        .containsEntry(
            pom + ":profile[parallel-tests].surefire.argLine",
            "${maven-surefire-plugin.argLine} -DminiClusterDedicatedDirs=true")
        .containsEntry(
            pom + ":profile[parallel-tests].surefire.systemPropertyVariables.test.unique.fork.id",
            "fork-${surefire.forkNumber}");
  }
}
