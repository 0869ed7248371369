package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlanExportsGoldenTest {

  private final PlanExports exports = new PlanExports();

  @ParameterizedTest
  @EnumSource(Export.class)
  void everyExportMatchesItsGoldenFiles(Export export) {
    ExportGoldenFiles.assertMatches(export.cliName(), exports.files(export, SamplePlans.plan()));
  }

  @ParameterizedTest
  @EnumSource(Export.class)
  void everyExportIsDeterministic(Export export) {
    Plan plan = SamplePlans.plan();
    assertThat(exports.files(export, SamplePlans.reordered()))
        .isEqualTo(exports.files(export, plan))
        .isEqualTo(new PlanExports().files(export, plan));
  }

  @ParameterizedTest
  @EnumSource(Export.class)
  void everyFileEndsWithOneNewlineAndHasNoCarriageReturn(Export export) {
    exports
        .files(export, SamplePlans.plan())
        .forEach(
            (name, text) -> {
              assertThat(text).as(name).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r");
            });
  }
}
