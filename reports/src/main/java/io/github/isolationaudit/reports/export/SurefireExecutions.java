package io.github.isolationaudit.reports.export;

import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.model.plan.Plan.Lane;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code maven-surefire-plugin} or {@code maven-failsafe-plugin} snippet with one execution per
 * lane, and the lanes' includes files.
 *
 * <p>What it relies on in Surefire 3: {@code includesFile} lines are patterns, blank lines and
 * lines starting with {@code #} are skipped, and a fully qualified class name {@code a.b.C} selects
 * {@code a/b/C.class}; an empty includes file falls back to the default includes, so a lane without
 * classes gets no execution. Class files with a {@code $} are excluded by default, and the JUnit
 * Platform finds a {@code @Nested} class through its enclosing class, so a lane lists top-level
 * classes. {@code configurationParameters} inside {@code <properties>} are JUnit Platform
 * configuration parameters in {@code Properties} syntax; they override {@code
 * junit-platform.properties}. Surefire skips an execution whose configuration it has already run in
 * the build, and its checksum of the configuration leaves {@code includesFile} out: two lanes that
 * differ only in their includes files would run one of them, so each lane gets its own {@code
 * reportNameSuffix}, which also keeps their report files apart. {@code -Dtest} replaces every
 * execution's includes, so every lane would run the selected tests once more: the profile that
 * {@code -Dtest} activates unbinds the lanes and runs the selection once. Failsafe reads the same
 * parameters; each {@code integration-test} execution merges its results into the one summary file
 * when an earlier one of the same build wrote it, so one {@code verify} execution judges all lanes.
 * Each lane has its own {@code tempDir}: Surefire deletes its temporary directory when a run ends,
 * which broke a lane started beside another in the same module.
 */
final class SurefireExecutions {

  /** The snippet's file name: {@code surefire-plugin.xml} or {@code failsafe-plugin.xml}. */
  static String pluginFile(TestPlugin plugin) {
    return plugin == TestPlugin.SUREFIRE ? "surefire-plugin.xml" : "failsafe-plugin.xml";
  }

  /** The profile's file name: {@code surefire-profile.xml} or {@code failsafe-profile.xml}. */
  static String profileFile(TestPlugin plugin) {
    return plugin == TestPlugin.SUREFIRE ? "surefire-profile.xml" : "failsafe-profile.xml";
  }

  private SurefireExecutions() {}

  static SortedMap<String, String> render(Plan plan, ExportOptions options) {
    SortedMap<String, String> files = new TreeMap<>();
    List<Lane> lanes = Text.lanesInRunOrder(plan);
    Map<String, String> owners = topLevelOwners(lanes);
    TestPlugin plugin = options.plugin();
    StringBuilder xml = new StringBuilder();
    xml.append("<!-- ").append(Text.GENERATED).append("; regenerate it rather than edit it.\n");
    xml.append(
        "     Put this plugin in the <build><plugins> of the module the plan covers, in place\n");
    xml.append("     of any ")
        .append(plugin.artifactId())
        .append(" executions there, and the includes files in\n");
    xml.append("     ")
        .append(Text.xmlComment(options.includesDirectory()))
        .append("/ next to its pom.xml.\n");
    xml.append("     Assumes ")
        .append(plugin.artifactId())
        .append(" 3.x and JUnit Jupiter 5.12 or newer.\n");
    xml.append("     Maven runs the executions one after another in this order, stage by stage;\n");
    xml.append(
        "     lanes of one stage do not run side by side here. For that, compile once and start\n");
    xml.append("     a process per lane of the stage, or a CI job each: mvn test-compile, then\n");
    xml.append("     mvn ")
        .append(plugin == TestPlugin.SUREFIRE ? "surefire:test" : "failsafe:integration-test")
        .append("@lane-NAME for each. Includes configured on the plugin are\n");
    xml.append("     added to every lane's. Put the\n");
    xml.append("     profile of ")
        .append(profileFile(plugin))
        .append(" in <profiles>: with -D")
        .append(plugin.testProperty())
        .append("=... it runs the\n");
    xml.append("     selected tests once, in one execution, instead of once in every lane. -->\n");
    xml.append("<plugin>\n");
    xml.append("  <groupId>org.apache.maven.plugins</groupId>\n");
    xml.append("  <artifactId>").append(plugin.artifactId()).append("</artifactId>\n");
    xml.append("  <executions>\n");
    if (plugin == TestPlugin.SUREFIRE) {
      xml.append(
          "    <!-- Surefire's own execution would run every test once more: unbound. -->\n");
      xml.append("    <execution>\n");
      xml.append("      <id>default-test</id>\n");
      xml.append("      <phase>none</phase>\n");
      xml.append("    </execution>\n");
    }
    int workers = Math.max(1, plan.workers());
    List<String> executionIds = new ArrayList<>();
    for (Lane lane : lanes) {
      String name = Text.fileName(lane.name());
      List<String> classes = selected(lane, owners);
      if (classes.isEmpty()) {
        xml.append("    <!-- Lane ")
            .append(Text.xmlComment(lane.name()))
            .append(" selects no class of its own: no execution, since an empty includes file")
            .append(" would run every test. -->\n");
        continue;
      }
      String includesFile = options.includesDirectory() + "/" + name + ".txt";
      files.put(includesFile, includes(plan, lane, classes, owners));
      int stage = Text.stageOf(plan, lane.name());
      xml.append("    <!-- ").append(Text.xmlComment(describe(lane, stage))).append(" -->\n");
      executionIds.add("lane-" + name);
      xml.append("    <execution>\n");
      xml.append("      <id>lane-").append(Text.xml(name)).append("</id>\n");
      xml.append("      <phase>").append(plugin.phase()).append("</phase>\n");
      xml.append("      <goals>\n");
      xml.append("        <goal>").append(plugin.goal()).append("</goal>\n");
      xml.append("      </goals>\n");
      xml.append("      <configuration>\n");
      xml.append("        <includesFile>${project.basedir}/")
          .append(Text.xml(includesFile))
          .append("</includesFile>\n");
      List<String> elsewhere = methodLines(plan.methodsRunElsewhere(lane));
      if (!elsewhere.isEmpty()) {
        String excludesFile = options.includesDirectory() + "/" + name + "-excludes.txt";
        files.put(excludesFile, excludes(lane, elsewhere));
        xml.append("        <excludesFile>${project.basedir}/")
            .append(Text.xml(excludesFile))
            .append("</excludesFile>\n");
      }
      // Its own suffix makes each lane's configuration differ beyond its includes file, so
      // Surefire runs every lane, and keeps the lanes' report files apart.
      xml.append("        <reportNameSuffix>")
          .append(Text.xml(name))
          .append("</reportNameSuffix>\n");
      // Lanes started side by side as processes of one module would share Surefire's temporary
      // directory under target/, which each run deletes when it ends: the other lane's fork then
      // fails to start (SUREFIRE-1297). Each lane gets its own.
      xml.append("        <tempDir>surefire-lane-").append(Text.xml(name)).append("</tempDir>\n");
      xml.append("        <forkCount>1</forkCount>\n");
      xml.append("        <reuseForks>")
          .append(lane.jvm() == Plan.Jvm.OWN ? "false" : "true")
          .append("</reuseForks>\n");
      xml.append("        <properties>\n");
      xml.append("          <configurationParameters>\n");
      if (lane.mode() == Plan.Mode.PARALLEL) {
        for (Map.Entry<String, String> parameter :
            PlanExports.parallelParameters(workers).entrySet()) {
          xml.append("            ")
              .append(parameter.getKey())
              .append('=')
              .append(parameter.getValue())
              .append('\n');
        }
      } else {
        xml.append("            junit.jupiter.execution.parallel.enabled=false\n");
      }
      xml.append("          </configurationParameters>\n");
      xml.append("        </properties>\n");
      xml.append("      </configuration>\n");
      xml.append("    </execution>\n");
    }
    if (plugin == TestPlugin.FAILSAFE) {
      xml.append(
          "    <!-- Fails the build on the results of every lane, which the lanes merge. -->\n");
      xml.append("    <execution>\n");
      xml.append("      <id>verify-lanes</id>\n");
      xml.append("      <goals>\n");
      xml.append("        <goal>verify</goal>\n");
      xml.append("      </goals>\n");
      xml.append("    </execution>\n");
    }
    xml.append("  </executions>\n");
    xml.append("</plugin>\n");
    files.put(pluginFile(plugin), xml.toString());
    files.put(profileFile(plugin), profile(plugin, executionIds));
    return files;
  }

  /**
   * A profile that {@code -Dtest} (Failsafe: {@code -Dit.test}) activates: it unbinds every lane
   * and runs the selection once, as the plugin would without the plan.
   */
  private static String profile(TestPlugin plugin, List<String> laneExecutions) {
    StringBuilder xml = new StringBuilder();
    xml.append("<!-- ").append(Text.GENERATED).append("; regenerate it rather than edit it.\n");
    xml.append("     Put this profile in the <profiles> of the pom that holds ")
        .append(pluginFile(plugin))
        .append(".\n");
    xml.append("     -D")
        .append(plugin.testProperty())
        .append("=... replaces the includes of every lane, so each lane would run the\n");
    xml.append("     selected tests again: this profile runs them once instead. -->\n");
    xml.append("<profile>\n");
    xml.append("  <id>isolation-audit-selected-tests</id>\n");
    xml.append("  <activation>\n");
    xml.append("    <property>\n");
    xml.append("      <name>").append(plugin.testProperty()).append("</name>\n");
    xml.append("    </property>\n");
    xml.append("  </activation>\n");
    xml.append("  <build>\n");
    xml.append("    <plugins>\n");
    xml.append("      <plugin>\n");
    xml.append("        <groupId>org.apache.maven.plugins</groupId>\n");
    xml.append("        <artifactId>").append(plugin.artifactId()).append("</artifactId>\n");
    xml.append("        <executions>\n");
    if (plugin == TestPlugin.SUREFIRE) {
      xml.append("          <execution>\n");
      xml.append("            <id>default-test</id>\n");
      xml.append("            <phase>test</phase>\n");
      xml.append("          </execution>\n");
    } else {
      xml.append("          <execution>\n");
      xml.append("            <id>selected-tests</id>\n");
      xml.append("            <phase>integration-test</phase>\n");
      xml.append("            <goals>\n");
      xml.append("              <goal>integration-test</goal>\n");
      xml.append("            </goals>\n");
      xml.append("          </execution>\n");
    }
    for (String id : laneExecutions) {
      xml.append("          <execution>\n");
      xml.append("            <id>").append(Text.xml(id)).append("</id>\n");
      xml.append("            <phase>none</phase>\n");
      xml.append("          </execution>\n");
    }
    xml.append("        </executions>\n");
    xml.append("      </plugin>\n");
    xml.append("    </plugins>\n");
    xml.append("  </build>\n");
    xml.append("</profile>\n");
    return xml.toString();
  }

  private static String describe(Lane lane, int stage) {
    StringBuilder sb = new StringBuilder("Lane ").append(lane.name()).append(": ");
    sb.append(lane.mode() == Plan.Mode.PARALLEL ? "parallel" : "one test at a time");
    sb.append(lane.jvm() == Plan.Jvm.OWN ? ", a new JVM for each test class" : ", one JVM");
    int classes = lane.classes().size();
    if (!lane.methods().isEmpty()) {
      int methods = lane.methods().size();
      sb.append(", ").append(methods).append(methods == 1 ? " method of " : " methods of ");
      sb.append(classes).append(classes == 1 ? " class, " : " classes, ");
    } else {
      sb.append(", ").append(classes).append(classes == 1 ? " class, " : " classes, ");
    }
    sb.append(Text.seconds(lane.seconds())).append(" s");
    if (stage > 0) {
      sb.append(", stage ").append(stage);
    }
    if (lane.reason() != null && !lane.reason().isBlank()) {
      sb.append(". ").append(lane.reason().replace('\n', ' '));
    }
    return sb.toString();
  }

  private static String includes(
      Plan plan, Lane lane, List<String> classes, Map<String, String> owners) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Text.GENERATED);
    if (lane.methods().isEmpty()) {
      out.append(": the classes of lane ").append(oneLine(lane.name())).append(", one a line.\n");
    } else {
      out.append(": the test methods of lane ").append(oneLine(lane.name()));
      out.append(", a class a line (Class#method+method).\n");
    }
    List<String> shared = new ArrayList<>();
    for (String name : lane.classes()) {
      String top = Text.topLevel(name);
      String owner = owners.get(top);
      if (!name.equals(top) && owner != null && !owner.equals(lane.name())) {
        shared.add(name + " runs with its enclosing class " + top + " in lane " + owner);
      }
    }
    for (String note : shared) {
      out.append("# ").append(oneLine(note)).append('\n');
    }
    for (String name : classes) {
      out.append(name).append('\n');
    }
    return out.toString();
  }

  /**
   * The top-level classes each lane's execution selects, in run order, for the lanes that select
   * any: what its includes file lists.
   */
  static Map<String, List<String>> selections(Plan plan) {
    List<Lane> lanes = Text.lanesInRunOrder(plan);
    Map<String, String> owners = topLevelOwners(lanes);
    Map<String, List<String>> selections = new LinkedHashMap<>();
    for (Lane lane : lanes) {
      List<String> classes = selected(lane, owners);
      if (!classes.isEmpty()) {
        selections.put(lane.name(), classes);
      }
    }
    return selections;
  }

  /**
   * The lines of a lane's includes file: its top-level classes that no other lane runs, or, for a
   * lane that selects methods, a {@code a.b.C#m1+m2} line for each of its classes.
   */
  private static List<String> selected(Lane lane, Map<String, String> owners) {
    if (!lane.methods().isEmpty()) {
      return methodLines(lane.methods());
    }
    List<String> classes = new ArrayList<>();
    for (String top : Text.topLevelClasses(lane.classes())) {
      // A lane that holds only nested classes of a class another lane runs cannot select them.
      if (lane.name().equals(owners.get(top))) {
        classes.add(top);
      }
    }
    return classes;
  }

  /**
   * The lane that runs each top-level class: the lane that lists the class itself, else the first
   * lane in run order that lists one of its nested classes.
   */
  private static Map<String, String> topLevelOwners(List<Lane> lanes) {
    Map<String, String> owners = new TreeMap<>();
    // A lane that selects methods owns no class: the class's own lane runs the rest of it.
    lanes = lanes.stream().filter(l -> l.methods().isEmpty()).toList();
    for (Lane lane : lanes) {
      for (String name : lane.classes()) {
        if (name.equals(Text.topLevel(name))) {
          owners.putIfAbsent(name, lane.name());
        }
      }
    }
    for (Lane lane : lanes) {
      for (String name : lane.classes()) {
        owners.putIfAbsent(Text.topLevel(name), lane.name());
      }
    }
    return owners;
  }

  /**
   * Surefire's method filter lines, a class a line: {@code a.b.C#m1+m2} for methods {@code
   * a.b.C#m1} and {@code a.b.C#m2}.
   */
  static List<String> methodLines(List<String> methods) {
    Map<String, List<String>> byClass = new TreeMap<>();
    for (String m : methods) {
      int hash = m.indexOf('#');
      byClass
          .computeIfAbsent(m.substring(0, hash), k -> new ArrayList<>())
          .add(m.substring(hash + 1));
    }
    List<String> lines = new ArrayList<>();
    byClass.forEach((cls, names) -> lines.add(cls + "#" + String.join("+", names)));
    return lines;
  }

  /**
   * The excludes file of a lane whose classes have methods another lane runs. Naming an excludes
   * file drops Surefire's default excludes, so it repeats them: {@code **}{@code /*$*}, the nested
   * and inner classes, which run with their enclosing class.
   */
  private static String excludes(Lane lane, List<String> methodLines) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Text.GENERATED).append(": what lane ").append(oneLine(lane.name()));
    out.append(" leaves out. Surefire's default excludes (nested and inner classes)\n");
    out.append("# first, which an excludes file replaces; then the methods other lanes run.\n");
    out.append("**/*$*\n");
    methodLines.forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
