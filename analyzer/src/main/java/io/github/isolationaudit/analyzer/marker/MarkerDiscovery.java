package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.MarkerRule;
import io.github.isolationaudit.rules.SetupAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the isolation markers on test classes and methods and the tests each applies to. An
 * annotation means what its type says: catalog entries by name, and for annotation types whose
 * class files are read (project code or --classpath) their meta-annotations, followed transitively.
 * A class-level marker reaches subclasses only when its annotation type is {@code @Inherited}
 * (JUnit's, junit-pioneer's and Spring's are), and @Nested classes always.
 */
public final class MarkerDiscovery {
  private static final String INHERITED = "java/lang/annotation/Inherited";
  private static final int MAX_META_DEPTH = 5;

  private final Program program;
  private final Catalog catalog;
  private final Set<String> serialTags = new HashSet<>();
  private final ProviderLocks providerLocks;

  public MarkerDiscovery(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    this.providerLocks = new ProviderLocks(program);
    for (String t : catalog.serialTags()) {
      serialTags.add(t.toLowerCase(Locale.ROOT));
    }
  }

  /** A marker found on a class or method, before its scope is known. */
  private record Found(Marker marker, boolean inherited, Shape shape, List<Setup> setups) {}

  /**
   * What a marker does beyond its {@link Marker} record, as {@link MarkerScope} carries it.
   *
   * @param order for TestNG dependencies: the element ({@code dependsOnMethods} or {@code
   *     dependsOnGroups}) and the names written in it
   */
  private record Shape(
      boolean classHeld, Tristate honoured, String caveat, String order, List<String> names) {
    static Shape of(Marker m) {
      return new Shape(m.onClass(), Tristate.TRUE, "", "", List.of());
    }
  }

  private final Map<Marker, Shape> shapes = new HashMap<>();
  private final List<io.github.isolationaudit.model.Problem> problems = new ArrayList<>();

  /** What {@link #discover} could not judge: TestNG dependency patterns over their budget. */
  public List<io.github.isolationaudit.model.Problem> problems() {
    return List.copyOf(problems);
  }

  // Repeated set-up annotations on one element are one marker with the keys of all of them.
  private final Map<Marker, Set<Setup>> setups = new HashMap<>();

  private void addSetups(Found f) {
    if (!f.setups().isEmpty()) {
      setups.computeIfAbsent(f.marker(), k -> new LinkedHashSet<>()).addAll(f.setups());
    }
  }

  /** Every marker on the given test classes, their superclasses and enclosing classes. */
  public List<MarkerScope> discover(List<TestClass> testClasses) {
    Map<Marker, Set<TestId>> covered = new LinkedHashMap<>();
    // The engines of tests a marker sits on that do not act on it (a Jupiter annotation on a
    // TestNG test's base class): those tests are outside its scope.
    Map<Marker, Set<io.github.isolationaudit.model.Engine>> ignoredBy = new LinkedHashMap<>();
    Map<Marker, Integer> depth = new LinkedHashMap<>();
    Set<String> classesWithTests = new HashSet<>();
    for (TestClass tc : testClasses) {
      // Class level: the class, its superclasses (inherited types only), its enclosing classes.
      List<ClassInfo> chain = new ArrayList<>();
      for (ClassInfo c = tc.type();
          c != null;
          c = c.innerNonStatic() && c.outerClass() != null ? program.get(c.outerClass()) : null) {
        chain.add(c);
      }
      for (ClassInfo holder : chain) {
        List<ClassInfo> supers = new ArrayList<>();
        supers.add(holder);
        supers.addAll(program.superclasses(holder.name()));
        for (int s = 0; s < supers.size(); s++) {
          ClassInfo c = supers.get(s);
          classesWithTests.add(c.name());
          for (Found f : markers(c.annotations(), c.name(), "", "")) {
            if (s > 0 && !f.inherited()) {
              continue;
            }
            Set<TestId> into = covered.computeIfAbsent(f.marker(), k -> new LinkedHashSet<>());
            for (TestClass.FoundTest t : tc.tests()) {
              if (honours(t.test().engine(), f.marker().family())) {
                into.add(t.test().id());
              } else {
                ignoredBy
                    .computeIfAbsent(f.marker(), k -> new LinkedHashSet<>())
                    .add(t.test().engine());
              }
            }
            shapes.putIfAbsent(f.marker(), f.shape());
            addSetups(f);
            depth.merge(f.marker(), -(chain.indexOf(holder) * 100 + s + 1), Math::min);
          }
        }
      }
      for (TestClass.FoundTest t : tc.tests()) {
        for (Found f :
            markers(
                t.method().annotations(),
                t.method().owner(),
                t.method().name(),
                t.method().descriptor())) {
          Set<TestId> into = covered.computeIfAbsent(f.marker(), k -> new LinkedHashSet<>());
          if (honours(t.test().engine(), f.marker().family())) {
            into.add(t.test().id());
          } else {
            ignoredBy
                .computeIfAbsent(f.marker(), k -> new LinkedHashSet<>())
                .add(t.test().engine());
          }
          shapes.putIfAbsent(f.marker(), f.shape());
          addSetups(f);
          depth.putIfAbsent(f.marker(), 0);
        }
      }
    }
    // Markers on classes that run no test and are no ancestor of one: dead weight.
    for (ClassInfo c : program.classes()) {
      if (c.library() || c.isAnnotation() || classesWithTests.contains(c.name())) {
        continue;
      }
      for (Found f : markers(c.annotations(), c.name(), "", "")) {
        covered.putIfAbsent(f.marker(), new LinkedHashSet<>());
        shapes.putIfAbsent(f.marker(), f.shape());
        addSetups(f);
        depth.putIfAbsent(f.marker(), -1);
      }
    }
    TestNgOrder order = new TestNgOrder(testClasses);
    for (Map.Entry<Marker, Shape> e : shapes.entrySet()) {
      if (!e.getValue().order().isEmpty()) {
        order.add(
            covered.get(e.getKey()),
            e.getValue().order(),
            e.getValue().names(),
            e.getKey().className() + (e.getKey().onClass() ? "" : "#" + e.getKey().methodName()));
      }
    }
    for (Map.Entry<String, String> over : order.overBudget().entrySet()) {
      problems.add(
          new io.github.isolationaudit.model.Problem(
              io.github.isolationaudit.model.Problem.Kind.INCOMPLETE_ANALYSIS,
              over.getKey(),
              "a pattern in "
                  + over.getValue()
                  + " took more than "
                  + PatternBudget.STEPS_PER_PATTERN
                  + " steps to match (a pattern such as (.*a){12}b backtracks exponentially); it is"
                  + " taken to select no test, so the order it may keep protects nothing in this"
                  + " report"));
    }
    List<MarkerScope> result = new ArrayList<>();
    for (Map.Entry<Marker, Set<TestId>> e : covered.entrySet()) {
      Marker m = e.getKey();
      Shape shape = shapes.getOrDefault(m, Shape.of(m));
      Set<TestId> tests = new LinkedHashSet<>(e.getValue());
      Map<TestId, Set<TestId>> after = new HashMap<>();
      if (!shape.order().isEmpty()) {
        for (TestId t : e.getValue()) {
          Set<TestId> waits = order.closure(t);
          if (!waits.isEmpty()) {
            after.put(t, waits);
            // The tests it waits for are kept from overlapping with it too: removing the
            // dependency frees both sides, so both are in its scope.
            tests.addAll(waits);
          }
        }
      }
      Tristate honoured = shape.honoured();
      String caveat = shape.caveat();
      if (e.getValue().isEmpty() && ignoredBy.containsKey(m)) {
        honoured = Tristate.FALSE;
        caveat =
            "nothing here acts on it: the tests it sits on run on "
                + ignoredBy.get(m).stream()
                    .map(MarkerDiscovery::engineName)
                    .sorted()
                    .collect(java.util.stream.Collectors.joining(" and "))
                + ", which "
                + (ignoredBy.get(m).size() == 1 ? "ignores" : "ignore")
                + " "
                + familyName(m.family())
                + " annotations";
      }
      if (m.effect() == MarkerEffect.FRESH_CONTEXT && !e.getValue().isEmpty()) {
        Tristate spring = springTests(e.getValue());
        honoured = spring;
        caveat =
            switch (spring) {
              case FALSE ->
                  "nothing here acts on it: "
                      + (e.getValue().size() == 1
                          ? "its test's class is"
                          : "its tests' classes are")
                      + " no Spring test (no SpringExtension, SpringRunner, Spring test rule or"
                      + " Spring test annotation)";
              case UNKNOWN ->
                  "the scan cannot tell whether its classes are Spring tests (an annotation or"
                      + " superclass was not in the input)";
              case TRUE -> "";
            };
      }
      result.add(
          new MarkerScope(
              m,
              tests,
              depth.getOrDefault(m, 0),
              shape.classHeld(),
              after,
              honoured,
              caveat,
              List.copyOf(setups.getOrDefault(m, Set.of()))));
    }
    result.sort(
        java.util.Comparator.comparingInt(MarkerScope::depth)
            .thenComparing(m -> m.marker().className())
            .thenComparing(m -> m.marker().methodName())
            .thenComparing(m -> m.marker().annotation()));
    return result;
  }

  /**
   * Whether an engine acts on markers of a family: JUnit Jupiter's own annotations (and
   * junit-pioneer's, and {@code @Tag}) do nothing on JUnit 4 or TestNG tests, TestNG's nothing on
   * Jupiter's, JUnit 4 categories nothing outside JUnit 4. Other families (Spring, custom ones) are
   * taken to apply to every engine.
   */
  static boolean honours(io.github.isolationaudit.model.Engine engine, String family) {
    return switch (family) {
      case "junit-jupiter", "junit-pioneer", "tag" ->
          engine == io.github.isolationaudit.model.Engine.JUNIT_JUPITER;
      case "testng" -> engine == io.github.isolationaudit.model.Engine.TESTNG;
      case "junit4" ->
          engine == io.github.isolationaudit.model.Engine.JUNIT4
              || engine == io.github.isolationaudit.model.Engine.JUNIT3;
      default -> true;
    };
  }

  private static String engineName(io.github.isolationaudit.model.Engine e) {
    return switch (e) {
      case JUNIT_JUPITER -> "JUnit Jupiter";
      case JUNIT4 -> "JUnit 4";
      case JUNIT3 -> "JUnit 3";
      case TESTNG -> "TestNG";
    };
  }

  private static String familyName(String family) {
    return switch (family) {
      case "junit-jupiter", "tag" -> "JUnit Jupiter";
      case "junit-pioneer" -> "junit-pioneer (JUnit Jupiter)";
      case "testng" -> "TestNG";
      case "junit4" -> "JUnit 4";
      default -> family;
    };
  }

  private List<Found> markers(
      List<AnnotationInfo> annotations, String owner, String method, String descriptor) {
    List<Found> found = new ArrayList<>();
    for (AnnotationInfo a : annotations) {
      String contained = catalog.containedIn(a.type());
      if (contained != null && a.values().get("value") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof AnnotationInfo inner) {
            resolve(inner, inner.type(), owner, method, descriptor, "", 0, found);
          }
        }
        continue;
      }
      resolve(a, a.type(), owner, method, descriptor, "", 0, found);
    }
    return found;
  }

  /**
   * Resolves one annotation: by the catalog, else through the meta-annotations of its type.
   *
   * @param written the annotation type as written on the test (reported as the marker)
   */
  private void resolve(
      AnnotationInfo a,
      String written,
      String owner,
      String method,
      String descriptor,
      String via,
      int depth,
      List<Found> out) {
    List<MarkerRule> rules = catalog.markersFor(a.type());
    boolean matched = false;
    for (MarkerRule rule : rules) {
      if (!applies(rule, a)) {
        continue;
      }
      matched = true;
      Found m = marker(rule, a, written, owner, method, descriptor, via);
      if (m != null) {
        out.add(m);
      }
    }
    if (matched || rules.size() > 0 || depth >= MAX_META_DEPTH || a.type().startsWith("java/")) {
      return;
    }
    ClassInfo type = program.get(a.type());
    if (type == null || !type.isAnnotation()) {
      return;
    }
    String path = (via.isEmpty() ? written.replace('/', '.') : via) + " -> ";
    for (AnnotationInfo meta : type.annotations()) {
      String contained = catalog.containedIn(meta.type());
      if (contained != null && meta.values().get("value") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof AnnotationInfo inner) {
            resolve(
                inner,
                written,
                owner,
                method,
                descriptor,
                path + inner.type().replace('/', '.'),
                depth + 1,
                out);
          }
        }
      } else {
        resolve(
            meta,
            written,
            owner,
            method,
            descriptor,
            path + meta.type().replace('/', '.'),
            depth + 1,
            out);
      }
    }
  }

  private static boolean applies(MarkerRule rule, AnnotationInfo a) {
    for (Map.Entry<String, String> w : rule.when().entrySet()) {
      Object v = a.values().get(w.getKey());
      if (v == null || !String.valueOf(v).equalsIgnoreCase(w.getValue())) {
        return false;
      }
    }
    for (String element : rule.whenSet()) {
      Object v = a.values().get(element);
      // The class file holds only the elements written; a written default changes nothing.
      boolean unset =
          v == null
              || v instanceof List<?> l && l.isEmpty()
              || v instanceof String str && str.isEmpty()
              || v instanceof Number n && n.longValue() == 0
              || Boolean.FALSE.equals(v);
      if (unset) {
        return false;
      }
    }
    return true;
  }

  private Found marker(
      MarkerRule rule,
      AnnotationInfo a,
      String written,
      String owner,
      String method,
      String descriptor,
      String via) {
    List<Lock> locks = new ArrayList<>();
    for (Lock l : rule.locks()) {
      locks.add(new Lock(l.key(), l.mode()));
    }
    if (rule.effect() == MarkerEffect.ISOLATES) {
      locks.add(new Lock(Lock.GLOBAL, LockMode.READ_WRITE));
    }
    boolean onClass = method.isEmpty();
    // Locks the class node holds itself (JUnit's SELF target), against those only its children
    // or its tests hold: only the first run the class's descendants on one thread.
    boolean classHeld = onClass;
    boolean classNodeLock = false;
    boolean classNodeWrite = false;
    Tristate honoured = Tristate.TRUE;
    String caveat = "";
    if (!rule.lockKeyElement().isEmpty()) {
      Object key = a.values().get(rule.lockKeyElement());
      Object mode = a.values().get(rule.lockModeElement());
      boolean children =
          !rule.lockTargetElement().isEmpty()
              && "CHILDREN".equals(String.valueOf(a.values().get(rule.lockTargetElement())));
      if (key instanceof String k && !k.isBlank()) {
        Lock lock = new Lock(k, "READ".equals(mode) ? LockMode.READ : LockMode.READ_WRITE);
        locks.add(lock);
        if (!children) {
          classNodeLock = true;
          classNodeWrite |= lock.mode() == LockMode.READ_WRITE;
        }
      }
      if (children && !onClass) {
        honoured = Tristate.FALSE;
        caveat =
            "JUnit rejects target = CHILDREN on a method ('ResourceLockTarget.CHILDREN' is not"
                + " supported for methods): the test fails before it runs, holding no lock";
      }
      List<String> providers =
          rule.lockProvidersElement().isEmpty()
              ? List.of()
              : a.classes(rule.lockProvidersElement());
      List<String> unread = new ArrayList<>();
      List<String> conditional = new ArrayList<>();
      for (String p : providers) {
        ProviderLocks.Read read = providerLocks.read(p);
        boolean nested = onClass && isNested(owner);
        List<Lock> own =
            onClass ? (nested ? read.forNestedClass() : read.forClass()) : read.forMethod();
        locks.addAll(own);
        if (onClass) {
          classNodeLock |= !own.isEmpty();
          classNodeWrite |= own.stream().anyMatch(l -> l.mode() == LockMode.READ_WRITE);
          // Each test and @Nested class below holds what the provider gives it.
          locks.addAll(read.forMethod());
          locks.addAll(read.forNestedClass());
        }
        if (!read.unread().isEmpty()) {
          unread.add(read.unread());
        } else if (!read.conditional().isEmpty()) {
          conditional.add(read.conditional());
        }
      }
      if (!unread.isEmpty()) {
        caveat =
            "its locks come from "
                + String.join("; ", unread)
                + ", so what it locks is unknown"
                + (locks.isEmpty() ? "" : " beyond " + keys(locks));
      } else if (!conditional.isEmpty()) {
        caveat = String.join("; ", conditional);
      }
      if (onClass) {
        boolean anyWrite = locks.stream().anyMatch(l -> l.mode() == LockMode.READ_WRITE);
        // A READ_WRITE lock of the class, or a READ lock of the class over a child's READ_WRITE
        // lock, runs the class's descendants on one thread (JUnit's NodeTreeWalker).
        classHeld = classNodeLock && (classNodeWrite || anyWrite);
      }
    }
    locks = new ArrayList<>(new java.util.LinkedHashSet<>(locks));
    String tag = rule.tag();
    if (!rule.tagElement().isEmpty()) {
      List<String> names = new ArrayList<>();
      Object v = a.values().get(rule.tagElement());
      for (Object o : v instanceof List<?> list ? list : v == null ? List.of() : List.of(v)) {
        String name =
            o instanceof Value.ClassConst c
                ? c.internalName().substring(c.internalName().lastIndexOf('/') + 1)
                : String.valueOf(o);
        names.add(name);
      }
      tag =
          names.stream()
              .filter(
                  n ->
                      serialTags.contains(n.toLowerCase(Locale.ROOT))
                          || rule.family().equals("junit4"))
              .findFirst()
              .orElse("");
      if (tag.isEmpty()) {
        // A tag or group that does not mean "run apart" is no marker.
        return null;
      }
    }
    List<String> orderNames = List.of();
    if (!rule.orderFrom().isEmpty()) {
      Object v = a.values().get(rule.orderFrom());
      orderNames =
          (v instanceof List<?> list ? list : v == null ? List.of() : List.of(v))
              .stream().map(String::valueOf).toList();
    }
    String family = via.isEmpty() ? rule.family() : "project";
    Marker m =
        new Marker(
            written.replace('/', '.'),
            family,
            rule.effect(),
            locks,
            tag,
            owner.replace('/', '.'),
            method,
            descriptor,
            null,
            "",
            via);
    return new Found(
        m,
        // JUnit looks for its own annotation on superclasses when that type is @Inherited
        // (@ResourceLock, @Isolated, @Execution ... are), also where a project's composed
        // annotation that is not @Inherited carries it: the real engine does so (RealEngineTest).
        isInherited(written) || rule.family().equals("junit-jupiter") && isInherited(a.type()),
        new Shape(classHeld, honoured, caveat, rule.orderFrom(), orderNames),
        setups(rule, a));
  }

  /** What a set-up annotation does around its tests, with keys read from its elements. */
  private static List<Setup> setups(MarkerRule rule, AnnotationInfo a) {
    List<Setup> result = new ArrayList<>();
    for (SetupAccess s : rule.sets()) {
      Key key;
      if (s.all()) {
        key = Key.all();
      } else if (!s.key().isEmpty()) {
        key = Key.exact(s.key());
      } else {
        Object v = a.values().get(s.keyElement());
        key = v instanceof String k && !k.isEmpty() ? Key.exact(k) : Key.unknown();
      }
      result.add(new Setup(rule.id(), s.resource(), s.mode(), key, s.parameter(), shown(a)));
    }
    return result;
  }

  /** {@code @SetSystemProperty(key = "a", value = "b")}: the annotation with its string values. */
  private static String shown(AnnotationInfo a) {
    String simple = a.type().substring(a.type().lastIndexOf('/') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : new java.util.TreeMap<>(a.values()).entrySet()) {
      if (e.getValue() instanceof String str) {
        parts.add(e.getKey() + " = \"" + str + "\"");
      }
    }
    return "@" + simple + (parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")");
  }

  private static String keys(List<Lock> locks) {
    return locks.stream().map(Lock::key).distinct().toList().toString();
  }

  private boolean isNested(String owner) {
    ClassInfo c = program.get(owner.replace('.', '/'));
    return c != null && c.innerNonStatic() && c.outerClass() != null;
  }

  /**
   * Whether the classes of these tests are Spring tests: TRUE when all are, FALSE when none is and
   * everything that could make one a Spring test was read, else UNKNOWN.
   */
  private Tristate springTests(Set<TestId> tests) {
    boolean any = false;
    boolean all = true;
    boolean unsure = false;
    for (String c : tests.stream().map(TestId::className).distinct().toList()) {
      Tristate t = springTest(c.replace('.', '/'));
      any |= t == Tristate.TRUE;
      all &= t == Tristate.TRUE;
      unsure |= t == Tristate.UNKNOWN;
    }
    if (all) {
      return Tristate.TRUE;
    }
    return any || unsure ? Tristate.UNKNOWN : Tristate.FALSE;
  }

  private final Map<String, Tristate> springCache = new HashMap<>();

  private static final List<String> SPRING_BASES =
      List.of(
          "org/springframework/test/context/junit4/AbstractJUnit4SpringContextTests",
          "org/springframework/test/context/junit4/AbstractTransactionalJUnit4SpringContextTests",
          "org/springframework/test/context/testng/AbstractTestNGSpringContextTests",
          "org/springframework/test/context/testng/AbstractTransactionalTestNGSpringContextTests");

  /** Annotation packages known to hold no Spring test bootstrap. */
  private static final List<String> NOT_SPRING =
      List.of(
          "java/",
          "javax/",
          "jakarta/",
          "kotlin/",
          "org/junit/",
          "junit/",
          "org/testng/",
          "org/junitpioneer/",
          "net/jcip/",
          "org/apiguardian/",
          "org/jspecify/",
          "org/jetbrains/annotations/",
          "org/mockito/",
          "org/springframework/test/annotation/");

  /**
   * Whether a class runs under Spring's TestContext framework: a Spring test annotation ({@code
   * org.springframework.test.context.*}, {@code org.springframework.boot.test.*}, directly or as a
   * meta-annotation), {@code @ExtendWith(SpringExtension.class)}, {@code @RunWith} of a Spring
   * runner, a Spring test rule, or a Spring test base class; on the class, its superclasses or,
   * for @Nested classes, its enclosing classes.
   */
  private Tristate springTest(String name) {
    Tristate cached = springCache.get(name);
    if (cached != null) {
      return cached;
    }
    springCache.put(name, Tristate.FALSE); // cycles end here
    boolean unsure = false;
    Tristate result = Tristate.FALSE;
    for (String c = name; c != null; ) {
      if (SPRING_BASES.contains(c)) {
        result = Tristate.TRUE;
        break;
      }
      ClassInfo info = program.get(c);
      if (info == null) {
        // A base class we cannot read may be a Spring test base, unless it is a known other one.
        String unread = c;
        unsure |=
            !c.equals("java/lang/Object") && NOT_SPRING.stream().noneMatch(unread::startsWith);
        break;
      }
      Tristate own = springAnnotations(info.annotations(), 0);
      for (FieldInfo f : info.fields()) {
        if (f.descriptor().startsWith("Lorg/springframework/test/context/junit4/rules/")) {
          own = Tristate.TRUE;
        }
      }
      if (own == Tristate.TRUE) {
        result = Tristate.TRUE;
        break;
      }
      unsure |= own == Tristate.UNKNOWN;
      if (info.innerNonStatic() && info.outerClass() != null) {
        Tristate outer = springTest(info.outerClass());
        if (outer == Tristate.TRUE) {
          result = Tristate.TRUE;
          break;
        }
        unsure |= outer == Tristate.UNKNOWN;
      }
      c = info.superName();
    }
    if (result != Tristate.TRUE && unsure) {
      result = Tristate.UNKNOWN;
    }
    springCache.put(name, result);
    return result;
  }

  private Tristate springAnnotations(List<AnnotationInfo> annotations, int depth) {
    boolean unsure = false;
    for (AnnotationInfo a : annotations) {
      String t = a.type();
      if (t.startsWith("org/springframework/test/context/")
          || t.startsWith("org/springframework/boot/test/")) {
        return Tristate.TRUE;
      }
      if (t.equals("org/junit/jupiter/api/extension/ExtendWith")
          || t.equals("org/junit/runner/RunWith")
          || t.equals("org/testng/annotations/Listeners")) {
        if (a.classes("value").stream().anyMatch(v -> v.startsWith("org/springframework/"))) {
          return Tristate.TRUE;
        }
        continue;
      }
      if (t.equals("org/junit/jupiter/api/extension/Extensions")
          && a.values().get("value") instanceof List<?> inner) {
        List<AnnotationInfo> nested = new ArrayList<>();
        for (Object o : inner) {
          if (o instanceof AnnotationInfo ai) {
            nested.add(ai);
          }
        }
        Tristate r = springAnnotations(nested, depth);
        if (r == Tristate.TRUE) {
          return r;
        }
        continue;
      }
      if (NOT_SPRING.stream().anyMatch(t::startsWith)) {
        continue;
      }
      ClassInfo type = program.get(t);
      if (type == null || depth >= MAX_META_DEPTH) {
        // A project or library annotation we cannot read might be @SpringBootTest in disguise.
        unsure = true;
        continue;
      }
      Tristate meta = springAnnotations(type.annotations(), depth + 1);
      if (meta == Tristate.TRUE) {
        return meta;
      }
      unsure |= meta == Tristate.UNKNOWN;
    }
    return unsure ? Tristate.UNKNOWN : Tristate.FALSE;
  }

  private final Map<String, Boolean> inheritedCache = new java.util.HashMap<>();

  /** Whether an annotation type is @Inherited; catalog types are, but for jcip's. */
  private boolean isInherited(String type) {
    return inheritedCache.computeIfAbsent(
        type,
        t -> {
          ClassInfo c = program.get(t);
          if (c != null) {
            return c.hasAnnotation(INHERITED);
          }
          return !t.startsWith("net/jcip/");
        });
  }
}
