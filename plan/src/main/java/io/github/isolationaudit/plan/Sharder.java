package io.github.isolationaudit.plan;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.plan.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits a suite into time-balanced shards for several machines. Test classes that conflict on an
 * EXTERNAL resource (a database or service the machines share) stay in one shard; everything else
 * is per machine, so any split is safe. Units are placed longest first on the least loaded shard
 * (ties by shard number), which is deterministic and within 4/3 of the best balance.
 */
final class Sharder {
  private final Planner planner;

  Sharder(Planner planner) {
    this.planner = planner;
  }

  List<Plan.Shard> shards() {
    int m = planner.options().shards();
    Map<String, String> parent = new HashMap<>();
    for (String cls : planner.testsByClass().keySet()) {
      parent.put(cls, cls);
    }
    for (Conflict c : planner.scan().conflicts()) {
      if (c.reach() != Reach.EXTERNAL) {
        continue;
      }
      String first = null;
      for (TestId t : Planner.members(c)) {
        String cls = Planner.topLevel(t.className());
        if (!parent.containsKey(cls)) {
          continue;
        }
        if (first == null) {
          first = cls;
        } else {
          union(parent, first, cls);
        }
      }
    }
    Map<String, List<String>> units = new TreeMap<>();
    for (String cls : planner.testsByClass().keySet()) {
      units.computeIfAbsent(find(parent, cls), k -> new ArrayList<>()).add(cls);
    }
    List<List<String>> ordered = new ArrayList<>(units.values());
    ordered.sort(
        Comparator.comparingDouble((List<String> u) -> -seconds(u)).thenComparing(u -> u.get(0)));
    double[] load = new double[m];
    List<TreeSet<String>> members = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      members.add(new TreeSet<>());
    }
    for (List<String> u : ordered) {
      int best = 0;
      for (int i = 1; i < m; i++) {
        if (load[i] < load[best]) {
          best = i;
        }
      }
      load[best] += seconds(u);
      members.get(best).addAll(u);
    }
    List<Plan.Shard> shards = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      List<String> classes = new ArrayList<>(members.get(i));
      shards.add(
          new Plan.Shard(
              i + 1,
              classes,
              Planner.round(load[i]),
              String.join(",", classes),
              classes.stream().map(c -> "--select-class=" + c).toList()));
    }
    return shards;
  }

  private double seconds(List<String> unit) {
    return unit.stream().mapToDouble(planner::classSeconds).sum();
  }

  private static String find(Map<String, String> parent, String x) {
    while (!parent.get(x).equals(x)) {
      parent.put(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      // The smaller name is the root, so the result does not depend on the order of conflicts.
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }
}
