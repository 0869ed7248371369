package io.github.isolationaudit.reports.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.model.plan.Plan.Shard;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Exports of a plan's shards: a GitHub Actions matrix and, per shard, what selects it.
 *
 * <p>A shard's selection also splits it by lane: {@code shard-N/lanes/LANE.txt} replaces the
 * includes files of the {@code surefire} export, so that a build with the lane executions runs only
 * the shard's classes, each in its lane ({@code -Dtest} would instead run the shard's classes in
 * every lane's execution).
 *
 * <p>The matrix is one JSON object on one line, so that a job can write it to {@code
 * $GITHUB_OUTPUT} as {@code matrix=...} and another read it with {@code strategy: matrix: ${{
 * fromJSON(needs.plan.outputs.matrix) }}}; each {@code include} entry becomes one job.
 */
final class ShardExports {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Characters a POSIX shell leaves alone in a word. */
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_.,:=/+@%-]+");

  private ShardExports() {}

  static String githubMatrix(Plan plan) {
    List<Shard> shards = new ArrayList<>(plan.shards());
    shards.sort(Comparator.comparingInt(Shard::index));
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("include");
      for (Shard shard : shards) {
        json.writeStartObject();
        json.writeNumberField("shard", shard.index());
        json.writeNumberField("of", shards.size());
        json.writeNumberField("classCount", shard.classes().size());
        json.writeFieldName("seconds");
        json.writeNumber(BigDecimal.valueOf(shard.seconds()).setScale(1, RoundingMode.HALF_UP));
        json.writeStringField("classes", String.join(",", shard.classes()));
        json.writeStringField("surefire", shard.surefireTest());
        json.writeStringField("launcher", shellWords(shard.launcherArgs()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  /**
   * A class name no test class has, for a lane's includes file in a shard with none of its classes.
   */
  static final String NO_CLASS = "isolationaudit.NoClassOfThisLaneInThisShard";

  static SortedMap<String, String> selection(Plan plan, Shard shard) {
    String dir = "shard-" + shard.index() + "/";
    SortedMap<String, String> files = new TreeMap<>();
    StringBuilder includes = new StringBuilder();
    includes
        .append("# ")
        .append(Text.GENERATED)
        .append(": the classes of shard ")
        .append(shard.index())
        .append(" (")
        .append(Text.seconds(shard.seconds()))
        .append(" s), one a line.\n");
    for (String name : Text.topLevelClasses(shard.classes())) {
      includes.append(name).append('\n');
    }
    files.put(dir + "includes.txt", includes.toString());
    files.put(dir + "surefire-test.txt", shard.surefireTest() + "\n");
    StringBuilder args = new StringBuilder();
    for (String arg : shard.launcherArgs()) {
      args.append(argFileWord(arg)).append('\n');
    }
    files.put(dir + "launcher-args.txt", args.toString());
    Set<String> inShard = new TreeSet<>(Text.topLevelClasses(shard.classes()));
    for (Map.Entry<String, List<String>> lane : SurefireExecutions.selections(plan).entrySet()) {
      StringBuilder laneIncludes = new StringBuilder();
      laneIncludes
          .append("# ")
          .append(Text.GENERATED)
          .append(": the classes of lane ")
          .append(lane.getKey().replace('\n', ' '))
          .append(" in shard ")
          .append(shard.index())
          .append(".\n");
      List<String> selected = new ArrayList<>(lane.getValue());
      // A line is a class, or a class's methods (a.b.C#m1+m2) for a lane that selects methods.
      selected.removeIf(line -> !inShard.contains(line.split("#", 2)[0]));
      if (selected.isEmpty()) {
        // An includes file without patterns would fall back to Surefire's default includes.
        laneIncludes.append(
            "# None: the pattern below matches no class, so the lane runs nothing.\n");
        selected.add(NO_CLASS);
      }
      for (String name : selected) {
        laneIncludes.append(name).append('\n');
      }
      files.put(dir + "lanes/" + Text.fileName(lane.getKey()) + ".txt", laneIncludes.toString());
    }
    return files;
  }

  /** Arguments as one shell command line fragment, each quoted where the shell would change it. */
  static String shellWords(List<String> args) {
    StringJoiner words = new StringJoiner(" ");
    for (String arg : args) {
      words.add(SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return words.toString();
  }

  /** An argument as a word of a picocli argument file: quoted when it has spaces or quotes. */
  private static String argFileWord(String arg) {
    if (arg.isEmpty()
        || arg.chars()
            .anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '#')) {
      return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return arg;
  }
}
