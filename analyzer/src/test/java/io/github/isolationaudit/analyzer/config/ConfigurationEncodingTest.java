package io.github.isolationaudit.analyzer.config;

import static io.github.isolationaudit.model.Tristate.TRUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.isolationaudit.analyzer.discovery.InputResolver;
import io.github.isolationaudit.analyzer.discovery.TextResource;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build files are read in the encoding they declare or their tool assumes, and what a script says
 * is parsed in bounded time and stack, however long its lines.
 */
class ConfigurationEncodingTest {

  /** A Latin-1 pom that says so, with a non-ASCII name, turning parallel execution on. */
  private static final String LATIN1_POM =
      """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>caf\u00e9</artifactId>
        <version>1.0</version>
        <name>Caf\u00e9 cr\u00e8me</name>
        <build>
          <plugins>
            <plugin>
              <artifactId>maven-surefire-plugin</artifactId>
              <configuration>
                <configurationParameters>
                  junit.jupiter.execution.parallel.enabled=true
                  junit.jupiter.execution.parallel.mode.default=concurrent
                </configurationParameters>
              </configuration>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  private static final String GRADLE =
      """
      test {
          // R\u00e9sum\u00e9 of the settings
          maxParallelForks = 2
          systemProperty 'junit.jupiter.execution.parallel.enabled', 'true'
          systemProperty 'junit.jupiter.execution.parallel.mode.default', 'concurrent'
      }
      """;

  private static BuildConfigurationReader.Result read(TextResource... resources) {
    return BuildConfigurationReader.read(List.of(resources));
  }

  @Test
  void aLatin1PomThatDeclaresItsEncodingIsRead() {
    BuildConfigurationReader.Result r =
        read(
            new TextResource(
                "/p/pom.xml", "pom.xml", LATIN1_POM.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(r.problems()).isEmpty();
    assertThat(r.configuration().parallelEnabled()).isEqualTo(TRUE);
    assertThat(r.configuration().methodsConcurrent()).isEqualTo(TRUE);
    assertThat(r.configuration().sources()).containsExactly("/p/pom.xml");
  }

  @Test
  void aPomWhoseBytesAreNotItsDeclaredEncodingIsAProblemNotASilentUnknown() {
    // Latin-1 bytes under the default (UTF-8) encoding: XML says that is not well-formed.
    String undeclared = LATIN1_POM.replace(" encoding=\"ISO-8859-1\"", "");
    BuildConfigurationReader.Result r =
        read(
            new TextResource(
                "/p/pom.xml", "pom.xml", undeclared.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNPARSABLE_SOURCE);
              assertThat(p.path()).isEqualTo("/p/pom.xml");
            });
  }

  @Test
  void aGradleScriptInLatin1OrUtf16IsRead() {
    for (byte[] bytes :
        List.of(
            GRADLE.getBytes(StandardCharsets.ISO_8859_1),
            GRADLE.getBytes(StandardCharsets.UTF_16),
            GRADLE.getBytes(StandardCharsets.UTF_8))) {
      BuildConfiguration c =
          read(new TextResource("/p/build.gradle", "build.gradle", bytes)).configuration();
      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(TRUE);
      assertThat(c.forks()).isEqualTo(TRUE);
    }
  }

  @Test
  void buildFilesBesideTargetAreFoundWhateverTheirEncoding(@TempDir Path dir) throws IOException {
    Path target = Files.createDirectories(dir.resolve("target/test-classes"));
    Files.write(dir.resolve("pom.xml"), LATIN1_POM.getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("build.gradle"), GRADLE.getBytes(StandardCharsets.ISO_8859_1));
    List<TextResource> found =
        new InputResolver().read(List.of(target.getParent()), List.of()).resources();
    assertThat(found)
        .extracting(TextResource::name)
        .containsExactlyInAnyOrder("pom.xml", "build.gradle");
    BuildConfigurationReader.Result r = BuildConfigurationReader.read(found);
    assertThat(r.configuration().parallelEnabled()).isEqualTo(TRUE);
    assertThat(r.configuration().sources()).hasSize(2);
  }

  @Test
  void propertiesAreReadAsJUnitReadsThem() {
    // Properties.load(InputStream): ISO-8859-1, with \\u escapes.
    byte[] bytes =
        "junit.jupiter.execution.parallel.enabled=true\nnote=caf\u00e9 \\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    BuildConfigurationReader.Result r =
        read(new TextResource("/p/junit-platform.properties", "junit-platform.properties", bytes));
    assertThat(r.problems()).isEmpty();
    assertThat(r.configuration().parallelEnabled()).isEqualTo(TRUE);
    assertThat(r.configuration().settings())
        .containsEntry("junit-platform.properties:note", "caf\u00e9 \u00e9");
  }

  @Test
  void aThousandTagLiteralsOnOneLineAreRead() {
    List<String> tags =
        IntStream.range(0, 5_000).mapToObj(i -> "tag" + i).collect(Collectors.toList());
    String line =
        "test { useJUnitPlatform { includeTags "
            + tags.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))
            + " } }\n";
    BuildConfigurationReader.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> read(new TextResource("/p/build.gradle", "build.gradle", line)));
    assertThat(r.problems()).isEmpty();
    assertThat(r.configuration().includedGroups()).containsExactlyInAnyOrderElementsOf(tags);
  }

  @Test
  void filterArgumentsAreScannedAsTheFormerPatternMatchedThem() {
    List<String> values = new ArrayList<>();
    String line = "includeTags('a', \"b\" ,'c') // fast";
    assertThat(GradleScript.arguments(line, "includeTags".length(), values)).isPositive();
    assertThat(values).containsExactly("a", "b", "c");
    for (String bad :
        List.of(
            "includeTags 'a', ",
            "includeTags 'a' + x",
            "includeTags \"${x}\"",
            "includeTags 'a\\'b'",
            "includeTags x",
            "includeTags 'a")) {
      assertThat(GradleScript.arguments(bad, "includeTags".length(), new ArrayList<>()))
          .as(bad)
          .isEqualTo(-1);
    }
  }
}
