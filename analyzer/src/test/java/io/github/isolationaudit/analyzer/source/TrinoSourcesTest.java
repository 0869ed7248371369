package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.isolationaudit.analyzer.source.SourceIndex.Located;
import io.github.isolationaudit.analyzer.source.SourceIndex.Lookup;
import io.github.isolationaudit.analyzer.source.SourceIndex.Query;
import io.github.isolationaudit.model.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locates markers in a real project's test sources; skipped where the corpus is absent. */
class TrinoSourcesTest {

  // The corpus jars that scripts/benchmark.sh fetches (../shared/corpus/fetch.sh); absent in CI.
  private static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../corpus-cache"));
  private static final Path TESTS_JAR = CORPUS.resolve("trino-main-422-tests.jar");
  private static final Path SOURCES_JAR = CORPUS.resolve("trino-main-422-test-sources.jar");

  @Test
  void locatesKnownMarkersInTrinoTestSources() {
    assumeTrue(Files.isRegularFile(SOURCES_JAR), "corpus jar not present");
    assumeTrue(Files.isRegularFile(TESTS_JAR), "corpus tests jar not present");
    List<Path> roots = SourceRoots.find(List.of(TESTS_JAR));
    assertThat(roots).contains(SOURCES_JAR);

    Query sameThread =
        new Query(
            "io.trino.sql.query.TestCheckConstraint",
            "",
            "org.junit.jupiter.api.parallel.Execution");
    Query sameThreadQualified =
        new Query(
            "io.trino.sql.query.TestColumnMask", "", "org.junit.jupiter.api.parallel.Execution");
    Query lock =
        new Query(
            "io.trino.sql.planner.iterative.rule.TestPushDistinctLimitIntoTableScan",
            "",
            "org.junit.jupiter.api.parallel.ResourceLock");
    Query singleThreaded =
        new Query(
            "io.trino.sql.planner.optimizations.TestRemoveUnsupportedDynamicFilters",
            "",
            "org.testng.annotations.Test");

    Lookup lookup =
        SourceIndex.open(roots)
            .locate(List.of(sameThread, sameThreadQualified, lock, singleThreaded));

    assertThat(lookup.problems()).isEmpty();
    assertThat(lookup.found().get(sameThread))
        .isEqualTo(
            new Located(new SourceLocation("io/trino/sql/query/TestCheckConstraint.java", 40), ""));
    assertThat(lookup.found().get(sameThreadQualified).location())
        .isEqualTo(new SourceLocation("io/trino/sql/query/TestColumnMask.java", 55));
    assertThat(lookup.found().get(lock).location())
        .isEqualTo(
            new SourceLocation(
                "io/trino/sql/planner/iterative/rule/TestPushDistinctLimitIntoTableScan.java", 50));
    assertThat(lookup.found().get(singleThreaded))
        .isEqualTo(
            new Located(
                new SourceLocation(
                    "io/trino/sql/planner/optimizations/TestRemoveUnsupportedDynamicFilters.java",
                    68),
                "e.g. PlanBuilder is mutable"));
  }
}
