package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.model.Reach;
import java.util.HashMap;
import java.util.Map;

/**
 * The members of one conflict group counted by stance profile and class: how many tests, how many
 * writers, how many writers with several invocations. It answers "how many members can overlap a
 * test of this stance" in time proportional to the number of profiles, not members.
 */
final class Tally {
  static final int EVERYONE = 0;
  static final int WRITERS = 1;
  static final int MULTI_WRITERS = 2;

  private final StanceIndex index;
  private final Reach reach;
  private final Map<Integer, long[]> byProfile = new HashMap<>();
  private final Map<Integer, Map<String, long[]>> byProfileClass = new HashMap<>();
  private final Map<Integer, Map<String, long[]>> byProfileThread = new HashMap<>();

  Tally(StanceIndex index, Reach reach) {
    this.index = index;
    this.reach = reach;
  }

  Reach reach() {
    return reach;
  }

  /** Adds (or with a negative n removes) n tests of a stance. */
  void add(int stance, boolean writer, boolean multi, long n) {
    int p = index.profile(stance);
    add(byProfile.computeIfAbsent(p, k -> new long[3]), writer, multi, n);
    add(
        byProfileClass
            .computeIfAbsent(p, k -> new HashMap<>())
            .computeIfAbsent(index.topClass(stance), k -> new long[3]),
        writer,
        multi,
        n);
    String thread = index.threadClass(stance);
    if (!thread.isEmpty()) {
      add(
          byProfileThread
              .computeIfAbsent(p, k -> new HashMap<>())
              .computeIfAbsent(thread, k -> new long[3]),
          writer,
          multi,
          n);
    }
  }

  private static void add(long[] c, boolean writer, boolean multi, long n) {
    c[EVERYONE] += n;
    if (writer) {
      c[WRITERS] += n;
      if (multi) {
        c[MULTI_WRITERS] += n;
      }
    }
  }

  /**
   * How many members (all of them, or only the writers) a test of this stance can overlap; a member
   * with the same stance counts, so a caller that is itself a member subtracts itself.
   */
  long exposed(int stance, int column) {
    int p = index.profile(stance);
    String cls = index.topClass(stance);
    String thread = index.threadClass(stance);
    boolean inSequence = index.classInSequence(stance);
    long n = 0;
    for (Map.Entry<Integer, long[]> e : byProfile.entrySet()) {
      long all = e.getValue()[column];
      if (all == 0 || index.apart(p, e.getKey(), reach)) {
        continue;
      }
      long[] sameClass = byProfileClass.get(e.getKey()).get(cls);
      long same = sameClass == null ? 0 : sameClass[column];
      // As ExecutionModel.keptApartByClass: in one top-level class, apart when both run on one
      // class's thread (only tests that do have a thread class); across classes, when both
      // classes run in sequence.
      long[] sameThread =
          thread.isEmpty() ? null : byProfileThread.getOrDefault(e.getKey(), Map.of()).get(thread);
      long apartInClass = sameThread == null ? 0 : sameThread[column];
      boolean classesApart = inSequence && index.profileClassInSequence(e.getKey());
      n += (same - apartInClass) + (classesApart ? 0 : all - same);
    }
    return n;
  }
}
