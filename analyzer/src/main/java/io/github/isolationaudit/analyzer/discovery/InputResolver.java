package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the class-path elements behind the user's inputs (a Maven {@code target/}, a Gradle {@code
 * build/}, class directories, jars) and reads their class files as bytes. Every input that cannot
 * be used becomes a {@link Problem}; the rest is still read. Directories are listed by {@link
 * DirectoryWalk}, jars by the JDK's zip reader.
 *
 * <p>Only regular files are opened, and none beyond {@link InputFiles}' caps. Project inputs are
 * taken in the order of their paths, whatever order they were named in, so when two of them hold
 * the same class the report does not depend on that order: within one {@code target/} or {@code
 * build/} the test classes come first (as on the test class path), otherwise the input whose path
 * sorts first wins. Libraries ({@code --classpath}) keep their order, as on a class path.
 */
public final class InputResolver {
  private static final List<String> LAYOUT =
      List.of(
          // Maven target/: test classes first, so a test class shadows a main class of the same
          // name.
          "test-classes",
          "classes",
          "classes/java/test",
          "classes/java/main",
          "classes/kotlin/test",
          "classes/kotlin/main");

  private final DirectoryWalk.Lister lister;

  public InputResolver() {
    this(DirectoryWalk.FILE_SYSTEM);
  }

  /** A resolver that lists directories with this lister (a seam for tests). */
  public InputResolver(DirectoryWalk.Lister lister) {
    this.lister = lister;
  }

  /** A directory or jar on the class path; a directory comes with its listing. */
  private record Element(Path path, boolean library, DirectoryWalk.Listing listing) {}

