package io.github.isolationaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one marker, with why, how sure, and what to do.
 *
 * @param reason one sentence naming the resource, key and the other tests involved
 * @param confidenceNote why the confidence is lowered, or empty
 * @param recommendation an edit: which file and line (or class and method), what to remove or write
 * @param partners up to five of the tests it protects against (the reason gives the count)
 * @param edits the recommendation as changes to the sources, in order; empty when it is to keep the
 *     marker as it is or no source change carries it out
 * @param covered the tests the runner applies the marker to, in order: its method, or every test
 *     run in its class, the class's subclasses where the annotation is inherited and its nested
 *     classes, on the engine that acts on it; empty where nothing acts on it. The scan's word, so
 *     the plan does not guess it again from class names
 * @param oneThread whether the marker makes the runner run its class's tests one after another on
 *     one thread: a class-level {@code @Execution(SAME_THREAD)}, method order, TestNG's {@code
 *     singleThreaded}, or a READ_WRITE lock the class itself holds (not one with {@code target =
 *     CHILDREN})
 * @param cause why it got its verdict, as data: the judgement the reason puts in words
 */
public record MarkerVerdict(
    Marker marker,
    Verdict verdict,
    String reason,
    Confidence confidence,
    String confidenceNote,
    String recommendation,
    List<TestId> partners,
    List<Edit> edits,
    List<TestId> covered,
    boolean oneThread,
    VerdictCause cause) {

  public MarkerVerdict {
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(confidenceNote, "confidenceNote");
    Objects.requireNonNull(recommendation, "recommendation");
    partners = List.copyOf(partners);
    edits = List.copyOf(edits);
    covered = List.copyOf(covered);
    Objects.requireNonNull(cause, "cause");
  }

  /** A verdict with its coverage, for the cause it usually has. */
  public MarkerVerdict(
      Marker marker,
      Verdict verdict,
      String reason,
      Confidence confidence,
      String confidenceNote,
      String recommendation,
      List<TestId> partners,
      List<Edit> edits,
      List<TestId> covered,
      boolean oneThread) {
    this(
        marker,
        verdict,
        reason,
        confidence,
        confidenceNote,
        recommendation,
        partners,
        edits,
        covered,
        oneThread,
        VerdictCause.usual(verdict));
  }

  /** A verdict whose coverage is not (yet) known: it covers nothing. */
  public MarkerVerdict(
      Marker marker,
      Verdict verdict,
      String reason,
      Confidence confidence,
      String confidenceNote,
      String recommendation,
      List<TestId> partners,
      List<Edit> edits) {
    this(
        marker,
        verdict,
        reason,
        confidence,
        confidenceNote,
        recommendation,
        partners,
        edits,
        List.of(),
        false);
  }

  /** This verdict with its edits replaced (placed on their lines, for instance). */
  public MarkerVerdict withEdits(List<Edit> newEdits) {
    return new MarkerVerdict(
        marker,
        verdict,
        reason,
        confidence,
        confidenceNote,
        recommendation,
        partners,
        newEdits,
        covered,
        oneThread,
        cause);
  }

  /** This verdict with the tests it covers and whether it runs its class on one thread. */
  public MarkerVerdict withCoverage(List<TestId> tests, boolean runsOnOneThread) {
    return new MarkerVerdict(
        marker,
        verdict,
        reason,
        confidence,
        confidenceNote,
        recommendation,
        partners,
        edits,
        tests,
        runsOnOneThread,
        cause);
  }

  /** This verdict with the judgement behind it. */
  public MarkerVerdict withCause(VerdictCause newCause) {
    return new MarkerVerdict(
        marker,
        verdict,
        reason,
        confidence,
        confidenceNote,
        recommendation,
        partners,
        edits,
        covered,
        oneThread,
        newCause);
  }

  /** A verdict whose recommendation is not (yet) given as edits. */
  public MarkerVerdict(
      Marker marker,
      Verdict verdict,
      String reason,
      Confidence confidence,
      String confidenceNote,
      String recommendation,
      List<TestId> partners) {
    this(marker, verdict, reason, confidence, confidenceNote, recommendation, partners, List.of());
  }
}
