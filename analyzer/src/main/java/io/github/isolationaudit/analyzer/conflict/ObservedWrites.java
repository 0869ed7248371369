package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.rules.CodeRules;

/**
 * Which writes race only with the tests that read what they wrote. A change of a thread-safe object
 * (a concurrent registry's {@code put}, {@code clear}) tears nothing when two tests make it at
 * once; it races with every test that reads the object, which then sees the other test's entries.
 * So two such writers alone are no conflict, and a parameterized test making it is none with its
 * own invocations unless it reads too. Starting a thread is such a write of the JVM's live threads,
 * and so is an MBean registered where a name already taken is only logged.
 */
public final class ObservedWrites {
  /**
   * The catalog rule of starting a thread (or handing work to an executor): a change of the JVM's
   * live threads that only tests counting or listing threads observe.
   */
  private static final String THREAD_START = "jdk.thread-start";

  private ObservedWrites() {}

  /** Whether this write conflicts only with readers, never with another writer alone. */
  public static boolean racesOnlyWithReaders(Access write) {
    return write.sinkId().equals(CodeRules.THREAD_SAFE_STATE_MUTATION.id())
        || write.sinkId().equals(THREAD_START)
        || write.sinkId().equals(CodeRules.FRESH_KEY_ENTRY_WRITE.id())
        || write.sinkId().equals(CodeRules.KEYED_ENTRY_WRITE.id())
        || write.sinkId().equals(CodeRules.QUIET_MBEAN_REGISTRATION.id())
        || write.sinkId().equals(CodeRules.QUIET_MBEAN_UNREGISTRATION.id());
  }
}
