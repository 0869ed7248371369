package io.github.isolationaudit.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A group of tests that access the same resource key, at least one of them writing. Invocations of
 * one parameterized or repeated test can conflict with each other, so a group may hold a single
 * test.
 *
 * @param writers every test that writes the key (sorted)
 * @param readers every other test that reads it and could take part in a definite conflict
 * @param possibleReaders how many further tests touch the key only possibly (unknown or overlapping
 *     keys, LOW-sensitivity implicit reads)
 * @param possibleReadersSample up to five of those tests
 * @param reason one sentence that says why the group is a conflict and why it is possible
 * @param readingWriters the writers that also read the key (sorted): with {@code readers}, the
 *     tests whose reads another writer can disturb
 * @param readerOnlyWriters the writers whose writes race only with the tests that read the key (a
 *     reset of a thread-safe counter, the same constant written everywhere, a set-up write of a
 *     shared field), sorted: two of them alone are no racing pair
 * @param classWideReaders the test classes among the readers' whose code that runs once for the
 *     whole class (a static initializer, {@code @BeforeAll}, {@code @AfterAll}, a class-level
 *     set-up annotation) reads the key, sorted: a writer that runs between two of such a class's
 *     tests spoils what the class read for all of them, so a lock that keeps the writer out has to
 *     be held by the class, not by its test methods
 */
