package io.github.isolationaudit.analyzer;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a scan that explains one test or one class: its footprint with evidence, every
 * conflict it takes part in with all partners, the markers that sit on it (its class, the classes
 * it inherits from or is nested in, its method) with their verdicts, and the findings that name it.
 * Rendered like any report, so explain and scan speak the same language.
 */
public final class Explanation {
  private Explanation() {}

  /**
   * The explanation of a target: {@code com.example.FooTest#bar}, {@code com.example.FooTest} (all
   * its tests), or a method name with parameters as reports show it.
   *
   * @return null when no test matches the target
   */
  public static ScanResult of(ScanResult result, String target) {
    String cls = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
    String method = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
    int paren = method.indexOf('(');
    if (paren >= 0) {
      method = method.substring(0, paren);
    }
    List<Footprint> footprints = new ArrayList<>();
    Set<TestId> tests = new HashSet<>();
    Set<String> classes = new HashSet<>();
    for (Footprint f : result.footprints()) {
      TestId id = f.test().id();
      if (id.className().equals(cls) && (method.isEmpty() || id.methodName().equals(method))) {
        footprints.add(f);
        tests.add(id);
        classes.add(id.className());
        classes.add(id.declaringClass());
        for (String c = id.className(); c.contains("$"); c = c.substring(0, c.lastIndexOf('$'))) {
          classes.add(c.substring(0, c.lastIndexOf('$')));
        }
      }
    }
    if (footprints.isEmpty()) {
      return null;
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (Conflict c : result.conflicts()) {
      if (c.writers().stream().anyMatch(tests::contains)
          || c.readers().stream().anyMatch(tests::contains)) {
        conflicts.add(c);
      }
    }
    List<MarkerVerdict> markers = new ArrayList<>();
    for (MarkerVerdict v : result.markers()) {
      var m = v.marker();
      boolean onMethod =
          !m.onClass()
              && tests.stream()
                  .anyMatch(
                      t ->
                          t.declaringClass().equals(m.className())
                              && t.methodName().equals(m.methodName()));
      boolean onClass =
          m.onClass()
              && (classes.contains(m.className()) || superOfSubject(m.className(), result, tests));
      if (onMethod || onClass) {
        markers.add(v);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings()) {
      boolean named =
          f.tests().stream().anyMatch(tests::contains)
              || f.marker() != null
                  && markers.stream().anyMatch(v -> v.marker().equals(f.marker()));
      if (named) {
        findings.add(f);
      }
    }
    java.util.Map<String, Integer> engines = new java.util.TreeMap<>();
    java.util.Map<String, Integer> resources = new java.util.TreeMap<>();
    Set<String> testClasses = new HashSet<>();
    for (Footprint f : footprints) {
      engines.merge(f.test().engine().name(), 1, Integer::sum);
      testClasses.add(f.test().id().className());
      f.accesses().forEach(a -> resources.merge(a.resourceName(), 1, Integer::sum));
    }
    int definite =
        (int)
            conflicts.stream()
                .filter(c -> c.certainty() == io.github.isolationaudit.model.Certainty.DEFINITE)
                .count();
    ScanSummary summary =
        new ScanSummary(
            result.summary().classFiles(),
            testClasses.size(),
            footprints.size(),
            engines,
            resources,
            definite,
            conflicts.size() - definite,
            0);
    return new ScanResult(
        result.inputs(),
        summary,
        footprints,
        conflicts,
        result.problems(),
        result.configuration(),
        markers,
        findings,
        result.sourcePaths(),
        result.coverage());
  }

  /** Whether a class is a superclass the subject tests inherit from (declared there). */
  private static boolean superOfSubject(String className, ScanResult result, Set<TestId> tests) {
    return tests.stream().anyMatch(t -> t.declaringClass().equals(className));
  }
}
