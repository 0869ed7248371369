package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.util.List;

/**
 * Rules whose matching is code, not a list of methods: static fields of project classes and JDBC
 * URLs that flow into any call. They have catalog ids like every other rule, so reports and
 * accepted findings name them the same way.
 */
public final class CodeRules {
  private CodeRules() {}

  private static SinkRule rule(
      String id, String summary, String remedy, ResourceKind resource, AccessMode mode) {
    return new SinkRule(
        id,
        "0.1.0",
        summary,
        remedy,
        resource,
        "",
        mode,
        new KeySpec.Receiver(""),
        Sensitivity.HIGH,
        Scope.SHARED,
        List.of(),
        List.of(),
        null,
        "built-in");
  }

  public static final SinkRule STATIC_FIELD_WRITE =
      rule(
          "jvm.static-field-write",
          "Assigns a static field of a project class.",
          "Make it an instance field, or reset it after the test and lock its name.",
          ResourceKind.STATIC_FIELD,
          AccessMode.WRITE);

  public static final SinkRule STATIC_FIELD_READ =
      rule(
          "jvm.static-field-read",
          "Reads a mutable static field of a project class.",
          "Nothing to change unless another test writes the same field.",
          ResourceKind.STATIC_FIELD,
          AccessMode.READ);

  public static final SinkRule STATIC_STATE_MUTATION =
      rule(
          "jvm.static-state-mutation",
          "Changes, in place, a collection, map, atomic or array that a static field holds.",
          "Give each test its own instance, or clear it after the test and lock the field's name.",
          ResourceKind.STATIC_FIELD,
          AccessMode.WRITE);

  public static final SinkRule THREAD_SAFE_STATE_MUTATION =
      rule(
          "jvm.thread-safe-state-mutation",
          "Changes a concurrent collection, map or atomic that a static field holds: no torn data,"
              + " but every test that reads it sees the others' changes.",
          "Give each test its own instance, or clear it after the test and lock the field's name.",
          ResourceKind.STATIC_FIELD,
          AccessMode.WRITE);

  /**
   * A read of a thread-safe registry through a key fresh per call: it sees only its own entry, so
   * only a test that writes the whole map (clear, putAll) races with it.
   */
  public static final SinkRule FRESH_KEY_ENTRY_READ =
      rule(
          "jvm.fresh-key-entry-read",
          "Looks up, in a thread-safe map that a static field holds, only an entry under a key made"
              + " fresh for it: other tests' entries are never its own.",
          "Nothing to do while no test clears the map; lock the field's name on the test that does.",
          ResourceKind.STATIC_FIELD,
          AccessMode.READ);

  /**
   * A change of a thread-safe registry through a key fresh per call: it changes only its own entry,
   * so only a test that reads the whole map (size, iteration) sees it.
   */
  public static final SinkRule FRESH_KEY_ENTRY_WRITE =
      rule(
          "jvm.fresh-key-entry-write",
          "Adds or removes, in a thread-safe map that a static field holds, only an entry under a"
              + " key made fresh for it: only tests that read the whole map see it.",
          "Nothing to do while no test reads the whole map; lock the field's name on the test that"
              + " does.",
          ResourceKind.STATIC_FIELD,
          AccessMode.WRITE);

  /**
   * A read of one entry, by key, of a thread-safe map or {@code Properties} that a static field
   * holds: it races with the writers of that entry and of the whole map. Its key names the entry
   * ({@link #keyedEntry}); an entry the analysis cannot name is a possible partner of every entry.
   */
  public static final SinkRule KEYED_ENTRY_READ =
      rule(
          "jvm.keyed-entry-read",
          "Looks up one entry, by key, in a thread-safe map or Properties that a static field holds:"
              + " it sees what other tests put under the same key, or into the whole map.",
          "Give each test a key of its own, or lock the field's name.",
          ResourceKind.STATIC_FIELD,
          AccessMode.READ);

