package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.rules.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fresh equivalent objects: a store whose value is an object made right there from constants, so
 * that every run of the storing code makes an equal object. A set-up that assigns {@code data = new
 * RequestData().setGroupId("g")} or {@code markers = Collections.singletonList(new Entry(ID,
 * RESULT))} before each test hands every test an equal value, whichever test's set-up wrote last.
 *
 * <p>A value is a fresh equivalent when it is a constant, a static field nothing reassigns or
 * changes in place, an object of a project class made with {@code new} from such values, the result
 * of a builder-style setter (a project method that returns its own {@code this}) called on such an
 * object with such values, or what a JDK factory of unmodifiable values ({@link
 * Value.Unmodifiable}) or a Guava {@code Immutable*.of/copyOf} makes of them. The constructors and
 * setters must read no static field that code reassigns or changes (a counter, a registry), and
 * every other call the storing method makes on the new object before publishing it must pass such
 * values too: they become part of its {@link #fingerprint}. A parameter, a field of {@code this}, a
 * library object or anything the scan cannot name ends it.
 *
 * <p>Equal construction is not enough when someone depends on the object's identity or changes it
 * after the store: {@link #changedThrough} names the fields whose object some code changes ({@code
 * data.setX(v)}, {@code list.add(x)}, a call that changes its receiver) or compares by identity
 * ({@code assertSame}, {@code isSameAs}).
 */
final class FreshEquivalents {
  private static final int MAX_DEPTH = 16;
  private static final Pattern JDK_CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Set<String> IDENTITY_ASSERTIONS =
      Set.of("assertSame", "assertNotSame", "isSameAs", "isNotSameAs");
  private static final Set<String> GUAVA_FACTORIES = Set.of("of", "copyOf", "ofEntries");

  private final Program program;
  private final Catalog catalog;

  /** Static fields ({@code owner.name}, internal owner) stored into outside their class's init. */
  private final Set<String> reassignedStatics = new HashSet<>();

  /** Static fields whose object code changes in place or stores into as an array. */
  private final Set<String> changedStatics = new HashSet<>();

