package io.github.isolationaudit.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The choice a mistyped word on the command line most likely meant ({@code jsn} for {@code json},
 * {@code finds} for {@code finding}), for a "did you mean" in a usage error.
 */
final class NearMiss {
  private NearMiss() {}

  /**
   * The closest choice within a third of its length (at least 2) edits, or one the word begins
   * (three letters at least); case is ignored.
   */
  static Optional<String> of(String written, List<String> choices) {
    if (written == null || written.isBlank() || written.length() > 100) {
      return Optional.empty();
    }
    String w = written.strip().toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String choice : choices) {
      int d = distance(w, choice.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = choice;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, best.length() / 3)) {
      return Optional.of(best);
    }
    for (String choice : choices) {
      if (w.length() >= 3 && choice.toLowerCase(Locale.ROOT).startsWith(w)) {
        return Optional.of(choice);
      }
    }
    return Optional.empty();
  }

  /** {@code "; did you mean 'json'?"}, or empty. */
  static String hint(String written, List<String> choices) {
    return of(written, choices).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
