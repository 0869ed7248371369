package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What executing SQL does to a database, and which database that is. Opening a connection only uses
 * a database; what runs on it writes. A statement names no database: it runs on the one its test
 * connects to, so a statement's access is first keyed by a placeholder and then, once a test's
 * whole footprint is known, bound to the databases that test opens ({@link #bind}).
 */
final class DatabaseStatements {

  /** What a statement's SQL does, by its first keyword. */
  enum SqlKind {
    /** CREATE, INSERT, UPDATE, DELETE, DROP ...: a definite write. */
    WRITE,
    /** SELECT, VALUES, SHOW, EXPLAIN: a read. */
    READ,
    /** Not known (a CALL, a SET, SQL built at run time): a possible write. */
    UNKNOWN
  }

  /** The key of a statement's access until its test's databases are known. */
  static final Key CONNECTED = Key.exact("(the connected database)");

  /** The key of a statement whose SQL is not known, until its test's databases are known. */
  static final Key CONNECTED_UNKNOWN_SQL = Key.exact("(the connected database, unknown SQL)");

  private static final Set<String> WRITES =
      Set.of(
          "CREATE",
          "INSERT",
          "UPDATE",
          "DELETE",
          "DROP",
          "ALTER",
          "MERGE",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "RUNSCRIPT");

  private static final Set<String> READS = Set.of("SELECT", "VALUES", "SHOW", "EXPLAIN");

  private DatabaseStatements() {}

  /**
   * The kind of SQL text by its first keyword, after blanks, comments and opening parentheses; null
   * text (not known) is {@link SqlKind#UNKNOWN}. A text known only in part ({@code "INSERT INTO " +
   * table}) is classified by its known start when that holds the whole first keyword.
   */
  static SqlKind classify(String sql) {
    if (sql == null) {
      return SqlKind.UNKNOWN;
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    if (i == start || i < n && sql.charAt(i) == '*') {
      // No keyword, or one that a part not known may continue.
      return SqlKind.UNKNOWN;
    }
    String keyword = sql.substring(start, i).toUpperCase(Locale.ROOT);
    if (WRITES.contains(keyword)) {
      return SqlKind.WRITE;
    }
    return READS.contains(keyword) ? SqlKind.READ : SqlKind.UNKNOWN;
  }

  /** Whether an access is a statement not yet bound to its test's databases. */
  static boolean unbound(Access a) {
    return a.resource() == ResourceKind.DATABASE
        && (a.key().equals(CONNECTED) || a.key().equals(CONNECTED_UNKNOWN_SQL));
  }

  /**
   * One test's accesses with its statements bound to the databases it connects to: a test that
   * opens exactly one database writes that one (at the statement's confidence, and the
   * connection's, whichever is lower); one that opens several writes each, as a possible write
   * only, and so is one on a database of the project's own driver (what it shares is the driver's
   * code, followed as code); one that opens none that the analysis can name writes a database not
   * known, a possible write. A query reads them the same way, and makes the test depend on their
   * data, where the connection alone does not.
   */
  static List<Access> bind(List<Access> accesses, Predicate<String> ownDriver) {
    boolean any = false;
    for (Access a : accesses) {
      any |= unbound(a);
    }
    if (!any) {
      return accesses;
    }
    Map<String, Access> databases = new LinkedHashMap<>();
    for (Access a : accesses) {
      if (a.resource() == ResourceKind.DATABASE && a.key().isExact() && !unbound(a)) {
        databases.putIfAbsent(a.key().value(), a);
      }
    }
    Map<List<Object>, Access> result = new LinkedHashMap<>();
    for (Access a : accesses) {
      if (!unbound(a)) {
        keep(result, a);
        continue;
      }
      if (databases.isEmpty()) {
        if (a.mode() == AccessMode.READ) {
          // A query of a database not known races with nothing a key could name.
          continue;
        }
        keep(
            result,
            statement(
                a,
                Key.unknown(),
                Scope.SHARED,
                Reach.EXTERNAL,
                Confidence.LOW,
                "executes SQL on a database the analysis cannot name"));
        continue;
      }
      boolean one = databases.size() == 1;
      for (Access db : databases.values()) {
        // A statement on the project's own driver runs the driver's code, which is followed as
        // code: the "database" itself holds nothing a statement could surely change.
        Confidence confidence =
            one && !ownDriver.test(db.key().value())
                ? a.confidence().min(db.confidence())
                : Confidence.LOW;
        String note =
            one
                ? a.note()
                : "the test opens "
                    + databases.size()
                    + " databases; this statement may run on any";
        keep(result, statement(a, db.key(), db.scope(), db.reach(), confidence, note));
      }
    }
    return new ArrayList<>(result.values());
  }

  private static Access statement(
      Access a, Key key, Scope scope, Reach reach, Confidence confidence, String note) {
    return new Access(
        a.resource(),
        a.customKind(),
        key,
        a.mode(),
        scope,
        reach,
        confidence,
        a.sensitivity(),
        a.sinkId(),
        note,
        a.evidence());
  }

  /** Keeps one access per resource, key, mode, scope and sink: the surest, then the shortest. */
  private static void keep(Map<List<Object>, Access> result, Access a) {
    List<Object> id =
        List.of(a.resource(), a.customKind(), a.key(), a.mode(), a.scope(), a.sinkId());
    result.merge(
        id,
        a,
        (old, neu) ->
            neu.confidence().compareTo(old.confidence()) < 0
                    || neu.confidence() == old.confidence()
                        && neu.evidence().depth() < old.evidence().depth()
                ? neu
                : old);
  }

  /**
   * The accesses of a footprint made from accesses of what runs once per class ({@code @BeforeAll})
   * by {@link #bind} or {@link OwnDriverReach#narrow}: they run once per class too. A made access
   * keeps the evidence object of the access it was made from.
   */
  static List<Access> derivedFrom(List<Access> footprint, java.util.Collection<Access> once) {
    Set<Evidence> onceEvidence = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Access a : once) {
      onceEvidence.add(a.evidence());
    }
    if (onceEvidence.isEmpty()) {
      return List.of();
    }
    Set<Access> unchanged = new java.util.HashSet<>(once);
    List<Access> result = new ArrayList<>();
    for (Access a : footprint) {
      if (onceEvidence.contains(a.evidence()) && !unchanged.contains(a)) {
        result.add(a);
      }
    }
    return result;
  }
}
