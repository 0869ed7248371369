package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.model.TestId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types that only test classes create, and which test classes those are: a virtual call reaches
 * such a type's methods only in a test whose own code (its class, superclasses and enclosing
 * classes, with everything nested in them) creates its objects.
 *
 * <p>Without this, scanning tests together with the production code they exercise joins every test
 * to every other: production code calls {@code processor.process(exchange)} on an interface, class
 * hierarchy analysis answers with every implementation in the input, and among them are the
 * anonymous processors of every test class, which write their own test's static counters. A test
 * runs only the processors it made. A type created anywhere outside test classes (a helper, the
 * production code, or by reflection with no {@code new} at all) keeps all its dispatch edges.
 */
final class TestOwnedTypes {
  private static final Set<String> UNRESTRICTED = Set.of();

  private final Program program;
  private final CallGraph graph;
  private final Set<String> testNests = new HashSet<>();
  private final Map<String, Set<String>> creators = new HashMap<>();
  private final Map<String, Set<String>> ownersByType = new HashMap<>();
  private final Map<String, Set<String>> nestsByClass = new HashMap<>();

  TestOwnedTypes(Program program, CallGraph graph, List<TestClass> testClasses) {
    this.program = program;
    this.graph = graph;
    for (TestClass tc : testClasses) {
      testNests.addAll(nestsOf(tc));
    }
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      String top = TestId.topLevelClass(c.name());
      for (MethodInfo m : c.methods()) {
        for (Sites.New n : m.news()) {
          creators.computeIfAbsent(n.type(), k -> new HashSet<>()).add(top);
        }
      }
    }
  }

  /** The top-level classes whose code is a test class's own: itself, its supers, its encloser. */
  Set<String> nestsOf(TestClass tc) {
    return nestsByClass.computeIfAbsent(
        tc.type().name(),
        k -> {
          Set<String> nests = new HashSet<>();
          ClassInfo c = tc.type();
          while (c != null) {
            nests.add(TestId.topLevelClass(c.name()));
            for (ClassInfo s : program.superclasses(c.name())) {
              nests.add(TestId.topLevelClass(s.name()));
            }
            c = c.outerClass() == null ? null : program.get(c.outerClass());
          }
          return nests;
        });
  }

  /**
   * Whether a test whose own code is {@code allowed} can reach a node through a virtual call: yes
   * unless the node's class (and every subclass that inherits the method) is created only by other
   * test classes.
   */
  boolean reachable(int node, Set<String> allowed) {
    Set<String> owners = ownersByType.computeIfAbsent(graph.method(node).owner(), this::owners);
    if (owners == UNRESTRICTED) {
      return true;
    }
    for (String o : owners) {
      if (allowed.contains(o)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The top-level classes whose tests alone can reach a node through a virtual call, or null when
   * every test can.
   */
  Set<String> restrictedTo(int node) {
    Set<String> owners = ownersByType.computeIfAbsent(graph.method(node).owner(), this::owners);
    return owners == UNRESTRICTED ? null : owners;
  }

  private Set<String> owners(String type) {
    Set<String> owners = new HashSet<>();
    for (String sub : program.subtypes(type)) {
      for (String top : creators.getOrDefault(sub, Set.of())) {
        if (!testNests.contains(top)) {
          return UNRESTRICTED;
        }
        owners.add(top);
      }
    }
    return owners.isEmpty() ? UNRESTRICTED : owners;
  }
}
