package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
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
 *
 * <p>Where a test method's own body creates or names the type (and no set-up, helper or field of
 * its class does), only that test reaches it: {@code KafkaProducerTest} names {@code
 * MockProducerInterceptor} in the few tests that configure it, and its hundred other tests never
 * run the interceptor's counters.
 */
final class TestOwnedTypes {
  private static final Set<String> UNRESTRICTED = Set.of();

  private final Program program;
  private final CallGraph graph;
  private final Set<String> testNests = new HashSet<>();
  private final Map<String, Set<String>> creators = new HashMap<>();
  private final Map<String, Set<String>> methodCreators = new HashMap<>();
  private final Set<String> testMethods = new HashSet<>();
  private final Map<String, Restriction> ownersByType = new HashMap<>();
  private final Map<String, Set<String>> nestsByClass = new HashMap<>();

  /**
   * Per configuration key that some method's guard needs ({@link MethodInfo#configGuard}): the
   * top-level test classes whose code other than test methods sets it, or {@link #UNRESTRICTED}
   * when code outside test classes sets it (a helper, production code) and so any test may.
   */
  private final Map<String, Set<String>> guardSetters = new HashMap<>();

  TestOwnedTypes(Program program, CallGraph graph, List<TestClass> testClasses) {
    this.program = program;
    this.graph = graph;
    for (TestClass tc : testClasses) {
      testNests.addAll(nestsOf(tc));
      for (var t : tc.tests()) {
        testMethods.add(methodKey(t.method()));
      }
    }
    Set<String> guardKeys = new HashSet<>();
    HelperCallers helpers = new HelperCallers();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      String top = TestId.topLevelClass(c.name());
      for (MethodInfo m : c.methods()) {
        boolean inTests = testNests.contains(top);
        Set<String> tests =
            !inTests ? null : isTest(m) ? Set.of(methodKey(m)) : helpers.testsCalling(m);
        for (Sites.New n : m.news()) {
          if (tests != null) {
            methodCreators.computeIfAbsent(n.type(), k -> new HashSet<>()).addAll(tests);
          } else {
            creators.computeIfAbsent(n.type(), k -> new HashSet<>()).add(top);
          }
        }
        if (!m.configGuard().isEmpty()) {
          guardKeys.add(m.configGuard());
        }
      }
    }
    if (guardKeys.isEmpty()) {
      return;
    }
    for (String key : guardKeys) {
      guardSetters.put(key, new HashSet<>());
    }
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      String top = TestId.topLevelClass(c.name());
      for (MethodInfo m : c.methods()) {
        for (String key : keysSet(m)) {
          Set<String> setters = guardSetters.get(key);
          if (setters == null || setters == UNRESTRICTED || isTest(m)) {
            // A test method that sets the key opens the guard for itself alone.
            continue;
          }
          if (testNests.contains(top)) {
            setters.add(top);
          } else {
            guardSetters.put(key, UNRESTRICTED);
          }
        }
      }
    }
  }

  /**
   * The test methods that alone run a helper of the tests' own code: a private or static method (or
   * a lambda body) that only test methods call, directly or through other such helpers. No code
   * outside the tests calls these (production code cannot name a test class, and neither kind is
   * overridden), so the calls seen are all its calls. A helper that set-up code, a constructor, an
   * instance method others may override, or nothing visible calls runs for any test of its class:
   * null.
   */
  private final class HelperCallers {
    private Map<String, List<MethodInfo>> callers;
    private final Map<String, Set<String>> memo = new HashMap<>();

    Set<String> testsCalling(MethodInfo helper) {
      if (!(helper.isPrivate() || helper.isStatic()) || helper.isConstructor()) {
        return null;
      }
      if (callers == null) {
        callers = new HashMap<>();
        for (ClassInfo c : program.classes()) {
          if (c.library()) {
            continue;
          }
          for (MethodInfo m : c.methods()) {
            for (Sites.Call call : m.calls()) {
              if (testNests.contains(TestId.topLevelClass(call.owner()))) {
                callers
                    .computeIfAbsent(
                        call.owner() + '.' + call.name() + call.descriptor(),
                        k -> new ArrayList<>())
                    .add(m);
              }
            }
            for (Sites.Lambda l : m.lambdas()) {
              if (!testNests.contains(TestId.topLevelClass(l.owner()))) {
                continue;
              }
              callers
                  .computeIfAbsent(
                      l.owner() + '.' + l.name() + l.descriptor(), k -> new ArrayList<>())
                  .add(m);
            }
          }
        }
      }
      String key = methodKey(helper);
      if (memo.containsKey(key)) {
        return memo.get(key);
      }
      Set<String> tests = new HashSet<>();
      Set<String> seen = new HashSet<>(Set.of(key));
      java.util.ArrayDeque<MethodInfo> todo = new java.util.ArrayDeque<>(List.of(helper));
      while (!todo.isEmpty() && tests != null) {
        MethodInfo m = todo.poll();
        List<MethodInfo> by = callers.getOrDefault(methodKey(m), List.of());
        if (by.isEmpty()) {
          tests = null;
          break;
        }
        for (MethodInfo caller : by) {
          if (isTest(caller)) {
            tests.add(methodKey(caller));
          } else if (!(caller.isPrivate() || caller.isStatic()) || caller.isConstructor()) {
            tests = null;
            break;
          } else if (seen.add(methodKey(caller))) {
            todo.add(caller);
          }
        }
      }
      memo.put(key, tests);
      return tests;
    }
  }

  /** A method's identity among the test methods: its class, name and descriptor. */
  static String methodKey(MethodInfo m) {
    return m.owner() + '.' + m.name() + m.descriptor();
  }

  /** The top-level class of a {@link #methodKey}'s method. */
  static String topLevelOf(String methodKey) {
    return TestId.topLevelClass(methodKey.substring(0, methodKey.indexOf('.')));
  }

  /** Whether a method is a test method of some test class (the engine runs it as a test). */
  boolean isTest(MethodInfo m) {
    return testMethods.contains(methodKey(m));
  }

  /**
   * Which tests alone can reach a type's methods through a virtual call: the tests of the classes
   * whose own code other than test methods creates it, and the test methods that create it in their
   * own body (as {@link #methodKey}s).
   */
  record Restriction(Set<String> classes, Set<String> methods) {}

  /**
   * The constant keys a method puts into a configuration: the first argument of a {@code put...} or
   * {@code set...} call ({@code configs.put("security.providers", ...)}, {@code
   * conf.set("hadoop.security.group.mapping", ...)}, {@code System.setProperty}).
   */
  static Set<String> keysSet(MethodInfo m) {
    Set<String> keys = null;
    for (Sites.Call call : m.calls()) {
      if ((call.name().startsWith("put") || call.name().startsWith("set"))
          && !call.args().isEmpty()
          && call.args().get(0) instanceof io.github.isolationaudit.analyzer.program.Value.Const c
          && c.value() instanceof String key) {
        if (keys == null) {
          keys = new HashSet<>();
        }
        keys.add(key);
      }
    }
    return keys == null ? Set.of() : keys;
  }

  /**
   * The top-level classes whose tests may run a method guarded by this configuration key (through
   * their lifecycle code or helpers), or null when every test may. A test method that sets the key
   * itself may run it too (see {@link #keysSet}).
   */
  /** Whether a top-level class is one whose code is some test class's own. */
  boolean inTests(String topLevelClass) {
    return testNests.contains(topLevelClass);
  }

  Set<String> guardedTo(String key) {
    Set<String> setters = guardSetters.get(key);
    return setters == null || setters == UNRESTRICTED ? null : setters;
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
   * The tests that alone can reach a node through a virtual call (see {@link Restriction}), or null
   * when every test can.
   */
  /** Types some subtype of which a class outside the tests makes; and that any code makes. */
  private Set<String> spoiledAbove;

  private Set<String> madeAbove;

  /** These types and all their supertypes (the types whose {@code subtypes} meet one of them). */
  private Set<String> supertypesOf(Set<String> types) {
    Set<String> result = new HashSet<>(types);
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(types);
    while (!todo.isEmpty()) {
      ClassInfo c = program.get(todo.poll());
      if (c == null) {
        continue;
      }
      if (c.superName() != null && result.add(c.superName())) {
        todo.add(c.superName());
      }
      for (String i : c.interfaces()) {
        if (result.add(i)) {
          todo.add(i);
        }
      }
    }
    return result;
  }

  /**
   * The tests that alone can reach a node through a virtual call, by the class of its {@code this}:
   * the node's context where the graph knows it (an inherited method run on an object of a test's
   * own subclass: {@code SslChannelBuilder.buildChannel} on a {@code TestSslChannelBuilder}), else
   * the method's own class.
   */
  Restriction restrictedTo(int node) {
    String owner = graph.method(node).owner();
    String context = graph.context(node);
    String type =
        context != null && !context.equals(owner) && program.isSubtype(context, owner)
            ? context
            : owner;
    return ownersByType.computeIfAbsent(type, this::owners);
  }

  private Restriction owners(String type) {
    if (spoiledAbove == null) {
      Set<String> spoiled = new HashSet<>();
      for (Map.Entry<String, Set<String>> e : creators.entrySet()) {
        if (!testNests.containsAll(e.getValue())) {
          spoiled.add(e.getKey());
        }
      }
      spoiledAbove = supertypesOf(spoiled);
      Set<String> made = new HashSet<>(creators.keySet());
      made.addAll(methodCreators.keySet());
      madeAbove = supertypesOf(made);
    }
    // Answered from the hierarchy at once where some subtype is made outside test classes, or
    // none is made at all: only the rest need their subtypes walked.
    if (spoiledAbove.contains(type) || !madeAbove.contains(type)) {
      return null;
    }
    Set<String> owners = new HashSet<>();
    Set<String> methods = new HashSet<>();
    for (String sub : program.subtypes(type)) {
      for (String top : creators.getOrDefault(sub, Set.of())) {
        if (!testNests.contains(top)) {
          return null;
        }
        owners.add(top);
      }
      methods.addAll(methodCreators.getOrDefault(sub, Set.of()));
    }
    return owners.isEmpty() && methods.isEmpty() ? null : new Restriction(owners, methods);
  }
}
