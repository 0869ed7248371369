package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists the wanted files below a directory of the user's input, so that what cannot be listed costs
 * only itself: a subdirectory that cannot be opened is a problem and its siblings are still listed;
 * a named pipe, device or socket with a wanted name is a problem and never opened; a symbolic link
 * is followed only when its target lies inside the input (a link to {@code /} or to code elsewhere
 * is a {@link Problem.Kind#LINK_OUTSIDE_INPUT} problem and is not followed). A link to a directory
 * inside the input is passed over quietly: what it points to is listed where it lies.
 */
public final class DirectoryWalk {
  private DirectoryWalk() {}

  /** Opens a directory for listing. A seam for tests: permissions cannot keep root out. */
  @FunctionalInterface
  public interface Lister {
    DirectoryStream<Path> open(Path dir) throws IOException;
  }

  /** The file system's own listing. */
  public static final Lister FILE_SYSTEM = Files::newDirectoryStream;

  /**
   * What a walk found.
   *
   * @param files the wanted files, sorted by their path relative to the walked directory; links
   *     among them lead to regular files inside the input
   * @param problems what could not be listed or was not followed
   */
  public record Listing(List<Path> files, List<Problem> problems) {
    public Listing {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Lists the wanted files below {@code dir}.
   *
   * @param boundary the input that links may not leave ({@code dir} itself or a directory above it)
   * @param wanted which files to list, by their path relative to {@code dir} with '/'
   */
  public static Listing walk(Path dir, Path boundary, Predicate<String> wanted, Lister lister) {
    List<Path> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Path inside;
    try {
      inside = boundary.toRealPath();
    } catch (IOException e) {
      problems.add(
          new Problem(
              Problem.Kind.UNREADABLE_INPUT,
              dir.toString(),
              "cannot be read: " + InputFiles.describe(e)));
      return new Listing(files, problems);
    }
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(dir);
    while (!pending.isEmpty()) {
      Path current = pending.pop();
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = lister.open(current)) {
        stream.forEach(entries::add);
      } catch (IOException | DirectoryIteratorException e) {
        IOException cause =
            e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
        problems.add(
            new Problem(
                Problem.Kind.UNREADABLE_INPUT,
                current.toString(),
                "cannot be listed: "
                    + InputFiles.describe(cause)
                    + "; the files below it are left out, the rest is analysed"));
        continue;
      }
      entries.sort(null);
      // Pushed in reverse, so directories are taken in name order.
      List<Path> subdirectories = new ArrayList<>();
      for (Path entry : entries) {
        String relative = dir.relativize(entry).toString().replace('\\', '/');
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          if (wanted.test(relative)) {
            problems.add(InputFiles.unreadable(e).problem(entry.toString()));
          }
          continue;
        }
        if (attrs.isDirectory()) {
          subdirectories.add(entry);
        } else if (attrs.isSymbolicLink()) {
          link(entry, inside, wanted.test(relative), files, problems);
        } else if (wanted.test(relative)) {
          if (attrs.isRegularFile()) {
            files.add(entry);
          } else {
            problems.add(InputFiles.notRegular(attrs).problem(entry.toString()));
          }
        }
      }
      for (int i = subdirectories.size() - 1; i >= 0; i--) {
        pending.push(subdirectories.get(i));
      }
    }
    files.sort(null);
    return new Listing(files, problems);
  }

  /** Lists the wanted files below {@code dir} with the file system's listing. */
  public static Listing walk(Path dir, Path boundary, Predicate<String> wanted) {
    return walk(dir, boundary, wanted, FILE_SYSTEM);
  }

  private static void link(
      Path link, Path inside, boolean wanted, List<Path> files, List<Problem> problems) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      if (wanted) {
        problems.add(InputFiles.unreadable(e).problem(link.toString()));
      }
      return;
    }
    boolean directory = Files.isDirectory(target);
    if (!target.startsWith(inside)) {
      if (wanted || directory) {
        problems.add(
            new Problem(
                Problem.Kind.LINK_OUTSIDE_INPUT,
                link.toString(),
                "a symbolic link to " + target + ", outside the input: not followed"));
      }
      return;
    }
    if (directory || !wanted) {
      return;
    }
    if (Files.isRegularFile(target)) {
      files.add(link);
    } else {
      try {
        problems.add(
            InputFiles.notRegular(Files.readAttributes(target, BasicFileAttributes.class))
                .problem(link.toString()));
      } catch (IOException e) {
        problems.add(InputFiles.unreadable(e).problem(link.toString()));
      }
    }
  }
}
