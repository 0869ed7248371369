package io.github.isolationaudit.analyzer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the source roots (directories and source jars) that belong to the scan inputs.
 *
 * <p>Explicit roots come first, so a file the user points at wins over one found next to the build
 * output. A root that does not exist is simply not a root: most test jars ship without sources, and
 * that is no problem.
 */
public final class SourceRoots {

  private static final Pattern TESTS_JAR = Pattern.compile("(.+)-tests?\\.jar");
  private static final Pattern SOURCES_JAR = Pattern.compile(".+-sources\\.jar");
  private static final Set<String> OUTPUT_DIRS = Set.of("target", "build");
  private static final Set<String> MAVEN_CLASS_DIRS = Set.of("classes", "test-classes");

  private SourceRoots() {}

  /** The source roots found next to these scan inputs. */
  public static List<Path> find(List<Path> inputs) {
    return find(inputs, List.of());
  }

  /**
   * The explicit source roots followed by those found next to the scan inputs, without duplicates.
   *
   * @param inputs the scan inputs as the user gave them ({@code target/}, {@code build/}, class
   *     directories, jars, directories of jars)
   * @param explicitSources {@code --sources} paths: source directories, module directories or
   *     source jars
   */
  public static List<Path> find(List<Path> inputs, List<Path> explicitSources) {
    Map<Path, Path> roots = new LinkedHashMap<>();
    for (Path explicit : explicitSources) {
      if (Files.isDirectory(explicit) && isModule(explicit)) {
        // A module directory given as --sources means its source sets, not the module itself.
        addModule(explicit, "", roots);
      } else {
        add(explicit, roots);
      }
    }
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        fromDirectory(input, roots);
      } else if (Files.isRegularFile(input)) {
        fromJar(input, roots);
      }
    }
    return List.copyOf(roots.values());
  }

  private static void fromDirectory(Path dir, Map<Path, Path> roots) {
    Path abs = dir.toAbsolutePath().normalize();
    String name = fileName(abs);
    Path parent = abs.getParent();
    if (OUTPUT_DIRS.contains(name) && parent != null) {
      addModule(moduleOf(dir, 1), "", roots);
    } else if (MAVEN_CLASS_DIRS.contains(name)
        && parent != null
        && "target".equals(fileName(parent))) {
      addModule(moduleOf(dir, 2), "", roots);
    } else if (isGradleClassDir(abs)) {
      // build/classes/<language>/<sourceSet>: that source set's own directory first.
      addModule(moduleOf(dir, 4), name, roots);
    } else if (isModule(dir)) {
      addModule(dir, "", roots);
    }
    // Build output directories may also hold packaged jars with their source jars beside them.
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> fileName(p).endsWith(".jar") && Files.isRegularFile(p))
          .sorted()
          .forEach(jar -> fromJar(jar, roots));
    } catch (IOException | RuntimeException e) {
      // An unlistable directory has no roots to offer; the scan reports the input itself.
    }
  }

  private static boolean isGradleClassDir(Path abs) {
    Path lang = abs.getParent();
    Path classes = lang == null ? null : lang.getParent();
    Path build = classes == null ? null : classes.getParent();
    return build != null
        && build.getParent() != null
        && "classes".equals(fileName(classes))
        && "build".equals(fileName(build));
  }

  /** The directory {@code levels} above {@code dir}, keeping the user's (relative) spelling. */
  private static Path moduleOf(Path dir, int levels) {
    Path p = dir.normalize();
    for (int i = 0; i < levels; i++) {
      Path parent = p.getParent();
      p = parent != null ? parent : p.toAbsolutePath().getParent();
    }
    return p;
  }

  private static boolean isModule(Path dir) {
    return Files.isDirectory(dir.resolve("src/test/java"))
        || Files.isDirectory(dir.resolve("src/main/java"));
  }

  private static void addModule(Path module, String preferredSet, Map<Path, Path> roots) {
    if (!preferredSet.isEmpty()) {
      add(module.resolve("src").resolve(preferredSet).resolve("java"), roots);
    }
    add(module.resolve("src/test/java"), roots);
    add(module.resolve("src/main/java"), roots);
    // Further source sets (Gradle testFixtures, integrationTest, ...) in a stable order.
    Path src = module.resolve("src");
    if (Files.isDirectory(src)) {
      try (Stream<Path> sets = Files.list(src)) {
        sets.map(set -> set.resolve("java")).sorted().forEach(java -> add(java, roots));
      } catch (IOException | RuntimeException e) {
        // Nothing more to offer than the standard source sets.
      }
    }
  }

  private static void fromJar(Path jar, Map<Path, Path> roots) {
    String name = fileName(jar);
    if (SOURCES_JAR.matcher(name).matches()) {
      add(jar, roots);
      return;
    }
    if (!name.endsWith(".jar")) {
      return;
    }
    Matcher tests = TESTS_JAR.matcher(name);
    if (tests.matches()) {
      String base = tests.group(1);
      add(jar.resolveSibling(base + "-test-sources.jar"), roots);
      add(jar.resolveSibling(base + "-tests-sources.jar"), roots);
      // Evidence chains run into main code, so its sources are worth having too.
      add(jar.resolveSibling(base + "-sources.jar"), roots);
    } else {
      String base = name.substring(0, name.length() - ".jar".length());
      add(jar.resolveSibling(base + "-sources.jar"), roots);
      add(jar.resolveSibling(base + "-test-sources.jar"), roots);
    }
  }

  private static void add(Path candidate, Map<Path, Path> roots) {
    if (Files.isDirectory(candidate) || Files.isRegularFile(candidate)) {
      roots.putIfAbsent(candidate.toAbsolutePath().normalize(), candidate.normalize());
    }
  }

  private static String fileName(Path p) {
    Path name = p.getFileName();
    return name == null ? "" : name.toString();
  }
}
