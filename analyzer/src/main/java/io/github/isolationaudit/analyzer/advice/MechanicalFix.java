package io.github.isolationaudit.analyzer.advice;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A change that makes a conflicting access per test, so that no lock is needed: a {@code @TempDir}
 * for a fixed path, port 0 for a fixed port, an instance field for a static one, a database name of
 * its own, or the fork number in a name the build's forks share.
 *
 * @param kind which change
 * @param head the sentence up to where the place goes ({@code Write under a @TempDir})
 * @param tail the rest of it ({@code instead of the fixed path 'x'.})
 */
public record MechanicalFix(Kind kind, String head, String tail) {

  /** The closed set of mechanical fixes. */
  public enum Kind {
    /** A {@code @TempDir} instead of a fixed path. */
    TEMP_DIR,
    /** {@code Files.createTempFile} instead of a fixed name under {@code java.io.tmpdir}. */
    TEMP_FILE,
    /** Port 0 instead of a fixed port. */
    PORT_ZERO,
    /** An instance field instead of a static one. */
    INSTANCE_FIELD,
    /**
     * A database name of its own per test class (per test where tests of one class race on it).
     * Advice only: the name is often shared with configuration the scan does not see, so it never
     * makes a marker FIXABLE.
     */
    DATABASE_NAME,
    /** {@code ${surefire.forkNumber}} in a name that the build's forks share on one host. */
    FORK_NUMBER
  }

  public MechanicalFix {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(tail, "tail");
  }

  /** One sentence saying what to write, without the place (an edit carries it). */
  public String sentence() {
    return head + tail;
  }

  /** The sentence with the place in it ({@code at com.x.FooTest.bar(FooTest.java:12)}). */
  public String at(String place) {
    return place.isEmpty() ? sentence() : head + " at " + place + tail;
  }

  /** Whether the fix makes the access per test with certainty, so a marker guarding it can go. */
  public boolean makesMarkerRemovable() {
    return kind != Kind.DATABASE_NAME && kind != Kind.FORK_NUMBER;
  }

  /**
   * The mechanical fix of a conflict, if it has one.
   *
   * @param ownerIsTestClass for a static field, whether a test class (or its superclass) owns it
   *     and only code with a test instance at hand uses it
   * @param sharedInstance whether one instance serves every test of a class (TestNG), so an
   *     instance field would be shared just the same
   * @param forks whether the build runs several JVMs at a time
   */
  public static Optional<MechanicalFix> of(
      Conflict c, boolean ownerIsTestClass, boolean sharedInstance, Tristate forks) {
    String key = c.key().value();
    return Optional.ofNullable(
        switch (c.resource()) {
          case FILE ->
              key.startsWith("${java.io.tmpdir}")
                  ? new MechanicalFix(
                      Kind.TEMP_FILE,
                      "Create the file with Files.createTempFile",
                      " instead of the shared name '" + key + "'.")
                  : new MechanicalFix(
                      Kind.TEMP_DIR,
                      "Write under a @TempDir",
                      " instead of the fixed path '" + key + "'.");
          case PORT ->
              new MechanicalFix(
                  Kind.PORT_ZERO,
                  "Bind port 0",
                  " instead of " + key + " and read the port back with getLocalPort().");
          case STATIC_FIELD ->
              ownerIsTestClass && !sharedInstance
                  ? new MechanicalFix(
                      Kind.INSTANCE_FIELD,
                      // Not "or reset it in @BeforeEach": tests running at once reset each other's
                      // value, and the suites that race on such a field mostly reset it already.
                      "Make " + key + " an instance field of the test",
                      ": each test gets its own.")
                  : null;
          case DATABASE -> database(c, key, forks);
          default -> null;
        });
  }

  /** Whether a class has a test that writes and another test that takes part. */
  private static boolean writesWithinAClass(Conflict c) {
    Map<String, Integer> perClass = new HashMap<>();
    Set<TestId> all = new HashSet<>(c.writers());
    all.addAll(c.readers());
    for (TestId t : all) {
      perClass.merge(t.className(), 1, Integer::sum);
    }
    for (TestId w : c.writers()) {
      if (perClass.getOrDefault(w.className(), 0) > 1) {
        return true;
      }
    }
    return false;
  }

  private static MechanicalFix database(Conflict c, String url, Tristate forks) {
    if (c.reach() == Reach.JVM && writesWithinAClass(c)) {
      // A database per class would still be shared by the tests of the class that race.
      return new MechanicalFix(
          Kind.DATABASE_NAME,
          "Give each test an in-memory database of its own",
          " (for example the test's class and method name in place of the shared name in '"
              + url
              + "'): tests of one class race on it too.");
    }
    if (c.reach() == Reach.JVM) {
      return new MechanicalFix(
          Kind.DATABASE_NAME,
          "Give each test class an in-memory database of its own",
          " (for example the class name in place of the shared name in '" + url + "').");
    }
    if (c.reach() == Reach.HOST && forks == Tristate.TRUE) {
      return new MechanicalFix(
          Kind.FORK_NUMBER,
          "Put ${surefire.forkNumber} in the database name",
          " of '"
              + url
              + "' (passed as a system property from the Surefire configuration): the build forks"
              + " several JVMs, and a lock does not reach across them.");
    }
    return null;
  }
}
