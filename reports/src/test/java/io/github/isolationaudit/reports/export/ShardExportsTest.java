package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardExportsTest {

  private final PlanExports exports = new PlanExports();

  @Test
  void matrixIsOneLineOfJsonWithAnIncludeEntryPerShard() throws Exception {
    String matrix = exports.githubMatrix(SamplePlans.plan());
    // $GITHUB_OUTPUT takes name=value on one line.
    assertThat(matrix.strip()).doesNotContain("\n");

    JsonNode include = new ObjectMapper().readTree(matrix).get("include");
    assertThat(include.isArray()).isTrue();
    assertThat(include).hasSize(2);
    JsonNode first = include.get(0);
    assertThat(first.get("shard").asInt()).isEqualTo(1);
    assertThat(first.get("of").asInt()).isEqualTo(2);
    assertThat(first.get("seconds").asDouble()).isEqualTo(9.8);
    assertThat(first.get("surefire").asText()).isEqualTo("com.example.AlphaTest,com.example.Outer");
    assertThat(first.get("launcher").asText())
        .isEqualTo("--select-class=com.example.AlphaTest --select-class=com.example.Outer");
  }

  @Test
  void launcherWordsAreQuotedWhereTheShellWouldChangeThem() {
    assertThat(
            ShardExports.shellWords(
                List.of("--select-class=a.Outer$Inner", "--select-class=a.B", "it's")))
        .isEqualTo("'--select-class=a.Outer$Inner' --select-class=a.B 'it'\\''s'");
  }

  @Test
  void eachShardSplitsIntoTheLanesOfTheSurefireExport() {
    var shard1 = exports.shardSelection(SamplePlans.plan(), 1);
    assertThat(shard1.get("shard-1/lanes/parallel.txt"))
        .endsWith("\ncom.example.AlphaTest\ncom.example.Outer\n");
    // No class of these lanes is in shard 1: a pattern that matches nothing, not an empty file,
    // which Surefire would read as "the default includes".
    assertThat(shard1.get("shard-1/lanes/serial.txt"))
        .endsWith("\n" + ShardExports.NO_CLASS + "\n");
    assertThat(shard1.get("shard-1/lanes/own-jvm-1.txt"))
        .endsWith("\n" + ShardExports.NO_CLASS + "\n");
    // The lanes are those the surefire export writes includes files for.
    assertThat(
            shard1.keySet().stream()
                .filter(name -> name.startsWith("shard-1/lanes/"))
                .map(name -> name.substring("shard-1/lanes/".length())))
        .containsExactlyInAnyOrder("own-jvm-1.txt", "parallel.txt", "serial.txt");

    var shard2 = exports.shardSelection(SamplePlans.plan(), 2);
    assertThat(shard2.get("shard-2/lanes/parallel.txt")).endsWith("\ncom.example.BetaTest\n");
    assertThat(shard2.get("shard-2/lanes/serial.txt")).endsWith("\ncom.example.GammaTest\n");
    assertThat(shard2.get("shard-2/lanes/own-jvm-1.txt")).endsWith("\ncom.example.ForkTest\n");
  }

  @Test
  void oneShardIsSelectedByIndex() {
    PlanExports second = new PlanExports(ExportOptions.defaults().withShard(2));
    assertThat(second.files(Export.SHARD_SELECTION, SamplePlans.plan()))
        .containsOnlyKeys(
            "shard-2/includes.txt",
            "shard-2/launcher-args.txt",
            "shard-2/surefire-test.txt",
            "shard-2/lanes/own-jvm-1.txt",
            "shard-2/lanes/parallel.txt",
            "shard-2/lanes/serial.txt")
        .containsEntry(
            "shard-2/surefire-test.txt",
            "com.example.BetaTest,com.example.ForkTest,com.example.GammaTest\n");
  }

  @Test
  void shardIncludesListTopLevelClasses() {
    assertThat(exports.shardSelection(SamplePlans.plan(), 1).get("shard-1/includes.txt"))
        .endsWith("\ncom.example.AlphaTest\ncom.example.Outer\n")
        .doesNotContain("Outer$Inner");
  }

  @Test
  void missingShardsAreAnError() {
    assertThatThrownBy(() -> exports.shardSelection(SamplePlans.plan(), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the plan has no shard 3; its shards are 1, 2");
    assertThatThrownBy(() -> exports.githubMatrix(SamplePlans.withoutShards()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no shards");
    assertThatThrownBy(() -> exports.files(Export.SHARD_SELECTION, SamplePlans.withoutShards()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no shards");
  }
}