  /** Reads the inputs (project code) and the class path (libraries). */
  public InputSet read(List<Path> inputs, List<Path> classpath) {
    List<Problem> problems = new ArrayList<>();
    Map<Path, Element> elements = new LinkedHashMap<>();
    for (Path input : inPathOrder(inputs)) {
      for (Element e : expand(input, false, problems)) {
        elements.putIfAbsent(e.path(), e);
      }
    }
    for (Path input : classpath) {
      for (Element e : expand(input, true, problems)) {
        elements.putIfAbsent(e.path(), e);
      }
    }
    List<ClassFile> classFiles = new ArrayList<>();
    List<TextResource> resources = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Element e : elements.values()) {
      names.add(e.path().toString());
      List<TextResource> configuration = e.library() ? null : resources;
      if (e.listing() != null) {
        readDirectory(e, classFiles, configuration, problems);
      } else {
        readJar(e.path(), e.library(), classFiles, configuration, problems);
      }
    }
    for (Path input : inputs) {
      buildFiles(input, resources);
    }
    return new InputSet(names, classFiles, resources, problems);
  }

  /** The inputs sorted by their absolute paths, so their order on the command line is moot. */
  public static List<Path> inPathOrder(List<Path> inputs) {
    List<Path> sorted = new ArrayList<>(inputs);
    sorted.sort(
        java.util.Comparator.comparing((Path p) -> p.toAbsolutePath().normalize().toString())
            .thenComparing(Path::toString));
    return sorted;
  }

  /** The class-path elements an input stands for. */
  private List<Element> expand(Path input, boolean library, List<Problem> problems) {
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
    if (!Files.isDirectory(input)) {
      if (!Files.isRegularFile(input)) {
        problems.add(
            new Problem(
                Problem.Kind.UNREADABLE_INPUT,
                input.toString(),
                "not a regular file (a named pipe, device or socket): not read"));
        return List.of();
      }
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
      return List.of(new Element(input, library, null));
    }
    List<Element> layout = new ArrayList<>();
    List<Problem> layoutProblems = new ArrayList<>();
    for (String sub : LAYOUT) {
      Path p = input.resolve(sub);
      if (!Files.isDirectory(p) || holdsLayoutDirectory(input, sub)) {
        continue;
      }
      DirectoryWalk.Listing listing = DirectoryWalk.walk(p, input, InputResolver::isWanted, lister);
      layoutProblems.addAll(listing.problems());
      if (holdsClassFiles(listing)) {
        layout.add(new Element(p, library, listing));
      }
    }
    if (!layout.isEmpty()) {
      problems.addAll(layoutProblems);
      return layout;
    }
    DirectoryWalk.Listing whole = DirectoryWalk.walk(input, input, InputResolver::isWanted, lister);
    problems.addAll(whole.problems());
    if (holdsClassFiles(whole)) {
      return List.of(new Element(input, library, whole));
    }
    List<Path> jars = new ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> s = lister.open(input)) {
      for (Path p : s) {
        if (p.getFileName().toString().endsWith(".jar")) {
          jars.add(p);
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      // The walk above has reported the directory that cannot be listed.
      return List.of();
    }
    jars.sort(null);
    List<Element> good = new ArrayList<>();
    for (Path jar : jars) {
      String bad = jarProblem(jar, input);
      if (bad != null) {
        problems.add(
            new Problem(
                bad.startsWith("a symbolic link")
                    ? Problem.Kind.LINK_OUTSIDE_INPUT
                    : Problem.Kind.NOT_A_JAR,
                jar.toString(),
                bad));
      } else {
        good.add(new Element(jar, library, null));
      }
    }
    if (good.isEmpty() && jars.isEmpty()) {
      problems.add(
          new Problem(
              Problem.Kind.EMPTY_INPUT, input.toString(), "holds no class files and no jars"));
    }
    return good;
  }

  /** Whether another layout directory lies inside this one (Gradle's classes/java/test). */
  private static boolean holdsLayoutDirectory(Path input, String sub) {
    return LAYOUT.stream()
        .anyMatch(other -> other.startsWith(sub + "/") && Files.isDirectory(input.resolve(other)));
  }

  private static boolean isWanted(String relative) {
    return isClassFile(relative) || isConfiguration(relative);
  }

  private static boolean isClassFile(String relative) {
    return relative.endsWith(".class") && !relative.endsWith("module-info.class");
  }

  private static boolean holdsClassFiles(DirectoryWalk.Listing listing) {
    return listing.files().stream().anyMatch(p -> p.getFileName().toString().endsWith(".class"));
  }

  /** Why a jar found in a directory of jars cannot be used, or null. */
  private static String jarProblem(Path jar, Path dir) {
    try {
      if (Files.isSymbolicLink(jar) && !jar.toRealPath().startsWith(dir.toRealPath())) {
        return "a symbolic link to " + jar.toRealPath() + ", outside the input: not followed";
      }
    } catch (IOException e) {
      return "cannot be read: " + InputFiles.describe(e);
    }
    if (!Files.isRegularFile(jar)) {
      return "not a regular file (a named pipe, device or socket): not read";
    }
    return zipProblem(jar);
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
      return "cannot be read: " + InputFiles.describe(e);
    }
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
            out.add(new TextResource(shown, name, Files.readAllBytes(f)));
          }
        } catch (IOException | RuntimeException e) {
          // A build file we cannot read leaves the configuration unknown, which is said later.
        }
      }
    }
  }

  private static boolean isConfiguration(String path) {
    return path.equals("junit-platform.properties")
        || io.github.isolationaudit.analyzer.program.ProjectLoggers.RESOURCES.contains(path)
        || path.equals("testng.xml")
        || (path.startsWith("META-INF/maven/")
            && (path.endsWith("/pom.xml") || path.endsWith("/pom.properties")));
  }

  private static void readDirectory(
      Element element, List<ClassFile> out, List<TextResource> resources, List<Problem> problems) {
    Path dir = element.path();
    int found = 0;
    for (Path file : element.listing().files()) {
      String path = dir.relativize(file).toString().replace('\\', '/');
      if (isConfiguration(path)) {
        if (resources != null) {
          try {
            resources.add(
                new TextResource(
                    file.toString(),
                    path,
                    InputFiles.read(file, InputFiles.MAX_CONFIGURATION_FILE)));
          } catch (InputFiles.Refused e) {
            problems.add(e.problem(file.toString()));
          }
        }
        continue;
      }
      found++;
      try {
        out.add(new ClassFile(file.toString(), InputFiles.readClass(file), element.library()));
      } catch (InputFiles.Refused e) {
        problems.add(e.problem(file.toString()));
      }
    }
    if (found == 0) {
      problems.add(new Problem(Problem.Kind.EMPTY_INPUT, dir.toString(), "holds no class files"));
    }
  }

  /**
   * Reads a jar's class files and configuration files with the JDK's zip reader, which follows
   * nothing. ClassGraph, which listed jars before, also scans what the manifest's {@code
   * Class-Path} names (code outside the inputs, counted as project code; {@code Class-Path: /usr/}
   * made it list all of {@code /usr}), and its element filters do not reach those entries. A
   * multi-release jar is read as the running JVM would load it: an entry of {@code
   * META-INF/versions/N/} replaces the base entry for the highest N up to this JVM's version.
   */
  private static void readJar(
      Path jar,
      boolean library,
      List<ClassFile> out,
      List<TextResource> resources,
      List<Problem> problems) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Map<String, ZipEntry> chosen = new TreeMap<>();
      Map<String, Integer> versions = new HashMap<>();
      boolean multiRelease = isMultiRelease(zip);
      int runtime = Runtime.version().feature();
      boolean sources = false;
      for (java.util.Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
        ZipEntry entry = en.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        String path = entry.getName();
        sources |= path.endsWith(".java");
        int version = 0;
        if (path.startsWith(VERSIONS)) {
          int slash = path.indexOf('/', VERSIONS.length());
          version = slash < 0 ? -1 : parseVersion(path.substring(VERSIONS.length(), slash));
          if (!multiRelease || version < 9 || version > runtime) {
            continue;
          }
          path = path.substring(slash + 1);
        }
        if ((isClassFile(path) || isConfiguration(path))
            && versions.getOrDefault(path, -1) < version) {
          chosen.put(path, entry);
          versions.put(path, version);
        }
      }
      int found = 0;
      for (Map.Entry<String, ZipEntry> e : chosen.entrySet()) {
        String path = e.getKey();
        String shown = jar + "!/" + path;
        boolean classFile = isClassFile(path);
        if (classFile) {
          found++;
        } else if (resources == null) {
          continue;
        }
        try {
          byte[] bytes =
              read(
                  zip,
                  e.getValue(),
                  classFile ? InputFiles.MAX_CLASS_FILE : InputFiles.MAX_CONFIGURATION_FILE,
                  classFile);
          if (classFile) {
            out.add(new ClassFile(shown, bytes, library));
          } else {
            resources.add(new TextResource(shown, path, bytes));
          }
        } catch (InputFiles.Refused ex) {
          problems.add(ex.problem(shown));
        } catch (IOException | RuntimeException ex) {
          problems.add(
              new Problem(
                  Problem.Kind.UNREADABLE_INPUT, shown, "cannot be read: " + ex.getMessage()));
        }
      }
      // A sources jar (-test-sources.jar) is an input for its sources, which are read elsewhere.
      if (found == 0 && !sources) {
        problems.add(new Problem(Problem.Kind.EMPTY_INPUT, jar.toString(), "holds no class files"));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          new Problem(
              Problem.Kind.NOT_A_JAR, jar.toString(), "not a readable zip: " + e.getMessage()));
    }
  }

  private static final String VERSIONS = "META-INF/versions/";

  private static int parseVersion(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Whether the jar's manifest says {@code Multi-Release: true}; a manifest over the cap says no.
   */
  private static boolean isMultiRelease(ZipFile zip) {
    ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
    if (manifest == null) {
      return false;
    }
    try {
      byte[] bytes = read(zip, manifest, InputFiles.MAX_CONFIGURATION_FILE, false);
      return "true"
          .equalsIgnoreCase(
              new Manifest(new java.io.ByteArrayInputStream(bytes))
                  .getMainAttributes()
                  .getValue("Multi-Release"));
    } catch (IOException | InputFiles.Refused | RuntimeException e) {
      return false;
    }
  }

  /** A jar entry's bytes, refused before reading when its declared size is over the cap. */
  private static byte[] read(ZipFile zip, ZipEntry entry, int cap, boolean classFile)
      throws IOException, InputFiles.Refused {
    if (entry.getSize() > cap) {
      throw InputFiles.tooLarge(entry.getSize(), cap);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return classFile ? InputFiles.readClass(in) : InputFiles.read(in, cap);
    }
  }
}
