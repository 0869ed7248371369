package io.github.isolationaudit.analyzer.config;

import static io.github.isolationaudit.analyzer.config.SecureXml.child;
import static io.github.isolationaudit.analyzer.config.SecureXml.children;
import static io.github.isolationaudit.analyzer.config.SecureXml.localName;
import static io.github.isolationaudit.analyzer.config.SecureXml.path;
import static io.github.isolationaudit.analyzer.config.SecureXml.text;

import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Tristate;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The test-related parts of one {@code pom.xml}: Surefire and Failsafe configuration in {@code
 * <build>} and in each {@code <profile>}, the {@code <properties>} they refer to, and whether
 * TestNG is a dependency.
 *
 * <p>The parent pom is never available to us (a test jar carries only its own pom, and discovery
 * reads only the pom beside {@code target/}), so when the pom names a {@code <parent>}, a Surefire
 * setting it does not set itself may be inherited and stays unknown. Property references resolve
 * from the pom's own {@code <properties>} (and a profile's, for that profile) and are otherwise
 * unknown; {@code -DforkCount=...} on the command line of CI is not visible either.
 */
final class MavenPom {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  /** The plugins that launch tests. */
  enum Runner {
    SUREFIRE("surefire", "maven-surefire-plugin"),
    FAILSAFE("failsafe", "maven-failsafe-plugin");

    final String label;
    final String artifactId;

    Runner(String label, String artifactId) {
      this.label = label;
      this.artifactId = artifactId;
    }
  }

  /**
   * One plugin declaration.
   *
   * @param config the plugin-level configuration, flattened ({@code systemPropertyVariables.k})
   * @param executions execution id to its own flattened configuration
   */
  private record Declaration(
      Map<String, String> config, Map<String, Map<String, String>> executions) {}

  /** The main build or one profile. */
  private record Layer(
      String profile,
      Map<String, String> properties,
      Map<Runner, Declaration> plugins,
      Map<Runner, Declaration> managed) {}

  private final String path;
  private final boolean hasParent;
  private final boolean testng;
  private final Layer main;
  private final List<Layer> profiles;

  private MavenPom(
      String path, boolean hasParent, boolean testng, Layer main, List<Layer> profiles) {
    this.path = path;
    this.hasParent = hasParent;
    this.testng = testng;
    this.main = main;
    this.profiles = profiles;
  }

  /**
   * Reads a pom, or returns null after adding a problem when it is not well-formed XML. Every raw
   * Surefire/Failsafe setting goes into {@code settings}, keyed after {@code prefix}.
   */
  static MavenPom read(
      String path,
      String prefix,
      byte[] bytes,
      Collection<Problem> problems,
      Map<String, String> settings) {
    Document doc;
    try {
      doc = SecureXml.parse(bytes, false);
    } catch (org.xml.sax.SAXException e) {
      problems.add(new Problem(Problem.Kind.UNPARSABLE_SOURCE, path, SecureXml.describe(e)));
      return null;
    }
    Element project = doc.getDocumentElement();
    if (!"project".equals(localName(project))) {
      problems.add(
          new Problem(
              Problem.Kind.UNPARSABLE_SOURCE,
              path,
              "not a Maven pom: the root element is <" + localName(project) + ">, not <project>"));
      return null;
    }
    boolean testng = declaresTestng(project);
    Layer main = layer(null, project, prefix + ":", settings);
    List<Layer> profiles = new ArrayList<>();
    for (Element p : children(child(project, "profiles"), "profile")) {
      String id = text(child(p, "id"));
      id = id == null || id.isEmpty() ? "profile" + profiles.size() : id;
      testng |= declaresTestng(p);
      profiles.add(layer(id, p, prefix + ":profile[" + id + "].", settings));
    }
    MavenPom pom = new MavenPom(path, child(project, "parent") != null, testng, main, profiles);
    pom.recordReferencedProperties(prefix, settings);
    return pom;
  }

  /** Whether a TestNG dependency is declared, which makes Surefire use its TestNG provider. */
  boolean usesTestng() {
    return testng;
  }

  private static boolean declaresTestng(Element projectOrProfile) {
    for (Element d : children(child(projectOrProfile, "dependencies"), "dependency")) {
      if ("org.testng".equals(text(child(d, "groupId")))) {
        return true;
      }
    }
    return false;
  }

