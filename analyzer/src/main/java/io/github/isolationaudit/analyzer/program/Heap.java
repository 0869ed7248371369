package io.github.isolationaudit.analyzer.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What objects keep in their fields, as far as the program's code shows it: every value stored into
 * a field, with a constructor's stores bound to the arguments the object was made with.
 *
 * <p>The model is flow-insensitive per object: an object made by {@code new T(args)} holds in a
 * field what T's constructor chain stores there (parameters bound to {@code args}, through {@code
 * this(...)} and {@code super(...)} calls), or what any method of T's classes stores into it later;
 * a setter called on the object and returning it ({@code builder.dir(d)}) holds what that setter
 * stored. An object not known (a parameter no caller binds, an object of a library) holds whatever
 * any code stores into the field, each constructor's stores bound at every visible {@code new} of
 * the class, and an object of a class made where no code shows (a test class its engine makes, a
 * mock) with unknown constructor arguments. A field nobody stores into holds nothing this knows of:
 * injected or mocked.
 */
// Its memo maps are plain: every public method is synchronized, since footprints are composed on
// several threads.
public final class Heap {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_VALUES = 32;
  private static final int MAX_OBJECTS = 64;

  private final Program program;
  private final Map<String, List<Store>> stores = new HashMap<>();
  private final Map<String, List<Value.Allocated>> allocations = new HashMap<>();
  private final Map<String, List<SetterCall>> setterCalls = new HashMap<>();
  private final Set<String> setterFields = new HashSet<>();

  /** The classes whose code calls a setter ({@link #setterCalls}' callers). */
  private final Set<String> setterCallers = new HashSet<>();

  /**
   * The test class whose footprint asks, while {@link #fieldValues(Value, ClassInfo, FieldInfo,
   * String, String)} runs, as far as it matters: the classes of its code (itself and its
   * superclasses) that call a setter, whose calls are on the objects it asks about. Null when no
   * test class asks.
   */
  private Viewpoint viewpoint;

  /**
   * What a test class's viewpoint decides: the setter callers among its classes, with a memo key
   * that only these make. Most test classes call no setter, and all of those see the same values:
   * they share one memo entry per field, not one each.
   */
  private record Viewpoint(Set<String> setterCallers, String key) {}

  private final Map<String, Viewpoint> viewpoints = new HashMap<>();

  private final Map<Object, List<Value>> memo = new HashMap<>();
  private final Set<Object> inProgress = new HashSet<>();

  /** A store into a field, with the method that makes it. */
  public record Store(MethodInfo method, Sites.FieldStore site) {}

  /** A call of a setter (a method storing what its caller passes into a field of its object). */
  private record SetterCall(MethodInfo caller, Sites.Call call) {}

