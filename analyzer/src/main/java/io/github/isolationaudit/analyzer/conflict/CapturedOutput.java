package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.rules.CodeRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which standard streams some test replaces with a stream whose text may be read. A test that only
 * prints to System.out or System.err ({@code jdk.stdout-print}) is indifferent to which stream its
 * text lands in; the only test it can fail is one that captures the stream and reads what it
 * caught. Where every replacement of the stream is one whose text nobody reads ({@code
 * jdk.stdout-replace-unread}: a buffer kept nowhere, or the saved stream put back), printing meets
 * no one. Replacements the scan cannot place (a buffer kept in a local or a field, an annotation's
 * capture, a stream of unknown origin) count as captures.
 */
final class CapturedOutput {
  private final Set<Key> captured = new HashSet<>();

  CapturedOutput(List<Footprint> footprints) {
    for (Footprint f : footprints) {
      if (f.test().disabled()) {
        continue;
      }
      for (Access a : f.accesses()) {
        if (a.resource() == ResourceKind.STDIO
            && a.mode() == AccessMode.WRITE
            && !CodeRules.isUnreadReplacement(a.sinkId())) {
          captured.add(a.key());
        }
      }
    }
  }

  /**
   * Whether this access only flushes a standard stream (which writes no text), or only prints to
   * one that no test captures and reads.
   */
  boolean unseen(Access a) {
    return CodeRules.isFlush(a.sinkId())
        || CodeRules.isPrint(a.sinkId()) && !captured.contains(a.key());
  }
}
