package io.github.isolationaudit.analyzer.source;

import io.github.isolationaudit.model.SourcePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locates source files in the project's source directories and names them relative to the project
 * root, so that reports give paths a terminal, an IDE or code scanning can open.
 *
 * <p>The project root is the working directory when a source directory lies below it (the usual
 * {@code isolation-audit scan target/} from the project, and {@code scan core/target} from the root
 * of a multi-module build, which gives {@code core/src/test/java/...}). A source directory
 * elsewhere is named from its module: the directory that holds its {@code src}.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  /**
   * The project paths of those files (relative to a source root, {@code com/example/FooTest.java})
   * that one of the source directories holds; the first directory that holds a file wins.
   */
  public static SourcePaths locate(
      List<Path> sourceRoots, Collection<String> files, Path workingDirectory) {
    Path here = workingDirectory.toAbsolutePath().normalize();
    Map<Path, String> directories = new LinkedHashMap<>();
    for (Path root : sourceRoots) {
      if (Files.isDirectory(root)) {
        Path abs = root.toAbsolutePath().normalize();
        directories.putIfAbsent(abs, prefix(abs, here));
      }
    }
    if (directories.isEmpty()) {
      return SourcePaths.none();
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (String file : files) {
      if (file.isEmpty() || found.containsKey(file) || !safe(file)) {
        continue;
      }
      for (Map.Entry<Path, String> d : directories.entrySet()) {
        if (Files.isRegularFile(d.getKey().resolve(file))) {
          found.put(file, d.getValue() + file);
          break;
        }
      }
    }
    return new SourcePaths(found);
  }

  /** What precedes a root-relative file in its project path, ending in {@code /}. */
  private static String prefix(Path root, Path here) {
    Path base = root.startsWith(here) ? here : module(root);
    String rel = base.relativize(root).toString().replace(java.io.File.separatorChar, '/');
    return rel.isEmpty() ? "" : rel + "/";
  }

  /**
   * The directory that holds a source root's {@code src} ({@code src/test/java}), else its parent.
   */
  private static Path module(Path root) {
    for (Path p = root; p != null; p = p.getParent()) {
      if (p.getFileName() != null && p.getFileName().toString().equals("src")) {
        return p.getParent() != null ? p.getParent() : p;
      }
    }
    return root.getParent() != null ? root.getParent() : root;
  }

  /** A class file's source name never climbs out of its root. */
  private static boolean safe(String file) {
    return !file.startsWith("/") && !file.contains("..") && !file.contains("\\");
  }
}
