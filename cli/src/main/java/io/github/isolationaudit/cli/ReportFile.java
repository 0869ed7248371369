package io.github.isolationaudit.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report file atomically: streamed into a temporary file beside the target, then moved
 * over it. A large report never sits in memory, and a failed run leaves the previous report as it
 * was. The temporary file is created like any other file (the umask decides its permissions).
 */
final class ReportFile {
  private ReportFile() {}

  /** What writes the content. */
  interface Content {
    void writeTo(Writer out) throws IOException;
  }

  static void write(Path output, Content content) throws IOException {
    Path target = output.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    for (int i = 0; tmp == null; i++) {
      Path candidate =
          dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + i);
      try {
        Files.createFile(candidate);
        tmp = candidate;
      } catch (FileAlreadyExistsException e) {
        // another run's; try the next name
      }
    }
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
}
