package io.github.isolationaudit.analyzer.config;

import io.github.isolationaudit.analyzer.discovery.TextResource;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Tristate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Reads how the scanned project runs its tests from the configuration files found with the inputs,
 * as three-valued settings.
 *
 * <p>Files read: {@code junit-platform.properties} and {@code testng.xml} at a class-path root; a
 * {@code pom.xml} beside {@code target/} or inside a jar's {@code META-INF/maven/}; {@code
 * build.gradle} or {@code build.gradle.kts} beside {@code build/}. {@code pom.properties} holds
 * only coordinates and is skipped. XML is parsed by the JDK with external entities and DTDs off,
 * properties by {@link Properties}; Gradle scripts are matched line by line in a few simple forms
 * only (see {@link GradleScript}), everything else in them stays UNKNOWN.
 *
 * <p>JUnit Jupiter's settings follow JUnit's own lookup order, highest first: configuration
 * parameters the runner passes (Surefire/Failsafe {@code <configurationParameters>}), JVM system
 * properties (Surefire {@code <systemPropertyVariables>}, which win over {@code -D} in {@code
 * <argLine>}; Gradle {@code systemProperty}), then {@code junit-platform.properties}. When any of
 * these sources was found, an absent key takes JUnit's default ({@code enabled} false, {@code
 * mode.default} same_thread, {@code mode.classes.default} the value of {@code mode.default}); when
 * none was found, the setting is UNKNOWN. A Surefire parent pom that could override the properties
 * file with configuration parameters of its own is not visible and not assumed.
 *
 * <p>A pom's Surefire and Failsafe settings come from {@code <build><plugins>}, {@code
 * <pluginManagement>}, executions and profiles. Every way the build may launch the tests (each
 * execution, each profile that may or may not be active) is evaluated; a setting on which they
 * disagree is UNKNOWN, so a profile can only make a setting unknown, never decide it. A setting a
 * pom with a {@code <parent>} does not set itself may be inherited and stays UNKNOWN (a test jar
 * carries its own pom but never its parent's). When a pom beside {@code target/} and a jar's pom
 * are both found, the former is used and both are listed as sources.
 *
 * <p>Group filters are the union over all launches, so a tag any launch names counts as used.
 * TestNG's parallel mode is the single value named by {@code testng.xml} (its default {@code none}
 * when the attribute is absent) and, when the pom declares a TestNG dependency, Surefire's {@code
 * <parallel>}; empty when nothing names it, when they disagree, or when it cannot be resolved.
 * Surefire's {@code <parallel>} for the JUnit 4 provider is recorded in settings only.
 */
public final class BuildConfigurationReader {

  private static final String ENABLED = "junit.jupiter.execution.parallel.enabled";
  private static final String MODE = "junit.jupiter.execution.parallel.mode.default";
  private static final String CLASSES_MODE =
      "junit.jupiter.execution.parallel.mode.classes.default";

  /**
   * What was read.
   *
   * @param problems files that could not be read, each with its path and why
   */
  public record Result(BuildConfiguration configuration, List<Problem> problems) {
    public Result {
      Objects.requireNonNull(configuration, "configuration");
      problems = List.copyOf(problems);
    }
  }

  private BuildConfigurationReader() {}

  /** A {@code junit-platform.properties}; null values when the file could not be loaded. */
  private record PropertiesFile(Map<String, String> values) {}

