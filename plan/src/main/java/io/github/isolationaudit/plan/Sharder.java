package io.github.isolationaudit.plan;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.plan.Plan;
import java.util.ArrayList;
import java.util.List;

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
    Packing groups = new Packing();
    planner.testsByClass().keySet().forEach(groups::add);
    for (Conflict c : planner.scan().conflicts()) {
      if (c.reach() != Reach.EXTERNAL) {
        continue;
      }
      String first = null;
      for (TestId t : Planner.members(c)) {
        String cls = Planner.topLevel(t.className());
        if (!planner.testsByClass().containsKey(cls)) {
          continue;
        }
        if (first == null) {
          first = cls;
        } else {
          groups.join(first, cls);
        }
      }
    }
    List<List<String>> bins = Packing.longestFirst(groups.groups(), m, planner::classSeconds);
    List<Plan.Shard> shards = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      List<String> classes = bins.get(i);
      shards.add(
          new Plan.Shard(
              i + 1,
              classes,
              Planner.round(classes.stream().mapToDouble(planner::classSeconds).sum()),
              String.join(",", classes),
              classes.stream().map(c -> "--select-class=" + c).toList()));
    }
    return shards;
  }
}
