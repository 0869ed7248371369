package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns set-up annotations into the accesses they make around their tests.
 * {@code @SetSystemProperty(key = "a")} writes {@code a} before the test and again after it, when
 * it puts the old value back; {@code @RestoreSystemProperties} takes a snapshot of every key and
 * puts it back, which loses what other tests write meanwhile (a read of every key meets every
 * writer). The evidence is the annotation itself, at its source line where the sources were found.
 * On a class, the extension sets and restores once around the whole class (JUnit's before-all and
 * after-all), so those accesses meet other classes' tests, never the class's own.
 */
public final class SetupAccesses {
  private final Program program;
  private final Map<TestId, List<Access>> byTest = new HashMap<>();
  private final Set<Access> oncePerClass = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * @param scopes the markers with their scopes, placed at their source lines where found
   */
  public SetupAccesses(Program program, List<MarkerScope> scopes) {
    this.program = program;
    for (MarkerScope scope : scopes) {
      if (!scope.setsUp()) {
        continue;
      }
      Marker m = scope.marker();
      Evidence evidence = new Evidence(step(m), null);
      // One access object per marker and setup, shared by the tests it covers: the class-level
      // ones are recognised by identity as running once per class.
      Map<Setup, List<Access>> made = new HashMap<>();
      for (TestId t : scope.tests()) {
        List<Access> own = byTest.computeIfAbsent(t, k -> new ArrayList<>());
        for (Setup s : scope.setups()) {
          if (!s.parameter().isEmpty() && !takes(t, s.parameter())) {
            continue;
          }
          List<Access> accesses = made.computeIfAbsent(s, k -> accesses(k, m, evidence));
          own.addAll(accesses);
          if (m.onClass()) {
            oncePerClass.addAll(accesses);
          }
        }
      }
    }
  }

  /** The footprints with the set-up accesses of each test added. */
  public List<Footprint> addTo(List<Footprint> footprints) {
    if (byTest.isEmpty()) {
      return footprints;
    }
    List<Footprint> result = new ArrayList<>(footprints.size());
    for (Footprint f : footprints) {
      List<Access> more = byTest.get(f.test().id());
      if (more == null || more.isEmpty()) {
        result.add(f);
        continue;
      }
      List<Access> all = new ArrayList<>(f.accesses());
      all.addAll(more);
      result.add(new Footprint(f.test(), all));
    }
    return result;
  }

  /** The accesses (by identity) that a class-level annotation makes once around its class. */
  public Set<Access> oncePerClass() {
    return Collections.unmodifiableSet(oncePerClass);
  }

  private static List<Access> accesses(Setup s, Marker m, Evidence evidence) {
    String around = m.onClass() ? "all tests of its class" : "the test";
    if (s.mode() == AccessMode.READ) {
      return List.of(
          access(
              s,
              evidence,
              s.written()
                  + " takes a snapshot of every key before "
                  + around
                  + " and puts it back after: what other tests write meanwhile is lost"));
    }
    return List.of(
        access(s, evidence, "set by " + s.written() + " before " + around),
        access(s, evidence, "restored by " + s.written() + " after " + around));
  }

  private static Access access(Setup s, Evidence evidence, String note) {
    return new Access(
        s.resource(),
        "",
        s.key(),
        s.mode(),
        Scope.SHARED,
        s.resource().defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        s.ruleId(),
        note,
        evidence);
  }

  /** The annotation as an evidence step: its class and method, its source line where known. */
  private EvidenceStep step(Marker m) {
    String file;
    int line = 0;
    if (m.location() != null) {
      file = m.location().file();
      line = m.location().line();
    } else {
      ClassInfo c = program.get(m.className().replace('.', '/'));
      file = c == null ? "" : c.sourceFile();
    }
    String simple = m.annotation().substring(m.annotation().lastIndexOf('.') + 1);
    return new EvidenceStep(m.className(), m.onClass() ? "@" + simple : m.methodName(), file, line);
  }

  /** Whether a test method takes a parameter of a type (internal name). */
  private static boolean takes(TestId t, String type) {
    String d = t.descriptor();
    int close = d.indexOf(')');
    return close > 0 && d.substring(0, close).contains("L" + type + ";");
  }
}
