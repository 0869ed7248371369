package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The exports applied to a real Maven project and run by the real build: the tests that ran are
 * counted against the tests that exist. The sample's tests race on two System properties. The plan
 * without locks has a parallel lane and two serial lanes whose executions differ only in their
 * includes files (the case where Surefire used to skip a lane); the default plan runs everything in
 * one parallel JVM under its locks provider, in its class order.
 */
class SurefireExportBuildTest {

  static final Path MAVEN =
      Path.of(System.getProperty("maven.home", ""), "bin", "mvn").toAbsolutePath();

  /** The sample, compiled once; each test works on a copy. */
  @TempDir static Path compiled;

  /** Every test of the sample, as a plain {@code mvn test} without the plan runs it. */
  private static Map<String, Integer> existing;

  @BeforeAll
  static void compileTheSampleAndRunItWithoutThePlan() throws Exception {
    assumeTrue(
        Files.isExecutable(MAVEN),
        "run by Maven, which passes maven.home; no Maven to run the sample's build");
    copy(
        Path.of(SurefireExportBuildTest.class.getResource("/sample-project/pom.xml").toURI())
            .getParent(),
        compiled);
    maven(compiled, "test");
    existing = ran(compiled);
    assertThat(existing.values()).containsOnly(1);
    assertThat(existing).hasSize(12);
    deleteReports(compiled);
  }

  @Test
  void everyLaneRunsAndEveryTestRunsExactlyOnce(@TempDir Path project) throws Exception {
    Path exports = applyPlan(project, "--without-locks", "--emit", "surefire");

    maven(project, "test");

    assertThat(ran(project)).isEqualTo(existing);
    List<String> lanes = lanes(exports);
    assertThat(lanes).contains("parallel", "serial-1", "serial-2");
    // Each lane's execution ran, and ran the classes the plan gave it.
    Map<String, Integer> inLanes = ranInLanes(project);
    for (String lane : lanes) {
      assertThat(inLanes.keySet())
          .as("tests run in lane %s", lane)
          .anyMatch(t -> t.contains("(" + lane + ")#"));
    }
    assertThat(inLanes)
        .containsKeys(
            "com.example.WriterTest(serial-2)#writes",
            "com.example.Writer2Test(serial-1)#writes",
            "com.example.ReaderTest(parallel)#reads");
  }

  @Test
  void aTestSelectedOnTheCommandLineRunsOnceNotOncePerLane(@TempDir Path project) throws Exception {
    applyPlan(project, "--without-locks", "--emit", "surefire");

    maven(project, "test", "-Dtest=WriterTest,AlphaTest");

    Map<String, Integer> expected = new TreeMap<>();
    existing.forEach(
        (test, count) -> {
          if (test.startsWith("com.example.WriterTest#")
              || test.startsWith("com.example.AlphaTest#")) {
            expected.put(test, count);
          }
        });
    assertThat(expected).hasSize(3);
    assertThat(ran(project)).isEqualTo(expected);
  }

