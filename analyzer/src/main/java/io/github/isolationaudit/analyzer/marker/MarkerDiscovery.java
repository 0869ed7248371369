package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.MarkerRule;
import java.util.ArrayList;
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

  public MarkerDiscovery(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    for (String t : catalog.serialTags()) {
      serialTags.add(t.toLowerCase(Locale.ROOT));
    }
  }

  /** A marker found on a class or method, before its scope is known. */
  private record Found(Marker marker, boolean inherited) {}

  /** Every marker on the given test classes, their superclasses and enclosing classes. */
  public List<MarkerScope> discover(List<TestClass> testClasses) {
    Map<Marker, Set<TestId>> covered = new LinkedHashMap<>();
    Map<Marker, Integer> depth = new LinkedHashMap<>();
    Set<String> classesWithTests = new HashSet<>();
    for (TestClass tc : testClasses) {
      List<TestId> all = tc.tests().stream().map(t -> t.test().id()).toList();
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
            covered.computeIfAbsent(f.marker(), k -> new LinkedHashSet<>()).addAll(all);
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
          covered.computeIfAbsent(f.marker(), k -> new LinkedHashSet<>()).add(t.test().id());
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
        depth.putIfAbsent(f.marker(), -1);
      }
    }
    List<MarkerScope> result = new ArrayList<>();
    for (Map.Entry<Marker, Set<TestId>> e : covered.entrySet()) {
      result.add(new MarkerScope(e.getKey(), e.getValue(), depth.getOrDefault(e.getKey(), 0)));
    }
    result.sort(
        java.util.Comparator.comparingInt(MarkerScope::depth)
            .thenComparing(m -> m.marker().className())
            .thenComparing(m -> m.marker().methodName())
            .thenComparing(m -> m.marker().annotation()));
    return result;
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
      Marker m = marker(rule, a, written, owner, method, descriptor, via);
      if (m != null) {
        out.add(new Found(m, isInherited(written)));
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
    return true;
  }

  private Marker marker(
      MarkerRule rule,
      AnnotationInfo a,
      String written,
      String owner,
      String method,
      String descriptor,
      String via) {
    List<Lock> locks = new ArrayList<>(rule.locks());
    if (rule.effect() == MarkerEffect.ISOLATES) {
      locks.add(new Lock(Lock.GLOBAL, LockMode.READ_WRITE));
    }
    if (!rule.lockKeyElement().isEmpty()) {
      Object key = a.values().get(rule.lockKeyElement());
      Object mode = a.values().get(rule.lockModeElement());
      if (key instanceof String k && !k.isEmpty()) {
        locks.add(new Lock(k, "READ".equals(mode) ? LockMode.READ : LockMode.READ_WRITE));
      }
    }
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
    String family = via.isEmpty() ? rule.family() : "project";
    return new Marker(
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
