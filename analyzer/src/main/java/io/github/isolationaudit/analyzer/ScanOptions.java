package io.github.isolationaudit.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to scan and with which rules.
 *
 * @param inputs project code: Maven {@code target/} or Gradle {@code build/} directories,
 *     class-file directories and jars; everything here is analysed through
 * @param classpath libraries whose calls are matched against the catalog but not followed
 * @param userCatalogs the user's own catalog files, added to the built-in catalog
 * @param progress where progress messages go (the CLI sends them to stderr)
 * @param allReads report every read; by default a read is reported only when some test writes what
 *     it reads (a read nobody writes can take part in no conflict)
 * @param sources source directories or source jars besides those found next to the inputs
 * @param config the project configuration file ({@code .isolation-audit.yaml}) to use, or null to
 *     find one next to the inputs or in the working directory
 */
public record ScanOptions(
    List<Path> inputs,
    List<Path> classpath,
    List<Path> userCatalogs,
    Progress progress,
    boolean allReads,
    List<Path> sources,
    Path config) {

  public ScanOptions {
    inputs = List.copyOf(inputs);
    classpath = List.copyOf(classpath);
    userCatalogs = List.copyOf(userCatalogs);
    sources = List.copyOf(sources);
    Objects.requireNonNull(progress, "progress");
  }

  /** Options that find the project configuration file automatically. */
  public ScanOptions(
      List<Path> inputs,
      List<Path> classpath,
      List<Path> userCatalogs,
      Progress progress,
      boolean allReads,
      List<Path> sources) {
    this(inputs, classpath, userCatalogs, progress, allReads, sources, null);
  }

  /** Options for these inputs, with the built-in catalog and no progress output. */
  public static ScanOptions of(Path... inputs) {
    return new ScanOptions(
        List.of(inputs), List.of(), List.of(), Progress.SILENT, false, List.of());
  }

  /** These options, reporting every read. */
  public ScanOptions withAllReads() {
    return new ScanOptions(inputs, classpath, userCatalogs, progress, true, sources, config);
  }

  /** These options with this project configuration file instead of the one found next to them. */
  public ScanOptions withConfig(Path file) {
    return new ScanOptions(inputs, classpath, userCatalogs, progress, allReads, sources, file);
  }

  /** Receives progress messages of a long scan. */
  @FunctionalInterface
  public interface Progress {
    Progress SILENT = message -> {};

    void report(String message);
  }
}