  @Test
  void theShardsTogetherRunEveryTestExactlyOnce(@TempDir Path project) throws Exception {
    Path exports =
        applyPlan(
            project, "--without-locks", "--shards", "2", "--emit", "surefire,shard-selection");
    Map<String, Integer> total = new TreeMap<>();
    for (int shard = 1; shard <= 2; shard++) {
      // What a shard's machine does: its lanes' includes files replace the plan's.
      Path lanes = exports.resolve("shard-" + shard).resolve("lanes");
      try (Stream<Path> files = Files.list(lanes)) {
        for (Path file : files.toList()) {
          Files.copy(
              file,
              project.resolve("isolation-audit/lanes").resolve(file.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      maven(project, "test");
      Map<String, Integer> thisShard = ran(project);
      assertThat(thisShard).as("shard %d runs something", shard).isNotEmpty();
      thisShard.forEach((test, count) -> total.merge(test, count, Integer::sum));
      deleteReports(project);
    }

    assertThat(total).isEqualTo(existing);
  }

  @Test
  void theLockedPlanRunsEveryTestOnceInOneJvmUnderItsProviderAndOrder(@TempDir Path project)
      throws Exception {
    Path exports =
        applyPlan(
            project,
            "--emit",
            "surefire,junit-properties,locks-provider,class-order",
            "-f",
            "json",
            "-o",
            project.resolve("plan.json").toString());
    // What the exports' comments ask for: the orderer in the test sources and the properties in
    // the test resources; the locks provider written and declared on the classes it has locks for
    // by isolation-audit fix, with no hand edit.
    Files.createDirectories(project.resolve("src/test/java/isolationaudit"));
    Files.copy(
        exports.resolve("isolationaudit/PlanOrder.java"),
        project.resolve("src/test/java/isolationaudit/PlanOrder.java"));
    Files.createDirectories(project.resolve("src/test/resources"));
    Files.copy(
        exports.resolve("junit-platform.properties"),
        project.resolve("src/test/resources/junit-platform.properties"));
    String properties = Files.readString(exports.resolve("junit-platform.properties"));
    assertThat(properties)
        .contains("junit.jupiter.execution.parallel.enabled=true")
        .contains("junit.jupiter.testclass.order.default=isolationaudit.PlanOrder");
    String fixed =
        run("fix", "--workers", "2", "--locks-provider", project.resolve("target").toString());
    assertThat(fixed).contains("4 edits applied to 5 files");
    // The provider fix wrote is the one the plan exports.
    assertThat(project.resolve("src/test/java/isolationaudit/PlanLocks.java"))
        .hasSameTextualContentAs(exports.resolve("isolationaudit/PlanLocks.java"));
    for (String name : List.of("WriterTest", "Writer2Test", "ReaderTest", "Reader2Test")) {
      assertThat(project.resolve("src/test/java/com/example/" + name + ".java"))
          .content()
          .contains("@ResourceLock(providers = PlanLocks.class)\nclass " + name + " {");
    }

    String output = maven(project, "test");

    // One lane, one JVM: every test ran exactly once in it.
    assertThat(lanes(exports)).containsExactly("parallel");
    assertThat(ran(project)).isEqualTo(existing);
    assertThat(ranInLanes(project).keySet()).allMatch(t -> t.contains("(parallel)#"));
    assertThat(project.resolve("target/test-classes/isolationaudit/PlanOrder.class")).exists();
    assertThat(project.resolve("target/test-classes/isolationaudit/PlanLocks.class")).exists();
    // JUnit loaded the orderer (it warns when it cannot) and the provider (it fails otherwise).
    assertThat(output).doesNotContain("PlanOrder").doesNotContain("PlanLocks");
    // The plan starts as many JVMs as it has lanes, never more at once than it advises.
    var plan =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(project.resolve("plan.json").toFile())
            .get("plan");
    assertThat(plan.get("predicted").get("jvmStarts").asInt()).isEqualTo(1);
    for (var stage : plan.get("stages")) {
      assertThat(stage.get("lanes").size())
          .isLessThanOrEqualTo(plan.get("recommendation").get("jvms").asInt());
    }
    assertThat(plan.get("classOrder")).hasSize(8);
  }

  @Test
  void aLaneOfSingleMethodsRunsThemAndTheLaneOfTheirClassesRunsTheRest(@TempDir Path project)
      throws Exception {
    // The plan's lane apart (commons-dbcp2's JMX observers) as the export writes it for the
    // sample: two methods of two classes in a serial JVM of their own, the rest of those classes
    // in the parallel lane with everything else.
    Path exports = applyTwoLanePlan(project);
    assertThat(exports.resolve("isolation-audit/lanes/apart.txt"))
        .content()
        .contains("com.example.AlphaTest#one\n")
        .contains("com.example.BetaTest#two\n");

    maven(project, "test");

    assertThat(ran(project)).isEqualTo(existing);
    Map<String, Integer> inLanes = ranInLanes(project);
    assertThat(inLanes)
        .containsKeys(
            "com.example.AlphaTest(apart)#one",
            "com.example.BetaTest(apart)#two",
            "com.example.AlphaTest(parallel)#two",
            "com.example.BetaTest(parallel)#one",
            "com.example.WriterTest(parallel)#writes");
    assertThat(inLanes.keySet().stream().filter(t -> t.contains("(apart)#"))).hasSize(2);
  }

  @Test
  void theLanesOfAStageRunSideBySideAsTwoMavenProcesses(@TempDir Path project) throws Exception {
    // What the plan's prediction assumes of the lanes of one stage, done with Maven: compile once,
    // then one process per lane execution (surefire:test@lane-NAME), started together.
    applyTwoLanePlan(project);
    maven(project, "test-compile");
    List<Process> lanes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (String lane : List.of("parallel", "apart")) {
      Path log = Files.createTempFile("maven-" + lane, ".log");
      logs.add(log);
      lanes.add(
          new ProcessBuilder(mavenCommand(project, "surefire:test@lane-" + lane))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(project.toFile())
              .start());
    }
    // They overlap: the first had not ended when the second started (a Maven start takes
    // seconds).
    assertThat(lanes.get(0).isAlive()).isTrue();
    for (int i = 0; i < lanes.size(); i++) {
      assertThat(lanes.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
      String output = Files.readString(logs.get(i));
      assertThat(lanes.get(i).exitValue()).as(output).isZero();
      System.out.println("sample build, a lane a process: " + testsRun(output));
      Files.delete(logs.get(i));
    }

    assertThat(ran(project)).isEqualTo(existing);
    assertThat(ranInLanes(project).keySet().stream().filter(t -> t.contains("(apart)#")))
        .hasSize(2);
  }

  @Test
  void theGithubMatrixShardsTogetherRunEveryTestExactlyOnce(@TempDir Path project)
      throws Exception {
    copy(compiled, project);
    Path exports = project.resolve("exports");
    plan(project, "--shards", "2", "--emit", "github-matrix", "--emit-dir", exports.toString());
    var matrix =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(exports.resolve("matrix.json").toFile())
            .get("include");
    assertThat(matrix).hasSize(2);
    Map<String, Integer> total = new TreeMap<>();
    for (var shard : matrix) {
      // What a matrix job does with its entry: mvn test -Dtest=${{ matrix.surefire }}.
      maven(project, "test", "-Dtest=" + shard.get("surefire").asText());
      Map<String, Integer> thisShard = ran(project);
      assertThat(thisShard).as("shard %s", shard.get("shard")).isNotEmpty();
      thisShard.forEach((test, count) -> total.merge(test, count, Integer::sum));
      deleteReports(project);
    }
    assertThat(total).isEqualTo(existing);
  }

  // ---- the steps a user takes ------------------------------------------------------------------

  /**
   * A plan of two lanes for the sample, as the planner makes for commons-dbcp2's JMX observers: two
   * methods of two classes in a serial JVM of their own ({@code apart}), the rest of those classes
   * with everything else in the parallel lane; its surefire export applied to a compiled copy.
   */
  private static Path applyTwoLanePlan(Path project) throws Exception {
    copy(compiled, project);
    List<String> classes =
        existing.keySet().stream().map(t -> t.substring(0, t.indexOf('#'))).distinct().toList();
    List<String> apartMethods = List.of("com.example.AlphaTest#one", "com.example.BetaTest#two");
    var parallel =
        new io.github.isolationaudit.model.plan.Plan.Lane(
            "parallel",
            io.github.isolationaudit.model.plan.Plan.Mode.PARALLEL,
            io.github.isolationaudit.model.plan.Plan.Jvm.SHARED,
            List.of(),
            classes,
            List.of(),
            1.0,
            "the rest");
    var apart =
        new io.github.isolationaudit.model.plan.Plan.Lane(
            "apart",
            io.github.isolationaudit.model.plan.Plan.Mode.SERIAL,
            io.github.isolationaudit.model.plan.Plan.Jvm.SHARED,
            List.of(),
            List.of("com.example.AlphaTest", "com.example.BetaTest"),
            apartMethods,
            0.2,
            "writers apart",
            apartMethods);
    var plan =
        new io.github.isolationaudit.model.plan.Plan(
            2,
            List.of(parallel, apart),
            List.of(
                new io.github.isolationaudit.model.plan.Plan.Stage(
                    List.of("parallel", "apart"), 1.0)),
            new io.github.isolationaudit.model.plan.Plan.Prediction(1, 1, 1.2, 1.2, 1, 1),
            List.of(),
            List.of(),
            List.of(),
            new io.github.isolationaudit.model.plan.Plan.DurationSource(List.of(), 0, 12, 0.1),
            List.of());
    Path exports = project.resolve("exports");
    new io.github.isolationaudit.reports.export.PlanExports()
        .files(io.github.isolationaudit.reports.export.Export.SUREFIRE, plan)
        .forEach(
            (name, text) -> {
              try {
                Files.createDirectories(exports.resolve(name).getParent());
                Files.writeString(exports.resolve(name), text);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    applyExports(project, exports);
    return exports;
  }

  /**
   * Plans the compiled copy of the sample with isolation-audit, and applies the surefire export as
   * its comments say: the plugin into the build's plugins, the profile into the profiles, the
   * includes files next to the pom.
   */
  private static Path applyPlan(Path project, String... emit) throws Exception {
    copy(compiled, project);
    Path exports = project.resolve("exports");
    List<String> args = new ArrayList<>(List.of(emit));
    args.addAll(List.of("--emit-dir", exports.toString()));
    String out = plan(project, args.toArray(String[]::new));
    if (args.contains("--without-locks")) {
      assertThat(out).contains("serial-1").contains("serial-2");
    }

    applyExports(project, exports);
    return exports;
  }

  /**
   * Applies a surefire export as its comments say: the plugin into the build's plugins, the profile
   * into the profiles, the includes files next to the pom.
   */
  private static void applyExports(Path project, Path exports) throws IOException {
    copy(exports.resolve("isolation-audit"), project.resolve("isolation-audit"));
    Path pom = project.resolve("pom.xml");
    String text = Files.readString(pom);
    assertThat(text).contains("<!-- PLAN -->").contains("<!-- PROFILES -->");
    text =
        text.replace("<!-- PLAN -->", Files.readString(exports.resolve("surefire-plugin.xml")))
            .replace(
                "<!-- PROFILES -->",
                "<profiles>\n"
                    + Files.readString(exports.resolve("surefire-profile.xml"))
                    + "</profiles>");
    Files.writeString(pom, text);
  }

  /** Runs isolation-audit plan on the project's target/ on 2 workers; returns its stdout. */
  private static String plan(Path project, String... more) {
    List<String> args = new ArrayList<>(List.of("plan", "-q", "--workers", "2"));
    args.add(project.resolve("target").toString());
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(exit).as("plan: %s", err).isZero();
    return out.toString();
  }

  /** Runs isolation-audit; fails unless it exits 0; returns its stdout. */
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(exit).as("%s: %s", List.of(args), err).isZero();
    return out.toString();
  }

  private static List<String> lanes(Path exports) throws IOException {
    try (Stream<Path> files = Files.list(exports.resolve("isolation-audit/lanes"))) {
      return files
          .map(p -> p.getFileName().toString().replaceFirst("\\.txt$", ""))
          .filter(name -> !name.endsWith("-excludes"))
          .sorted()
          .toList();
    }
  }

  /** Runs Maven on the project, offline from the outer build's repository; fails on failure. */
  static String maven(Path project, String... goals) throws Exception {
    List<String> command = mavenCommand(project, goals);
    Path log = Files.createTempFile("maven", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(project.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("Maven did not finish in 5 minutes: " + command);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
      assertThat(output).doesNotContain("has already been run for this configuration");
      System.out.println("sample build " + goals(goals) + ": " + testsRun(output));
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The Maven command line for these goals on the project, offline, batch mode. */
  static List<String> mavenCommand(Path project, String... goals) {
    List<String> command = new ArrayList<>(List.of(MAVEN.toString(), "-B", "-ntp", "-o"));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null && !repo.isBlank()) {
      command.add("-Dmaven.repo.local=" + repo);
    }
    command.add("-f");
    command.add(project.resolve("pom.xml").toString());
    command.addAll(List.of(goals));
    return command;
  }

  private static String goals(String... goals) {
    return String.join(" ", goals);
  }

  /**
   * Each Surefire execution of a build with the tests it ran, from Maven's log: {@code
   * lane-serial-1 3, lane-parallel 7}, so the build's own figures are on record in the outer test's
   * output.
   */
  static String testsRun(String output) {
    List<String> runs = new ArrayList<>();
    String execution = "?";
    for (String line : output.split("\\R")) {
      int at = line.indexOf("--- surefire:");
      if (at >= 0) {
        int open = line.indexOf('(', at);
        int close = line.indexOf(')', open + 1);
        execution = open >= 0 && close > open ? line.substring(open + 1, close) : "?";
      } else if (line.contains("Tests run:") && !line.contains(" -- in ")) {
        String count = line.substring(line.indexOf("Tests run:") + 10).trim();
        runs.add(execution + " " + count.substring(0, count.indexOf(',')));
        execution = "?";
      }
    }
    return runs.isEmpty() ? "no tests ran" : String.join(", ", runs);
  }

  /** How often each test ran, by class#method, from the Surefire XML reports of the last build. */
  static Map<String, Integer> ran(Path project) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    ranInLanes(project)
        .forEach(
            (test, count) ->
                counts.merge(test.replaceFirst("\\(.*\\)#", "#"), count, Integer::sum));
    return counts;
  }

  /**
   * How often each test ran, by class(lane)#method: a lane's reportNameSuffix is appended to the
   * class name in its reports.
   */
  private static Map<String, Integer> ranInLanes(Path project) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    Path reports = project.resolve("target/surefire-reports");
    if (!Files.isDirectory(reports)) {
      return counts;
    }
    List<Path> xml;
    try (Stream<Path> files = Files.list(reports)) {
      xml = files.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList();
    }
    for (Path file : xml) {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList cases =
          factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        counts.merge(c.getAttribute("classname") + "#" + c.getAttribute("name"), 1, Integer::sum);
      }
    }
    return counts;
  }

  static void deleteReports(Path project) throws IOException {
    Path reports = project.resolve("target/surefire-reports");
    if (Files.isDirectory(reports)) {
      try (Stream<Path> files = Files.walk(reports)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