  /**
   * A change of one entry, by key, of a thread-safe map or {@code Properties} that a static field
   * holds: it races with the readers of that entry and of the whole map.
   */
  public static final SinkRule KEYED_ENTRY_WRITE =
      rule(
          "jvm.keyed-entry-write",
          "Adds, changes or removes one entry, by key, in a thread-safe map or Properties that a"
              + " static field holds: tests that read the same key or the whole map see it.",
          "Give each test a key of its own, or lock the field's name.",
          ResourceKind.STATIC_FIELD,
          AccessMode.WRITE);

  /**
   * The keyed-entry rule of one map: its key is the entry of static field {@code field} (binary
   * name) under the call's first argument, resolved where the call is made or, for a parameter,
   * where a caller supplies it.
   */
  public static SinkRule keyedEntry(AccessMode mode, String field) {
    SinkRule base = mode == AccessMode.WRITE ? KEYED_ENTRY_WRITE : KEYED_ENTRY_READ;
    return new SinkRule(
        base.id(),
        base.since(),
        base.summary(),
        base.remedy(),
        base.resource(),
        base.customKind(),
        base.mode(),
        new KeySpec.Entry(field),
        base.sensitivity(),
        base.scope(),
        base.methods(),
        base.fields(),
        base.receiverFrom(),
        base.source());
  }

  /**
   * A JDBC URL handed to a call: a use of the database, which depends on no data by itself (what is
   * executed on it reads or writes it), so only a possible partner of the tests that write.
   */
  public static final SinkRule JDBC_URL_CONSTANT =
      lowSensitivity(
          rule(
              "jdbc.url-constant",
              "Hands a constant JDBC URL to a call: a use of that database (what is executed on it"
                  + " reads or writes it).",
              "Give each test its own database (a unique in-memory name, or a schema per test).",
              ResourceKind.DATABASE,
              AccessMode.READ));

  private static SinkRule lowSensitivity(SinkRule r) {
    return r.withSensitivity(Sensitivity.LOW);
  }

  public static final SinkRule INSTANCE_FIELD_WRITE =
      rule(
          "jvm.shared-instance-field-write",
          "Assigns a field of a test instance that the class's tests share (TestNG, PER_CLASS lifecycle).",
          "Keep per-test state in local variables, or reset it in a per-test setup and run the class on one thread.",
          ResourceKind.INSTANCE_FIELD,
          AccessMode.WRITE);

  public static final SinkRule INSTANCE_FIELD_READ =
      rule(
          "jvm.shared-instance-field-read",
          "Reads a field of a test instance that the class's tests share (TestNG, PER_CLASS lifecycle).",
          "Nothing to change unless another test of the class writes it while this one runs.",
          ResourceKind.INSTANCE_FIELD,
          AccessMode.READ);

  public static final SinkRule SHARED_INSTANCE_MUTATION =
      rule(
          "jvm.shared-instance-state-mutation",
          "Changes the object that a field of a shared test instance holds (TestNG, PER_CLASS"
              + " lifecycle): calls a method that assigns its fields or changes a collection it holds.",
          "Give each test its own object (make it in a per-test setup), or run the class on one thread.",
          ResourceKind.INSTANCE_FIELD,
          AccessMode.WRITE);

  /**
   * An MBean registered or unregistered where a failure is caught and ignored ({@code catch
   * (Exception e) {}}): two tests that do it under one name do not fail each other; a test that
   * looks the name up sees the other's MBean. A handler that logs the failure is no such one: the
   * log may be what another test reads (commons-dbcp2's {@code ObjectNameWrapper} logs to the
   * {@code StackMessageLog} its tests assert on).
   */
  public static final SinkRule QUIET_MBEAN_REGISTRATION =
      rule(
          "jdk.mbean-register-quietly",
          "Registers or unregisters an MBean under a JVM-wide name, ignoring a failure (a name"
              + " already taken, or not registered): only tests that look the name up see it.",
          "Use a name unique to the test, or lock the name.",
          ResourceKind.JVM_GLOBAL,
          AccessMode.WRITE);

