package io.github.isolationaudit.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Groups of test classes that must stay together, and their packing into bins (serial lanes,
 * shards): longest group first onto the least loaded bin, ties by bin number and group name, so the
 * same input always packs the same way and no bin exceeds the best balance by more than one group
 * (within 4/3 of the optimum).
 */
final class Packing {
  private final Map<String, String> parent = new HashMap<>();

  /** Puts a class in a group of its own unless it is in one already. */
  void add(String cls) {
    parent.putIfAbsent(cls, cls);
  }

  /** Joins the groups of two classes. */
  void join(String a, String b) {
    add(a);
    add(b);
    String ra = root(a);
    String rb = root(b);
    if (!ra.equals(rb)) {
      // The smaller name is the root, so the groups do not depend on the order of joins.
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }

  private String root(String x) {
    String r = x;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** The groups, each sorted by class name, in the order of their smallest name. */
  List<List<String>> groups() {
    Map<String, List<String>> groups = new TreeMap<>();
    new TreeMap<>(parent)
        .keySet()
        .forEach(c -> groups.computeIfAbsent(root(c), k -> new ArrayList<>()).add(c));
    return new ArrayList<>(groups.values());
  }

  /** Packs groups into at most {@code bins} bins, longest first onto the least loaded. */
  static List<List<String>> longestFirst(
      Collection<List<String>> groups, int bins, ToDoubleFunction<String> seconds) {
    ToDoubleFunction<List<String>> weight = g -> g.stream().mapToDouble(seconds).sum();
    List<List<String>> ordered = new ArrayList<>(groups);
    ordered.sort(
        Comparator.comparingDouble((List<String> g) -> -weight.applyAsDouble(g))
            .thenComparing(g -> g.get(0)));
    List<List<String>> result = new ArrayList<>();
    double[] load = new double[bins];
    for (int i = 0; i < bins; i++) {
      result.add(new ArrayList<>());
    }
    for (List<String> g : ordered) {
      int best = 0;
      for (int i = 1; i < bins; i++) {
        if (load[i] < load[best]) {
          best = i;
        }
      }
      load[best] += weight.applyAsDouble(g);
      result.get(best).addAll(g);
    }
    result.forEach(b -> b.sort(null));
    return result;
  }
}
