package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario rendered in every format matches its reviewed golden file. */
class GoldenReportTest {

  static List<Arguments> scenariosAndFormats() {
    List<Arguments> arguments = new ArrayList<>();
    for (String scenario : new TreeMap<>(Scenarios.all()).keySet()) {
      for (ReportFormat format : ReportFormat.values()) {
        arguments.add(Arguments.of(scenario, format));
      }
    }
    return arguments;
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("scenariosAndFormats")
  void rendersAsReviewed(String scenario, ReportFormat format) throws IOException {
    Map<String, ScanResult> scenarios = Scenarios.all();
    StringWriter out = new StringWriter();
    format.renderer().render(scenarios.get(scenario), out);
    GoldenFiles.assertMatches(scenario + "." + format.fileExtension(), out.toString());
  }
}
