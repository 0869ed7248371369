package io.github.isolationaudit.analyzer.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which tests ran at the same time, from the intervals the real-engine tests record. */
final class Overlaps {
  private Overlaps() {}

  /** The pairs of tests whose intervals ({@code [start, end)}) overlapped, as {@link #pair}s. */
  static List<String> of(Map<String, long[]> intervals) {
    List<String> result = new ArrayList<>();
    List<String> names = new ArrayList<>(intervals.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        long[] a = intervals.get(names.get(i));
        long[] b = intervals.get(names.get(j));
        if (a[0] < b[1] && b[0] < a[1]) {
          result.add(pair(names.get(i), names.get(j)));
        }
      }
    }
    return result;
  }

  /** Two test names in a fixed order, so that a pair reads the same whichever came first. */
  static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + " / " + b : b + " / " + a;
  }
}
