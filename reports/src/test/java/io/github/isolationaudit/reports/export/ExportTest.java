package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isolationaudit.model.plan.Plan;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExportTest {

  @Test
  void namesAreTheCliNames() {
    assertThat(Arrays.stream(Export.values()).map(Export::cliName))
        .containsExactly(
            "junit-properties",
            "locks-provider",
            "class-order",
            "surefire",
            "annotation-edits",
            "github-matrix",
            "shard-selection");
    assertThat(Export.fromName(" GitHub_Matrix ")).isEqualTo(Export.GITHUB_MATRIX);
    assertThatThrownBy(() -> Export.fromName("gradle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown export 'gradle'; expected one of junit-properties, locks-provider, class-order,"
                + " surefire, annotation-edits, github-matrix, shard-selection");
  }

  @Test
  void optionsRejectWhatTheExportsCannotUse() {
    assertThatThrownBy(() -> ExportOptions.defaults().withProviderClass("a.b-c.Locks"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportOptions.defaults().withProviderClass("PlanLocks"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportOptions.defaults().withIncludesDirectory("../lanes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportOptions.defaults().withIncludesDirectory("/abs"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportOptions.defaults().withShard(-1))
        .isInstanceOf(IllegalArgumentException.class);
    ExportOptions options = ExportOptions.defaults().withProviderClass("org.acme.SuiteLocks");
    assertThat(options.providerPackage()).isEqualTo("org.acme");
    assertThat(options.providerSimpleName()).isEqualTo("SuiteLocks");
  }

  @Test
  void junitPropertiesReadAsPropertiesWithTheWorkers() throws Exception {
    Properties properties = new Properties();
    properties.load(
        new StringReader(new PlanExports().junitPlatformProperties(SamplePlans.plan())));
    assertThat(properties)
        .containsEntry("junit.jupiter.execution.parallel.enabled", "true")
        .containsEntry("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .containsEntry("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .containsEntry("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .containsEntry("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
  }

  @Test
  void withoutAParallelLaneParallelExecutionIsOff() throws Exception {
    Plan plan = SamplePlans.plan();
    Plan serialOnly =
        new Plan(
            1,
            List.of(plan.lanes().get(1)),
            List.of(),
            plan.predicted(),
            List.of(),
            List.of(),
            List.of(),
            plan.durations(),
            List.of());
    Properties properties = new Properties();
    properties.load(new StringReader(new PlanExports().junitPlatformProperties(serialOnly)));
    assertThat(properties).containsOnlyKeys("junit.jupiter.execution.parallel.enabled");
    assertThat(properties).containsEntry("junit.jupiter.execution.parallel.enabled", "false");
  }
}
