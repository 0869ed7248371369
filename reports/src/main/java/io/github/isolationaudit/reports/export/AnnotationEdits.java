package io.github.isolationaudit.reports.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code @ResourceLock} annotations that would encode lock assignments in the sources instead
 * of a generated provider, one edit a line, in the {@code file:line: message} form editors and CI
 * annotate.
 */
final class AnnotationEdits {

  private AnnotationEdits() {}

  static String render(LockTable table) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Text.GENERATED).append(": @ResourceLock annotations that encode\n");
    out.append("# its lock assignments in the sources, one a line. They need\n");
    out.append("#   import org.junit.jupiter.api.parallel.ResourceLock;\n");
    out.append("#   import static org.junit.jupiter.api.parallel.ResourceAccessMode.READ;\n");
    List<LockTable.Entry> entries = new ArrayList<>(table.entries());
    if (entries.stream().anyMatch(AnnotationEdits::isolated)) {
      // JUnit's global key held READ_WRITE is what @Isolated holds: the plan's isolated classes.
      out.append("#   import org.junit.jupiter.api.parallel.Isolated;\n");
    }
    out.append(
        "# A class-level @ResourceLock is @Inherited: subclasses of the class get the lock too.\n");
    // Sources first, in file and line order, so edits apply top to bottom; then classes by name.
    entries.sort(
        Comparator.comparing((LockTable.Entry e) -> e.file() == null)
            .thenComparing(e -> e.file() == null ? "" : e.file())
            .thenComparingInt(LockTable.Entry::line)
            .thenComparing(LockTable.Entry::className)
            .thenComparing(e -> e.methodName() == null ? "" : e.methodName())
            .thenComparing(LockTable.Entry::key));
    for (LockTable.Entry entry : entries) {
      out.append(location(entry)).append(": add ").append(annotation(entry));
      if (entry.file() != null) {
        // The line points at the declaration; the name says which, also where the line is 0.
        out.append(entry.classLevel() ? " to class " : " to method ").append(entry.target());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean isolated(LockTable.Entry entry) {
    return !entry.readOnly() && entry.key().equals(io.github.isolationaudit.model.Lock.GLOBAL);
  }

  private static String location(LockTable.Entry entry) {
    if (entry.file() == null) {
      return entry.target();
    }
    return entry.line() > 0 ? entry.file() + ":" + entry.line() : entry.file();
  }

  static String annotation(LockTable.Entry entry) {
    if (isolated(entry)) {
      return "@Isolated";
    }
    String key = "\"" + Text.javaString(entry.key()) + "\"";
    return entry.readOnly()
        ? "@ResourceLock(value = " + key + ", mode = READ)"
        : "@ResourceLock(" + key + ")";
  }
}
