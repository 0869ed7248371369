package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.rules.CodeRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which accesses of a thread-safe registry through keys fresh per call take part in conflicts.
 * Tests that each touch only their own entry never see each other's, nor the entries of tests that
 * use keys of their own choosing (a fresh key is nobody else's); a test that reads the whole map
 * (size, iteration) sees every entry made, and one that writes it (clear, putAll) changes every
 * entry read. So an own-entry read counts only when some test writes the whole map, and an
 * own-entry change only when some test touches the whole map at all.
 *
 * <p>An own entry is one of the three kinds of entry access of a map held in a static field: under
 * a key fresh per call (here, keyed by the field itself, as it meets only the whole map), under a
 * named key, or under a key nobody can name (both {@link io.github.isolationaudit.model.Key#entry
 * entry keys}, which {@link MapEntries} lets meet each other and the whole map). Neither of the
 * latter is a whole-map access here, so neither brings an own entry back.
 */
final class OwnEntries {
  /**
   * For each registry key: whether some test reads, and whether some test writes, the whole map.
   */
  private final Map<Key, boolean[]> whole = new HashMap<>();

  OwnEntries(List<Footprint> footprints) {
    Map<Key, Boolean> registries = new HashMap<>();
    for (Footprint f : footprints) {
      for (Access a : f.accesses()) {
        if (ownEntry(a)) {
          registries.put(a.key(), Boolean.TRUE);
        }
      }
    }
    if (registries.isEmpty()) {
      return;
    }
    for (Footprint f : footprints) {
      if (f.test().disabled()) {
        continue;
      }
      for (Access a : f.accesses()) {
        if (ownEntry(a) || singleEntries(a) || !registries.containsKey(a.key())) {
          continue;
        }
        boolean[] seen = whole.computeIfAbsent(a.key(), k -> new boolean[2]);
        seen[a.mode() == AccessMode.WRITE ? 1 : 0] = true;
      }
    }
  }

  /**
   * Single entries under keys others may use (a key named, or not known): never the key of
   * another's own entry.
   */
  private static boolean singleEntries(Access a) {
    return a.key().isEntry()
        || a.sinkId().equals(CodeRules.KEYED_ENTRY_READ.id())
        || a.sinkId().equals(CodeRules.KEYED_ENTRY_WRITE.id());
  }

  /** Whether an access touches only its own entry of a map, under a key made fresh for it. */
  static boolean ownEntry(Access a) {
    return a.sinkId().equals(CodeRules.FRESH_KEY_ENTRY_READ.id())
        || a.sinkId().equals(CodeRules.FRESH_KEY_ENTRY_WRITE.id());
  }

  /** Whether this access meets no test's access of the whole registry, so it races with nobody. */
  boolean apart(Access a) {
    if (!ownEntry(a)) {
      return false;
    }
    boolean[] seen = whole.get(a.key());
    if (seen == null) {
      return true;
    }
    return a.mode() == AccessMode.READ ? !seen[1] : false;
  }
}
