package io.github.isolationaudit.model;

import java.util.List;

/**
 * What one scan found: every test's footprint, the conflicts between them, and the problems met.
 *
 * @param inputs the paths that were scanned, as the user gave them
 */
public record ScanResult(
    List<String> inputs,
    ScanSummary summary,
    List<Footprint> footprints,
    List<Conflict> conflicts,
    List<Problem> problems) {

  /** The version of the report's shape; bumped when a field is renamed or removed. */
  public static final int SCHEMA_VERSION = 1;

  public ScanResult {
    inputs = List.copyOf(inputs);
    footprints = List.copyOf(footprints);
    conflicts = List.copyOf(conflicts);
    problems = List.copyOf(problems);
  }
}