  private static Layer layer(
      String profile, Element from, String prefix, Map<String, String> settings) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (Element p : children(child(from, "properties"), null)) {
      properties.put(localName(p), text(p));
    }
    Element build = child(from, "build");
    Map<Runner, Declaration> plugins = declarations(path(build, "plugins"), prefix, settings);
    Map<Runner, Declaration> managed =
        declarations(
            path(build, "pluginManagement", "plugins"), prefix + "pluginManagement.", settings);
    return new Layer(profile, properties, plugins, managed);
  }

  private static Map<Runner, Declaration> declarations(
      Element plugins, String prefix, Map<String, String> settings) {
    Map<Runner, Declaration> out = new LinkedHashMap<>();
    for (Element plugin : children(plugins, "plugin")) {
      String group = text(child(plugin, "groupId"));
      String artifact = text(child(plugin, "artifactId"));
      if (group != null && !group.equals("org.apache.maven.plugins")) {
        continue;
      }
      for (Runner runner : Runner.values()) {
        if (runner.artifactId.equals(artifact)) {
          String at = prefix + runner.label + ".";
          Map<String, String> config = flatten(child(plugin, "configuration"));
          config.forEach((k, v) -> settings.put(at + k, v));
          Map<String, Map<String, String>> executions = new LinkedHashMap<>();
          for (Element ex : children(child(plugin, "executions"), "execution")) {
            String id = text(child(ex, "id"));
            id = id == null || id.isEmpty() ? "default" : id;
            Map<String, String> exConfig = flatten(child(ex, "configuration"));
            String exAt = prefix + runner.label + ".execution[" + id + "].";
            exConfig.forEach((k, v) -> settings.put(exAt + k, v));
            executions.merge(id, exConfig, MavenPom::overlay);
          }
          out.merge(
              runner,
              new Declaration(config, executions),
              (a, b) -> new Declaration(overlay(a.config, b.config), a.executions));
        }
      }
    }
    return out;
  }

  /** Simple parameters read from a plugin's configuration. */
  private static final List<String> PARAMETERS =
      List.of(
          "forkCount",
          "reuseForks",
          "forkMode",
          "parallel",
          "threadCount",
          "groups",
          "excludedGroups",
          "argLine",
          "configurationParameters");

  /**
   * Flattens a configuration element. Maven merges nested configuration element by element, so a
   * flat map merged key by key is a faithful picture for the parameters read here.
   */
  private static Map<String, String> flatten(Element configuration) {
    Map<String, String> out = new LinkedHashMap<>();
    if (configuration == null) {
      return out;
    }
    for (String name : PARAMETERS) {
      String value = text(child(configuration, name));
      if (value != null) {
        out.put(name, value);
      }
    }
    for (Element e : children(child(configuration, "systemPropertyVariables"), null)) {
      out.put("systemPropertyVariables." + localName(e), text(e));
    }
    // The older systemProperties parameter, written as <property><name/><value/></property>.
    for (Element e : children(child(configuration, "systemProperties"), "property")) {
      String name = text(child(e, "name"));
      if (name != null) {
        out.put("systemProperties." + name, valueOf(e));
      }
    }
    // Surefire's provider <properties>: JUnit Platform reads <configurationParameters> from here.
    for (Element e : children(child(configuration, "properties"), null)) {
      if (localName(e).equals("property")) {
        String name = text(child(e, "name"));
        if (name != null) {
          out.put("properties." + name, valueOf(e));
        }
      } else {
        out.put("properties." + localName(e), text(e));
      }
    }
    return out;
  }

  private static String valueOf(Element property) {
    String v = text(child(property, "value"));
    return v == null ? "" : v;
  }

  /** {@code over}'s entries win over {@code under}'s. */
  private static Map<String, String> overlay(Map<String, String> under, Map<String, String> over) {
    Map<String, String> out = new LinkedHashMap<>(under);
    out.putAll(over);
    return out;
  }

  /**
   * Every way this pom may launch tests: for the main build and for each profile (a profile may or
   * may not be active), Surefire's default execution and its declared executions, and Failsafe's
   * executions when Failsafe is declared.
   */
  List<Launch> launches(Collection<Problem> problems) {
    List<Launch> out = new ArrayList<>();
    List<Layer> variants = new ArrayList<>();
    variants.add(null);
    variants.addAll(profiles);
    for (Layer profile : variants) {
      Map<String, String> properties = new LinkedHashMap<>(main.properties);
      if (profile != null) {
        properties.putAll(profile.properties);
      }
      for (Runner runner : Runner.values()) {
        // Maven injects the profile into the model first, then applies pluginManagement as
        // defaults: plugins of the profile, plugins of the build, then the managed ones.
        List<Declaration> order = new ArrayList<>();
        if (profile != null && profile.plugins.containsKey(runner)) {
          order.add(profile.plugins.get(runner));
        }
        if (main.plugins.containsKey(runner)) {
          order.add(main.plugins.get(runner));
        }
        boolean declared = !order.isEmpty();
        if (profile != null && profile.managed.containsKey(runner)) {
          order.add(profile.managed.get(runner));
        }
        if (main.managed.containsKey(runner)) {
          order.add(main.managed.get(runner));
        }
        // Surefire is bound to the test phase by default; Failsafe runs only when declared.
        if (runner == Runner.FAILSAFE && !declared) {
          continue;
        }
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, Map<String, String>> executions = new LinkedHashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
          Declaration d = order.get(i);
          config.putAll(d.config);
          d.executions.forEach((id, c) -> executions.merge(id, c, MavenPom::overlay));
        }
        String defaultId = runner == Runner.SUREFIRE ? "default-test" : null;
        if (runner == Runner.SUREFIRE && !executions.containsKey(defaultId)) {
          out.add(launch(config, properties, problems));
        }
        if (runner == Runner.FAILSAFE && executions.isEmpty()) {
          out.add(launch(config, properties, problems));
        }
        for (Map<String, String> ex : executions.values()) {
          out.add(launch(overlay(config, ex), properties, problems));
        }
      }
    }
    return out;
  }

  private Launch launch(
      Map<String, String> config, Map<String, String> properties, Collection<Problem> problems) {
    Map<String, String> system = new LinkedHashMap<>();
    String argLine = config.get("argLine");
    if (argLine != null) {
      // Only -D options written out are read: an unresolved ${argLine} (JaCoCo's hook, usually)
      // could in theory hide more, which this reader accepts as a known limit.
      for (String token : resolve(argLine, properties).split("\\s+")) {
        String t = unquote(token);
        if (t.startsWith("-D") && t.length() > 2) {
          int eq = t.indexOf('=');
          String key = eq < 0 ? t.substring(2) : t.substring(2, eq);
          String value = eq < 0 ? "" : unquote(t.substring(eq + 1));
          if (!isResolved(key)) {
            continue;
          }
          system.put(key, isResolved(value) ? value : null);
        }
      }
    }
    // Surefire sets these in the forked JVM after start, so they win over -D in argLine.
    for (String prefix : List.of("systemProperties.", "systemPropertyVariables.")) {
      for (Map.Entry<String, String> e : config.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          String value = resolve(e.getValue(), properties);
          system.put(e.getKey().substring(prefix.length()), isResolved(value) ? value : null);
        }
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    boolean opaque = false;
    String block =
        config.getOrDefault(
            "properties.configurationParameters", config.get("configurationParameters"));
    if (block != null) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(resolve(block, properties)));
        for (String key : p.stringPropertyNames()) {
          String value = p.getProperty(key);
          if (!isResolved(key)) {
            opaque = true;
          } else {
            parameters.put(key, isResolved(value) ? value : null);
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(
            new Problem(
                Problem.Kind.UNPARSABLE_SOURCE,
                path,
                "<configurationParameters> is not in properties format: " + e.getMessage()));
        opaque = true;
      }
    }
    String parallel = config.get("parallel");
    if (parallel != null) {
      parallel = resolve(parallel, properties);
      parallel = isResolved(parallel) ? parallel : "";
    }
    return new Launch(
        system,
        parameters,
        opaque,
        forks(config, properties),
        groups(config.get("groups"), properties),
        groups(config.get("excludedGroups"), properties),
        parallel);
  }

  private Tristate forks(Map<String, String> config, Map<String, String> properties) {
    String raw = config.get("forkCount");
    if (raw != null) {
      String value = resolve(raw, properties);
      if (!isResolved(value)) {
        return Tristate.UNKNOWN;
      }
      return forkCount(value);
    }
    String mode = config.get("forkMode");
    if (mode != null) {
      // The deprecated forkMode: only perthread runs JVMs side by side, threadCount of them.
      String value = resolve(mode, properties).trim();
      if (value.equals("perthread")) {
        String threads = resolve(config.getOrDefault("threadCount", "1"), properties);
        return forkCount(threads);
      }
      return isResolved(value) ? Tristate.FALSE : Tristate.UNKNOWN;
    }
    // Surefire's default is one fork, unless a parent we cannot see says otherwise.
    return hasParent ? Tristate.UNKNOWN : Tristate.FALSE;
  }

  /** Surefire's forkCount: a number, or a number followed by C meaning per CPU core. */
  static Tristate forkCount(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("C") || v.endsWith("c")) {
        // Any positive per-core count may mean several JVMs on the machine that runs the build.
        return Tristate.of(Double.parseDouble(v.substring(0, v.length() - 1)) > 0);
      }
      return Tristate.of(Integer.parseInt(v) > 1);
    } catch (NumberFormatException e) {
      return Tristate.UNKNOWN;
    }
  }

  private static List<String> groups(String raw, Map<String, String> properties) {
    if (raw == null) {
      return List.of();
    }
    // An unresolved reference is kept as written: the group it names is still not provably unused.
    String value = resolve(raw, properties);
    List<String> out = new ArrayList<>();
    for (String g : value.split(",")) {
      if (!g.isBlank()) {
        out.add(g.trim());
      }
    }
    return out;
  }

  /** Replaces references that the properties define; leaves the others as written. */
  private static String resolve(String raw, Map<String, String> properties) {
    String value = raw;
    // A bounded number of rounds, so a property that refers to itself cannot loop.
    for (int round = 0; round < 10 && value.contains("${"); round++) {
      Matcher m = REFERENCE.matcher(value);
      StringBuilder sb = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String replacement = properties.get(m.group(1));
        if (replacement != null) {
          changed = true;
        }
        m.appendReplacement(
            sb, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
      }
      m.appendTail(sb);
      value = sb.toString();
      if (!changed) {
        break;
      }
    }
    return value;
  }

  /** Whether a value holds no reference left to resolve ({@code @{x}} is Surefire's late form). */
  private static boolean isResolved(String value) {
    return !value.contains("${") && !value.contains("@{");
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** Records the properties that Surefire settings refer to, so explain can show them. */
  private void recordReferencedProperties(String prefix, Map<String, String> settings) {
    Set<String> referenced = new LinkedHashSet<>();
    List<Layer> all = new ArrayList<>();
    all.add(main);
    all.addAll(profiles);
    for (Layer l : all) {
      for (Map<Runner, Declaration> m : List.of(l.plugins, l.managed)) {
        for (Declaration d : m.values()) {
          collectReferences(d.config.values(), referenced);
          d.executions.values().forEach(c -> collectReferences(c.values(), referenced));
        }
      }
    }
    // Follow references inside property values too, a few levels deep.
    for (int round = 0; round < 5; round++) {
      List<String> values = new ArrayList<>();
      for (Layer l : all) {
        for (String name : referenced) {
          if (l.properties.containsKey(name)) {
            values.add(l.properties.get(name));
          }
        }
      }
      if (!collectReferences(values, referenced)) {
        break;
      }
    }
    for (Layer l : all) {
      String at = prefix + ":" + (l.profile == null ? "" : "profile[" + l.profile + "].");
      for (String name : referenced) {
        if (l.properties.containsKey(name)) {
          settings.put(at + "properties." + name, l.properties.get(name));
        }
      }
    }
  }

  private static boolean collectReferences(Collection<String> values, Set<String> into) {
    boolean added = false;
    for (String v : values) {
      if (v == null) {
        continue;
      }
      Matcher m = REFERENCE.matcher(v);
      while (m.find()) {
        added |= into.add(m.group(1));
      }
    }
    return added;
  }
}