  /** Reads the configuration files; files that cannot be read become problems. */
  public static Result read(List<TextResource> resources) {
    List<TextResource> sorted = new ArrayList<>(resources);
    sorted.sort(Comparator.comparing(TextResource::path).thenComparing(TextResource::name));
    Map<String, Integer> nameCounts = new HashMap<>();
    for (TextResource r : sorted) {
      nameCounts.merge(r.name(), 1, Integer::sum);
    }
    Set<Problem> problems = new LinkedHashSet<>();
    Map<String, String> settings = new TreeMap<>();
    Set<String> sources = new TreeSet<>();
    List<PropertiesFile> propertyFiles = new ArrayList<>();
    List<String> testngModes = new ArrayList<>();
    List<MavenPom> buildPoms = new ArrayList<>();
    List<MavenPom> jarPoms = new ArrayList<>();
    List<Launch> gradle = new ArrayList<>();
    for (TextResource r : sorted) {
      // The entry name is the readable key prefix; the full path only where names repeat.
      String prefix = nameCounts.get(r.name()) > 1 ? r.path() : r.name();
      String name = r.name();
      if (name.equals("junit-platform.properties")) {
        propertyFiles.add(readProperties(r, prefix, problems, settings, sources));
      } else if (name.equals("testng.xml")) {
        String mode = readTestng(r, prefix, problems, settings);
        if (mode != null) {
          testngModes.add(mode);
          sources.add(r.path());
        }
      } else if (name.equals("pom.xml")
          || (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml"))) {
        MavenPom pom = MavenPom.read(r.path(), prefix, r.bytes(), problems, settings);
        if (pom != null) {
          sources.add(r.path());
          (name.equals("pom.xml") ? buildPoms : jarPoms).add(pom);
        }
      } else if (name.equals("build.gradle") || name.equals("build.gradle.kts")) {
        gradle.add(GradleScript.read(GradleScript.decode(r.bytes()), prefix, settings));
        sources.add(r.path());
      }
    }
    List<MavenPom> poms = buildPoms.isEmpty() ? jarPoms : buildPoms;
    List<Launch> launches = new ArrayList<>();
    for (MavenPom pom : poms) {
      launches.addAll(pom.launches(problems));
    }
    launches.addAll(gradle);
    if (launches.isEmpty()) {
      launches.add(Launch.unknown());
    }
    if (propertyFiles.isEmpty()) {
      propertyFiles.add(null);
    }

    List<Tristate> enabled = new ArrayList<>();
    List<Tristate> methods = new ArrayList<>();
    List<Tristate> classes = new ArrayList<>();
    for (Launch launch : launches) {
      // JUnit reads only the first file on the class path; which is first we cannot tell.
      for (PropertiesFile file : propertyFiles) {
        Jupiter j = new Jupiter(file, launch);
        enabled.add(j.enabled());
        methods.add(j.methodsConcurrent());
        classes.add(j.classesConcurrent());
      }
    }
    Set<String> included = new TreeSet<>();
    Set<String> excluded = new TreeSet<>();
    List<Tristate> forks = new ArrayList<>();
    for (Launch launch : launches) {
      forks.add(launch.forks());
      included.addAll(launch.includedGroups());
      excluded.addAll(launch.excludedGroups());
    }
    if (poms.stream().anyMatch(MavenPom::usesTestng)) {
      for (Launch launch : launches) {
        if (launch.parallel() != null) {
          testngModes.add(launch.parallel());
        }
      }
    }
    BuildConfiguration configuration =
        new BuildConfiguration(
            agree(enabled),
            agree(methods),
            agree(classes),
            agree(forks),
            List.copyOf(included),
            List.copyOf(excluded),
            testngParallel(testngModes),
            List.copyOf(sources),
            settings);
    List<Problem> sortedProblems = new ArrayList<>(problems);
    Collections.sort(sortedProblems);
    return new Result(configuration, sortedProblems);
  }

  /** The value every alternative agrees on, else UNKNOWN. */
  private static Tristate agree(List<Tristate> values) {
    Tristate first = values.isEmpty() ? Tristate.UNKNOWN : values.get(0);
    for (Tristate t : values) {
      if (t != first) {
        return Tristate.UNKNOWN;
      }
    }
    return first;
  }

  private static String testngParallel(List<String> modes) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String m : modes) {
      distinct.add(m.trim().toLowerCase(Locale.ROOT));
    }
    return distinct.size() == 1 ? distinct.iterator().next() : "";
  }

  private static PropertiesFile readProperties(
      TextResource r,
      String prefix,
      Set<Problem> problems,
      Map<String, String> settings,
      Set<String> sources) {
    Properties p = new Properties();
    try {
      // As JUnit loads it: Properties.load of the bytes, ISO-8859-1 with \\u escapes.
      p.load(new java.io.ByteArrayInputStream(r.bytes()));
    } catch (IOException | IllegalArgumentException e) {
      // JUnit would log and ignore such a file; we cannot tell what its author meant, so the
      // Jupiter settings it was meant to hold stay unknown.
      problems.add(
          new Problem(
              Problem.Kind.UNPARSABLE_SOURCE,
              r.path(),
              "not a valid properties file: " + e.getMessage()));
      return new PropertiesFile(null);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      values.put(key, p.getProperty(key));
      settings.put(prefix + ":" + key, p.getProperty(key));
    }
    sources.add(r.path());
    return new PropertiesFile(values);
  }

  /** TestNG's suite-level parallel mode, or null when the file cannot be read. */
  private static String readTestng(
      TextResource r, String prefix, Set<Problem> problems, Map<String, String> settings) {
    Document doc;
    try {
      doc = SecureXml.parse(r.bytes(), true);
    } catch (SAXException e) {
      problems.add(new Problem(Problem.Kind.UNPARSABLE_SOURCE, r.path(), SecureXml.describe(e)));
      return null;
    }
    String parallel = doc.getDocumentElement().getAttribute("parallel");
    settings.put(prefix + ":suite.parallel", parallel);
    // TestNG's default for a suite without the attribute.
    return parallel.isBlank() ? "none" : parallel;
  }

  /** The Jupiter settings of one launch with one properties file (or none), per JUnit's rules. */
  private static final class Jupiter {

    /** A value looked up: {@code known} false when it cannot be told; null text when absent. */
    private record Lookup(boolean known, String text) {}

    private static final Lookup UNKNOWN = new Lookup(false, null);
    private static final Lookup ABSENT = new Lookup(true, null);

    private final PropertiesFile file;
    private final Launch launch;
    private final boolean found;

    Jupiter(PropertiesFile file, Launch launch) {
      this.file = file;
      this.launch = launch;
      this.found = file != null || launch.setsJupiterKeys();
    }

    private Lookup get(String key) {
      if (launch.parameters().containsKey(key)) {
        return known(launch.parameters().get(key));
      }
      if (launch.parametersOpaque()) {
        return UNKNOWN;
      }
      if (launch.systemProperties().containsKey(key)) {
        return known(launch.systemProperties().get(key));
      }
      if (file == null) {
        return ABSENT;
      }
      if (file.values() == null) {
        return UNKNOWN;
      }
      return file.values().containsKey(key) ? new Lookup(true, file.values().get(key)) : ABSENT;
    }

    private static Lookup known(String value) {
      return value == null ? UNKNOWN : new Lookup(true, value);
    }

    Tristate enabled() {
      if (!found) {
        return Tristate.UNKNOWN;
      }
      Lookup l = get(ENABLED);
      if (!l.known()) {
        return Tristate.UNKNOWN;
      }
      // JUnit uses Boolean.parseBoolean on the raw value: anything but "true" (any case) is off.
      return Tristate.of(l.text() != null && Boolean.parseBoolean(l.text()));
    }

    Tristate methodsConcurrent() {
      return concurrent(mode());
    }

    Tristate classesConcurrent() {
      if (!found) {
        return Tristate.UNKNOWN;
      }
      Lookup l = get(CLASSES_MODE);
      if (!l.known()) {
        return Tristate.UNKNOWN;
      }
      String classes = parseMode(l.text());
      return concurrent(classes != null ? classes : mode());
    }

    /** The default mode, "CONCURRENT" or "SAME_THREAD", or null when it cannot be told. */
    private String mode() {
      if (!found) {
        return null;
      }
      Lookup l = get(MODE);
      if (!l.known()) {
        return null;
      }
      String mode = parseMode(l.text());
      return mode != null ? mode : "SAME_THREAD";
    }

    /** JUnit's enum conversion: trimmed, upper-cased; an invalid value falls back (null here). */
    private static String parseMode(String text) {
      if (text == null) {
        return null;
      }
      String v = text.trim().toUpperCase(Locale.ROOT);
      return v.equals("CONCURRENT") || v.equals("SAME_THREAD") ? v : null;
    }

    private static Tristate concurrent(String mode) {
      return mode == null ? Tristate.UNKNOWN : Tristate.of(mode.equals("CONCURRENT"));
    }
  }
}