  public Heap(Program program) {
    this.program = program;
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.FieldStore s : m.fieldStores()) {
          ClassInfo owner = program.fieldOwner(s.owner(), s.name());
          if (owner != null && !owner.library()) {
            stores
                .computeIfAbsent(owner.name() + '.' + s.name(), k -> new ArrayList<>())
                .add(new Store(m, s));
          }
        }
        for (Sites.Call call : m.calls()) {
          if (call.allocates()) {
            // Seen from elsewhere, the allocating method's parameters are unknown and its fields
            // of this are those of any object of its class.
            allocations
                .computeIfAbsent(call.owner(), k -> new ArrayList<>())
                .add((Value.Allocated) Value.bind(call.receiver(), List.of(), null));
          }
        }
      }
    }
    indexSetterCalls();
  }

  /** Indexes the calls of every setter, by name and descriptor, for {@link #setterValues}. */
  private void indexSetterCalls() {
    Set<String> setters = new HashSet<>();
    for (Map.Entry<String, List<Store>> e : stores.entrySet()) {
      for (Store s : e.getValue()) {
        if (s.site().onThis()
            && !s.method().isConstructor()
            && !s.method().isStatic()
            && mentionsParam(s.site().value(), 0)) {
          setters.add(s.method().name() + s.method().descriptor());
          setterFields.add(e.getKey());
        }
      }
    }
    if (setters.isEmpty()) {
      return;
    }
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.Call call : m.calls()) {
          if (call.dispatch() != Sites.Dispatch.STATIC
              && !call.name().equals("<init>")
              && setters.contains(call.name() + call.descriptor())) {
            setterCalls
                .computeIfAbsent(call.name() + call.descriptor(), k -> new ArrayList<>())
                .add(new SetterCall(m, call));
            setterCallers.add(m.owner());
          }
        }
      }
    }
  }

  private static boolean mentionsParam(Value v, int depth) {
    if (depth > Value.MAX_NESTING) {
      return false;
    }
    if (v instanceof Value.Param) {
      return true;
    }
    if (v instanceof Value.Concat c) {
      return c.parts().stream().anyMatch(p -> mentionsParam(p, depth + 1));
    }
    if (v instanceof Value.Allocated a) {
      return a.args().stream().anyMatch(p -> mentionsParam(p, depth + 1));
    }
    if (v instanceof Value.Returned r) {
      return mentionsParam(r.receiver(), depth + 1)
          || r.args().stream().anyMatch(p -> mentionsParam(p, depth + 1));
    }
    if (v instanceof Value.Unmodifiable u) {
      return u.args().stream().anyMatch(p -> mentionsParam(p, depth + 1));
    }
    if (v instanceof Value.ObjectField o) {
      return mentionsParam(o.object(), depth + 1);
    }
    return false;
  }

  /** Every store into the field {@code owner.name} (owner: the declaring class). */
  public synchronized List<Store> storesInto(String owner, String name) {
    return stores.getOrDefault(owner + '.' + name, List.of());
  }

  /**
   * The values a field of an object may hold, each as the code that stores it sees it, with what
   * depends on that code's caller bound where the object shows it. Empty when no code stores into
   * the field; {@link Value#UNKNOWN} among them where a value cannot be known.
   *
   * @param object the object: {@link Value#UNKNOWN} for any object of the field's class; a field of
   *     {@code this} is read with {@code object} an {@link Value.Allocated} of the concrete class
   */
  public synchronized List<Value> fieldValues(
      Value object, ClassInfo owner, FieldInfo field, String context) {
    return fieldValues(object, owner, field, context, (String) null);
  }

  /**
   * The values a field of an object may hold, as {@link #fieldValues(Value, ClassInfo, FieldInfo,
   * String)} says, seen from the code of a test class: a setter's value is what that code (and code
   * that may be handed the object) passes to it.
   *
   * @param viewpoint the test class whose footprint asks, or null
   */
  public synchronized List<Value> fieldValues(
      Value object, ClassInfo owner, FieldInfo field, String context, String viewpoint) {
    Viewpoint saved = this.viewpoint;
    this.viewpoint = viewpoint == null ? null : viewpoints.computeIfAbsent(viewpoint, this::of);
    try {
      return fieldValues(object, owner, field, context, 0);
    } finally {
      this.viewpoint = saved;
    }
  }

  private Viewpoint of(String testClass) {
    Set<String> callers = new java.util.TreeSet<>();
    if (setterCallers.contains(testClass)) {
      callers.add(testClass);
    }
    for (ClassInfo c : program.superclasses(testClass)) {
      if (setterCallers.contains(c.name())) {
        callers.add(c.name());
      }
    }
    return new Viewpoint(Set.copyOf(callers), String.join(",", callers));
  }

  private List<Value> fieldValues(
      Value object, ClassInfo owner, FieldInfo field, String context, int depth) {
    if (depth > MAX_DEPTH) {
      return List.of(Value.UNKNOWN);
    }
    if (field.isStatic()) {
      return withoutNull(outsideConstructors(owner, field, null, null));
    }
    Object key =
        setterFields.contains(owner.name() + '.' + field.name())
            ? List.of(
                object,
                owner.name(),
                field.name(),
                String.valueOf(context),
                String.valueOf(viewpoint == null ? null : viewpoint.key()))
            : List.of(object, owner.name(), field.name(), String.valueOf(context));
    List<Value> cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.add(key)) {
      return List.of(Value.UNKNOWN);
    }
    List<Value> result;
    try {
      result = List.copyOf(compute(object, owner, field, context, depth));
    } finally {
      inProgress.remove(key);
    }
    result = withoutNull(result);
    memo.put(key, result);
    return result;
  }

  /** A null stored into a field is no value it is read with: it is set again before any use. */
  private static List<Value> withoutNull(List<Value> values) {
    if (!values.contains(Value.NULL)) {
      return values;
    }
    List<Value> rest = new ArrayList<>(values);
    rest.removeIf(v -> v == Value.NULL);
    return List.copyOf(rest);
  }

  private Set<Value> compute(
      Value object, ClassInfo owner, FieldInfo field, String context, int depth) {
    Set<Value> result = new LinkedHashSet<>();
    if (object instanceof Value.Allocated a && program.isSubtype(a.type(), owner.name())) {
      result.addAll(constructorValues(a, owner, field, depth));
      result.addAll(outsideConstructors(owner, field, a.type(), a));
    } else if (object instanceof Value.Returned r) {
      List<MethodInfo> targets = targets(r, context);
      if (targets == null) {
        result.addAll(anyObject(owner, field, depth));
      }
      for (MethodInfo target : targets == null ? List.<MethodInfo>of() : targets) {
        if (target.returned() == Value.THIS) {
          // A setter returning its receiver: what it stored, else what the receiver held.
          List<Value> stored = storedBy(target, owner, field, r.args(), r.receiver());
          if (!stored.isEmpty()) {
            result.addAll(stored);
          } else {
            result.addAll(objectValues(r.receiver(), owner, field, context, depth));
          }
        } else {
          Value made = Value.bind(target.returned(), r.args(), r.receiver());
          result.addAll(objectValues(made, owner, field, r.onThis() ? context : null, depth));
        }
      }
    } else if (object instanceof Value.OneOf o) {
      // One of a few objects: what any of them holds.
      for (Value x : o.values()) {
        result.addAll(objectValues(x, owner, field, context, depth));
      }
    } else if (object instanceof Value.FieldValue || object instanceof Value.ObjectField) {
      // The object is itself kept in a field: whatever that field may hold.
      List<Value> holders = holderValues(object, context, depth);
      if (holders.isEmpty()) {
        result.add(Value.UNKNOWN);
      }
      for (Value h : holders) {
        result.addAll(objectValues(h, owner, field, context, depth));
        if (result.size() > MAX_VALUES) {
          return Set.of(Value.UNKNOWN);
        }
      }
    } else {
      result.addAll(anyObject(owner, field, depth));
    }
    return result.size() > MAX_VALUES ? Set.of(Value.UNKNOWN) : result;
  }

  /** The values of the field of an object value that may itself be unknown or no object. */
  private List<Value> objectValues(
      Value object, ClassInfo owner, FieldInfo field, String context, int depth) {
    if (object == Value.THIS && context != null) {
      object = new Value.Allocated(context, null, List.of());
    }
    if (object instanceof Value.Allocated
        || object instanceof Value.Returned
        || object instanceof Value.OneOf
        || object instanceof Value.FieldValue
        || object instanceof Value.ObjectField) {
      return fieldValues(object, owner, field, context, depth + 1);
    }
    return fieldValues(Value.UNKNOWN, owner, field, null, depth + 1);
  }

  /** The values a field holding objects may hold: a field of {@code this}, static, or another's. */
  public synchronized List<Value> holderValues(Value holder, String context) {
    return holderValues(holder, context, 0);
  }

  private List<Value> holderValues(Value holder, String context, int depth) {
    String owner;
    String name;
    Value object;
    if (holder instanceof Value.FieldValue f) {
      owner = f.owner();
      name = f.name();
      object =
          f.isStatic()
              ? Value.UNKNOWN
              : context != null && program.isSubtype(context, f.owner())
                  ? new Value.Allocated(context, null, List.of())
                  : Value.UNKNOWN;
    } else if (holder instanceof Value.ObjectField o) {
      owner = o.owner();
      name = o.name();
      object = o.object();
    } else {
      return List.of(Value.UNKNOWN);
    }
    ClassInfo declaring = program.fieldOwner(owner, name);
    FieldInfo field = declaring == null ? null : declaring.field(name);
    if (field == null || declaring.library()) {
      return List.of(Value.UNKNOWN);
    }
    if (object == Value.THIS) {
      object =
          context != null ? new Value.Allocated(context, null, List.of()) : (Value) Value.UNKNOWN;
    }
    return fieldValues(object, declaring, field, context, depth + 1);
  }

  /** Any object of the field's class: one per concrete class, per visible allocation of it. */
  private List<Value> anyObject(ClassInfo owner, FieldInfo field, int depth) {
    Object key = List.of("any", owner.name(), field.name());
    List<Value> cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.add(key)) {
      return List.of(Value.UNKNOWN);
    }
    Set<Value> result = new LinkedHashSet<>();
    try {
      int objects = 0;
      for (String sub : program.subtypes(owner.name())) {
        ClassInfo c = program.get(sub);
        if (c == null || c.library() || c.isInterface() || c.isAbstract()) {
          continue;
        }
        List<Value.Allocated> made = allocations.getOrDefault(sub, List.of());
        if (made.isEmpty()) {
          made = List.of(new Value.Allocated(sub, null, List.of()));
        }
        objects += made.size();
        if (objects > MAX_OBJECTS) {
          // Too many objects to follow one by one: what the constructors store, unbound.
          result.clear();
          for (Store s : storesInto(owner.name(), field.name())) {
            if (s.site().onThis() && s.method().isConstructor()) {
              result.add(Value.bind(s.site().value(), List.of(), null));
            }
          }
          break;
        }
        for (Value.Allocated a : made) {
          result.addAll(constructorValues(a, owner, field, depth + 1));
        }
      }
      result.addAll(outsideConstructors(owner, field, null, null));
    } finally {
      inProgress.remove(key);
    }
    List<Value> list =
        result.size() > MAX_VALUES ? List.of(Value.UNKNOWN) : List.copyOf(new ArrayList<>(result));
    memo.put(key, list);
    return list;
  }

  /**
   * What the constructor chain of an object stores into the field, bound to the object's
   * constructor arguments (all constructors with unknown arguments when it is not known which).
   */
  private List<Value> constructorValues(
      Value.Allocated object, ClassInfo owner, FieldInfo field, int depth) {
    ClassInfo type = program.get(object.type());
    if (type == null || type.library()) {
      return List.of(Value.UNKNOWN);
    }
    List<Value> result = new ArrayList<>();
    if (object.constructor() == null) {
      // Some object of exactly this class: one made where the code shows, if it shows any.
      List<Value.Allocated> made = allocations.getOrDefault(object.type(), List.of());
      if (!made.isEmpty() && made.size() <= MAX_OBJECTS) {
        for (Value.Allocated a : made) {
          result.addAll(constructorValues(a, owner, field, depth + 1));
        }
        return result;
      }
    }
    for (MethodInfo ctor : type.methods()) {
      if (!ctor.isConstructor()
          || object.constructor() != null && !ctor.descriptor().equals(object.constructor())) {
        continue;
      }
      List<Value> args = object.constructor() != null ? object.args() : List.of();
      result.addAll(chain(ctor, args, object, owner, field, depth));
    }
    return result;
  }

  private List<Value> chain(
      MethodInfo ctor,
      List<Value> args,
      Value.Allocated object,
      ClassInfo owner,
      FieldInfo field,
      int depth) {
    MethodInfo m = ctor;
    List<Value> a = args;
    for (int i = 0; m != null && i < MAX_DEPTH * 2; i++) {
      List<Value> stored = storedBy(m, owner, field, a, object);
      if (!stored.isEmpty()) {
        // The most derived constructor's store runs last.
        return stored;
      }
      Sites.Call next = null;
      for (Sites.Call c : m.calls()) {
        if (c.onThis() && c.name().equals("<init>")) {
          next = c;
          break;
        }
      }
      if (next == null) {
        return List.of();
      }
      MethodInfo target = program.resolve(next.owner(), "<init>", next.descriptor());
      if (target == null || !program.isProject(target.owner())) {
        return List.of();
      }
      List<Value> nextArgs = new ArrayList<>();
      for (Value v : next.args()) {
        nextArgs.add(Value.bind(v, a, object));
      }
      m = target;
      a = nextArgs;
    }
    return List.of(Value.UNKNOWN);
  }

  /** What a method stores into the field of its own {@code this}, bound to a call of it. */
  private List<Value> storedBy(
      MethodInfo m, ClassInfo owner, FieldInfo field, List<Value> args, Value receiver) {
    List<Value> result = new ArrayList<>();
    for (Sites.FieldStore s : m.fieldStores()) {
      if (s.onThis() && s.name().equals(field.name()) && sameField(s, owner)) {
        result.add(Value.bind(s.value(), args, receiver));
      }
    }
    return result;
  }

  private boolean sameField(Sites.FieldStore s, ClassInfo owner) {
    if (s.owner().equals(owner.name())) {
      return true;
    }
    ClassInfo declaring = program.fieldOwner(s.owner(), s.name());
    return declaring != null && declaring.name().equals(owner.name());
  }

  /**
   * What code other than an object's own constructors stores into the field, as that code sees it:
   * methods of the object's classes storing into {@code this} (only those of {@code concrete}'s
   * superclass chain when the concrete class is known), and any code storing into another object's
   * field. Constructors storing into a different object's field count here too. A setter's store of
   * what its caller passes is bound to the calls of it that may be on the object ({@link
   * #setterValues}) when the test class the object is seen from is known ({@link #viewpoint}).
   */
  private List<Value> outsideConstructors(
      ClassInfo owner, FieldInfo field, String concrete, Value.Allocated object) {
    Set<String> chain = null;
    if (concrete != null) {
      chain = new HashSet<>();
      chain.add(concrete);
      for (ClassInfo s : program.superclasses(concrete)) {
        chain.add(s.name());
      }
    }
    Set<Value> result = new LinkedHashSet<>();
    for (Store s : storesInto(owner.name(), field.name())) {
      if (s.site().onThis()) {
        if (s.method().isConstructor() || chain != null && !chain.contains(s.method().owner())) {
          continue;
        }
        List<Value> passed =
            viewpoint != null && object != null && mentionsParam(s.site().value(), 0)
                ? setterValues(s.method(), s.site().value(), object, viewpoint.setterCallers())
                : null;
        if (passed != null) {
          result.addAll(passed);
        } else {
          // A setter's parameter is whatever its callers pass: not bound here.
          result.add(Value.bind(s.site().value(), List.of(), object));
        }
      } else {
        result.add(Value.bind(s.site().value(), List.of(), null));
      }
    }
    return new ArrayList<>(result);
  }

  /**
   * What a setter stores into a field of an object, bound to each call of it that may be on that
   * object: calls in the code of the test class the object is seen from ({@code testCode}: its
   * classes that call setters, itself and its superclasses) on any receiver, calls on {@code this}
   * in the object's own classes, and calls on a receiver that may be any object (a parameter, a
   * method's result); a call elsewhere on an object made or kept there (a local {@code new}, a
   * field of another class) is another object's. Null when only such calls show: then the setter's
   * value is not known. Empty when no code of the program calls the setter at all: it runs only
   * where a library calls it back (an {@code MBeanRegistration.preRegister}, a framework's
   * injection), which no footprint follows, so, as a field nobody stores into, it adds nothing this
   * knows of.
   */
  private List<Value> setterValues(
      MethodInfo setter, Value stored, Value.Allocated object, Set<String> testCode) {
    Set<String> objectCode = new HashSet<>();
    objectCode.add(object.type());
    for (ClassInfo c : program.superclasses(object.type())) {
      objectCode.add(c.name());
    }
    List<Value> result = new ArrayList<>();
    boolean any = false;
    boolean called = false;
    for (SetterCall c :
        setterCalls.getOrDefault(setter.name() + setter.descriptor(), List.<SetterCall>of())) {
      Sites.Call call = c.call();
      if (!program.isSubtype(object.type(), call.owner())) {
        continue;
      }
      MethodInfo target = program.resolveVirtual(object.type(), call.name(), call.descriptor());
      if (target != setter) {
        continue;
      }
      called = true;
      Value receiver = call.receiver();
      String caller = c.caller().owner();
      List<Value> args;
      if (call.onThis()) {
        if (!objectCode.contains(caller)) {
          continue;
        }
        args = bindArgs(call.args(), object);
      } else if (testCode.contains(caller)) {
        // The test class's own code: its fields stay fields of the test seen from it.
        args = bindArgs(call.args(), Value.THIS);
      } else if (receiver instanceof Value.Allocated
          || receiver instanceof Value.FieldValue
          || receiver instanceof Value.ObjectField) {
        continue;
      } else {
        args = bindArgs(call.args(), null);
      }
      any = true;
      result.add(Value.bind(stored, args, object));
      if (result.size() > MAX_VALUES) {
        return List.of(Value.UNKNOWN);
      }
    }
    return any ? result : called ? null : List.of();
  }

  /** A call's arguments as seen from outside its method: parameters unknown, fields of receiver. */
  private static List<Value> bindArgs(List<Value> args, Value receiver) {
    List<Value> bound = new ArrayList<>(args.size());
    for (Value a : args) {
      bound.add(Value.bind(a, List.of(), receiver));
    }
    return bound;
  }

  private static final int MAX_TARGETS = 8;

  /**
   * The project methods a {@link Value.Returned} may call, or null when one of them is not known
   * (declared outside the program, or too many overrides): on {@code this} of the context class or
   * on an object of one exactly known class, that class's method; a static, private or constructor
   * call, the method itself; else every override class hierarchy analysis finds.
   */
  public synchronized List<MethodInfo> targets(Value.Returned r, String context) {
    MethodInfo exact = null;
    if (r.onThis() && context != null) {
      exact = program.resolveVirtual(context, r.name(), r.descriptor());
    } else if (r.receiver() instanceof Value.Allocated a) {
      exact = program.resolveVirtual(a.type(), r.name(), r.descriptor());
    }
    if (exact == null) {
      MethodInfo declared = program.resolve(r.owner(), r.name(), r.descriptor());
      if (declared == null) {
        return null;
      }
      if (!declared.isStatic() && !declared.isPrivate() && !declared.isConstructor()) {
        List<MethodInfo> impls = program.implementations(r.owner(), r.name(), r.descriptor());
        if (impls.size() > 1) {
          if (impls.size() > MAX_TARGETS) {
            return null;
          }
          for (MethodInfo m : impls) {
            if (!program.isProject(m.owner())) {
              return null;
            }
          }
          return impls;
        }
      }
      exact = declared;
    }
    return program.isProject(exact.owner()) ? List.of(exact) : null;
  }

  /**
   * The exact classes of the objects a value may be, where the code shows them all: {@code null}
   * when some are not known, empty when the value is read from a field no code stores into (an
   * injected or mocked field) or made by a mocking library.
   */
  public synchronized Set<String> exactTypes(Value v, String context) {
    return exactTypes(v, context, 0);
  }

  private Set<String> exactTypes(Value v, String context, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (v instanceof Value.Allocated a) {
      return Set.of(a.type());
    }
    if (v instanceof Value.Returned r) {
      if (r.owner().equals("org/mockito/Mockito")
          && (r.name().equals("mock") || r.name().equals("spy"))) {
        return r.name().equals("mock") ? Set.of() : null;
      }
      List<MethodInfo> targets = targets(r, context);
      if (targets == null || targets.isEmpty()) {
        return null;
      }
      Set<String> types = new LinkedHashSet<>();
      for (MethodInfo target : targets) {
        if (target.returned() == Value.UNKNOWN) {
          return null;
        }
        Set<String> t =
            exactTypes(
                Value.bind(target.returned(), r.args(), r.receiver()),
                r.onThis() ? context : null,
                depth + 1);
        if (t == null) {
          return null;
        }
        types.addAll(t);
      }
      return types;
    }
    if (v instanceof Value.OneOf o) {
      Set<String> types = new LinkedHashSet<>();
      for (Value x : o.values()) {
        Set<String> t = exactTypes(x, context, depth + 1);
        if (t == null) {
          return null;
        }
        types.addAll(t);
      }
      return types;
    }
    if (v instanceof Value.FieldValue || v instanceof Value.ObjectField) {
      Set<String> types = new LinkedHashSet<>();
      for (Value held : holderValues(v, context, depth + 1)) {
        Set<String> t = exactTypes(held, context, depth + 1);
        if (t == null) {
          return null;
        }
        types.addAll(t);
      }
      return types;
    }
    return null;
  }
}
