package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class SurefireExportTest {

  private final Map<String, String> files = new PlanExports().surefire(SamplePlans.plan());

  @Test
  void writesThePluginAndOneIncludesFilePerLaneWithClasses() {
    assertThat(files)
        .containsOnlyKeys(
            "surefire-plugin.xml",
            "surefire-profile.xml",
            "isolation-audit/lanes/own-jvm-1.txt",
            "isolation-audit/lanes/parallel.txt",
            "isolation-audit/lanes/serial.txt");
  }

  @Test
  void pluginIsWellFormedXmlWithOneExecutionPerLaneInStageOrder() throws Exception {
    Element plugin = parse(files.get("surefire-plugin.xml")).getDocumentElement();
    assertThat(plugin.getTagName()).isEqualTo("plugin");
    assertThat(text(plugin, "artifactId")).isEqualTo("maven-surefire-plugin");

    List<Element> executions = children(child(plugin, "executions"), "execution");
    List<String> ids = new ArrayList<>();
    for (Element execution : executions) {
      ids.add(text(execution, "id"));
    }
    assertThat(ids)
        .containsExactly("default-test", "lane-own-jvm-1", "lane-parallel", "lane-serial");
    // The default execution would run everything again.
    assertThat(text(executions.get(0), "phase")).isEqualTo("none");

    Element ownJvm = child(executions.get(1), "configuration");
    assertThat(text(ownJvm, "includesFile"))
        .isEqualTo("${project.basedir}/isolation-audit/lanes/own-jvm-1.txt");
    assertThat(text(ownJvm, "forkCount")).isEqualTo("1");
    assertThat(text(ownJvm, "reuseForks")).isEqualTo("false");
    assertThat(parameters(ownJvm))
        .containsOnly(Map.entry("junit.jupiter.execution.parallel.enabled", "false"));

    Element parallel = child(executions.get(2), "configuration");
    assertThat(text(parallel, "reuseForks")).isEqualTo("true");
    assertThat(parameters(parallel))
        .containsOnly(
            Map.entry("junit.jupiter.execution.parallel.enabled", "true"),
            Map.entry("junit.jupiter.execution.parallel.mode.default", "concurrent"),
            Map.entry("junit.jupiter.execution.parallel.mode.classes.default", "concurrent"),
            Map.entry("junit.jupiter.execution.parallel.config.strategy", "fixed"),
            Map.entry("junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));

    Element serial = child(executions.get(3), "configuration");
    assertThat(parameters(serial))
        .containsOnly(Map.entry("junit.jupiter.execution.parallel.enabled", "false"));
    for (Element execution : executions.subList(1, executions.size())) {
      String includesFile = text(child(execution, "configuration"), "includesFile");
      assertThat(files).containsKey(includesFile.substring("${project.basedir}/".length()));
    }
  }

  @Test
  void includesFilesListTopLevelClassesAndNameNestedClassesRunElsewhere() {
    assertThat(patterns(files.get("isolation-audit/lanes/parallel.txt")))
        .containsExactly(
            "com.example.AlphaTest",
            "com.example.BetaTest",
            "com.example.Outer",
            "com.example.Split");
    // Split$Nested runs where Split runs: the serial lane says so, and does not select Split.
    assertThat(files.get("isolation-audit/lanes/serial.txt"))
        .contains(
            "# com.example.Split$Nested runs with its enclosing class com.example.Split in lane parallel");
    assertThat(patterns(files.get("isolation-audit/lanes/serial.txt")))
        .containsExactly("com.example.GammaTest");
  }

  @Test
  void includesDirectoryIsAnOption() {
    Map<String, String> elsewhere =
        new PlanExports(ExportOptions.defaults().withIncludesDirectory("build/lanes"))
            .surefire(SamplePlans.plan());
    assertThat(elsewhere).containsKey("build/lanes/parallel.txt");
    assertThat(elsewhere.get("surefire-plugin.xml"))
        .contains("<includesFile>${project.basedir}/build/lanes/parallel.txt</includesFile>");
  }

  @Test
  void failsafeRunsTheLanesInIntegrationTestAndVerifiesOnce() throws Exception {
    Map<String, String> failsafe =
        new PlanExports(ExportOptions.defaults().withPlugin(TestPlugin.FAILSAFE))
            .surefire(SamplePlans.plan());
    assertThat(failsafe)
        .containsKey("failsafe-plugin.xml")
        .doesNotContainKey("surefire-plugin.xml");
    Element plugin = parse(failsafe.get("failsafe-plugin.xml")).getDocumentElement();
    assertThat(text(plugin, "artifactId")).isEqualTo("maven-failsafe-plugin");
    List<Element> executions = children(child(plugin, "executions"), "execution");
    List<String> goals = new ArrayList<>();
    for (Element execution : executions) {
      goals.add(text(execution, "id") + " " + text(child(execution, "goals"), "goal"));
    }
    assertThat(goals)
        .containsExactly(
            "lane-own-jvm-1 integration-test",
            "lane-parallel integration-test",
            "lane-serial integration-test",
            "verify-lanes verify");
    assertThat(text(executions.get(0), "phase")).isEqualTo("integration-test");
  }

  @Test
  void eachLaneHasItsOwnReportSuffixAndTheTestPropertyProfileUnbindsEveryLane() throws Exception {
    Element plugin = parse(files.get("surefire-plugin.xml")).getDocumentElement();
    List<String> lanes = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    for (Element execution : children(child(plugin, "executions"), "execution")) {
      if (text(execution, "id").startsWith("lane-")) {
        lanes.add(text(execution, "id"));
        suffixes.add(text(child(execution, "configuration"), "reportNameSuffix"));
      }
    }
    // Surefire's checksum ignores includesFile: without distinct suffixes it skips lanes.
    assertThat(suffixes).doesNotHaveDuplicates().hasSameSizeAs(lanes);

    Element profile = parse(files.get("surefire-profile.xml")).getDocumentElement();
    assertThat(text(child(child(profile, "activation"), "property"), "name")).isEqualTo("test");
    Element profiled = child(child(child(profile, "build"), "plugins"), "plugin");
    List<String> unbound = new ArrayList<>();
    String defaultPhase = null;
    for (Element execution : children(child(profiled, "executions"), "execution")) {
      if (text(execution, "id").equals("default-test")) {
        defaultPhase = text(execution, "phase");
      } else {
        assertThat(text(execution, "phase")).isEqualTo("none");
        unbound.add(text(execution, "id"));
      }
    }
    assertThat(unbound).containsExactlyElementsOf(lanes);
    assertThat(defaultPhase).isEqualTo("test");
  }

  /** The patterns Surefire reads: blank lines and lines starting with # are skipped. */
  private static List<String> patterns(String includesFile) {
    List<String> patterns = new ArrayList<>();
    for (String line : includesFile.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        patterns.add(trimmed);
      }
    }
    return patterns;
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<Object, Object> parameters(Element configuration) throws Exception {
    Element properties = child(configuration, "properties");
    Properties parsed = new Properties();
    parsed.load(new StringReader(text(properties, "configurationParameters")));
    return parsed;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
    return found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }
}