  FreshEquivalents(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.StaticField f : m.staticFields()) {
          String id = declared(f.owner(), f.name());
          switch (f.op()) {
            case PUT -> {
              if (!(m.name().equals("<clinit>") && id.startsWith(m.owner() + "."))) {
                reassignedStatics.add(id);
              }
            }
            case MUTATE, ARRAY_STORE -> changedStatics.add(id);
            default -> {}
          }
        }
      }
    }
  }

  /** The field as declared: internal name of its declaring class, a dot and its name. */
  private String declared(String owner, String name) {
    ClassInfo declaring = program.fieldOwner(owner, name);
    return (declaring == null ? owner : declaring.name()) + "." + name;
  }

  /**
   * What stands for the construction of a value stored in method {@code m} when it is a fresh
   * equivalent (equal for equal constructions), else null.
   */
  Object fingerprint(MethodInfo m, Value stored) {
    if (!(stored instanceof Value.Allocated
        || stored instanceof Value.Returned
        || stored instanceof Value.Unmodifiable)) {
      // Constants are ConstantWrites' own; everything else is not made here.
      return null;
    }
    Object tree = of(stored, 0);
    if (tree == null) {
      return null;
    }
    Set<Value> made = new HashSet<>();
    objects(stored, made, 0);
    List<Object> calls = new ArrayList<>();
    for (Sites.Call call : m.calls()) {
      if (call.name().equals("<init>") || call.receiver() == null) {
        continue;
      }
      if (!made.contains(call.receiver())) {
        continue;
      }
      // A call on the new object before it is published: a setter with constants is part of the
      // construction; anything else (a parameter, a field, a library call) is not equivalent.
      Object args = arguments(call.descriptor(), call.args(), 0);
      MethodInfo target = onMade(call.receiver(), call.name(), call.descriptor());
      if (args == null || target == null || !readsOnlyFixedStatics(target)) {
        return null;
      }
      calls.add(List.of(call.name(), call.descriptor(), args));
    }
    return List.of("fresh", tree, calls);
  }

  /** The objects a value is made of, where calls on them would change it. */
  private static void objects(Value v, Set<Value> into, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (v instanceof Value.Allocated a) {
      into.add(a);
      a.args().forEach(x -> objects(x, into, depth + 1));
    } else if (v instanceof Value.Returned r) {
      into.add(r);
      objects(r.receiver(), into, depth + 1);
      r.args().forEach(x -> objects(x, into, depth + 1));
    } else if (v instanceof Value.Unmodifiable u) {
      u.args().forEach(x -> objects(x, into, depth + 1));
    } else if (v instanceof Value.ArrayValue arr) {
      for (Value e : arr.elements) {
        objects(e, into, depth + 1);
      }
    }
  }

  private Object of(Value v, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (v instanceof Value.Const c) {
      return List.of("const", c.value().getClass().getName(), c.value());
    }
    if (v == Value.NULL) {
      return "null";
    }
    if (v instanceof Value.ClassConst c) {
      return List.of("class", c.internalName());
    }
    if (v instanceof Value.EqualValue e) {
      return List.of("equal", e.owner(), e.name(), e.argument());
    }
    if (v instanceof Value.FieldValue f) {
      return f.isStatic() && fixed(f.owner(), f.name())
          ? List.of("field", declared(f.owner(), f.name()))
          : null;
    }
    if (v instanceof Value.Allocated a) {
      if (a.constructor() == null) {
        return null;
      }
      MethodInfo constructor = program.resolve(a.type(), "<init>", a.constructor());
      Object args = arguments(a.constructor(), a.args(), depth);
      return constructor == null || args == null || !readsOnlyFixedStatics(constructor)
          ? null
          : List.of("new", a.type(), a.constructor(), args);
    }
    if (v instanceof Value.Returned r) {
      if (r.receiver() == Value.UNKNOWN) {
        // A static factory: only Guava's immutable collections are known to make equal values.
        boolean guava =
            r.owner().startsWith("com/google/common/collect/Immutable")
                && GUAVA_FACTORIES.contains(r.name());
        Object args = guava ? arguments(r.descriptor(), r.args(), depth) : null;
        return args == null ? null : List.of("factory", r.owner(), r.name(), r.descriptor(), args);
      }
      Object receiver = of(r.receiver(), depth + 1);
      MethodInfo setter = onMade(r.receiver(), r.name(), r.descriptor());
      if (receiver == null
          || setter == null
          || setter.returned() != Value.THIS
          || !readsOnlyFixedStatics(setter)) {
        return null;
      }
      Object args = arguments(r.descriptor(), r.args(), depth);
      return args == null ? null : List.of("call", receiver, r.name(), r.descriptor(), args);
    }
    if (v instanceof Value.Unmodifiable u) {
      Object args = arguments(u.descriptor(), u.args(), depth);
      return args == null ? null : List.of("jdk", u.owner(), u.name(), u.descriptor(), args);
    }
    if (v instanceof Value.ArrayValue arr) {
      if (arr.elements.length >= 16) {
        // The scanner keeps 16 elements at most: a longer array is not known whole.
        return null;
      }
      List<Object> elements = new ArrayList<>();
      for (Value e : arr.elements) {
        Object x = of(e, depth + 1);
        if (x == null) {
          return null;
        }
        elements.add(x);
      }
      return List.of("array", elements);
    }
    return null;
  }

  /** The arguments' fingerprints, or null when one is not a fresh equivalent or unknown. */
  private Object arguments(String descriptor, List<Value> args, int depth) {
    if (args.size() != MethodInfo.parameterCount(descriptor)) {
      // The scanner keeps no arguments when none is known.
      return null;
    }
    List<Object> result = new ArrayList<>(args.size());
    for (Value a : args) {
      Object x = of(a, depth + 1);
      if (x == null) {
        return null;
      }
      result.add(x);
    }
    return result;
  }

  /** The method a call on an object made here runs, or null when that is not known. */
  private MethodInfo onMade(Value object, String name, String descriptor) {
    String type = madeType(object, 0);
    return type == null ? null : program.resolveVirtual(type, name, descriptor);
  }

  /** The class of an object made with {@code new}, followed through setters that return it. */
  private static String madeType(Value v, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (v instanceof Value.Allocated a) {
      return a.type();
    }
    if (v instanceof Value.Returned r && r.receiver() != Value.UNKNOWN) {
      return madeType(r.receiver(), depth + 1);
    }
    return null;
  }

  /** Whether a static field holds one value for the whole run: final, or never reassigned. */
  private boolean fixed(String owner, String name) {
    ClassInfo declaring = program.fieldOwner(owner, name);
    FieldInfo field = declaring == null ? null : declaring.field(name);
    if (field == null) {
      boolean jdk = owner.startsWith("java/") || owner.startsWith("javax/");
      return jdk && JDK_CONSTANT_NAME.matcher(name).matches();
    }
    String id = declaring.name() + "." + name;
    return field.isStatic()
        && (field.isFinal() || !reassignedStatics.contains(id))
        && !changedStatics.contains(id);
  }

  /** Whether a constructor or setter reads no static state that code changes (a counter). */
  private boolean readsOnlyFixedStatics(MethodInfo m) {
    for (Sites.StaticField f : m.staticFields()) {
      boolean fine =
          switch (f.op()) {
            case GET, FILL -> fixed(f.owner(), f.name());
            case PUT, MUTATE, ARRAY_STORE -> false;
          };
      if (!fine) {
        return false;
      }
    }
    return true;
  }

  /**
   * Those of the fields ({@code owner.name}, internal name of the declaring class) whose object
   * some code changes after it was stored, hands to code that changes it, or compares by identity:
   * a fresh equivalent there is no longer equivalent to the next one.
   */
  Set<String> changedThrough(Set<String> fields) {
    mutations = ReceiverMutations.of(program, catalog);
    Set<String> result = new HashSet<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        boolean sameAsChain = false;
        for (Sites.Call call : m.calls()) {
          sameAsChain |= call.name().equals("isSameAs") || call.name().equals("isNotSameAs");
        }
        for (Sites.Call call : m.calls()) {
          Value.FieldValue held = heldIn(call.receiver(), 0);
          if (held != null
              && fields.contains(declared(held.owner(), held.name()))
              && mutations.ofCall(call) != null) {
            result.add(declared(held.owner(), held.name()));
          }
          for (int i = 0; i < call.args().size(); i++) {
            Value.FieldValue passed = heldIn(call.args().get(i), 0);
            if (passed != null
                && fields.contains(declared(passed.owner(), passed.name()))
                && changesArgument(call, i, 0)) {
              // Handed to code that changes it, or keeps it where others change it (a spiller's
              // statistics, updated by every spill of the test that set it up).
              result.add(declared(passed.owner(), passed.name()));
            }
          }
          boolean identity =
              IDENTITY_ASSERTIONS.contains(call.name())
                  || sameAsChain && call.name().equals("assertThat");
          if (identity) {
            for (Value a : call.args()) {
              Value.FieldValue compared = heldIn(a, 0);
              if (compared != null
                  && fields.contains(declared(compared.owner(), compared.name()))) {
                result.add(declared(compared.owner(), compared.name()));
              }
            }
          }
        }
      }
    }
    return result;
  }

  private ReceiverMutations mutations;
  private final java.util.Map<String, Boolean> parameterChanged = new java.util.HashMap<>();
  private final java.util.Map<String, Boolean> heldFieldChanged = new java.util.HashMap<>();
  private static final int MAX_HANDED_ON = 8;

  /**
   * Guava checks that return their first argument ({@code owner#name}): what they return is the
   * project's own {@link Value.Returned} of a library method.
   */
  private static final Set<String> NULL_CHECKS =
      Set.of(
          "com/google/common/base/Preconditions#checkNotNull",
          "com/google/common/base/Verify#verifyNotNull");

  /**
   * Whether a call changes its argument {@code index}, or keeps it in an object whose methods
   * change it, or hands it on to code that does, a few calls deep. Library methods are taken not to
   * change their arguments; a getter that hands a kept object out again is not followed.
   */
  private boolean changesArgument(Sites.Call call, int index, int depth) {
    if (depth > MAX_HANDED_ON) {
      return true;
    }
    List<MethodInfo> targets =
        call.dispatch() == Sites.Dispatch.STATIC || call.dispatch() == Sites.Dispatch.SPECIAL
            ? java.util.Optional.ofNullable(
                    program.resolve(call.owner(), call.name(), call.descriptor()))
                .map(List::of)
                .orElse(List.of())
            : program.implementations(call.owner(), call.name(), call.descriptor());
    for (MethodInfo target : targets) {
      if (changesParameter(target, index, depth)) {
        return true;
      }
    }
    return false;
  }

  private boolean changesParameter(MethodInfo m, int index, int depth) {
    String memo = m.key() + "#" + index;
    Boolean known = parameterChanged.get(memo);
    if (known != null) {
      return known;
    }
    // A recursive call sees no change of its own until one is found.
    parameterChanged.put(memo, false);
    boolean changed = false;
    for (Sites.Call call : m.calls()) {
      if (isParameter(call.receiver(), index) && mutations.ofCall(call) != null) {
        changed = true;
        break;
      }
      for (int i = 0; i < call.args().size() && !changed; i++) {
        changed = isParameter(call.args().get(i), index) && changesArgument(call, i, depth + 1);
      }
      if (changed) {
        break;
      }
    }
    // this.x = requireNonNull(x, "x is null"): the scanner does not follow a value through the
    // JDK's check, so any unknown value the method stores may then be the parameter.
    boolean checked = false;
    for (Sites.Call call : m.calls()) {
      checked |=
          call.owner().equals("java/util/Objects")
              && call.name().startsWith("requireNonNull")
              && !call.args().isEmpty()
              && isParameter(call.args().get(0), index);
    }
    for (Sites.FieldStore store : m.fieldStores()) {
      if (changed) {
        break;
      }
      if (isParameter(store.value(), index) || checked && store.value() == Value.UNKNOWN) {
        changed = !store.onThis() || changesHeldField(m.owner(), store.name(), depth + 1);
      }
    }
    parameterChanged.put(memo, changed);
    return changed;
  }

  /** Whether a method of the class (or a subclass) changes what its field holds, or hands it on. */
  private boolean changesHeldField(String owner, String name, int depth) {
    String id = declared(owner, name);
    Boolean known = heldFieldChanged.get(id);
    if (known != null) {
      return known;
    }
    heldFieldChanged.put(id, false);
    boolean changed = false;
    for (String type : program.subtypes(owner)) {
      ClassInfo c = program.get(type);
      if (c == null || changed) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.Call call : m.calls()) {
          if (holds(call.receiver(), id) && mutations.ofCall(call) != null) {
            changed = true;
          }
          for (int i = 0; i < call.args().size() && !changed; i++) {
            changed = holds(call.args().get(i), id) && changesArgument(call, i, depth + 1);
          }
          if (changed) {
            break;
          }
        }
        if (changed) {
          break;
        }
      }
    }
    heldFieldChanged.put(id, changed);
    return changed;
  }

  private boolean holds(Value v, String fieldId) {
    Value.FieldValue f = heldIn(v, 0);
    return f != null && !f.isStatic() && declared(f.owner(), f.name()).equals(fieldId);
  }

  /** Whether a value is a parameter, or reached from it through getters and fields. */
  private static boolean isParameter(Value v, int index) {
    for (int depth = 0; v != null && depth <= MAX_DEPTH; depth++) {
      if (v instanceof Value.Param p) {
        return p.index() == index;
      }
      if (v instanceof Value.Returned r && r.receiver() == Value.UNKNOWN) {
        // A static call: only a null check hands its argument back.
        if (!NULL_CHECKS.contains(r.owner() + "#" + r.name()) || r.args().isEmpty()) {
          return false;
        }
        v = r.args().get(0);
      } else if (v instanceof Value.Returned r) {
        v = r.receiver();
      } else if (v instanceof Value.ObjectField o) {
        v = o.object();
      } else {
        return false;
      }
    }
    return false;
  }

  /** The field whose object a value is, or is reached from (a getter's result, a field of it). */
  private static Value.FieldValue heldIn(Value v, int depth) {
    if (v == null || depth > MAX_DEPTH) {
      return null;
    }
    if (v instanceof Value.FieldValue f) {
      return f;
    }
    if (v instanceof Value.Returned r) {
      return heldIn(r.receiver(), depth + 1);
    }
    if (v instanceof Value.ObjectField o) {
      return heldIn(o.object(), depth + 1);
    }
    return null;
  }
}
