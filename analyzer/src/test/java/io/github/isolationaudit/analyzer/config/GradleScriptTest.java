package io.github.isolationaudit.analyzer.config;

import static io.github.isolationaudit.model.Tristate.FALSE;
import static io.github.isolationaudit.model.Tristate.TRUE;
import static io.github.isolationaudit.model.Tristate.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.discovery.TextResource;
import io.github.isolationaudit.model.BuildConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradleScriptTest {

  static BuildConfiguration groovy(String script) {
    return read(new TextResource("/p/build.gradle", "build.gradle", script));
  }

  static BuildConfiguration kotlin(String script) {
    return read(new TextResource("/p/build.gradle.kts", "build.gradle.kts", script));
  }

  static BuildConfiguration read(TextResource... resources) {
    BuildConfigurationReader.Result result = BuildConfigurationReader.read(List.of(resources));
    assertThat(result.problems()).isEmpty();
    return result.configuration();
  }

  @Test
  void groovyTestBlock() {
    BuildConfiguration c =
        groovy(
            """
            plugins { id 'java' }

            test {
                useJUnitPlatform {
                    includeTags 'fast', "unit"
                    excludeTags 'slow'
                }
                maxParallelForks = 4
                forkEvery 100
                systemProperty 'junit.jupiter.execution.parallel.enabled', 'true'
                systemProperty 'junit.jupiter.execution.parallel.mode.default', 'concurrent'
            }
            """);

    assertThat(c.forks()).isEqualTo(TRUE);
    assertThat(c.parallelEnabled()).isEqualTo(TRUE);
    assertThat(c.methodsConcurrent()).isEqualTo(TRUE);
    assertThat(c.classesConcurrent()).isEqualTo(TRUE);
    assertThat(c.includedGroups()).containsExactly("fast", "unit");
    assertThat(c.excludedGroups()).containsExactly("slow");
    assertThat(c.sources()).containsExactly("/p/build.gradle");
    assertThat(c.settings())
        .containsEntry("build.gradle:8:maxParallelForks", "4")
        .containsEntry("build.gradle:9:forkEvery", "100")
        .containsEntry(
            "build.gradle:10:systemProperty.junit.jupiter.execution.parallel.enabled", "true");
  }

  @Test
  void kotlinTaskConfiguration() {
    BuildConfiguration c =
        kotlin(
            """
            tasks.test {
                useJUnitPlatform { excludeTags("integration") }
                maxParallelForks = 1
                systemProperty("junit.jupiter.execution.parallel.enabled", "true")
            }
            """);

    assertThat(c.forks()).isEqualTo(FALSE);
    assertThat(c.parallelEnabled()).isEqualTo(TRUE);
    assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
    assertThat(c.excludedGroups()).containsExactly("integration");
  }

  @Test
  void expressionsStayUnknown() {
    BuildConfiguration c =
        groovy(
            """
            test {
                maxParallelForks = Runtime.runtime.availableProcessors().intdiv(2) ?: 1
                systemProperties['junit.jupiter.execution.parallel.enabled'] = parallel
                useJUnitPlatform { includeTags(*System.getProperty('tags', 'fast').split(',')) }
            }
            """);

    assertThat(c.forks()).isEqualTo(UNKNOWN);
    assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
    assertThat(c.includedGroups()).isEmpty();
    assertThat(c.settings())
        .containsEntry(
            "build.gradle:3:unrecognised",
            "systemProperties['junit.jupiter.execution.parallel.enabled'] = parallel")
        .containsKey("build.gradle:4:unrecognised");
  }

  @Test
  void anInterpolatedValueIsNotALiteral() {
    BuildConfiguration c =
        groovy(
            """
            test {
                systemProperty 'junit.jupiter.execution.parallel.enabled', "${parallelTests}"
            }
            """);

    assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
  }

  @Test
  void absentMaxParallelForksIsUnknownBecauseConventionPluginsMaySetIt() {
    assertThat(groovy("plugins { id 'java' }\ntest { useJUnitPlatform() }\n").forks())
        .isEqualTo(UNKNOWN);
  }

  @Test
  void testTasksThatDisagreeMakeForksUnknown() {
    BuildConfiguration c =
        groovy(
            """
            test { maxParallelForks = 1 }
            task integrationTest(type: Test) { maxParallelForks = 3 }
            """);

    assertThat(c.forks()).isEqualTo(UNKNOWN);
  }

  @Test
  void commentsAreSkipped() {
    BuildConfiguration c =
        groovy(
            """
            test {
                // maxParallelForks = 8
                /* systemProperty 'junit.jupiter.execution.parallel.enabled', 'true'
                   maxParallelForks = 8 */
                maxParallelForks = 2 // two is plenty
            }
            """);

    assertThat(c.forks()).isEqualTo(TRUE);
    assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
  }

  @Test
  void gradleSystemPropertiesWinOverThePropertiesFile() {
    BuildConfiguration c =
        read(
            new TextResource(
                "/p/build/resources/test/junit-platform.properties",
                "junit-platform.properties",
                "junit.jupiter.execution.parallel.enabled=true\n"),
            new TextResource(
                "/p/build.gradle",
                "build.gradle",
                "test { systemProperty 'junit.jupiter.execution.parallel.enabled', 'false' }\n"));

    assertThat(c.parallelEnabled()).isEqualTo(FALSE);
  }
}
