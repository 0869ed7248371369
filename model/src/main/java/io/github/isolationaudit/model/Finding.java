package io.github.isolationaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conflict that nothing protects (UNPROTECTED), or that a marker sits on but does not cover
 * (INSUFFICIENT).
 *
 * @param tests the tests in conflict, sorted (writers first in the reason)
 * @param testCount how many tests take part (tests lists at most a sample for large groups)
 * @param marker for INSUFFICIENT, the marker that falls short; else null
 * @param live whether the project's configuration runs these tests in parallel today (a live race)
 *     or not (a trap for when it does)
 * @param acceptance why the project accepts this finding, or null when it does not; an accepted
 *     finding stays in the report but counts for no failure
 * @param edits the recommendation as changes to the sources, the smallest a maintainer would write;
 *     empty when no source change carries it out
 * @param writers every exposed test that writes the resource, sorted; never cut to a sample
 * @param readers every exposed test that only reads it, sorted; never cut to a sample
 * @param merged the other conflicts this finding stands for: the same tests conflict on them, and
 *     the same edits fix them (its reason names them too); empty for a finding that stands alone.
 *     With them, an UNPROTECTED finding's reason says nothing that its kind, resource, key, test
 *     count and liveness do not: only an INSUFFICIENT finding's reason adds why its marker falls
 *     short
 */
public record Finding(
    Kind kind,
    ResourceKind resource,
    String customKind,
    Key key,
    List<TestId> tests,
    int testCount,
    Marker marker,
    boolean live,
    String reason,
    String recommendation,
    Acceptance acceptance,
    List<TestId> exposed,
    List<Edit> edits,
    List<TestId> writers,
    List<TestId> readers,
    List<Merged> merged) {

  /** The kinds of finding that no marker verdict covers. */
  public enum Kind {
    UNPROTECTED,
    INSUFFICIENT
  }

  /**
   * Another conflict a finding stands for: a resource and key with the same tests and edits.
   *
   * @param customKind the user's name for a CUSTOM resource kind, else empty
   */
  public record Merged(ResourceKind resource, String customKind, Key key) {
    public Merged {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(customKind, "customKind");
      Objects.requireNonNull(key, "key");
    }

    /** The resource name as reports show it: the kind, or the user's name for a custom kind. */
    public String resourceName() {
      return resource == ResourceKind.CUSTOM && !customKind.isEmpty()
          ? customKind
          : resource.name();
    }
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(customKind, "customKind");
    Objects.requireNonNull(key, "key");
    tests = List.copyOf(tests);
    exposed = exposed == null ? tests : List.copyOf(exposed);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(recommendation, "recommendation");
    edits = edits == null ? List.of() : List.copyOf(edits);
    writers = writers == null ? List.of() : List.copyOf(writers);
    readers = readers == null ? List.of() : List.copyOf(readers);
    merged = merged == null ? List.of() : List.copyOf(merged);
  }

  /** A finding that stands for no other conflict. */
  public Finding(
      Kind kind,
      ResourceKind resource,
      String customKind,
      Key key,
      List<TestId> tests,
      int testCount,
      Marker marker,
      boolean live,
      String reason,
      String recommendation,
      Acceptance acceptance,
      List<TestId> exposed,
      List<Edit> edits,
      List<TestId> writers,
      List<TestId> readers) {
    this(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        acceptance,
        exposed,
        edits,
        writers,
        readers,
        List.of());
  }

  /** A finding whose writers and readers are not told apart. */
  public Finding(
      Kind kind,
      ResourceKind resource,
      String customKind,
      Key key,
      List<TestId> tests,
      int testCount,
      Marker marker,
      boolean live,
      String reason,
      String recommendation,
      Acceptance acceptance,
      List<TestId> exposed,
      List<Edit> edits) {
    this(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        acceptance,
        exposed,
        edits,
        List.of(),
        List.of());
  }

  /** A finding whose recommendation is not (yet) given as edits. */
  public Finding(
      Kind kind,
      ResourceKind resource,
      String customKind,
      Key key,
      List<TestId> tests,
      int testCount,
      Marker marker,
      boolean live,
      String reason,
      String recommendation,
      Acceptance acceptance,
      List<TestId> exposed) {
    this(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        acceptance,
        exposed,
        List.of());
  }

  /** A finding that the project has not accepted. */
  public Finding(
      Kind kind,
      ResourceKind resource,
      String customKind,
      Key key,
      List<TestId> tests,
      int testCount,
      Marker marker,
      boolean live,
      String reason,
      String recommendation) {
    this(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        null,
        null);
  }

  /**
   * A finding whose exposed tests are its sample.
   *
   * @param exposed every test in a pair that nothing keeps apart; {@code tests} is a sample of it
   */
  public Finding(
      Kind kind,
      ResourceKind resource,
      String customKind,
      Key key,
      List<TestId> tests,
      int testCount,
      Marker marker,
      boolean live,
      String reason,
      String recommendation,
      List<TestId> exposed) {
    this(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        null,
        exposed);
  }

  /** Whether the project accepts this finding. */
  public boolean accepted() {
    return acceptance != null;
  }

  /** This finding, accepted for a reason. */
  public Finding accept(Acceptance why) {
    return new Finding(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        recommendation,
        Objects.requireNonNull(why, "why"),
        exposed,
        edits,
        writers,
        readers,
        merged);
  }

  /** This finding with its recommendation given as edits, and the summary of the choice. */
  public Finding withEdits(String summary, List<Edit> newEdits) {
    return new Finding(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        reason,
        summary,
        acceptance,
        exposed,
        newEdits,
        writers,
        readers,
        merged);
  }

  /** This finding with its edits replaced (placed on their lines, for instance). */
  public Finding withEdits(List<Edit> newEdits) {
    return withEdits(recommendation, newEdits);
  }

  /**
   * This finding standing for other conflicts with the same tests and edits, with the reason that
   * names them.
   */
  public Finding merging(String newReason, List<Merged> others) {
    List<Merged> all = new ArrayList<>(merged);
    all.addAll(others);
    return new Finding(
        kind,
        resource,
        customKind,
        key,
        tests,
        testCount,
        marker,
        live,
        newReason,
        recommendation,
        acceptance,
        exposed,
        edits,
        writers,
        readers,
        all);
  }

  /** The resource name as reports show it: the kind, or the user's name for a custom kind. */
  public String resourceName() {
    return resource == ResourceKind.CUSTOM && !customKind.isEmpty() ? customKind : resource.name();
  }
}
