package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The GitHub Action only uses options the command line has, and passes inputs safely. */
class ActionTest {
  private static final Path ACTION =
      Path.of(System.getProperty("basedir", "."), "..", "action.yml").normalize();

  @Test
  void everyOptionTheActionPassesExists() throws IOException {
    JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(ACTION.toFile());
    CommandLine cli = new CommandLine(new IsolationAuditCommand(Environment.current()));
    Set<String> used = new LinkedHashSet<>();
    for (JsonNode step : action.at("/runs/steps")) {
      String run = step.path("run").asText("");
      for (String line : run.split("\n")) {
        String command =
            line.contains("github-comment")
                ? "github-comment"
                : line.contains(" scan ") || line.contains("-f ") ? "scan" : null;
        if (command == null) {
          continue;
        }
        Matcher m = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*|-[a-z])\\b").matcher(line);
        while (m.find()) {
          used.add(command + " " + m.group(1));
        }
      }
      // Inputs reach scripts through env, never spliced into them (script injection).
      assertThat(run).doesNotContain("${{ inputs.");
    }
    // The options built into the opts array are used by scan too.
    used.add("scan --sources");
    used.add("scan --baseline");
    used.add("scan --rule");
    assertThat(used).contains("scan -f", "scan --fail-on", "github-comment --repo");
    for (String use : used) {
      String[] parts = use.split(" ");
      CommandLine sub = cli.getSubcommands().get(parts[0]);
      assertThat(sub).as(use).isNotNull();
      assertThat(sub.getCommandSpec().findOption(parts[1])).as(use).isNotNull();
    }
  }
}
