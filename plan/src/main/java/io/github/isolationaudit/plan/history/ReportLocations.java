package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Where build reports lie: the directories beside scan inputs, and the files under a root. */
final class ReportLocations {

  /** Deep enough for {@code build/test-results/<task>/} and report trees copied from CI. */
  private static final int MAX_DEPTH = 12;

  /** How far above a scan input its build directory may lie ({@code build/classes/java/test}). */
  private static final int MAX_UP = 4;

  /** Report directories a build tool writes at a fixed place in its build directory. */
  private static final List<String> KNOWN =
      List.of("surefire-reports", "failsafe-reports", "test-results");

  /** Build-directory children that hold classes or sources, never reports: not listed. */
  private static final Set<String> NOT_REPORTS =
      Set.of(
          "classes",
          "test-classes",
          "generated-sources",
          "generated-test-sources",
          "maven-status",
          "maven-archiver",
          "tmp",
          "libs",
          "resources",
          "kotlin",
          "intermediates");

  /** What a build writes directly into its build directory, on the way up from a scan input. */
  private static final Set<String> BUILD_OUTPUTS =
      Set.of(
          "classes",
          "test-classes",
          "libs",
          "surefire-reports",
          "failsafe-reports",
          "test-results");

  private ReportLocations() {}

  /** Whether a file name is one of the report names a directory is searched for. */
  static boolean isReportName(String name) {
    return (name.startsWith("TEST-") && name.endsWith(".xml"))
        || (name.startsWith("junit-platform-events-") && name.endsWith(".xml"))
        || name.equals("open-test-report.xml");
  }

  static List<Path> defaultRoots(List<Path> inputs) {
    Set<Path> buildDirs = new LinkedHashSet<>();
    for (Path input : inputs) {
      buildDir(input).ifPresent(buildDirs::add);
      if (Files.isDirectory(input)) {
        // A project directory given as input: its own build directories.
        for (String name : List.of("target", "build")) {
          Path child = input.resolve(name);
          if (Files.isDirectory(child)) {
            buildDirs.add(child.normalize());
          }
        }
      }
    }
    Set<Path> roots = new LinkedHashSet<>();
    for (Path dir : buildDirs) {
      for (String name : KNOWN) {
        Path known = dir.resolve(name);
        if (Files.isDirectory(known)) {
          roots.add(known);
        }
      }
      for (Path child : sortedChildren(dir)) {
        String name = child.getFileName().toString();
        if (!Files.isDirectory(child) || KNOWN.contains(name) || NOT_REPORTS.contains(name)) {
          continue;
        }
        if (holdsReports(child)) {
          roots.add(child);
          continue;
        }
        // One level more, for per-run directories such as junit-platform/<n>/.
        for (Path grandChild : sortedChildren(child)) {
          if (Files.isDirectory(grandChild) && holdsReports(grandChild)) {
            roots.add(grandChild);
          }
        }
      }
    }
    return List.copyOf(roots);
  }

  /**
   * The Maven {@code target} or Gradle {@code build} directory an input is, or lies in by way of
   * one of the directories a build writes there ({@code target/test-classes}, {@code
   * build/classes/java/test}, a jar in {@code target/} or {@code build/libs/}). A project that
   * merely lies somewhere below a directory named {@code build} is not taken for its output.
   */
  private static Optional<Path> buildDir(Path input) {
    Path at = input.toAbsolutePath().normalize();
    Path given = input.normalize();
    String below = null;
    for (int up = 0; at != null && up <= MAX_UP; up++) {
      Path name = at.getFileName();
      if (name == null) {
        break;
      }
      boolean buildName = name.toString().equals("target") || name.toString().equals("build");
      if (buildName
          && (below == null || BUILD_OUTPUTS.contains(below) || below.endsWith(".jar"))
          && Files.isDirectory(at)) {
        // Keep the caller's form of the path (relative stays relative) where it has one.
        Path same = given;
        for (int i = 0; i < up && same != null; i++) {
          same = same.getParent();
        }
        return Optional.of(same != null ? same : at);
      }
      below = name.toString();
      at = at.getParent();
    }
    return Optional.empty();
  }

  private static boolean holdsReports(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (isReportName(file.getFileName().toString()) && Files.isRegularFile(file)) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // A directory that cannot be listed holds no reports we could read.
    }
    return false;
  }

  private static List<Path> sortedChildren(Path dir) {
    TreeMap<String, Path> children = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        children.put(entry.getFileName().toString(), entry);
      }
    } catch (IOException | SecurityException e) {
      // Nothing listed, nothing found.
    }
    return new ArrayList<>(children.values());
  }

  /**
   * The report files under a root: the root itself when it is a file, whatever its name; under a
   * directory, files named {@code TEST-*.xml}, {@code junit-platform-events-*.xml} or {@code
   * open-test-report.xml}, recursively, without following links.
   */
  static List<Path> files(Path root, List<Problem> problems) {
    if (!Files.exists(root)) {
      problems.add(new Problem(Problem.Kind.MISSING_INPUT, root.toString(), "does not exist"));
      return List.of();
    }
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.noneOf(FileVisitOption.class),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && isReportName(file.getFileName().toString())) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              problems.add(
                  new Problem(Problem.Kind.UNREADABLE_INPUT, file.toString(), "cannot read: " + e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | SecurityException e) {
      problems.add(
          new Problem(Problem.Kind.UNREADABLE_INPUT, root.toString(), "cannot list: " + e));
    }
    return found;
  }
}
