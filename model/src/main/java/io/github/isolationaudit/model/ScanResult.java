package io.github.isolationaudit.model;

import java.util.List;

/**
 * What one scan found: every test's footprint, the conflicts between them, and the problems met.
 *
 * @param inputs the paths that were scanned, as the user gave them
 * @param configuration how the project runs its tests, as far as its configuration shows
 * @param markers every isolation marker found, with its verdict
 * @param findings conflicts that nothing protects, or that a marker does not cover
 * @param sourcePaths the project-relative paths of the source files the scan located
 * @param coverage every marker that shapes scheduling, as the runner applies it (in memory; the
 *     execution model reads it, the JSON report does not carry it)
 */
public record ScanResult(
    List<String> inputs,
    ScanSummary summary,
    List<Footprint> footprints,
    List<Conflict> conflicts,
    List<Problem> problems,
    BuildConfiguration configuration,
    List<MarkerVerdict> markers,
    List<Finding> findings,
    SourcePaths sourcePaths,
    List<MarkerCoverage> coverage) {

  /** The version of the report's shape; bumped when a field is renamed or removed. */
  public static final int SCHEMA_VERSION = 2;

  public ScanResult {
    inputs = List.copyOf(inputs);
    footprints = List.copyOf(footprints);
    conflicts = List.copyOf(conflicts);
    problems = List.copyOf(problems);
    java.util.Objects.requireNonNull(configuration, "configuration");
    markers = List.copyOf(markers);
    findings = List.copyOf(findings);
    java.util.Objects.requireNonNull(sourcePaths, "sourcePaths");
    coverage = List.copyOf(coverage);
  }

  /** A result without the markers' coverage. */
  public ScanResult(
      List<String> inputs,
      ScanSummary summary,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Problem> problems,
      BuildConfiguration configuration,
      List<MarkerVerdict> markers,
      List<Finding> findings,
      SourcePaths sourcePaths) {
    this(
        inputs,
        summary,
        footprints,
        conflicts,
        problems,
        configuration,
        markers,
        findings,
        sourcePaths,
        List.of());
  }

  /** A result whose source files were not located in the project. */
  public ScanResult(
      List<String> inputs,
      ScanSummary summary,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Problem> problems,
      BuildConfiguration configuration,
      List<MarkerVerdict> markers,
      List<Finding> findings) {
    this(
        inputs,
        summary,
        footprints,
        conflicts,
        problems,
        configuration,
        markers,
        findings,
        SourcePaths.none());
  }

  /** A result without markers, findings or configuration (footprints and conflicts only). */
  public ScanResult(
      List<String> inputs,
      ScanSummary summary,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Problem> problems) {
    this(
        inputs,
        summary,
        footprints,
        conflicts,
        problems,
        BuildConfiguration.unknown(),
        List.of(),
        List.of());
  }
}
