package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.KeySpec;
import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The resource keys that every write in the whole program sets to one and the same constant: a
 * System property, the default Locale or TimeZone, a static or instance field. Whoever of several
 * such writers writes last, the value is the same, so the writers do not race with each other (see
 * the conflict package's same-value writes). A key drops out as soon as one write sets another
 * value, clears it, sets a new object, or sets something the scan cannot name.
 *
 * <p>Constants are {@code ldc}/{@code iconst} values, static final fields (of the project, or
 * upper-case named fields of the JDK such as {@code Locale.US}) and what {@link Value.EqualValue}
 * names ({@code TimeZone.getTimeZone("UTC")}: a new object each call, but the JVM default it
 * becomes is the same zone). A value taken from a parameter is followed into every call of its
 * method a few calls deep; a method also used as a lambda or method reference has callers the scan
 * does not see, so its parameter values are unknown.
 *
 * <p>A field may also hold a fresh equivalent object ({@link FreshEquivalents}): every write stores
 * a new object of one and the same construction from constants ({@code data = new
 * RequestData().setGroupId("g")} in each set-up). Its writers leave an equal value whoever writes
 * last; the field drops out when some code changes the object it holds or compares its identity.
 */
public final class ConstantWrites {
  /** When code runs relative to a test: what a test's before-methods write, its body sees. */
  public enum Phase {
    BEFORE_CLASS,
    BEFORE_EACH,
    TEST,
    AFTER_EACH,
    AFTER_CLASS
  }

  private static final int MAX_CALLERS_DEEP = 4;
  private static final Pattern JDK_CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Set<ResourceKind> DEFAULTS =
      EnumSet.of(ResourceKind.SYSTEM_PROPERTY, ResourceKind.LOCALE, ResourceKind.TIME_ZONE);
  private static final Object SPOILED = new Object();

  private final Program program;
  private final KeyResolver keys;

  /** Resource and key to the one constant all its writes write, or {@link #SPOILED}. */
  private final Map<String, Object> values = new HashMap<>();

  private final Set<ResourceKind> spoiledKinds = EnumSet.noneOf(ResourceKind.class);

  /** Instance fields (declaring class and name) that code reads through another object. */
  private final Set<String> readElsewhere = new java.util.HashSet<>();

  /** The same, as keys under each class that has the field ({@code com.x.FooTest.field}). */
  private final Set<String> readElsewhereKeys = new java.util.HashSet<>();

  /**
   * Static fields ({@code com.x.Foo.field}) that some project code reads, changes in place or
   * stores into as an array: every static field touched other than by a plain store.
   */
  private final Set<String> readStatics = new HashSet<>();

  /** Static fields that carry an annotation (a framework may read them by reflection). */
  private final Set<String> annotatedStatics = new HashSet<>();

  private final Map<String, Phase> phases = new HashMap<>();
  private Map<String, List<Caller>> callers;

  private record Caller(MethodInfo method, Sites.Call call) {}

  private final Catalog catalog;
  private FreshEquivalents fresh;

  /** Fields (internal owner, a dot, the name) where some write stores a fresh equivalent. */
  private final Set<String> freshFields = new HashSet<>();

  private ConstantWrites(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    this.keys = new KeyResolver(program, catalog);
  }

  /** Scans every write of the program once. */
  public static ConstantWrites of(Program program, Catalog catalog, List<TestClass> testClasses) {
    ConstantWrites w = new ConstantWrites(program, catalog);
    w.scan();
    w.phases(testClasses);
    return w;
  }

  /**
   * Whether every write of this System property in the program only puts back the value it had
   * before anything set it (clears of a key the JVM does not set, saved values restored): the key
   * never changes, so its writes race with no one.
   */
  public boolean onlyInitial(ResourceKind resource, Key key) {
    return resource == ResourceKind.SYSTEM_PROPERTY
        && key.kind() == Key.Kind.EXACT
        && !spoiledKinds.contains(resource)
        && values.get(id(resource, key.value())) == INITIAL;
  }

  /** Whether every write of this key in the program sets one and the same constant. */
  public boolean constant(ResourceKind resource, Key key) {
    if (key.kind() != Key.Kind.EXACT || spoiledKinds.contains(resource)) {
      return false;
    }
    Object v = values.get(id(resource, key.value()));
    return v != null && v != SPOILED;
  }

  /**
   * Whether no project code reads this static field: every access of it anywhere in the input is a
   * plain store, and no annotation invites a framework to read it. Two tests that only store into
   * such a field cannot see each other's value (a store is atomic), and no test reads it.
   */
  public boolean neverRead(Key staticFieldKey) {
    return staticFieldKey.kind() == Key.Kind.EXACT
        && !readStatics.contains(staticFieldKey.value())
        && !annotatedStatics.contains(staticFieldKey.value())
        && program.get(ownerOf(staticFieldKey.value())) != null;
  }

  /** The internal name of the class a static field key's field belongs to. */
  private static String ownerOf(String fieldKey) {
    int dot = fieldKey.lastIndexOf('.');
    return dot < 0 ? fieldKey : fieldKey.substring(0, dot).replace('.', '/');
  }

  /**
   * Whether code reads this shared-instance field through another object than its own {@code this}
   * (an inner class's {@code Outer.this.field}): such reads are not accesses of their own, so who
   * reads the field is not fully known.
   */
  public boolean readThroughAnotherObject(Key instanceFieldKey) {
    return readElsewhereKeys.contains(instanceFieldKey.value());
  }

  /**
   * When the method of a chain's first step runs: before, around or after the tests of its class;
   * null for what the scan does not place (a rule, an extension, a helper).
   */
  public Phase phase(EvidenceStep root) {
    return phases.get(root.className() + '#' + root.methodName());
  }

  private static String id(ResourceKind resource, String key) {
    return resource + "\u0000" + key;
  }

  /**
   * Resource and key to the writing methods ({@code com.x.FooTest#setUp}) of each value written, an
   * unknown value or a change in place under a marker of its own method.
   */
  private final Map<String, Map<Object, Set<String>>> writers = new HashMap<>();

  private void note(MethodInfo m, ResourceKind resource, String key, Object constant) {
    Object value = constant == null ? new Object() : constant;
    writers
        .computeIfAbsent(id(resource, key), k -> new HashMap<>())
        .computeIfAbsent(value, k -> new HashSet<>())
        .add(key(m));
    note(resource, key, constant);
  }

  /**
   * The test methods ({@code com.x.FooTest#bar}) that set a key to another value than the one
   * constant every other write sets, when there are such: where set-ups and helpers all reset the
   * key to one constant and only a few test methods themselves write something else ({@code time =
   * Time.SYSTEM} before each test, {@code time = new MockTime()} in one), the tests that write only
   * the constant leave the same value whoever writes last, and race only with those test methods.
   * Empty when the key is constant, when some write outside a test method sets another value, or
   * when the values cannot be told apart.
   */
  public Set<String> otherValueTests(ResourceKind resource, Key key) {
    if (key.kind() != Key.Kind.EXACT || spoiledKinds.contains(resource)) {
      return Set.of();
    }
    Map<Object, Set<String>> byValue = writers.get(id(resource, key.value()));
    if (byValue == null || byValue.size() < 2) {
      return Set.of();
    }
    Object reset = null;
    for (Map.Entry<Object, Set<String>> e : byValue.entrySet()) {
      for (String method : e.getValue()) {
        if (phases.get(method) != Phase.TEST) {
          if (reset != null && reset != e.getKey()) {
            return Set.of();
          }
          reset = e.getKey();
        }
      }
    }
    if (reset == null || reset.getClass() == Object.class) {
      // No set-up resets it, or what it resets to is not known.
      return Set.of();
    }
    Set<String> others = new HashSet<>();
    for (Map.Entry<Object, Set<String>> e : byValue.entrySet()) {
      if (e.getKey() != reset) {
        others.addAll(e.getValue());
      }
    }
    return others;
  }

  /**
   * Whether the one value every write outside test methods sets ({@link #otherValueTests}) is the
   * value the System property had before any test: a clear or a restore of what was saved.
   */
  public boolean resetsToInitial(ResourceKind resource, Key key) {
    if (resource != ResourceKind.SYSTEM_PROPERTY || key.kind() != Key.Kind.EXACT) {
      return false;
    }
    Map<Object, Set<String>> byValue = writers.get(id(resource, key.value()));
    if (byValue == null || !byValue.containsKey(INITIAL)) {
      return false;
    }
    for (Map.Entry<Object, Set<String>> e : byValue.entrySet()) {
      for (String method : e.getValue()) {
        if (phases.get(method) != Phase.TEST && e.getKey() != INITIAL) {
          return false;
        }
      }
    }
    return true;
  }

  private void note(ResourceKind resource, String key, Object constant) {
    String id = id(resource, key);
    Object old = values.get(id);
    if (constant == null) {
      values.put(id, SPOILED);
    } else if (old == null) {
      values.put(id, constant);
    } else if (!old.equals(constant)) {
      values.put(id, SPOILED);
    }
  }

  private void scan() {
    // Instance fields: by declaring class and name first, then under each class that has them.
    Map<String, Object> fields = new HashMap<>();
    fresh = new FreshEquivalents(program, catalog);
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.Sink s : m.sinks()) {
          sink(m, s);
        }
        for (Sites.StaticField f : m.staticFields()) {
          if (f.op() != Sites.FieldOp.PUT) {
            ClassInfo owner = program.fieldOwner(f.owner(), f.name());
            String key = (owner == null ? f.owner().replace('/', '.') : owner.binaryName());
            readStatics.add(key + "." + f.name());
            if (owner != null
                && (f.op() == Sites.FieldOp.MUTATE || f.op() == Sites.FieldOp.ARRAY_STORE)) {
              note(m, ResourceKind.STATIC_FIELD, owner.binaryName() + "." + f.name(), null);
            }
          }
        }
        for (Sites.FieldStore store : m.fieldStores()) {
          store(m, store, fields);
          noteObjectFields(store.value(), 0);
        }
        for (Sites.Call call : m.calls()) {
          for (Value a : call.args()) {
            noteObjectFields(a, 0);
          }
          noteObjectFields(call.receiver(), 0);
        }
        for (Sites.Sink sink : m.sinks()) {
          noteObjectFields(sink.key(), 0);
        }
        noteObjectFields(m.returned(), 0);
      }
    }
    for (Restore r : restores) {
      Object held = fields.get(r.field());
      note(
          r.method(),
          ResourceKind.SYSTEM_PROPERTY,
          r.key(),
          held != SPOILED && restored(r.key(), held) ? INITIAL : null);
    }
    if (!freshFields.isEmpty()) {
      // An equal new object is the same value only while nobody changes it or asks for its
      // identity.
      for (String changed : fresh.changedThrough(freshFields)) {
        int dot = changed.lastIndexOf('.');
        ClassInfo owner = program.get(changed.substring(0, dot));
        if (owner != null) {
          // Not same-value any more; which value each write stores (otherValueTests) stays: a
          // change in place of the object held is an access of its own where it is one (a
          // catalogued mutator), else none.
          note(
              ResourceKind.STATIC_FIELD,
              owner.binaryName() + "." + changed.substring(dot + 1),
              null);
        }
        fields.put(changed, SPOILED);
      }
    }
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (FieldInfo f : c.fields()) {
        if (f.isStatic() && !f.annotations().isEmpty()) {
          annotatedStatics.add(c.binaryName() + "." + f.name());
        }
      }
      Map<String, Object> seen = new HashMap<>();
      List<ClassInfo> chain = new ArrayList<>();
      chain.add(c);
      chain.addAll(program.superclasses(c.name()));
      for (ClassInfo s : chain) {
        for (FieldInfo f : s.fields()) {
          if (f.isStatic()) {
            continue;
          }
          Object v = fields.get(s.name() + "." + f.name());
          // A field hidden by one of the same name is two fields under one key: spoiled.
          Object value = seen.containsKey(f.name()) || v == null ? SPOILED : v;
          seen.put(f.name(), value);
        }
      }
      for (Map.Entry<String, Object> e : seen.entrySet()) {
        values.put(
            id(ResourceKind.INSTANCE_FIELD, c.binaryName() + "." + e.getKey()), e.getValue());
      }
      for (ClassInfo s : chain) {
        for (FieldInfo f : s.fields()) {
          if (!f.isStatic() && readElsewhere.contains(s.name() + "." + f.name())) {
            readElsewhereKeys.add(c.binaryName() + "." + f.name());
          }
        }
      }
    }
  }

  /** Notes the instance fields a value reads through another object than {@code this}. */
  private void noteObjectFields(Value v, int depth) {
    if (v == null || depth > Value.MAX_NESTING) {
      return;
    }
    if (v instanceof Value.ObjectField o) {
      ClassInfo owner = program.fieldOwner(o.owner(), o.name());
      if (owner != null) {
        readElsewhere.add(owner.name() + "." + o.name());
      }
      noteObjectFields(o.object(), depth + 1);
    } else if (v instanceof Value.Concat c) {
      c.parts().forEach(p -> noteObjectFields(p, depth + 1));
    } else if (v instanceof Value.Allocated a) {
      a.args().forEach(p -> noteObjectFields(p, depth + 1));
    } else if (v instanceof Value.Returned r) {
      noteObjectFields(r.receiver(), depth + 1);
      r.args().forEach(p -> noteObjectFields(p, depth + 1));
    }
  }

  private void sink(MethodInfo m, Sites.Sink s) {
    SinkRule rule = s.rule();
    if (rule.mode() != AccessMode.WRITE || !DEFAULTS.contains(rule.resource())) {
      return;
    }
    if (rule.key() instanceof KeySpec.All) {
      spoiledKinds.add(rule.resource());
      return;
    }
    Set<Value> keyValues = leaves(m, s.key(), 0);
    // A field of the test's own object is no value of the caller's: kept as it is for a restore.
    Set<Value> written =
        rule.resource() == ResourceKind.SYSTEM_PROPERTY
                && s.written() instanceof Value.FieldValue f
                && !f.isStatic()
            ? Set.of(s.written())
            : leaves(m, s.written(), 0);
    if (keyValues == null) {
      spoiledKinds.add(rule.resource());
      return;
    }
    String prefix = rule.key() instanceof KeySpec.Arg a ? a.prefix() : "";
    for (Value kv : keyValues) {
      Key key = keys.resolve(kv, rule.resource(), m.owner()).key();
      if (key.kind() != Key.Kind.EXACT) {
        spoiledKinds.add(rule.resource());
        continue;
      }
      if (written == null) {
        note(m, rule.resource(), prefix + key.value(), null);
      }
      for (Value w : written == null ? Set.<Value>of() : written) {
        String k = prefix + key.value();
        if (rule.resource() != ResourceKind.SYSTEM_PROPERTY) {
          note(m, rule.resource(), k, constantOf(w));
        } else if (w == Value.NULL) {
          // clearProperty: back to no value, the value a key the JVM does not set starts with.
          note(m, rule.resource(), k, setAtLaunch(k) ? null : INITIAL);
        } else if (w instanceof Value.FieldValue f && !f.isStatic()) {
          // A field of the test's own: a saved value put back, where the field only ever holds
          // what the key held (known once every store is seen).
          ClassInfo owner = program.fieldOwner(f.owner(), f.name());
          if (owner == null) {
            note(m, rule.resource(), k, null);
          } else {
            restores.add(new Restore(m, k, owner.name() + "." + f.name()));
          }
        } else {
          note(m, rule.resource(), k, restored(k, constantOf(w)) ? INITIAL : constantOf(w));
        }
      }
    }
  }

  /**
   * The value a System property had before anything set it: what a clear of a key the JVM does not
   * set at launch leaves, and what a test puts back that it saved from the key itself ({@code saved
   * = System.getProperty(k)} in a set-up, {@code System.setProperty(k, saved)} after). Writes of it
   * only reset the key: see {@link #otherValueTests}.
   */
  private static final Object INITIAL = List.of("initial");

  /** A property write of a field's value, decided once the field's stores are all seen. */
  private record Restore(MethodInfo method, String key, String field) {}

  private final List<Restore> restores = new ArrayList<>();

  /** Whether a constant is what reading this very property gave ({@code "${k}"}). */
  private static boolean restored(String key, Object constant) {
    return constant instanceof List<?> l
        && l.size() == 3
        && "const".equals(l.get(0))
        && ("${" + key + "}").equals(l.get(2));
  }

  /**
   * Whether the JVM, the launcher or the build sets this property before any test runs: a clear of
   * it changes it ({@code java.*}, {@code user.*}, Surefire's {@code basedir} ...).
   */
  static boolean setAtLaunch(String key) {
    for (String p : LAUNCH_PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return LAUNCH_KEYS.contains(key);
  }

  private static final List<String> LAUNCH_PREFIXES =
      List.of(
          "java.",
          "jdk.",
          "os.",
          "user.",
          "file.",
          "line.",
          "path.",
          "native.",
          "stdout.",
          "stderr.",
          "surefire.",
          "maven.",
          "awt.");

  /**
   * The {@code sun.*} and other keys a JDK 17 or 21 launcher sets (the others of {@code sun.*},
   * such as {@code sun.security.jgss.native}, start unset), and Surefire's.
   */
  private static final Set<String> LAUNCH_KEYS =
      Set.of(
          "basedir",
          "localRepository",
          "sun.arch.data.model",
          "sun.boot.library.path",
          "sun.cpu.endian",
          "sun.cpu.isalist",
          "sun.io.unicode.encoding",
          "sun.java.command",
          "sun.java.launcher",
          "sun.jnu.encoding",
          "sun.management.compiler",
          "sun.os.patch.level",
          "sun.stderr.encoding",
          "sun.stdout.encoding",
          "sun.desktop",
          "http.nonProxyHosts",
          "ftp.nonProxyHosts",
          "socksNonProxyHosts");

  private void store(MethodInfo m, Sites.FieldStore store, Map<String, Object> fields) {
    ClassInfo owner = program.fieldOwner(store.owner(), store.name());
    FieldInfo field = owner == null ? null : owner.field(store.name());
    if (field == null || owner.library()) {
      return;
    }
    if (field.isStatic()) {
      if (m.name().equals("<clinit>") && m.owner().equals(owner.name())) {
        // The initial value: set before any test, and any later write of it is a write.
        return;
      }
      String key = owner.binaryName() + "." + field.name();
      Object made = fresh.fingerprint(m, store.value());
      if (made != null) {
        freshFields.add(owner.name() + "." + field.name());
        note(m, ResourceKind.STATIC_FIELD, key, made);
        return;
      }
      Set<Value> values = leaves(m, store.value(), 0);
      if (values == null) {
        note(m, ResourceKind.STATIC_FIELD, key, null);
      }
      for (Value v : values == null ? Set.<Value>of() : values) {
        note(m, ResourceKind.STATIC_FIELD, key, constantOf(v));
      }
      return;
    }
    String id = owner.name() + "." + field.name();
    if (!store.onThis()) {
      // Set from outside the object: not the test class's own lifecycle.
      fields.put(id, SPOILED);
      return;
    }
    Object made = fresh.fingerprint(m, store.value());
    if (made != null) {
      freshFields.add(id);
      Object old = fields.get(id);
      fields.put(id, old != null && !old.equals(made) ? SPOILED : made);
      return;
    }
    Set<Value> values = leaves(m, store.value(), 0);
    if (values == null) {
      fields.put(id, SPOILED);
    }
    for (Value v : values == null ? Set.<Value>of() : values) {
      Object c = constantOf(v);
      Object old = fields.get(id);
      fields.put(id, c == null || old != null && !old.equals(c) ? SPOILED : c);
    }
  }

  /**
   * What a value of a method's body can be: the value itself where it does not depend on the
   * caller, else, for a parameter passed on as it is, the values every call of the method passes
   * (followed a few calls up); null where that is not known (a lambda's callers, a value built of a
   * parameter, a field of {@code this}, too deep or too many).
   */
  private Set<Value> leaves(MethodInfo m, Value v, int depth) {
    if (v == null) {
      return null;
    }
    if (!Value.dependsOnCaller(v)) {
      return Set.of(v);
    }
    if (!(v instanceof Value.Param p)) {
      return null;
    }
    String memo = m.key() + "#" + p.index();
    if (passed.containsKey(memo)) {
      return passed.get(memo);
    }
    // A recursive call of the method sees its own parameter: unknown while it is computed.
    passed.put(memo, null);
    Set<Value> result = depth >= MAX_CALLERS_DEEP || usedAsLambda(m) ? null : new HashSet<>();
    if (result != null) {
      for (Caller c : callersOf(m)) {
        List<Value> args = c.call().args();
        Set<Value> up =
            p.index() < args.size() ? leaves(c.method(), args.get(p.index()), depth + 1) : null;
        if (up == null || result.size() + up.size() > MAX_VALUES) {
          result = null;
          break;
        }
        result.addAll(up);
      }
    }
    // A method nobody in the program calls adds nothing: if a test reaches it all the same (a
    // library callback), its footprint has an unknown value where it matters.
    passed.put(memo, result);
    return result;
  }

  private static final int MAX_VALUES = 16;
  private final Map<String, Set<Value>> passed = new HashMap<>();

  private synchronized List<Caller> callersOf(MethodInfo m) {
    indexCallers();
    List<Caller> result = new ArrayList<>();
    Set<String> aboveM = supertypeNames(m.owner());
    for (Caller c : callers.getOrDefault(m.name() + m.descriptor(), List.of())) {
      String owner = c.call().owner();
      if (owner.equals(m.owner())
          || aboveM.contains(owner)
          || supertypeNames(owner).contains(m.owner())) {
        result.add(c);
      }
    }
    return result;
  }

  /**
   * The names {@code program.isSubtype(type, name)} holds for, once per type: a memo per type, not
   * per pair of types (callers of a name shared by thousands of classes made millions of pairs).
   */
  private Set<String> supertypeNames(String type) {
    return supertypes.computeIfAbsent(
        type,
        t -> {
          Set<String> names = new HashSet<>();
          names.add(t);
          for (ClassInfo c : program.selfAndSupertypes(t)) {
            names.add(c.name());
            if (c.superName() != null) {
              names.add(c.superName());
            }
            names.addAll(c.interfaces());
          }
          return names;
        });
  }

  /** The calls of the program by name and descriptor, and the methods used as lambdas, once. */
  private synchronized void indexCallers() {
    if (callers == null) {
      callers = new HashMap<>();
      lambdaTargets = new java.util.HashSet<>();
      for (ClassInfo c : program.classes()) {
        if (c.library()) {
          continue;
        }
        for (MethodInfo caller : c.methods()) {
          for (Sites.Call call : caller.calls()) {
            callers
                .computeIfAbsent(call.name() + call.descriptor(), k -> new ArrayList<>())
                .add(new Caller(caller, call));
          }
          for (Sites.Lambda l : caller.lambdas()) {
            lambdaTargets.add(l.name() + l.descriptor());
          }
        }
      }
    }
  }

  private java.util.Set<String> lambdaTargets;
  private final Map<String, Set<String>> supertypes = new HashMap<>();

  private boolean usedAsLambda(MethodInfo m) {
    indexCallers();
    return lambdaTargets.contains(m.name() + m.descriptor());
  }

  /** What stands for the value when it is a constant, else null. */
  private Object constantOf(Value v) {
    if (v instanceof Value.Const c) {
      return List.of("const", c.value().getClass().getName(), c.value());
    }
    if (v instanceof Value.EqualValue e) {
      return List.of("equal", e.owner(), e.name(), e.argument());
    }
    if (v instanceof Value.FieldValue f && f.isStatic()) {
      ClassInfo owner = program.fieldOwner(f.owner(), f.name());
      FieldInfo field = owner == null ? null : owner.field(f.name());
      boolean fixed =
          field != null
              ? field.isStatic() && field.isFinal()
              : jdk(f.owner()) && JDK_CONSTANT_NAME.matcher(f.name()).matches();
      if (fixed) {
        String declaring = owner == null ? f.owner() : owner.name();
        return List.of("field", declaring, f.name());
      }
    }
    return null;
  }

  private static boolean jdk(String internalName) {
    return internalName.startsWith("java/") || internalName.startsWith("javax/");
  }

  private void phases(List<TestClass> testClasses) {
    for (TestClass tc : testClasses) {
      for (TestClass.Root r : tc.lifecycle()) {
        Phase p = lifecyclePhase(r.method());
        if (p != null) {
          phases.putIfAbsent(key(r.method()), p);
        }
      }
      for (TestClass.FoundTest t : tc.tests()) {
        phases.putIfAbsent(key(t.method()), Phase.TEST);
      }
    }
  }

  private static String key(MethodInfo m) {
    return m.owner().replace('/', '.') + '#' + m.name();
  }

  private static Phase lifecyclePhase(MethodInfo m) {
    if (m.name().equals("<clinit>")) {
      return Phase.BEFORE_CLASS;
    }
    if (m.name().equals("<init>")) {
      return Phase.BEFORE_EACH;
    }
    for (io.github.isolationaudit.analyzer.program.AnnotationInfo a : m.annotations()) {
      String simple = a.type().substring(a.type().lastIndexOf('/') + 1);
      Phase p =
          switch (simple) {
            case "BeforeAll", "BeforeClass", "BeforeTest", "BeforeSuite", "BeforeGroups" ->
                Phase.BEFORE_CLASS;
            case "BeforeEach", "Before", "BeforeMethod" -> Phase.BEFORE_EACH;
            case "AfterEach", "After", "AfterMethod" -> Phase.AFTER_EACH;
            case "AfterAll", "AfterClass", "AfterTest", "AfterSuite", "AfterGroups" ->
                Phase.AFTER_CLASS;
            default -> null;
          };
      if (p != null) {
        return p;
      }
    }
    if (m.annotations().isEmpty() && m.descriptor().equals("()V")) {
      // JUnit 3: setUp and tearDown by name.
      if (m.name().equals("setUp")) {
        return Phase.BEFORE_EACH;
      }
      if (m.name().equals("tearDown")) {
        return Phase.AFTER_EACH;
      }
    }
    return null;
  }
}
