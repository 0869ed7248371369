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
 */
public record MarkerVerdict(
    Marker marker,
    Verdict verdict,
    String reason,
    Confidence confidence,
    String confidenceNote,
    String recommendation,
    List<TestId> partners,
    List<Edit> edits) {

  public MarkerVerdict {
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(confidenceNote, "confidenceNote");
    Objects.requireNonNull(recommendation, "recommendation");
    partners = List.copyOf(partners);
    edits = List.copyOf(edits);
  }

  /** This verdict with its edits replaced (placed on their lines, for instance). */
  public MarkerVerdict withEdits(List<Edit> newEdits) {
    return new MarkerVerdict(
        marker, verdict, reason, confidence, confidenceNote, recommendation, partners, newEdits);
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
