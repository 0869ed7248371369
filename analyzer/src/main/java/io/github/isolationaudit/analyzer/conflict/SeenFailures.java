package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.rules.CodeRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tests that see whether their own quiet MBean registration failed. A registration whose
 * failure is caught and only logged races only with look-ups of the name ({@link ObservedWrites}),
 * unless the registering test reads what the handler writes: commons-dbcp2's {@code
 * ObjectNameWrapper} logs a name already taken to the tests' {@code StackMessageLog}, and a test
 * that registers and then asserts that log empty fails whenever another test holds the name. Such a
 * test reads the name too.
 *
 * <p>What a registering method writes is taken from every test's evidence: a write whose chain
 * passes through the method (its handler's log call) is one the method can make. A test's footprint
 * keeps one access per key and mode, so its own log write may be shown through another path (its
 * {@code clear()}); the method is the same code in every test.
 */
final class SeenFailures {
  private record Place(ResourceKind resource, String customKind, Key key) {}

  private final Map<String, Set<Place>> writtenThrough = new HashMap<>();

  SeenFailures(List<Footprint> footprints) {
    Set<String> hosts = new HashSet<>();
    for (Footprint f : footprints) {
      for (Access a : f.accesses()) {
        if (isQuiet(a)) {
          hosts.add(lastMethod(a.evidence()));
        }
      }
    }
    if (hosts.isEmpty()) {
      return;
    }
    for (Footprint f : footprints) {
      for (Access a : f.accesses()) {
        if (a.mode() != AccessMode.WRITE || isQuiet(a)) {
          continue;
        }
        for (Evidence e = a.evidence(); e != null; e = e.next()) {
          String m = method(e);
          if (hosts.contains(m)) {
            writtenThrough
                .computeIfAbsent(m, k -> new HashSet<>())
                .add(new Place(a.resource(), a.customKind(), a.key()));
          }
        }
      }
    }
  }

  /** Whether this quiet registration's test reads what the registering method writes. */
  boolean seenByItsTest(Footprint f, Access quiet) {
    if (writtenThrough.isEmpty() || !isQuiet(quiet)) {
      return false;
    }
    Set<Place> written = new HashSet<>();
    for (Access a : f.accesses()) {
      if (isQuiet(a) && a.key().equals(quiet.key())) {
        written.addAll(writtenThrough.getOrDefault(lastMethod(a.evidence()), Set.of()));
      }
    }
    if (written.isEmpty()) {
      return false;
    }
    for (Access r : f.accesses()) {
      if (r.sensitivity() == Sensitivity.HIGH
          && written.contains(new Place(r.resource(), r.customKind(), r.key()))
          && (r.mode() == AccessMode.READ || !throughHost(r))) {
        // A read, or a change the test makes itself (a pop of the log, a clear before it
        // asserts), not the handler's own log write that every registering test makes.
        return true;
      }
    }
    return false;
  }

  private boolean throughHost(Access a) {
    for (Evidence e = a.evidence(); e != null; e = e.next()) {
      if (writtenThrough.containsKey(method(e))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isQuiet(Access a) {
    return a.sinkId().equals(CodeRules.QUIET_MBEAN_REGISTRATION.id())
        || a.sinkId().equals(CodeRules.QUIET_MBEAN_UNREGISTRATION.id());
  }

  private static String lastMethod(Evidence e) {
    while (e.next() != null) {
      e = e.next();
    }
    return method(e);
  }

  private static String method(Evidence e) {
    return e.step().className() + "#" + e.step().methodName();
  }
}
