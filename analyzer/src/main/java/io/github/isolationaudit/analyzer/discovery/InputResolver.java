package io.github.isolationaudit.analyzer.discovery;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;
import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the class-path elements behind the user's inputs (a Maven {@code target/}, a Gradle {@code
 * build/}, class directories, jars) and reads their class files as bytes. Every input that cannot
 * be used becomes a {@link Problem}; the rest is still read. ClassGraph does the listing; this is
 * the one place that knows it.
 */
public final class InputResolver {

  /** Reads the inputs (project code) and the class path (libraries). */
  public InputSet read(List<Path> inputs, List<Path> classpath) {
    List<Problem> problems = new ArrayList<>();
    Map<Path, Boolean> elements = new LinkedHashMap<>();
    for (Path input : inputs) {
      for (Path e : expand(input, problems)) {
        elements.putIfAbsent(e, false);
      }
    }
    for (Path input : classpath) {
      for (Path e : expand(input, problems)) {
        elements.putIfAbsent(e, true);
      }
    }
    List<ClassFile> classFiles = new ArrayList<>();
    List<TextResource> resources = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : elements.entrySet()) {
      names.add(e.getKey().toString());
      readElement(e.getKey(), e.getValue(), classFiles, e.getValue() ? null : resources, problems);
    }
    for (Path input : inputs) {
      buildFiles(input, resources);
    }
    return new InputSet(names, classFiles, resources, problems);
  }

  /** The class-path elements an input stands for. */
  private static List<Path> expand(Path input, List<Problem> problems) {
    if (!Files.exists(input)) {
      problems.add(
          new Problem(Problem.Kind.MISSING_INPUT, input.toString(), "no such file or directory"));
      return List.of();
    }
    if (!Files.isReadable(input)) {
      problems.add(
          new Problem(
              Problem.Kind.UNREADABLE_INPUT,
              input.toString(),
              "cannot be read (permission denied)"));
      return List.of();
    }
    if (Files.isRegularFile(input)) {
      String name = input.getFileName().toString();
      if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
        problems.add(
            new Problem(
                Problem.Kind.NOT_A_JAR,
                input.toString(),
                "not a directory or a .jar: give a target/ or build/ directory, a class directory or a jar"));
        return List.of();
      }
      String bad = zipProblem(input);
      if (bad != null) {
        problems.add(new Problem(Problem.Kind.NOT_A_JAR, input.toString(), bad));
        return List.of();
      }
      return List.of(input);
    }
    List<Path> layout = new ArrayList<>();
    // Maven target/: test classes first, so a test class shadows a main class of the same name.
    for (String sub :
        List.of(
            "test-classes",
            "classes",
            "classes/java/test",
            "classes/java/main",
            "classes/kotlin/test",
            "classes/kotlin/main")) {
      Path p = input.resolve(sub);
      if (Files.isDirectory(p) && containsClassFiles(p)) {
        layout.add(p);
      }
    }
    if (!layout.isEmpty()) {
      return layout;
    }
    if (containsClassFiles(input)) {
      return List.of(input);
    }
    List<Path> jars = new ArrayList<>();
    try (Stream<Path> s = Files.list(input)) {
      s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
    } catch (IOException e) {
      problems.add(
          new Problem(
              Problem.Kind.UNREADABLE_INPUT,
              input.toString(),
              "cannot be listed: " + e.getMessage()));
      return List.of();
    }
    List<Path> good = new ArrayList<>();
    for (Path jar : jars) {
      String bad = zipProblem(jar);
      if (bad != null) {
        problems.add(new Problem(Problem.Kind.NOT_A_JAR, jar.toString(), bad));
      } else {
        good.add(jar);
      }
    }
    if (good.isEmpty() && jars.isEmpty()) {
      problems.add(
          new Problem(
              Problem.Kind.EMPTY_INPUT, input.toString(), "holds no class files and no jars"));
    }
    return good;
  }

  private static boolean containsClassFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".class"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Why a file is not a usable zip, or null. */
  private static String zipProblem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      if (head.length < 4
          || head[0] != 'P'
          || head[1] != 'K'
          || (head[2] != 3 && head[2] != 5)
          || (head[3] != 4 && head[3] != 6)) {
        return "not a jar: the file is not a zip archive";
      }
      return null;
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
  }

  /**
   * Class files in a directory that the listing passed over (a broken link, a file that cannot be
   * opened): each is read here or reported, so no input is lost without a word.
   */
  private static int unlisted(
      Path dir,
      java.util.Set<String> listed,
      boolean library,
      List<ClassFile> out,
      List<Problem> problems) {
    List<Path> missed = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".class"))
          .filter(p -> !p.getFileName().toString().equals("module-info.class"))
          .filter(p -> !listed.contains(dir.relativize(p).toString().replace('\\', '/')))
          .sorted()
          .forEach(missed::add);
    } catch (IOException | RuntimeException e) {
      problems.add(
          new Problem(
              Problem.Kind.UNREADABLE_INPUT,
              dir.toString(),
              "cannot be listed: " + e.getMessage()));
      return 0;
    }
    for (Path p : missed) {
      try {
        out.add(new ClassFile(p.toString(), Files.readAllBytes(p), library));
      } catch (IOException e) {
        problems.add(
            new Problem(
                Problem.Kind.UNREADABLE_INPUT, p.toString(), "cannot be read: " + describe(e)));
      }
    }
    return missed.size();
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file (a broken link?)"
        : e.toString();
  }

  private static final long MAX_TEXT = 4 << 20;

  /** Build scripts beside a target/ or build/ directory, or in the directory given. */
  private static void buildFiles(Path input, List<TextResource> out) {
    if (!Files.isDirectory(input)) {
      return;
    }
    Path project = input.toAbsolutePath().normalize();
    // Shown as the input was given (relative stays relative), never as this machine's absolute
    // path: the same project must give the same report in any directory.
    Path shownProject = input.normalize();
    String last = project.getFileName() == null ? "" : project.getFileName().toString();
    if (last.equals("target") || last.equals("build")) {
      project = project.getParent();
      shownProject = shownProject.resolve("..").normalize();
    }
    for (String name : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
      Path f = project.resolve(name);
      if (Files.isRegularFile(f)) {
        String shown =
            shownProject.resolve(name).toString().replace(java.io.File.separatorChar, '/');
        try {
          if (Files.size(f) <= MAX_TEXT) {
            out.add(new TextResource(shown, name, Files.readString(f)));
          }
        } catch (IOException | RuntimeException e) {
          // A build file we cannot read leaves the configuration unknown, which is said later.
        }
      }
    }
  }

  private static boolean isConfiguration(String path) {
    return path.equals("junit-platform.properties")
        || path.equals("testng.xml")
        || (path.startsWith("META-INF/maven/")
            && (path.endsWith("/pom.xml") || path.endsWith("/pom.properties")));
  }

  private static void readElement(
      Path element,
      boolean library,
      List<ClassFile> out,
      List<TextResource> resources,
      List<Problem> problems) {
    try (ScanResult scan = new ClassGraph().overrideClasspath(element.toString()).scan()) {
      boolean jar = Files.isRegularFile(element);
      int found = 0;
      java.util.Set<String> listed = new java.util.HashSet<>();
      for (Resource r : scan.getAllResources()) {
        String path = r.getPath();
        if (resources != null && isConfiguration(path) && r.getLength() <= MAX_TEXT) {
          String shownConfig = jar ? element + "!/" + path : element.resolve(path).toString();
          try {
            resources.add(new TextResource(shownConfig, path, r.getContentAsString()));
          } catch (IOException | RuntimeException e) {
            problems.add(
                new Problem(
                    Problem.Kind.UNREADABLE_INPUT,
                    shownConfig,
                    "cannot be read: " + e.getMessage()));
          }
          continue;
        }
        if (!path.endsWith(".class") || path.endsWith("module-info.class")) {
          continue;
        }
        found++;
        listed.add(path);
        String shown = jar ? element + "!/" + path : element.resolve(path).toString();
        try {
          out.add(new ClassFile(shown, r.load(), library));
        } catch (IOException | RuntimeException e) {
          problems.add(
              new Problem(
                  Problem.Kind.UNREADABLE_INPUT, shown, "cannot be read: " + e.getMessage()));
        }
      }
      if (!jar) {
        found += unlisted(element, listed, library, out, problems);
      }
      if (found == 0) {
        problems.add(
            new Problem(Problem.Kind.EMPTY_INPUT, element.toString(), "holds no class files"));
      }
    } catch (RuntimeException e) {
      problems.add(
          new Problem(
              Problem.Kind.UNREADABLE_INPUT,
              element.toString(),
              "cannot be read: " + e.getMessage()));
    }
  }
}
