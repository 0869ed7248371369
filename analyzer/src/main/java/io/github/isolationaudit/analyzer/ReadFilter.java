package io.github.isolationaudit.analyzer;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaves out of the report the reads of resources that no test writes: such a read can take part in
 * no conflict. Suites whose tests reach deep into production code read thousands of static fields
 * and defaults that nothing changes; listing them made a 5,000-test report hundreds of megabytes.
 * Writes are always kept, and the verdicts are computed on the full footprints.
 */
final class ReadFilter {
  private final List<Footprint> footprints;
  private final Map<String, Set<String>> exactWrites = new HashMap<>();
  private final Map<String, List<Key>> otherWrites = new HashMap<>();

  ReadFilter(List<Footprint> footprints) {
    this.footprints = footprints;
    for (Footprint f : footprints) {
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.WRITE && a.scope() != Scope.PER_TEST) {
          if (a.key().isExact()) {
            exactWrites
                .computeIfAbsent(a.resourceName(), k -> new HashSet<>())
                .add(a.key().value());
          } else {
            otherWrites.computeIfAbsent(a.resourceName(), k -> new ArrayList<>()).add(a.key());
          }
        }
      }
    }
  }

  List<Footprint> withoutUnwrittenReads() {
    List<Footprint> result = new ArrayList<>(footprints.size());
    for (Footprint f : footprints) {
      List<Access> kept = new ArrayList<>(f.accesses().size());
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.WRITE || written(a)) {
          kept.add(a);
        }
      }
      result.add(kept.size() == f.accesses().size() ? f : new Footprint(f.test(), kept));
    }
    return result;
  }

  private boolean written(Access read) {
    if (read.scope() == Scope.PER_TEST) {
      return false;
    }
    String resource = read.resourceName();
    Set<String> exact = exactWrites.getOrDefault(resource, Set.of());
    List<Key> other = otherWrites.getOrDefault(resource, List.of());
    if (!read.key().isExact()) {
      return !exact.isEmpty() || !other.isEmpty();
    }
    if (exact.contains(read.key().value())) {
      return true;
    }
    for (Key k : other) {
      if (k.overlaps(read.key())) {
        return true;
      }
    }
    return false;
  }
}
