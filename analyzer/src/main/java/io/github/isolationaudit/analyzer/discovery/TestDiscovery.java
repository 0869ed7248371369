package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the tests of JUnit Jupiter, JUnit 4, JUnit 3 and TestNG among the project's classes, as
 * their engines would, from annotations and the class hierarchy alone.
 */
public final class TestDiscovery {
  private static final String JUPITER = "org/junit/jupiter/api/";
  private static final Map<String, TestKind> JUPITER_TESTS =
      Map.of(
          JUPITER + "Test",
          TestKind.TEST,
          "org/junit/jupiter/params/ParameterizedTest",
          TestKind.PARAMETERIZED,
          JUPITER + "RepeatedTest",
          TestKind.REPEATED,
          JUPITER + "TestFactory",
          TestKind.FACTORY,
          JUPITER + "TestTemplate",
          TestKind.TEMPLATE);
  private static final Set<String> JUPITER_LIFECYCLE =
      Set.of(
          JUPITER + "BeforeEach",
          JUPITER + "AfterEach",
          JUPITER + "BeforeAll",
          JUPITER + "AfterAll");
  private static final String JUNIT4_TEST = "org/junit/Test";
  private static final String JUNIT4_THEORY = "org/junit/experimental/theories/Theory";
  private static final Set<String> JUNIT4_LIFECYCLE =
      Set.of(
          "org/junit/Before",
          "org/junit/After",
          "org/junit/BeforeClass",
          "org/junit/AfterClass",
          "org/junit/Rule",
          "org/junit/ClassRule");
  private static final String TESTNG_TEST = "org/testng/annotations/Test";
  private static final Set<String> TESTNG_LIFECYCLE =
      Set.of(
          "org/testng/annotations/BeforeMethod", "org/testng/annotations/AfterMethod",
          "org/testng/annotations/BeforeClass", "org/testng/annotations/AfterClass",
          "org/testng/annotations/BeforeTest", "org/testng/annotations/AfterTest",
          "org/testng/annotations/BeforeSuite", "org/testng/annotations/AfterSuite",
          "org/testng/annotations/BeforeGroups", "org/testng/annotations/AfterGroups");
  private static final Set<String> ONCE_PER_CLASS =
      Set.of(
          JUPITER + "BeforeAll",
          JUPITER + "AfterAll",
          "org/junit/BeforeClass",
          "org/junit/AfterClass",
          "org/junit/ClassRule",
          "org/testng/annotations/BeforeClass",
          "org/testng/annotations/AfterClass",
          "org/testng/annotations/BeforeTest",
          "org/testng/annotations/AfterTest",
          "org/testng/annotations/BeforeSuite",
          "org/testng/annotations/AfterSuite",
          "org/testng/annotations/BeforeGroups",
          "org/testng/annotations/AfterGroups");
  private static final String EXTEND_WITH = JUPITER + "extension/ExtendWith";
  private static final String EXTENSIONS = JUPITER + "extension/Extensions";

  private final Program program;
  private final Map<String, TestKind> metaKinds = new HashMap<>();

  public TestDiscovery(Program program) {
    this.program = program;
  }

