package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootsTest {

  private static Path dir(Path p) throws IOException {
    return Files.createDirectories(p);
  }

  private static Path file(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[0]);
  }

  @Test
  void mavenTargetAndItsClassDirectories(@TempDir Path module) throws IOException {
    Path test = dir(module.resolve("src/test/java"));
    Path main = dir(module.resolve("src/main/java"));
    Path target = dir(module.resolve("target"));
    Path testClasses = dir(target.resolve("test-classes"));

    assertThat(SourceRoots.find(List.of(target))).containsExactly(test, main);
    assertThat(SourceRoots.find(List.of(testClasses))).containsExactly(test, main);
    assertThat(SourceRoots.find(List.of(dir(target.resolve("classes")))))
        .containsExactly(test, main);
  }

  @Test
  void gradleBuildAndItsSourceSets(@TempDir Path module) throws IOException {
    Path test = dir(module.resolve("src/test/java"));
    Path fixtures = dir(module.resolve("src/testFixtures/java"));
    Path integration = dir(module.resolve("src/integrationTest/java"));
    Path build = dir(module.resolve("build"));

    assertThat(SourceRoots.find(List.of(build))).containsExactly(test, integration, fixtures);
    assertThat(SourceRoots.find(List.of(dir(build.resolve("classes/java/integrationTest")))))
        .containsExactly(integration, test, fixtures);
  }

  @Test
  void missingSourceDirectoriesAreNoRoots(@TempDir Path module) throws IOException {
    Path target = dir(module.resolve("target"));
    Path main = dir(module.resolve("src/main/java"));

    assertThat(SourceRoots.find(List.of(target, module.resolve("nothing/here"))))
        .containsExactly(main);
  }

  @Test
  void testsJarsFindTheirSourceJars(@TempDir Path repo) throws IOException {
    Path tests = file(repo.resolve("x-1.0-tests.jar"));
    Path testSources = file(repo.resolve("x-1.0-test-sources.jar"));
    Path mainSources = file(repo.resolve("x-1.0-sources.jar"));
    Path kafkaStyle = file(repo.resolve("k-3.9-test.jar"));
    Path kafkaSources = file(repo.resolve("k-3.9-test-sources.jar"));
    Path lonely = file(repo.resolve("y-2.0-tests.jar"));

    assertThat(SourceRoots.find(List.of(tests))).containsExactly(testSources, mainSources);
    assertThat(SourceRoots.find(List.of(kafkaStyle))).containsExactly(kafkaSources);
    assertThat(SourceRoots.find(List.of(lonely))).isEmpty();
    assertThat(SourceRoots.find(List.of(file(repo.resolve("x-1.0.jar")))))
        .containsExactly(mainSources, testSources);
  }

  @Test
  void aDirectoryOfJarsOffersTheirSourceJars(@TempDir Path repo) throws IOException {
    file(repo.resolve("x-1.0-tests.jar"));
    Path testSources = file(repo.resolve("x-1.0-test-sources.jar"));

    assertThat(SourceRoots.find(List.of(repo))).containsExactly(testSources);
  }

  @Test
  void explicitSourcesComeFirstAndModulesMeanTheirSourceSets(@TempDir Path tmp) throws IOException {
    Path module = tmp.resolve("m");
    Path test = dir(module.resolve("src/test/java"));
    Path target = dir(module.resolve("target"));
    Path mine = dir(tmp.resolve("mine"));
    Path jar = file(tmp.resolve("lib-sources.jar"));

    assertThat(SourceRoots.find(List.of(target), List.of(mine, jar, tmp.resolve("typo"), module)))
        .containsExactly(mine, jar, test);
  }
}
