package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order TestNG keeps between dependent tests. TestNG puts every test method in a graph whose
 * edges are its {@code dependsOnMethods} and {@code dependsOnGroups} (DynamicGraphHelper); a method
 * becomes free to run only when every method it depends on has finished (DynamicGraph, also under
 * {@code parallel="methods"}, where free methods go to the thread pool). So a test never overlaps a
 * test it depends on, directly or through others; it may run on another thread. {@code priority}
 * adds no edge: it only sorts free methods, so under parallel execution it keeps nothing apart.
 *
 * <p>Names resolve as TestNG resolves them (DependencyMap): a method name, or a regular expression,
 * against the methods of the same class; a qualified {@code com.example.FooTest.bar} against every
 * test; a group name, or a regular expression, against the groups of every TestNG test given as
 * input (its own {@code @Test} groups and its class's).
 *
 * <p>Patterns come from the scanned code, so they are matched within a budget ({@link
 * PatternBudget}). A pattern that spends it (one that backtracks exponentially, such as {@code
 * (.*a){12}b} against a long group name) has no answer: it is taken to select nothing, so the order
 * it may keep protects no conflict (a conservative answer: a race is reported rather than hidden),
 * and it is reported as a problem naming the marker.
 */
final class TestNgOrder {
  private static final String TEST = "org/testng/annotations/Test";

  private final Map<String, List<TestId>> byClass = new HashMap<>();
  private final Map<TestId, Set<String>> groups = new HashMap<>();
  private final Map<TestId, Set<TestId>> direct = new HashMap<>();
  private final Map<String, PatternBudget> patterns = new HashMap<>();
  private final Map<String, List<TestId>> groupMembers = new HashMap<>();
  private final Map<String, String> overBudget = new java.util.LinkedHashMap<>();

  TestNgOrder(List<TestClass> testClasses) {
    for (TestClass tc : testClasses) {
      Set<String> classGroups = new LinkedHashSet<>();
      AnnotationInfo classTest = tc.type().annotation(TEST);
      if (classTest != null) {
        classGroups.addAll(strings(classTest.values().get("groups")));
      }
      for (TestClass.FoundTest t : tc.tests()) {
        if (t.test().engine() != Engine.TESTNG) {
          continue;
        }
        TestId id = t.test().id();
        byClass.computeIfAbsent(id.className(), k -> new ArrayList<>()).add(id);
        Set<String> g = new LinkedHashSet<>(classGroups);
        AnnotationInfo a = t.method().annotation(TEST);
        if (a != null) {
          g.addAll(strings(a.values().get("groups")));
        }
        groups.put(id, g);
      }
    }
  }

  /**
   * Records that each of these tests waits for the tests the names select.
   *
   * @param where the marker, as a problem names it ({@code com.example.FooTest#bar})
   */
  void add(Set<TestId> dependents, String element, List<String> names, String where) {
    for (TestId t : dependents) {
      Set<TestId> waits = direct.computeIfAbsent(t, k -> new LinkedHashSet<>());
      for (String name : names) {
        waits.addAll(
            element.equals("dependsOnGroups") ? inGroup(name) : methodsNamed(t.className(), name));
        PatternBudget b =
            patterns.get(element.equals("dependsOnGroups") ? name : name.replace('$', '.'));
        if (b != null && b.overBudget()) {
          overBudget.putIfAbsent(where, element);
        }
      }
      waits.remove(t);
    }
  }

  /**
   * The markers with a pattern that spent its budget ({@code com.example.FooTest#bar}), each with
   * its element ({@code dependsOnGroups}), in the order found.
   */
  Map<String, String> overBudget() {
    return overBudget;
  }

  /** Every test that a test waits for, directly or through others. */
  Set<TestId> closure(TestId test) {
    Set<TestId> seen = new TreeSet<>();
    Deque<TestId> todo = new ArrayDeque<>(direct.getOrDefault(test, Set.of()));
    while (!todo.isEmpty()) {
      TestId t = todo.pop();
      if (!t.equals(test) && seen.add(t)) {
        todo.addAll(direct.getOrDefault(t, Set.of()));
      }
    }
    return seen;
  }

  private List<TestId> methodsNamed(String className, String name) {
    int dot = name.lastIndexOf('.');
    List<TestId> candidates =
        dot < 0 ? byClass.getOrDefault(className, List.of()) : groups.keySet().stream().toList();
    List<TestId> found = new ArrayList<>();
    for (TestId c : candidates) {
      String subject =
          dot < 0 ? c.methodName() : c.className().replace('$', '.') + "." + c.methodName();
      if (matches(name.replace('$', '.'), subject)) {
        found.add(c);
      }
    }
    // A pattern that ran out of budget on any method selects nothing at all.
    return patterns.computeIfAbsent(name.replace('$', '.'), PatternBudget::new).overBudget()
        ? List.of()
        : found;
  }

  private List<TestId> inGroup(String group) {
    List<TestId> cached = groupMembers.get(group);
    if (cached != null) {
      return cached;
    }
    List<TestId> found = new ArrayList<>();
    groups.forEach(
        (t, g) -> {
          if (g.stream().anyMatch(n -> matches(group, n))) {
            found.add(t);
          }
        });
    // A pattern that ran out of budget on any group selects nothing at all.
    List<TestId> result =
        patterns.computeIfAbsent(group, PatternBudget::new).overBudget()
            ? List.of()
            : List.copyOf(found);
    groupMembers.put(group, result);
    return result;
  }

  private boolean matches(String pattern, String subject) {
    PatternBudget b = patterns.computeIfAbsent(pattern, PatternBudget::new);
    return b.matches(subject) == PatternBudget.Outcome.MATCH;
  }

  private static List<String> strings(Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return v == null ? List.of() : List.of(String.valueOf(v));
  }
}
