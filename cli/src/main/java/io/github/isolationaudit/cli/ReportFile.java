package io.github.isolationaudit.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report file atomically: streamed into a temporary file beside the target, then moved
 * over it. A large report never sits in memory, and a failed run leaves the previous report as it
 * was. The temporary file is created like any other file (the umask decides its permissions).
 *
 * <p>A symbolic link is followed: the file it points to gets the report and the link stays. A
 * target that is no regular file (a named pipe, {@code /dev/stdout}, a device) is written to
 * directly, never replaced.
 */
final class ReportFile {
  private ReportFile() {}

  /** Links followed at most, as the kernel does, before the path counts as a loop. */
  private static final int MAX_LINKS = 40;

  /** What writes the content. */
  interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Whether {@code output} (null: stdout) can take the report; when it cannot, says why on one
   * line, as {@code isolation-audit COMMAND: cannot write the WHAT to OUTPUT: why}.
   */
  static boolean writable(Path output, java.io.PrintWriter err, String command, String what) {
    String unwritable = output == null ? null : problem(output);
    if (unwritable != null) {
      err.println(
          "isolation-audit "
              + command
              + ": cannot write the "
              + what
              + " to "
              + output
              + ": "
              + unwritable);
    }
    return unwritable == null;
  }

  /**
   * Why a report cannot be written to {@code output}, or null when it can: checked before a scan,
   * so a path that cannot be written costs no scan. The directory must exist; a file is created and
   * deleted in it to be sure (permissions, read-only file systems, root's exemptions alike).
   */
  static String problem(Path output) {
    Path p = output.toAbsolutePath();
    if (Files.isDirectory(p)) {
      return "it is a directory";
    }
    if (Files.exists(p) && !Files.isRegularFile(p)) {
      return Files.isWritable(p) ? null : "permission denied";
    }
    Path target;
    try {
      target = target(p);
    } catch (IOException e) {
      return describe(e);
    }
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      return "no such directory: " + dir;
    }
    try {
      Files.delete(createTemporary(dir, target));
    } catch (IOException e) {
      return "cannot create a file in " + dir + ": " + describe(e);
    }
    return null;
  }

  /** Writes the report to {@code output}, creating missing directories. */
  static void write(Path output, Content content) throws IOException {
    Path p = output.toAbsolutePath();
    if (Files.isDirectory(p)) {
      throw new FileSystemException(output.toString(), null, "it is a directory");
    }
    if (Files.exists(p) && !Files.isRegularFile(p)) {
      // Opened through the path as given: /dev/fd/N of a shell's process substitution is a link
      // that only the kernel can follow.
      try (Writer out =
          new OutputStreamWriter(
              Files.newOutputStream(p, StandardOpenOption.WRITE), StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      return;
    }
    Path target = target(p);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = createTemporary(dir, target);
    try {
      try (Writer out =
          Files.newBufferedWriter(
              tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(out);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path createTemporary(Path dir, Path target) throws IOException {
    for (int i = 0; ; i++) {
      Path candidate =
          dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + i);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // another run's; try the next name
      }
    }
  }

  /**
   * The file to replace: the regular file a chain of symbolic links ends at (which need not exist
   * yet), or the path itself when it is no link.
   */
  private static Path target(Path p) throws IOException {
    if (Files.isRegularFile(p)) {
      return p.toRealPath();
    }
    for (int i = 0; Files.isSymbolicLink(p); i++) {
      if (i == MAX_LINKS) {
        throw new FileSystemException(p.toString(), null, "too many levels of symbolic links");
      }
      p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
    }
    return p;
  }

  /** An I/O failure in a few words. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory: " + n.getFile();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "a file is in the way: " + f.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
