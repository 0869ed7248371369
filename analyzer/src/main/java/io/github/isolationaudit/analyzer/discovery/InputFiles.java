package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files of the user's input: only regular files, and never more than a cap, so a named pipe
 * cannot hang the scan and a link to {@code /dev/zero}, a 3 GB file or a zip bomb cannot exhaust
 * its memory. Nothing is read whole before its size is known to be within the cap.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * The largest class file read: 64 MiB. The JVM caps a method's code at 64 KiB; the largest class
   * files of real suites are generated parsers and tables of a few MB (the largest in our corpus of
   * camel, trino, hadoop, kafka and commons test jars is 340 KB). More is no class file a compiler
   * wrote.
   */
  public static final int MAX_CLASS_FILE = 64 << 20;

  /**
   * The largest build or test configuration file read ({@code pom.xml}, {@code
   * junit-platform.properties}, ...): 4 MiB, far above any real one.
   */
  public static final int MAX_CONFIGURATION_FILE = 4 << 20;

  /**
   * The largest source file read for markers and acceptances: 8 MiB. The largest test source in our
   * corpus is a generated protocol buffer file of 440 KB, whose parse tree takes 38 MB (85 times
   * its text); a hand-written test is far smaller. At the cap a tree takes some 700 MB.
   */
  public static final int MAX_SOURCE_FILE = 8 << 20;

  /** Why a file was not read: a problem entry to report, with its kind and reason. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final Problem.Kind kind;

    Refused(Problem.Kind kind, String reason) {
      super(reason, null, false, false);
      this.kind = kind;
    }

    /** The problem entry for this file, shown as {@code path}. */
    public Problem problem(String path) {
      return new Problem(kind, path, getMessage());
    }
  }

  /**
   * Reads a regular file of at most {@code cap} bytes. Links are followed (the caller decides which
   * links to follow); a named pipe, device or socket is refused without being opened.
   */
  public static byte[] read(Path file, int cap) throws Refused {
    try (InputStream in = open(file, cap)) {
      return read(in, cap);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Opens a regular file of at most {@code cap} bytes, after checking what it is. */
  private static InputStream open(Path file, int cap) throws Refused, IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (!attrs.isRegularFile()) {
      throw notRegular(attrs);
    }
    if (attrs.size() > cap) {
      throw tooLarge(attrs.size(), cap);
    }
    return Files.newInputStream(file);
  }

  /**
   * Reads a stream (a jar entry) up to {@code cap} bytes; a longer one is refused after {@code cap
   * + 1} bytes, whatever size its header claimed, so a highly compressed entry is never inflated
   * whole.
   */
  public static byte[] read(InputStream in, int cap) throws IOException, Refused {
    byte[] bytes = in.readNBytes(cap + 1);
    if (bytes.length > cap) {
      throw tooLarge(-1, cap);
    }
    return bytes;
  }

  /**
   * Reads a class file from a stream: as {@link #read(InputStream, int)} with {@link
   * #MAX_CLASS_FILE}, except that a stream not starting with the class-file magic number is given
   * back after its first bytes (the parser rejects it), so a huge entry of other bytes costs
   * nothing.
   */
  public static byte[] readClass(InputStream in) throws IOException, Refused {
    byte[] head = in.readNBytes(4);
    if (head.length < 4
        || (head[0] & 0xff) != 0xca
        || (head[1] & 0xff) != 0xfe
        || (head[2] & 0xff) != 0xba
        || (head[3] & 0xff) != 0xbe) {
      return head;
    }
    byte[] rest = in.readNBytes(MAX_CLASS_FILE - 4 + 1);
    if (rest.length > MAX_CLASS_FILE - 4) {
      throw tooLarge(-1, MAX_CLASS_FILE);
    }
    byte[] all = new byte[4 + rest.length];
    System.arraycopy(head, 0, all, 0, 4);
    System.arraycopy(rest, 0, all, 4, rest.length);
    return all;
  }

  /** Reads a class file from the file system, as {@link #readClass(InputStream)}. */
  public static byte[] readClass(Path file) throws Refused {
    try (InputStream in = open(file, MAX_CLASS_FILE)) {
      return readClass(in);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The refusal of an entry whose declared size is over the cap, before anything is read. */
  public static Refused tooLarge(long size, int cap) {
    return new Refused(
        Problem.Kind.OVERSIZE_INPUT,
        (size < 0 ? "larger than " : size + " bytes, more than ")
            + (cap >> 20)
            + " MiB, the most this tool reads from one file: not read");
  }

  static Refused notRegular(BasicFileAttributes attrs) {
    String what = attrs.isDirectory() ? "a directory" : "a named pipe, device or socket";
    return new Refused(
        Problem.Kind.UNREADABLE_INPUT, "not a regular file (" + what + "): not read");
  }

  static Refused unreadable(IOException e) {
    return new Refused(Problem.Kind.UNREADABLE_INPUT, "cannot be read: " + describe(e));
  }

  /** An I/O failure in a few words, without a stack trace or the exception's class. */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file (a broken link?)";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
