package io.github.isolationaudit.reports.export;

import io.github.isolationaudit.model.plan.Plan.LockAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The plan's lock assignments merged per class or method and key: a key held both READ and
 * READ_WRITE by one target is held READ_WRITE, and a repeated assignment counts once.
 */
final class LockTable {

  /** One lock on one target, where the target was declared. */
  record Entry(
      String className, String methodName, String key, boolean readOnly, String file, int line) {

    boolean classLevel() {
      return methodName == null;
    }

    /** {@code a.B} or {@code a.B#m}: how the generated provider looks a target up. */
    String target() {
      return methodName == null ? className : className + "#" + methodName;
    }
  }

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private final List<Entry> entries;

  private LockTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static LockTable of(List<LockAssignment> assignments) {
    Map<String, Entry> merged = new TreeMap<>();
    for (LockAssignment assignment : assignments) {
      Objects.requireNonNull(assignment.className(), "className");
      Objects.requireNonNull(assignment.key(), "key");
      Entry entry =
          new Entry(
              assignment.className(),
              assignment.methodName(),
              assignment.key(),
              assignment.readOnly(),
              assignment.file(),
              assignment.line());
      // The NUL separator cannot occur in a class, method or key name read from a class file.
      String id = entry.target() + '\0' + entry.key();
      merged.merge(id, entry, LockTable::stronger);
    }
    List<Entry> sorted = new ArrayList<>(merged.values());
    sorted.sort(
        Comparator.comparing(Entry::className)
            .thenComparing(Entry::methodName, NULLS_FIRST)
            .thenComparing(Entry::key));
    return new LockTable(sorted);
  }

  private static Entry stronger(Entry a, Entry b) {
    boolean readOnly = a.readOnly() && b.readOnly();
    String file = a.file() != null ? a.file() : b.file();
    int line = a.line() > 0 ? a.line() : b.line();
    return new Entry(a.className(), a.methodName(), a.key(), readOnly, file, line);
  }

  /** Every entry, by class, then class level before methods, then method, then key. */
  List<Entry> entries() {
    return entries;
  }

  /** The class-level entries grouped by class, in order. */
  Map<String, List<Entry>> byClass() {
    return group(true);
  }

  /** The method-level entries grouped by {@code class#method}, in order. */
  Map<String, List<Entry>> byMethod() {
    return group(false);
  }

  private Map<String, List<Entry>> group(boolean classLevel) {
    Map<String, List<Entry>> groups = new TreeMap<>();
    for (Entry entry : entries) {
      if (entry.classLevel() == classLevel) {
        groups.computeIfAbsent(entry.target(), target -> new ArrayList<>()).add(entry);
      }
    }
    return groups;
  }
}
