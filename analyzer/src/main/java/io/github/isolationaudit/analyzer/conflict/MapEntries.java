package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How accesses of single entries of a map (a {@link Key#isEntry() keyed} access of a static field)
 * meet the others of the same map. Two entries meet where their own keys do: the same named key
 * definitely, a key the analysis could not name any entry possibly. The whole map holds every
 * entry: a test that changes it all (clear, putAll, a new map) meets every entry's test, reported
 * once on the whole map; a test that reads it all (size, iteration, the map handed on) meets every
 * entry's writers, on each entry. A test's own entry under a fresh key is no entry here: it meets
 * only whole-map accesses ({@link OwnEntries}).
 */
final class MapEntries {
  /** Another group an access takes part in: as a {@code mode} access, possibly only. */
  record Meeting(Key key, AccessMode mode, boolean unsure) {}

  /** The entries of one map seen in the suite, and whether some test changes it all. */
  private static final class Entries {
    final Set<Key> named = new LinkedHashSet<>();
    final Set<Key> unnamed = new LinkedHashSet<>();
    final Set<TestId> wholeWriters = new HashSet<>();
  }

  /** One map: the resource and its whole key, and for a value shared per class, the class. */
  private record MapId(ResourceKind resource, String customKind, String value, String classPart) {}

  private final Map<MapId, Entries> maps = new HashMap<>();

  private static MapId mapId(Footprint f, Access a) {
    String classPart = a.scope() == Scope.PER_CLASS ? f.test().id().className() : "";
    return new MapId(a.resource(), a.customKind(), a.key().value(), classPart);
  }

  /** Whether an access touches the whole map: not one entry, nor a test's own entry. */
  private static boolean whole(Access a) {
    return !a.key().isEntry() && !OwnEntries.ownEntry(a) && a.key().kind() == Key.Kind.EXACT;
  }

  /** Notes one access that takes part in conflicts, before any {@link #meetings}. */
  void note(Footprint f, Access a) {
    if (a.key().isEntry()) {
      Entries e = maps.computeIfAbsent(mapId(f, a), k -> new Entries());
      (a.key().entry().isExact() ? e.named : e.unnamed).add(a.key());
    } else if (whole(a) && a.mode() == AccessMode.WRITE) {
      maps.computeIfAbsent(mapId(f, a), k -> new Entries()).wholeWriters.add(f.test().id());
    }
  }

  /** The other groups of the same map that an access takes part in, besides its own. */
  List<Meeting> meetings(Footprint f, Access a) {
    if (!a.key().isEntry() && !whole(a)) {
      return List.of();
    }
    Entries e = maps.get(mapId(f, a));
    if (e == null || e.named.isEmpty() && e.unnamed.isEmpty()) {
      return List.of();
    }
    List<Meeting> result = new ArrayList<>();
    if (!a.key().isEntry()) {
      // A test that changes the whole map meets every entry's tests already, on the whole map.
      if (a.mode() == AccessMode.READ && !e.wholeWriters.contains(f.test().id())) {
        // A read of every entry sees each entry's writers, as surely as a read of that entry.
        for (Key k : e.named) {
          result.add(new Meeting(k, AccessMode.READ, false));
        }
        for (Key k : e.unnamed) {
          result.add(new Meeting(k, AccessMode.READ, false));
        }
      }
      return result;
    }
    if (!e.wholeWriters.isEmpty()) {
      // Whoever changes the whole map changes this entry: one conflict, on the whole map.
      result.add(new Meeting(a.key().whole(), AccessMode.READ, false));
    }
    Key entry = a.key().entry();
    if (!entry.isExact()) {
      // An entry nobody can name may be any named one: a possible partner on each, reported
      // there (not the other way round too, which would report each such pair twice).
      for (Key other : e.named) {
        if (other.entry().overlaps(entry)) {
          result.add(new Meeting(other, a.mode(), true));
        }
      }
    }
    return result;
  }
}
