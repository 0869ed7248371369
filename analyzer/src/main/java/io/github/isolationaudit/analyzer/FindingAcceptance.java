package io.github.isolationaudit.analyzer;

import io.github.isolationaudit.analyzer.source.CodeAcceptances;
import io.github.isolationaudit.model.Acceptance;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.rules.ProjectConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Marks the findings the project accepts, after the verdicts are made: an accepted finding stays in
 * the report with its reason and where that was said, and counts for no failure. A finding is
 * accepted when every test it names is covered by some acceptance: an {@code accept} entry of the
 * configuration file (its resource and key, and its test patterns if any), or an acceptance in the
 * code on the test's class or method, or on a method or line its evidence for that resource runs
 * through. An acceptance that accepts no finding is reported as stale.
 */
final class FindingAcceptance {
  private static final int NAMED = 5;

  private final ProjectConfig config;
  private final List<CodeAcceptances.Acceptance> code;
  private final Map<TestId, Footprint> footprints = new HashMap<>();
  private final List<Conflict> conflicts;

  FindingAcceptance(
      ProjectConfig config,
      List<CodeAcceptances.Acceptance> code,
      List<Footprint> footprints,
      List<Conflict> conflicts) {
    this.config = config;
    this.code = List.copyOf(code);
    footprints.forEach(f -> this.footprints.put(f.test().id(), f));
    this.conflicts = conflicts;
  }

  /** The findings with acceptances applied, and the stale acceptances as problems. */
  record Result(List<Finding> findings, List<Problem> problems) {}

  Result apply(List<Finding> findings) {
    Set<ProjectConfig.Accept> usedEntries = new LinkedHashSet<>();
    // Why an acceptance that applies to part of a finding accepts nothing, by acceptance.
    Map<Object, String> shortfall = new IdentityHashMap<>();
    Set<CodeAcceptances.Acceptance> usedCode = new LinkedHashSet<>();
    List<Finding> result = new ArrayList<>();
    for (Finding f : findings) {
      List<TestId> tests = testsOf(f);
      Map<TestId, Object> coverer = new LinkedHashMap<>();
      Set<Object> involved = new LinkedHashSet<>();
      for (TestId t : tests) {
        for (ProjectConfig.Accept a : config.accepts()) {
          if (a.covers(f.resourceName(), f.key().value()) && a.covers(t)) {
            coverer.putIfAbsent(t, a);
            involved.add(a);
          }
        }
        for (CodeAcceptances.Acceptance a : code) {
          if (covers(a, t, f)) {
            coverer.putIfAbsent(t, a);
            involved.add(a);
          }
        }
      }
      if (!tests.isEmpty() && coverer.size() == tests.size()) {
        Object first = coverer.get(tests.get(0));
        result.add(f.accept(acceptance(first)));
        for (Object o : involved) {
          if (o instanceof ProjectConfig.Accept a) {
            usedEntries.add(a);
          } else {
            usedCode.add((CodeAcceptances.Acceptance) o);
          }
        }
        continue;
      }
      result.add(f);
      // An entry that speaks of this resource and key but leaves tests out: say which.
      List<String> left =
          tests.stream().filter(t -> !coverer.containsKey(t)).map(TestId::display).toList();
      String why =
          "the finding on "
              + f.resourceName()
              + " "
              + f.key().value()
              + " also names "
              + names(left)
              + ", which nothing accepts";
      for (ProjectConfig.Accept a : config.accepts()) {
        if (a.covers(f.resourceName(), f.key().value())) {
          shortfall.putIfAbsent(a, why);
        }
      }
      for (Object o : involved) {
        shortfall.putIfAbsent(o, why);
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (ProjectConfig.Accept a : config.accepts()) {
      if (!usedEntries.contains(a)) {
        String place = a.acceptedBy();
        int colon = place.lastIndexOf(':');
        problems.add(
            new Problem(
                Problem.Kind.STALE_ACCEPTANCE,
                place.substring(0, colon),
                place.substring(colon + 1)
                    + ": accepts no finding ("
                    + a.display()
                    + ")"
                    + (shortfall.containsKey(a) ? ": " + shortfall.get(a) : "")));
      }
    }
    for (CodeAcceptances.Acceptance a : code) {
      if (!usedCode.contains(a)) {
        problems.add(
            new Problem(
                Problem.Kind.STALE_ACCEPTANCE,
                a.file(),
                a.line()
                    + ": accepts no finding ("
                    + a.reason()
                    + ")"
                    + (shortfall.containsKey(a) ? ": " + shortfall.get(a) : "")));
      }
    }
    return new Result(result, problems);
  }

  private static Acceptance acceptance(Object by) {
    if (by instanceof ProjectConfig.Accept a) {
      return new Acceptance(a.reason(), a.acceptedBy());
    }
    CodeAcceptances.Acceptance a = (CodeAcceptances.Acceptance) by;
    return new Acceptance(a.reason(), a.place());
  }

  /** Every test the finding stands for: its list when complete, else its conflicts' members. */
  private List<TestId> testsOf(Finding f) {
    if (f.testCount() <= f.tests().size()) {
      return f.tests();
    }
    Set<TestId> all = new TreeSet<>(f.tests());
    for (Conflict c : conflicts) {
      if (c.resource() == f.resource()
          && c.customKind().equals(f.customKind())
          && c.key().equals(f.key())) {
        all.addAll(c.writers());
        all.addAll(c.readers());
      }
    }
    return List.copyOf(all);
  }

  /** Whether a code acceptance covers one test of a finding. */
  private boolean covers(CodeAcceptances.Acceptance a, TestId t, Finding f) {
    switch (a.target()) {
      case CLASS -> {
        if (within(t.className(), a.className()) || t.declaringClass().equals(a.className())) {
          return true;
        }
      }
      case METHOD -> {
        if (t.declaringClass().equals(a.className()) && t.methodName().equals(a.methodName())) {
          return true;
        }
      }
      case LINES -> {
        // Only through the evidence, below.
      }
    }
    Footprint fp = footprints.get(t);
    if (fp == null) {
      return false;
    }
    for (Access access : fp.accesses()) {
      if (access.resource() != f.resource()
          || !access.customKind().equals(f.customKind())
          || !access.key().overlaps(f.key())) {
        continue;
      }
      for (EvidenceStep s : access.evidence().steps()) {
        boolean hit =
            switch (a.target()) {
              case CLASS -> within(s.className(), a.className());
              case METHOD ->
                  s.className().equals(a.className()) && s.methodName().equals(a.methodName());
              case LINES ->
                  s.sourceFile().equals(a.file())
                      && s.line() >= a.firstLine()
                      && s.line() <= a.lastLine();
            };
        if (hit) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a class is this one or nested in it. */
  private static boolean within(String className, String outer) {
    return className.equals(outer) || className.startsWith(outer + "$");
  }

  private static String names(List<String> tests) {
    if (tests.size() <= NAMED) {
      return String.join(", ", tests);
    }
    return String.join(", ", tests.subList(0, NAMED)) + " and " + (tests.size() - NAMED) + " more";
  }
}
