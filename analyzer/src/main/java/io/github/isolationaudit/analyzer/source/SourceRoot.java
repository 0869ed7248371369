package io.github.isolationaudit.analyzer.source;

import io.github.isolationaudit.analyzer.discovery.DirectoryWalk;
import io.github.isolationaudit.analyzer.discovery.InputFiles;
import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A directory or source jar that holds sources under their package paths. A jar's entry names are
 * read once, on first use; its entries are read when some query needs them.
 */
final class SourceRoot {

  private final Path path;
  private final boolean jar;
  private Set<String> entries;
  private Problem problem;
  private boolean opened;
  private java.util.SortedSet<String> listed;
  private List<Problem> walkProblems = List.of();

  SourceRoot(Path path) {
    this.path = path;
    this.jar = Files.isRegularFile(path);
  }

  Path path() {
    return path;
  }

  boolean isJar() {
    return jar;
  }

  /** Reads the jar's index, or notes why this root holds nothing. */
  synchronized void open() {
    if (opened) {
      return;
    }
    opened = true;
    if (!Files.exists(path)) {
      problem =
          new Problem(
              Problem.Kind.MISSING_INPUT, path.toString(), "no such source directory or jar");
    } else if (jar) {
      Set<String> names = new HashSet<>();
      try (ZipFile zip = new ZipFile(path.toFile())) {
        zip.stream()
            .filter(e -> !e.isDirectory() && e.getName().endsWith(".java"))
            .forEach(e -> names.add(e.getName()));
        entries = names;
      } catch (ZipException e) {
        problem =
            new Problem(
                Problem.Kind.NOT_A_JAR, path.toString(), "not a zip file: " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        problem =
            new Problem(
                Problem.Kind.UNREADABLE_INPUT,
                path.toString(),
                "cannot be read: " + e.getMessage());
      }
    }
  }

  /** Why this root holds nothing, or null. */
  synchronized Problem problem() {
    return problem;
  }

  synchronized boolean contains(String file) {
    if (problem != null) {
      return false;
    }
    if (jar) {
      return entries.contains(file);
    }
    javaFiles();
    return listed.contains(file);
  }

  /**
   * Every {@code .java} file of this root, root-relative with '/', sorted; empty when unusable. A
   * directory is listed once, by {@link DirectoryWalk}: a subdirectory that cannot be listed, a
   * named pipe or a link out of the root is a problem of this root and the rest is still listed.
   */
  synchronized List<String> javaFiles() {
    if (problem != null) {
      return List.of();
    }
    if (jar) {
      return entries.stream().sorted().toList();
    }
    if (listed == null) {
      DirectoryWalk.Listing listing = DirectoryWalk.walk(path, path, f -> f.endsWith(".java"));
      listed =
          listing.files().stream()
              .map(p -> path.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
              .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
      walkProblems = listing.problems();
    }
    return List.copyOf(listed);
  }

  /** What listing this directory met (unlistable subdirectories, pipes, links out of it). */
  synchronized List<Problem> walkProblems() {
    javaFiles();
    return walkProblems;
  }

  /** How a problem names one of this root's files: the file's path, or {@code jar!/entry}. */
  String display(String file) {
    return jar ? path + "!/" + file : path.resolve(file).toString();
  }

  /**
   * Reads these files into {@code texts}, recording the ones that cannot be read in {@code
   * failures}. A jar is opened once for all of them.
   */
  void read(List<String> files, Map<String, String> texts, Map<String, Problem> failures) {
    read(files, texts::put, failures);
  }

  /**
   * Reads these files one by one, handing each text to {@code texts} (which may drop it at once),
   * recording the ones that cannot be read in {@code failures}. A jar is opened once for all of
   * them. No file over {@link InputFiles#MAX_SOURCE_FILE} is read.
   */
  void read(
      List<String> files,
      java.util.function.BiConsumer<String, String> texts,
      Map<String, Problem> failures) {
    if (!jar) {
      for (String file : files) {
        try {
          texts.accept(
              file, decode(InputFiles.read(path.resolve(file), InputFiles.MAX_SOURCE_FILE)));
        } catch (InputFiles.Refused e) {
          failures.put(file, e.problem(display(file)));
        }
      }
      return;
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (String file : files) {
        ZipEntry entry = zip.getEntry(file);
        if (entry.getSize() > InputFiles.MAX_SOURCE_FILE) {
          failures.put(
              file,
              InputFiles.tooLarge(entry.getSize(), InputFiles.MAX_SOURCE_FILE)
                  .problem(display(file)));
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          texts.accept(file, decode(InputFiles.read(in, InputFiles.MAX_SOURCE_FILE)));
        } catch (InputFiles.Refused e) {
          failures.put(file, e.problem(display(file)));
        } catch (IOException | RuntimeException e) {
          failures.put(file, unreadable(file, e));
        }
      }
    } catch (IOException | RuntimeException e) {
      for (String file : files) {
        failures.put(file, unreadable(file, e));
      }
    }
  }

  private Problem unreadable(String file, Exception e) {
    return new Problem(
        Problem.Kind.UNREADABLE_INPUT, display(file), "cannot be read: " + e.getMessage());
  }

  private static String decode(byte[] bytes) {
    // Malformed bytes become replacement characters: a stray Latin-1 comment must not cost the
    // file.
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