public record Conflict(
    ResourceKind resource,
    String customKind,
    Key key,
    Certainty certainty,
    Reach reach,
    Scope scope,
    List<TestId> writers,
    List<TestId> readers,
    int possibleReaders,
    List<TestId> possibleReadersSample,
    String reason,
    List<TestId> readingWriters,
    List<TestId> readerOnlyWriters,
    List<String> classWideReaders) {

  /** A conflict that names no writer as a reader too. */
  public Conflict(
      ResourceKind resource,
      String customKind,
      Key key,
      Certainty certainty,
      Reach reach,
      Scope scope,
      List<TestId> writers,
      List<TestId> readers,
      int possibleReaders,
      List<TestId> possibleReadersSample,
      String reason) {
    this(
        resource,
        customKind,
        key,
        certainty,
        reach,
        scope,
        writers,
        readers,
        possibleReaders,
        possibleReadersSample,
        reason,
        List.of(),
        List.of());
  }

  /** A conflict none of whose reading classes reads the key once for the whole class. */
  public Conflict(
      ResourceKind resource,
      String customKind,
      Key key,
      Certainty certainty,
      Reach reach,
      Scope scope,
      List<TestId> writers,
      List<TestId> readers,
      int possibleReaders,
      List<TestId> possibleReadersSample,
      String reason,
      List<TestId> readingWriters,
      List<TestId> readerOnlyWriters) {
    this(
        resource,
        customKind,
        key,
        certainty,
        reach,
        scope,
        writers,
        readers,
        possibleReaders,
        possibleReadersSample,
        reason,
        readingWriters,
        readerOnlyWriters,
        List.of());
  }

  public Conflict {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(customKind, "customKind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certainty, "certainty");
    Objects.requireNonNull(reach, "reach");
    Objects.requireNonNull(scope, "scope");
    writers = List.copyOf(writers);
    readers = List.copyOf(readers);
    possibleReadersSample = List.copyOf(possibleReadersSample);
    readingWriters = readingWriters == null ? List.of() : List.copyOf(readingWriters);
    readerOnlyWriters = readerOnlyWriters == null ? List.of() : List.copyOf(readerOnlyWriters);
    classWideReaders = classWideReaders == null ? List.of() : List.copyOf(classWideReaders);
    Objects.requireNonNull(reason, "reason");
    if (writers.isEmpty()) {
      throw new IllegalArgumentException("a conflict has at least one writer");
    }
  }

  /**
   * The partners of the writers, each of which races with every writer (apart from itself, unless
   * it is a parameterized or repeated test): the readers, and where some writers only write what
   * races only with readers (a reset of a thread-safe counter), the writers that read too. When
   * this is empty, the racing pairs are two writers. Listed so that a reader of the report needs
   * one rule: each writer races with each of these, or, with none of these, with each other writer.
   */
  public List<TestId> writerPartners() {
    // Only writers that neither read nor race with other writers make two writers a pair that
    // does not race; without them every two writers race, and the readers stay the tests that
    // only read (so no test is named as its own partner).
    if (readingWriters.isEmpty() || readingWriters.containsAll(readerOnlyWriters)) {
      return readers;
    }
    TreeSet<TestId> all = new TreeSet<>(readers);
    all.addAll(readingWriters);
    return List.copyOf(all);
  }

  /**
   * Whether every racing pair of this conflict has a partner ({@link #writerPartners}) in it: the
   * writers that are no partners race only with the partners (they start threads, reset a
   * thread-safe counter, or hold a lock across all their uses of the key), so keeping the partners
   * apart from everyone keeps every racing pair apart, and those writers may overlap each other.
   */
  public boolean writersRaceOnlyWithPartners() {
    // Some writer must be no partner itself; where every such writer reads too, all writers are
    // partners, and the writers' locks keep the pairs apart as usual.
    if (readingWriters.containsAll(readerOnlyWriters)) {
      return false;
    }
    for (TestId w : writers) {
      if (!readerOnlyWriters.contains(w) && !readingWriters.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * JUnit's lock key for this conflict's resource ({@code java.lang.System.properties}, {@code
   * java.util.Locale.default}, ...), or null when JUnit has none: the strings junit-pioneer and
   * JUnit 6.1's own annotations lock, and that a {@code @ResourceLock} must name to exclude them.
   */
  public String junitKey() {
    return junitKey(resource, key);
  }

  /** JUnit's lock key for a resource and key, or null when JUnit has none. */
  public static String junitKey(ResourceKind resource, Key key) {
    return switch (resource) {
      case SYSTEM_PROPERTY -> "java.lang.System.properties";
      case ENV -> "java.lang.System.environment";
      case LOCALE -> "java.util.Locale.default";
      case TIME_ZONE -> "java.util.TimeZone.default";
      case STDIO -> key.value();
      default -> null;
    };
  }

  /**
   * The one lock key of this conflict's resource, the same in the scan's edits, the plan and every
   * export: JUnit's key where it has one, else the resource's key itself (a field's name, a path, a
   * database URL).
   */
  public String lockKey() {
    return lockKey(resource, key);
  }

  /**
   * The lock keys that conflicts share: the static fields of one class whose definite conflicts
   * have the same tests in them (kafka's MockConsumerInterceptor counters, which every test that
   * makes an interceptor and every {@code resetCounters()} touch together) are locked under their
   * class's name, one key for what a maintainer sees as one object, where a key per field puts an
   * annotation per field on each declaration. The same conflicts give the same keys wherever they
   * are read: the scan's edits, the plan and its exports. Keyed by identity; a conflict not in the
   * map keeps {@link #lockKey()}.
   */
  public static Map<Conflict, String> sharedLockKeys(Collection<Conflict> conflicts) {
    Map<String, List<Conflict>> byOwner = new java.util.TreeMap<>();
    for (Conflict c : conflicts) {
      if (c.certainty() == Certainty.DEFINITE
          && c.resource() == ResourceKind.STATIC_FIELD
          && c.key().isExact()
          && c.key().value().lastIndexOf('.') > 0) {
        String owner = c.key().value().substring(0, c.key().value().lastIndexOf('.'));
        byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
      }
    }
    Map<Conflict, String> shared = new java.util.IdentityHashMap<>();
    for (Map.Entry<String, List<Conflict>> e : byOwner.entrySet()) {
      // The same tests: each holds the shared key in the strongest mode it needs for any of the
      // fields (the edits read the group as one conflict, the plan keeps READ_WRITE over READ).
      Map<Set<TestId>, List<Conflict>> byMembers = new LinkedHashMap<>();
      for (Conflict c : e.getValue()) {
        Set<TestId> members = new HashSet<>(c.writers());
        members.addAll(c.readers());
        byMembers.computeIfAbsent(members, k -> new ArrayList<>()).add(c);
      }
      // One group of fields per class takes the class's name; where its fields form several
      // groups, each keeps its own keys, rather than lock unrelated tests against each other.
      List<List<Conflict>> groups =
          byMembers.values().stream().filter(same -> same.size() > 1).toList();
      if (groups.size() == 1) {
        groups.get(0).forEach(c -> shared.put(c, e.getKey()));
      }
    }
    return shared;
  }

  /**
   * The conflicts that share a lock key seen as one conflict on the first one's resource: every
   * test in the part it has in any of them, a writer where it writes any, a reading writer where it
   * also reads any, a writer that races only with readers where it does so in each it writes.
   */
  public static Conflict asOne(List<Conflict> sharing) {
    Conflict first = sharing.get(0);
    if (sharing.size() == 1) {
      return first;
    }
    Set<TestId> writers = new TreeSet<>();
    Set<TestId> readers = new TreeSet<>();
    Set<TestId> readingWriters = new TreeSet<>();
    Set<String> classWide = new TreeSet<>();
    for (Conflict c : sharing) {
      writers.addAll(c.writers());
      readers.addAll(c.readers());
      readingWriters.addAll(c.readingWriters());
      classWide.addAll(c.classWideReaders());
    }
    for (TestId t : readers) {
      if (writers.contains(t)) {
        readingWriters.add(t);
      }
    }
    readers.removeAll(writers);
    Set<TestId> readerOnly = new TreeSet<>();
    for (TestId w : writers) {
      boolean everywhere = true;
      for (Conflict c : sharing) {
        everywhere &= !c.writers().contains(w) || c.readerOnlyWriters().contains(w);
      }
      if (everywhere) {
        readerOnly.add(w);
      }
    }
    return new Conflict(
        first.resource(),
        first.customKind(),
        first.key(),
        first.certainty(),
        first.reach(),
        first.scope(),
        List.copyOf(writers),
        List.copyOf(readers),
        0,
        List.of(),
        first.reason(),
        List.copyOf(readingWriters),
        List.copyOf(readerOnly),
        List.copyOf(classWide));
  }

  /** The one lock key of a resource and key: JUnit's, else the key's value. */
  public static String lockKey(ResourceKind resource, Key key) {
    String junit = junitKey(resource, key);
    return junit != null ? junit : key.value();
  }

  public String resourceName() {
    return resource == ResourceKind.CUSTOM && !customKind.isEmpty() ? customKind : resource.name();
  }
}