  /** Every concrete project class that runs at least one test, sorted by name. */
  public List<TestClass> discover() {
    List<TestClass> result = new ArrayList<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()
          || c.isInterface()
          || c.isAbstract()
          || c.isAnnotation()
          || isAnonymousOrLocal(c)) {
        continue;
      }
      if (c.innerNonStatic() && !c.hasAnnotation(JUPITER + "Nested")) {
        continue;
      }
      List<TestClass.FoundTest> tests = tests(c);
      if (!tests.isEmpty()) {
        result.add(new TestClass(c, lifecycle(c, tests), tests));
      }
    }
    result.sort(Comparator.comparing(t -> t.type().name()));
    return result;
  }

  private static boolean isAnonymousOrLocal(ClassInfo c) {
    String simple = c.name().substring(c.name().lastIndexOf('/') + 1);
    int dollar = simple.lastIndexOf('$');
    return dollar >= 0
        && dollar + 1 < simple.length()
        && Character.isDigit(simple.charAt(dollar + 1));
  }

  /** The methods an object of class {@code c} has, most derived declaration first. */
  private Map<String, MethodInfo> visibleMethods(ClassInfo c) {
    Map<String, MethodInfo> visible = new LinkedHashMap<>();
    for (ClassInfo t : program.selfAndSupertypes(c.name())) {
      for (MethodInfo m : t.methods()) {
        if (m.isConstructor() || m.name().equals("<clinit>") || m.isSynthetic()) {
          continue;
        }
        // Private methods are not inherited, so a subclass cannot shadow them.
        String key =
            m.isPrivate() ? t.name() + "." + m.name() + m.descriptor() : m.name() + m.descriptor();
        visible.putIfAbsent(key, m);
      }
    }
    return visible;
  }

  private List<TestClass.FoundTest> tests(ClassInfo c) {
    List<TestClass.FoundTest> tests = new ArrayList<>();
    boolean junit3 = extendsTestCase(c);
    boolean testngClassLevel = classAnnotation(c, TESTNG_TEST) != null;
    boolean parameterizedRunner = isParameterizedRunner(c);
    boolean classDisabled =
        classAnnotation(c, JUPITER + "Disabled") != null
            || classAnnotation(c, "org/junit/Ignore") != null;
    AnnotationInfo instance = classAnnotation(c, JUPITER + "TestInstance");
    boolean sharesClassState =
        classAnnotation(c, JUPITER + "TestMethodOrder") != null
            || instance != null
                && String.valueOf(instance.values().get("value")).contains("PER_CLASS");
    for (MethodInfo m : visibleMethods(c).values()) {
      TestKind kind = null;
      Engine engine = null;
      boolean multiple = false;
      boolean disabled = classDisabled;
      if (!m.isStatic()) {
        kind = jupiterKind(m);
        if (kind != null) {
          engine = Engine.JUNIT_JUPITER;
          multiple = kind != TestKind.TEST;
          disabled |= m.hasAnnotation(JUPITER + "Disabled");
        }
      }
      if (engine == null && m.isPublic() && !m.isStatic()) {
        if (m.hasAnnotation(JUNIT4_TEST) || m.hasAnnotation(JUNIT4_THEORY)) {
          engine = Engine.JUNIT4;
          kind =
              m.hasAnnotation(JUNIT4_THEORY)
                  ? TestKind.THEORY
                  : parameterizedRunner ? TestKind.PARAMETERIZED : TestKind.TEST;
          multiple = kind != TestKind.TEST;
          disabled |= m.hasAnnotation("org/junit/Ignore");
        }
      }
      if (engine == null && m.isPublic() && !m.isStatic()) {
        AnnotationInfo testng = m.annotation(TESTNG_TEST);
        // A data provider or factory is no test, and a class-level @Test makes tests only of
        // the public methods that return nothing (TestNG ignores the others by default).
        boolean config =
            TESTNG_LIFECYCLE.stream().anyMatch(m::hasAnnotation)
                || m.hasAnnotation("org/testng/annotations/DataProvider")
                || m.hasAnnotation("org/testng/annotations/Factory");
        if (testng != null && !config
            || (testngClassLevel
                && !config
                && m.descriptor().endsWith(")V")
                && !m.owner().equals("java/lang/Object")
                && program.isProject(m.owner()))) {
          engine = Engine.TESTNG;
          AnnotationInfo a = testng != null ? testng : classAnnotation(c, TESTNG_TEST);
          Object provider = a.values().get("dataProvider");
          Object count = a.values().get("invocationCount");
          boolean data = provider instanceof String s && !s.isEmpty();
          boolean repeated = count instanceof Integer n && n > 1;
          kind = data ? TestKind.PARAMETERIZED : repeated ? TestKind.REPEATED : TestKind.TEST;
          multiple = data || repeated;
          disabled |= Boolean.FALSE.equals(a.values().get("enabled"));
        }
      }
      if (engine == null
          && junit3
          && m.isPublic()
          && !m.isStatic()
          && m.name().startsWith("test")
          && m.descriptor().equals("()V")) {
        engine = Engine.JUNIT3;
        kind = TestKind.TEST;
      }
      if (engine != null) {
        TestId id =
            new TestId(c.binaryName(), m.name(), m.descriptor(), m.owner().replace('/', '.'));
        boolean shares = engine == Engine.JUNIT_JUPITER && sharesClassState;
        tests.add(
            new TestClass.FoundTest(
                new TestMethod(id, engine, kind, multiple, disabled, shares), m));
      }
    }
    tests.sort(Comparator.comparing(t -> t.test().id()));
    return tests;
  }

  private List<TestClass.Root> lifecycle(ClassInfo c, List<TestClass.FoundTest> tests) {
    Set<TestClass.Root> roots = new LinkedHashSet<>();
    addLifecycle(c, roots, tests);
    // A @Nested class runs inside an instance of its enclosing class, with its lifecycle around.
    ClassInfo inner = c;
    while (inner.innerNonStatic()
        && inner.outerClass() != null
        && inner.hasAnnotation(JUPITER + "Nested")) {
      ClassInfo outer = program.get(inner.outerClass());
      if (outer == null) {
        break;
      }
      addLifecycle(outer, roots, List.of());
      inner = outer;
    }
    return new ArrayList<>(roots);
  }

  private void addLifecycle(
      ClassInfo c, Set<TestClass.Root> roots, List<TestClass.FoundTest> tests) {
    String ctx = c.name();
    for (MethodInfo m : c.methods()) {
      if (m.isConstructor()) {
        // TestNG and a PER_CLASS lifecycle make one instance for all the class's tests.
        roots.add(new TestClass.Root(m, ctx, sharedInstance(c, tests)));
      }
    }
    for (ClassInfo t : program.selfAndSupertypes(c.name())) {
      MethodInfo clinit = t.method("<clinit>", "()V");
      if (clinit != null && !t.library()) {
        roots.add(new TestClass.Root(clinit, ctx, true));
      }
    }
    for (MethodInfo m : visibleMethods(c).values()) {
      // Most visible methods carry no annotation: those are no lifecycle methods, without asking.
      boolean lifecycle =
          !m.annotations().isEmpty()
              && (JUPITER_LIFECYCLE.stream().anyMatch(m::hasAnnotation)
                  || JUNIT4_LIFECYCLE.stream().anyMatch(m::hasAnnotation)
                  || TESTNG_LIFECYCLE.stream().anyMatch(m::hasAnnotation));
      if (lifecycle) {
        roots.add(new TestClass.Root(m, ctx, ONCE_PER_CLASS.stream().anyMatch(m::hasAnnotation)));
      }
    }
    if (extendsTestCase(c)) {
      for (String name : List.of("setUp", "tearDown")) {
        MethodInfo m = program.resolveVirtual(c.name(), name, "()V");
        if (m != null && program.isProject(m.owner())) {
          roots.add(new TestClass.Root(m, ctx, false));
        }
      }
    }
    // Extensions named in @ExtendWith on the class, its supertypes or its test methods.
    Set<String> extensions = new LinkedHashSet<>();
    for (ClassInfo t : program.selfAndSupertypes(c.name())) {
      collectExtensions(t.annotations(), extensions);
    }
    for (TestClass.FoundTest test : tests) {
      collectExtensions(test.method().annotations(), extensions);
    }
    for (String ext : extensions) {
      ClassInfo e = program.get(ext);
      if (e != null && !e.library()) {
        for (MethodInfo m : e.methods()) {
          if (!m.isAbstract() && !m.isStatic() && !m.isSynthetic()) {
            roots.add(new TestClass.Root(m, e.name(), false));
          }
        }
      }
    }
  }

  private boolean sharedInstance(ClassInfo c, List<TestClass.FoundTest> tests) {
    if (tests.stream().anyMatch(t -> t.test().engine() == Engine.TESTNG)) {
      return true;
    }
    AnnotationInfo lifecycle = classAnnotation(c, JUPITER + "TestInstance");
    return lifecycle != null && "PER_CLASS".equals(lifecycle.values().get("value"));
  }

  private void collectExtensions(List<AnnotationInfo> annotations, Set<String> into) {
    for (AnnotationInfo a : annotations) {
      if (a.type().equals(EXTEND_WITH)) {
        into.addAll(a.classes("value"));
      } else if (a.type().equals(EXTENSIONS) && a.values().get("value") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof AnnotationInfo inner) {
            into.addAll(inner.classes("value"));
          }
        }
      }
    }
  }

  private AnnotationInfo classAnnotation(ClassInfo c, String type) {
    for (ClassInfo t : program.selfAndSupertypes(c.name())) {
      if (!t.isInterface() || type.startsWith(JUPITER)) {
        AnnotationInfo a = t.annotation(type);
        if (a != null) {
          return a;
        }
      }
    }
    return null;
  }

  private boolean isParameterizedRunner(ClassInfo c) {
    AnnotationInfo runWith = classAnnotation(c, "org/junit/runner/RunWith");
    if (runWith == null) {
      return false;
    }
    for (String runner : runWith.classes("value")) {
      if (runner.endsWith("/Parameterized")
          || runner.endsWith("$Parameterized")
          || runner.contains("Parameterized")) {
        return true;
      }
    }
    return false;
  }

  private boolean extendsTestCase(ClassInfo c) {
    ClassInfo t = c;
    Set<String> seen = new HashSet<>();
    while (t != null && t.superName() != null && seen.add(t.name())) {
      if (t.superName().equals("junit/framework/TestCase")) {
        return true;
      }
      t = program.get(t.superName());
    }
    return false;
  }

  /** The Jupiter test kind of a method, through meta-annotations; null when it is no test. */
  private TestKind jupiterKind(MethodInfo m) {
    for (AnnotationInfo a : m.annotations()) {
      TestKind k = kindOfAnnotation(a.type(), new HashSet<>());
      if (k != null) {
        return k;
      }
    }
    return null;
  }

  private TestKind kindOfAnnotation(String type, Set<String> seen) {
    TestKind direct = JUPITER_TESTS.get(type);
    if (direct != null) {
      return direct;
    }
    if (metaKinds.containsKey(type)) {
      return metaKinds.get(type);
    }
    if (!seen.add(type) || type.startsWith("java/") || type.startsWith("kotlin/")) {
      return null;
    }
    TestKind found = null;
    ClassInfo annotationType = program.get(type);
    if (annotationType != null && annotationType.isAnnotation()) {
      for (AnnotationInfo meta : annotationType.annotations()) {
        found = kindOfAnnotation(meta.type(), seen);
        if (found != null) {
          break;
        }
      }
    }
    metaKinds.put(type, found);
    return found;
  }
}