  /** The same for unregistering: an access of its own beside the registration of one name. */
  public static final SinkRule QUIET_MBEAN_UNREGISTRATION =
      rule(
          "jdk.mbean-unregister-quietly",
          "Unregisters an MBean under a JVM-wide name, ignoring a failure (a name not registered):"
              + " only tests that look the name up see it.",
          "Use a name unique to the test, or lock the name.",
          ResourceKind.JVM_GLOBAL,
          AccessMode.WRITE);

  /**
   * The rule that registers (or unregisters) MBeans quietly, with the key of the catalog rule it
   * replaces.
   */
  public static SinkRule quietly(SinkRule registration) {
    SinkRule base =
        registration.id().equals("jdk.mbean-unregister")
            ? QUIET_MBEAN_UNREGISTRATION
            : QUIET_MBEAN_REGISTRATION;
    return new SinkRule(
        base.id(),
        base.since(),
        base.summary(),
        base.remedy(),
        registration.resource(),
        registration.customKind(),
        registration.mode(),
        registration.key(),
        registration.sensitivity(),
        registration.scope(),
        registration.methods(),
        registration.fields(),
        registration.receiverFrom(),
        base.source());
  }

  /**
   * A use of System.out only to print to it ({@code System.out.println(x)}): which stream the text
   * goes to changes nothing for the printing test, so it meets only a test that replaces System.out
   * and reads what it captured (not one that swaps in a buffer nobody reads, or puts the saved
   * stream back).
   */
  public static final SinkRule STDOUT_PRINT =
      rule(
          "jdk.stdout-print",
          "Prints to System.out: only a test that captures System.out and reads what it caught"
              + " sees it.",
          "Nothing to change unless another test captures System.out and checks what it holds.",
          ResourceKind.STDIO,
          AccessMode.READ);

  /** The same for System.err. */
  public static final SinkRule STDERR_PRINT =
      rule(
          "jdk.stderr-print",
          "Prints to System.err: only a test that captures System.err and reads what it caught"
              + " sees it.",
          "Nothing to change unless another test captures System.err and checks what it holds.",
          ResourceKind.STDIO,
          AccessMode.READ);

  /**
   * A use of System.out only to flush it ({@code System.out.flush()}): it writes no text, so no
   * other test sees it, whatever it captures.
   */
  public static final SinkRule STDOUT_FLUSH =
      rule(
          "jdk.stdout-flush",
          "Flushes System.out: it writes no text, so no other test sees it.",
          "Nothing to change.",
          ResourceKind.STDIO,
          AccessMode.READ);

  /** The same for System.err. */
  public static final SinkRule STDERR_FLUSH =
      rule(
          "jdk.stderr-flush",
          "Flushes System.err: it writes no text, so no other test sees it.",
          "Nothing to change.",
          ResourceKind.STDIO,
          AccessMode.READ);

  /**
   * System.out replaced by a stream whose text nothing can read (a new in-memory buffer that is
   * kept nowhere, a null stream), or by the stream saved from System.out before: no test's printed
   * text is read through it, so it meets the tests that use System.out itself (save it, compare it,
   * hand it on) and the other replacements, not the tests that only print.
   */
  public static final SinkRule STDOUT_REPLACE_UNREAD =
      rule(
          "jdk.stdout-replace-unread",
          "Replaces System.out with a stream nothing reads, or puts a saved System.out back.",
          "Lock Resources.SYSTEM_OUT, or leave System.out alone (a logger, a stream of the test's"
              + " own).",
          ResourceKind.STDIO,
          AccessMode.WRITE);

  /** The same for System.err. */
  public static final SinkRule STDERR_REPLACE_UNREAD =
      rule(
          "jdk.stderr-replace-unread",
          "Replaces System.err with a stream nothing reads, or puts a saved System.err back.",
          "Lock Resources.SYSTEM_ERR, or leave System.err alone (a logger, a stream of the test's"
              + " own).",
          ResourceKind.STDIO,
          AccessMode.WRITE);

