package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.Heap;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.rules.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the scanner's {@link Value}s into resource keys: constants are spelled out, fields and
 * project methods are followed to what they hold or return, parts that cannot be known become
 * {@code *}, and values made fresh per test give the access a per-test (or per-class) scope.
 */
final class KeyResolver {
  private static final int MAX_DEPTH = 8;
  private static final String UNKNOWN_PART = "*";

  private final Program program;
  private final Catalog catalog;
  private final Heap heap;
  private Map<List<Object>, ResolvedKey> resolved = new java.util.concurrent.ConcurrentHashMap<>();

  KeyResolver(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    this.heap = program.heap();
  }

  /** What is known of a value while rendering it. */
  private static final class Rendering {
    final StringBuilder text = new StringBuilder();
    boolean unknown;
    boolean anyKnown;
    Scope scope = Scope.SHARED;
    String note = "";
  }

  // Footprints are composed on several threads, and the heap behind this resolver memoises in
  // plain maps: one resolution at a time. A key resolved before is read without the lock: most
  // calls are such repeats, and the searches of both threads ask for them.
  ResolvedKey resolve(Value value, ResourceKind resource, String context) {
    List<Object> memoKey = List.of(value, resource, String.valueOf(context));
    ResolvedKey known = resolved.get(memoKey);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = resolved.get(memoKey);
      if (known == null) {
        known = resolveOnce(value, resource, context);
        resolved.put(memoKey, known);
      }
      return known;
    }
  }

  /** Forgets the keys resolved so far: once the footprints are made, nothing asks again. */
  void forget() {
    resolved = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /** The class whose footprint asks for the key being resolved (its test class at the top). */
  private String viewpoint;

  private ResolvedKey resolveOnce(Value value, ResourceKind resource, String context) {
    Rendering r = new Rendering();
    viewpoint = context;
    render(value, context, r, 0);
    Key key;
    if (!r.anyKnown && r.scope == Scope.SHARED) {
      key = Key.unknown();
    } else {
      String text = r.text.toString();
      if (resource == ResourceKind.FILE) {
        text = normalizePath(text);
      }
      key = r.unknown ? Key.pattern(text) : Key.exact(text);
    }
    if (resource == ResourceKind.PORT && key.isExact() && key.value().equals("0")) {
      return new ResolvedKey(
          key, Scope.PER_TEST, Confidence.HIGH, "port 0: the system picks a free port");
    }
    Confidence confidence =
        key.kind() == Key.Kind.UNKNOWN
            ? Confidence.LOW
            : key.kind() == Key.Kind.PATTERN ? Confidence.MEDIUM : Confidence.HIGH;
    if (r.scope != Scope.SHARED) {
      confidence = Confidence.HIGH;
    }
    return new ResolvedKey(key, r.scope, confidence, r.note);
  }

  private static String normalizePath(String path) {
    String p = path.replace('\\', '/');
    while (p.contains("//")) {
      p = p.replace("//", "/");
    }
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    p = p.replace("/./", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private void render(Value v, String context, Rendering r, int depth) {
    if (depth > MAX_DEPTH) {
      unknown(r);
      return;
    }
    if (v instanceof Value.Const c) {
      r.text.append(c.value());
      r.anyKnown = true;
    } else if (v instanceof Value.ClassConst c) {
      r.text.append(c.internalName().replace('/', '.'));
      r.anyKnown = true;
    } else if (v instanceof Value.Concat c) {
      for (Value p : c.parts()) {
        render(p, context, r, depth + 1);
      }
    } else if (v instanceof Value.Builder b) {
      for (Value p : b.parts()) {
        render(p, context, r, depth + 1);
      }
    } else if (v instanceof Value.Temp t) {
      r.text.append("<temp>");
      r.anyKnown = true;
      Scope s = tempScope(t);
      if (r.scope == Scope.SHARED || s == Scope.PER_CLASS) {
        r.scope = s;
      }
      r.note = "fresh per " + (s == Scope.PER_TEST ? "test" : "class") + ": " + t.origin();
    } else if (v instanceof Value.FieldValue f) {
      renderField(f, context, r, depth);
    } else if (v instanceof Value.ObjectField o) {
      renderObjectField(o, context, r, depth);
    } else if (v instanceof Value.Returned ret && enumConstantName(ret) != null) {
      r.text.append(enumConstantName(ret));
      r.anyKnown = true;
    } else if (v instanceof Value.Returned ret) {
      List<MethodInfo> targets = heap.targets(ret, context);
      List<Value> returned = new ArrayList<>();
      for (MethodInfo target : targets == null ? List.<MethodInfo>of() : targets) {
        if (target.returned() == Value.UNKNOWN) {
          returned.clear();
          break;
        }
        returned.add(Value.bind(target.returned(), ret.args(), ret.receiver()));
      }
      // Every override that may run must return the same key.
      renderAlternatives(returned, ret.onThis() ? context : null, r, depth, null);
    } else if (v instanceof Value.OneOf o) {
      // Every path's value must give the same key.
      renderAlternatives(o.values(), context, r, depth, null);
    } else if (v instanceof Value.Param p) {
      unknown(r);
      if (r.note.isEmpty()) {
        r.note = "key comes from a parameter";
      }
    } else {
      unknown(r);
    }
  }

  private static final int ACC_ENUM = 0x4000;

  /**
   * The name of a project enum's constant asked for its name ({@code Mode.FAST.name()}, or {@code
   * toString()} where the enum does not override it), or null: {@code Enum.name()} is final and
   * returns the constant's name, so the key is that name.
   */
  private String enumConstantName(Value.Returned ret) {
    if (!ret.args().isEmpty()
        || !ret.descriptor().equals("()Ljava/lang/String;")
        || !(ret.name().equals("name") || ret.name().equals("toString"))
        || !(ret.receiver() instanceof Value.FieldValue f)
        || !f.isStatic()) {
      return null;
    }
    ClassInfo owner = program.fieldOwner(f.owner(), f.name());
    FieldInfo field = owner == null ? null : owner.field(f.name());
    if (field == null || (field.access() & ACC_ENUM) == 0) {
      return null;
    }
    if (ret.name().equals("toString")) {
      for (ClassInfo c : program.superclasses(owner.name())) {
        if (!c.library() && c.method("toString", ret.descriptor()) != null) {
          return null;
        }
      }
    }
    return f.name();
  }

  private static void unknown(Rendering r) {
    r.unknown = true;
    if (r.text.length() == 0 || !r.text.toString().endsWith(UNKNOWN_PART)) {
      r.text.append(UNKNOWN_PART);
    }
  }

  private Scope tempScope(Value.Temp t) {
    if (t.holder() != null) {
      ClassInfo owner = program.fieldOwner(t.holder().owner(), t.holder().name());
      FieldInfo field = owner == null ? null : owner.field(t.holder().name());
      if (field != null && (field.isStatic() || field.hasAnnotation("org/junit/ClassRule"))) {
        return Scope.PER_CLASS;
      }
    }
    return t.scope();
  }

  private void renderField(Value.FieldValue f, String context, Rendering r, int depth) {
    ClassInfo owner = program.fieldOwner(f.owner(), f.name());
    FieldInfo field = owner == null ? null : owner.field(f.name());
    if (field == null || owner.library()) {
      unknown(r);
      return;
    }
    for (String annotation : catalog.perTestAnnotations()) {
      if (field.hasAnnotation(annotation)) {
        Scope scope =
            field.isStatic() || perClassInstances(owner) ? Scope.PER_CLASS : Scope.PER_TEST;
        render(new Value.Temp("@TempDir field " + f.name(), scope, null), context, r, depth + 1);
        return;
      }
    }
    if (field.constant() != null) {
      r.text.append(field.constant());
      r.anyKnown = true;
      return;
    }
    Value object =
        field.isStatic()
            ? Value.UNKNOWN
            : context != null && program.isSubtype(context, owner.name())
                ? new Value.Allocated(context, null, List.of())
                : Value.UNKNOWN;
    // A fresh value kept in a static field (made in @BeforeAll), or in the field of a test
    // instance that serves all its class's tests, is shared by the class's tests.
    boolean perClass = field.isStatic() || perClassInstances(owner);
    renderAlternatives(
        heap.fieldValues(object, owner, field, context, viewpoint),
        context,
        r,
        depth,
        perClass ? "kept in " + owner.binaryName() + "." + field.name() : null);
  }

  /** A field of another object: what the object was made with, else every store into the field. */
  private void renderObjectField(Value.ObjectField o, String context, Rendering r, int depth) {
    ClassInfo owner = program.fieldOwner(o.owner(), o.name());
    FieldInfo field = owner == null ? null : owner.field(o.name());
    if (field == null || owner.library()) {
      unknown(r);
      return;
    }
    if (field.constant() != null) {
      r.text.append(field.constant());
      r.anyKnown = true;
      return;
    }
    String sharedHolder = sharedHolder(o.object());
    List<Value> values = heap.fieldValues(o.object(), owner, field, context, viewpoint);
    if (o.object() != Value.UNKNOWN) {
      renderAlternatives(values, context, r, depth, sharedHolder);
      return;
    }
    // What any object holds in the field: a store that copies the field from another object (a
    // copy constructor, this.f = other.f) adds nothing to the values the other stores put there.
    String key = owner.name() + '.' + field.name();
    if (!renderingAnyObject.add(key)) {
      unknown(r);
      return;
    }
    try {
      List<Value> rest = new ArrayList<>();
      for (Value v : values) {
        if (!(v instanceof Value.ObjectField copy
            && copy.object() == Value.UNKNOWN
            && copy.name().equals(field.name())
            && owner.equals(program.fieldOwner(copy.owner(), copy.name())))) {
          rest.add(v);
        }
      }
      renderAlternatives(rest, context, r, depth, sharedHolder);
    } finally {
      renderingAnyObject.remove(key);
    }
  }

  private final java.util.Set<String> renderingAnyObject = new java.util.HashSet<>();

  /**
   * The static field (or field of a test instance that serves all its tests) that keeps an object,
   * directly or through other objects, or null: what is fresh per test in such an object is made
   * once and shared by the class.
   */
  private String sharedHolder(Value object) {
    for (int i = 0; i < MAX_DEPTH; i++) {
      if (object instanceof Value.FieldValue f) {
        ClassInfo owner = program.fieldOwner(f.owner(), f.name());
        if (owner != null && (f.isStatic() || perClassInstances(owner))) {
          return owner.binaryName() + "." + f.name();
        }
        return null;
      } else if (object instanceof Value.ObjectField o) {
        object = o.object();
      } else if (object instanceof Value.Returned ret) {
        object = ret.receiver();
      } else {
        return null;
      }
    }
    return null;
  }

  /**
   * Renders the values a field may hold: the key when they all render the same, else unknown.
   *
   * @param sharedHolder the field that keeps the value for a whole class, or null
   */
  private void renderAlternatives(
      List<Value> values, String context, Rendering r, int depth, String sharedHolder) {
    if (values.isEmpty()) {
      unknown(r);
      return;
    }
    Rendering first = null;
    for (Value v : values) {
      Rendering one = new Rendering();
      render(v, context, one, depth + 1);
      if (sharedHolder != null && one.scope == Scope.PER_TEST) {
        one.scope = Scope.PER_CLASS;
        one.note = "fresh per class: kept in " + sharedHolder;
      }
      if (first == null) {
        first = one;
      } else if (!first.text.toString().equals(one.text.toString())
          || first.unknown != one.unknown
          || first.scope != one.scope) {
        unknown(r);
        return;
      }
    }
    r.text.append(first.text);
    r.anyKnown |= first.anyKnown;
    r.unknown |= first.unknown;
    if (first.scope != Scope.SHARED
        && (r.scope == Scope.SHARED || first.scope == Scope.PER_CLASS)) {
      r.scope = first.scope;
    }
    if (!first.note.isEmpty()) {
      r.note = first.note;
    }
  }

  private final Map<String, Boolean> sharedInstances = new HashMap<>();

  /** Whether one instance of this (test) class serves all its tests. */
  synchronized boolean sharesInstances(String className) {
    return sharedInstances.computeIfAbsent(
        className,
        n -> {
          ClassInfo c = program.get(n);
          return c != null && perClassInstances(c);
        });
  }

  /** Whether one instance of a test class serves all its tests (TestNG, PER_CLASS lifecycle). */
  private boolean perClassInstances(ClassInfo c) {
    for (ClassInfo t : program.selfAndSupertypes(c.name())) {
      var lifecycle = t.annotation("org/junit/jupiter/api/TestInstance");
      if (lifecycle != null && "PER_CLASS".equals(lifecycle.values().get("value"))) {
        return true;
      }
      for (MethodInfo m : t.methods()) {
        for (var a : m.annotations()) {
          if (a.type().startsWith("org/testng/annotations/")) {
            return true;
          }
        }
      }
      if (t.hasAnnotation("org/testng/annotations/Test")) {
        return true;
      }
    }
    return false;
  }
}
