package io.github.isolationaudit.analyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.isolationaudit.analyzer.config.BuildConfigurationReader;
import io.github.isolationaudit.analyzer.discovery.TextResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a Maven pom, beside a {@code target/} or inside a tests jar, are read into
 * parallel settings or a problem entry: no exception, no {@link Error}, no hang, and no entity or
 * DTD reaches outside the bytes. Replays {@code MavenPomFuzzTestInputs/} in every build.
 */
class MavenPomFuzzTest {

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void pom(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (String name : List.of("pom.xml", "META-INF/maven/g/a/pom.xml")) {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(List.of(new TextResource("fuzzed/" + name, name, text)));
      if (result.configuration() == null) {
        throw new AssertionError("a pom always gives a configuration, if only an unknown one");
      }
    }
  }
}