  /** The ids of {@link #STDOUT_FLUSH} and {@link #STDERR_FLUSH}. */
  public static boolean isFlush(String sinkId) {
    return sinkId.equals(STDOUT_FLUSH.id()) || sinkId.equals(STDERR_FLUSH.id());
  }

  /** The ids of {@link #STDOUT_PRINT} and {@link #STDERR_PRINT}. */
  public static boolean isPrint(String sinkId) {
    return sinkId.equals(STDOUT_PRINT.id()) || sinkId.equals(STDERR_PRINT.id());
  }

  /** The ids of {@link #STDOUT_REPLACE_UNREAD} and {@link #STDERR_REPLACE_UNREAD}. */
  public static boolean isUnreadReplacement(String sinkId) {
    return sinkId.equals(STDOUT_REPLACE_UNREAD.id()) || sinkId.equals(STDERR_REPLACE_UNREAD.id());
  }

  /**
   * The print rule in place of a catalog read of System.out or System.err ({@code jdk.stdout-read},
   * {@code jdk.stderr-read}), with that rule's key, mode and sensitivity; any other rule as it is.
   */
  public static SinkRule printing(SinkRule read) {
    return standIn(read, "jdk.stdout-read", STDOUT_PRINT, "jdk.stderr-read", STDERR_PRINT);
  }

  /** The flush rule in place of a catalog read of System.out or System.err; any other as it is. */
  public static SinkRule flushing(SinkRule read) {
    return standIn(read, "jdk.stdout-read", STDOUT_FLUSH, "jdk.stderr-read", STDERR_FLUSH);
  }

  /**
   * The unread replacement in place of a catalog replacement of System.out or System.err ({@code
   * jdk.stdout-replace}, {@code jdk.stderr-replace}); any other rule as it is.
   */
  public static SinkRule unreadReplacement(SinkRule replace) {
    return standIn(
        replace,
        "jdk.stdout-replace",
        STDOUT_REPLACE_UNREAD,
        "jdk.stderr-replace",
        STDERR_REPLACE_UNREAD);
  }

  /** The rule standing in for {@code of} when its id is {@code outId} or {@code errId}. */
  private static SinkRule standIn(
      SinkRule of, String outId, SinkRule forOut, String errId, SinkRule forErr) {
    SinkRule base = of.id().equals(outId) ? forOut : of.id().equals(errId) ? forErr : null;
    return base == null ? of : derived(base, of);
  }

  /** {@code base}'s id and texts over everything else of the catalog rule it stands in for. */
  private static SinkRule derived(SinkRule base, SinkRule of) {
    return new SinkRule(
        base.id(),
        base.since(),
        base.summary(),
        base.remedy(),
        of.resource(),
        of.customKind(),
        of.mode(),
        of.key(),
        of.sensitivity(),
        of.scope(),
        of.methods(),
        of.fields(),
        of.receiverFrom(),
        base.source());
  }

  /** All of them, for lookup by id. */
  public static List<SinkRule> all() {
    return List.of(
        STATIC_FIELD_WRITE,
        STATIC_FIELD_READ,
        STATIC_STATE_MUTATION,
        THREAD_SAFE_STATE_MUTATION,
        INSTANCE_FIELD_WRITE,
        INSTANCE_FIELD_READ,
        SHARED_INSTANCE_MUTATION,
        FRESH_KEY_ENTRY_READ,
        FRESH_KEY_ENTRY_WRITE,
        KEYED_ENTRY_READ,
        KEYED_ENTRY_WRITE,
        QUIET_MBEAN_REGISTRATION,
        QUIET_MBEAN_UNREGISTRATION,
        STDOUT_PRINT,
        STDERR_PRINT,
        STDOUT_FLUSH,
        STDERR_FLUSH,
        STDOUT_REPLACE_UNREAD,
        STDERR_REPLACE_UNREAD,
        JDBC_URL_CONSTANT);
  }
}
