package io.github.isolationaudit.analyzer.program;

import io.github.isolationaudit.model.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bytecode scanner knows of a value on the operand stack or in a local variable: enough to
 * recover resource keys (paths, property names, ports, URLs) and to see receivers.
 */
public sealed interface Value {

  /** Nothing useful is known. */
  record Unknown() implements Value {}

  Unknown UNKNOWN = new Unknown();

  /**
   * The null reference: no key, and a field that holds it holds no object yet (a lazily made value,
   * a field cleared after use), so it takes no part in what the field may hold.
   */
  record Null() implements Value {}

  Null NULL = new Null();

  /** The second slot of a long or double: it keeps stack slots counted as the JVM counts them. */
  record Top() implements Value {}

  Top TOP = new Top();

  /** The receiver of an instance method. */
  record This() implements Value {}

  This THIS = new This();

  /** A constant: a String, Integer or Long. */
  record Const(Object value) implements Value {}

  /** A class literal. */
  record ClassConst(String internalName) implements Value {}

  /** A method parameter (0-based, the receiver not counted). */
  record Param(int index) implements Value {}

  /** The value of a field, as assigned wherever the field's class assigns it. */
  record FieldValue(String owner, String name, String descriptor, boolean isStatic)
      implements Value {}

  /**
   * A value fresh for each test (or class): a path from {@code Files.createTempFile}, a
   * {@code @TempDir}, a TemporaryFolder, an ephemeral port.
   *
   * @param holder the field the value came through when that decides the scope (a TemporaryFolder
   *     field is per test as a {@code @Rule} and per class as a {@code @ClassRule}), else null
   */
  record Temp(String origin, Scope scope, FieldValue holder) implements Value {}

  /**
   * What a project method returns, resolved once the whole program is known: called on {@code
   * receiver} ({@link #UNKNOWN} for a static call or a receiver not followed) with {@code args}, so
   * that a returned parameter or field of the receiver keeps the caller's value.
   */
  record Returned(Value receiver, String owner, String name, String descriptor, List<Value> args)
      implements Value {
    public Returned {
      args = List.copyOf(args);
    }

    /** Whether the method is called on the caller's own {@code this}. */
    public boolean onThis() {
      return receiver == THIS;
    }
  }

  /**
   * An object of a project class made with {@code new} by a constructor called with these
   * arguments: what it keeps in its fields follows from the constructor. A null descriptor stands
   * for an object of exactly that class made by a constructor not seen (a test class instantiated
   * by its engine, an object a library calls back).
   */
  record Allocated(String type, String constructor, List<Value> args) implements Value {
    public Allocated {
      args = List.copyOf(args);
    }
  }

  /**
   * A field of an object other than {@code this}: {@code helper.dir} where {@code helper} is the
   * object value. An {@link #UNKNOWN} object stands for any object of the field's class.
   */
  record ObjectField(Value object, String owner, String name, String descriptor) implements Value {}

  /** What a library method returns, kept only where a sink asks where its receiver came from. */
  record LibraryResult(String owner, String name, String descriptor) implements Value {}

  /**
   * What a JDK factory makes of one constant when equal arguments give values no reader can tell
   * apart ({@code TimeZone.getTimeZone("UTC")}, {@code Locale.forLanguageTag("de")}): a new object
   * each time, but as a JVM default the same value.
   */
  record EqualValue(String owner, String name, Object argument) implements Value {}

  /**
   * What a JDK factory of an unmodifiable value returns, made of these (all known) arguments
   * ({@code List.of(a, b)}, {@code Collections.singletonList(x)}, {@code Short.valueOf(s)}): a new
   * object each call, but equal arguments give equal values no one can change in place.
   */
  record Unmodifiable(String owner, String name, String descriptor, List<Value> args)
      implements Value {
    public Unmodifiable {
      args = List.copyOf(args);
    }
  }

  /**
   * One of a few values, where paths that set a variable differently meet ({@code x = cond ? a :
   * b}, {@code if (w == null) w = other}): a key is known when every one of them gives the same,
   * and a parameter among them takes each caller's argument. Made by {@link #either} only.
   */
  record OneOf(List<Value> values) implements Value {
    public OneOf {
      values = List.copyOf(values);
    }
  }

  /** How many values a {@link OneOf} keeps before it stands for an unknown value. */
  int MAX_ALTERNATIVES = 4;

  /**
   * The value of a variable that is {@code a} on one path and {@code b} on another: either one when
   * they are equal or one is null (a null holds no key and no object), an unknown value when one is
   * unknown or no plain value (an object under construction, a builder, an array), else a {@link
   * OneOf} of both (flattened, at most {@link #MAX_ALTERNATIVES}).
   */
  static Value either(Value a, Value b) {
    if (a.equals(b) || b == NULL) {
      return a;
    }
    if (a == NULL) {
      return b;
    }
    if (!alternative(a) || !alternative(b)) {
      return UNKNOWN;
    }
    List<Value> values = new ArrayList<>();
    for (Value v : List.of(a, b)) {
      for (Value x : v instanceof OneOf o ? o.values() : List.of(v)) {
        if (!values.contains(x)) {
          values.add(x);
        }
      }
    }
    return values.size() > MAX_ALTERNATIVES ? UNKNOWN : new OneOf(values);
  }

  private static boolean alternative(Value v) {
    return v instanceof OneOf
        || v instanceof Const
        || v instanceof ClassConst
        || v instanceof Concat
        || v instanceof Param
        || v instanceof FieldValue
        || v instanceof ObjectField
        || v instanceof Returned
        || v instanceof Allocated
        || v instanceof EqualValue
        || v instanceof Unmodifiable
        || v instanceof Temp;
  }

  /** A string built of parts; {@code /} parts join paths. */
  record Concat(List<Value> parts) implements Value {
    public Concat {
      parts = List.copyOf(parts);
    }
  }

  /** A new object of a type, before or after its constructor ran. */
  final class NewObject implements Value {
    public final String type;

    public NewObject(String type) {
      this.type = type;
    }
  }

  /** A StringBuilder under construction; appends replace it with a longer one of the same id. */
  record Builder(Object id, List<Value> parts) implements Value {
    public Builder {
      parts = List.copyOf(parts);
    }
  }

  /** An array whose elements the scanner follows (varargs of {@code Paths.get}). */
  final class ArrayValue implements Value {
    public final Value[] elements;

    public ArrayValue(int size) {
      elements = new Value[Math.max(0, Math.min(size, 16))];
      java.util.Arrays.fill(elements, UNKNOWN);
    }
  }

  /** Parts joined into one string value, with adjacent constants merged. */
  static Value concat(List<Value> parts) {
    List<Value> flat = new ArrayList<>();
    for (Value p : parts) {
      if (p instanceof Concat c) {
        flat.addAll(c.parts());
      } else if (p instanceof Builder b) {
        flat.addAll(b.parts());
      } else {
        flat.add(p);
      }
    }
    List<Value> merged = new ArrayList<>();
    for (Value p : flat) {
      if (p instanceof Const c
          && !merged.isEmpty()
          && merged.get(merged.size() - 1) instanceof Const last) {
        merged.set(merged.size() - 1, new Const(String.valueOf(last.value()) + c.value()));
      } else {
        merged.add(p);
      }
    }
    if (merged.size() == 1 && (merged.get(0) instanceof Const c) && c.value() instanceof String) {
      return merged.get(0);
    }
    return new Concat(merged);
  }

  /** Two path values joined with {@code /}. */
  static Value join(Value parent, Value child) {
    return concat(List.of(parent, new Const("/"), child));
  }

  /**
   * Whether the value depends on the caller of the method it was seen in: it mentions a parameter,
   * a field of {@code this} or {@code this} itself, which the caller's arguments and receiver
   * decide.
   */
  static boolean dependsOnCaller(Value v) {
    return dependsOnCaller(v, 0);
  }

  private static boolean dependsOnCaller(Value v, int depth) {
    if (depth > MAX_NESTING) {
      return false;
    }
    if (v instanceof Param || v == THIS) {
      return true;
    }
    if (v instanceof FieldValue f) {
      return !f.isStatic();
    }
    if (v instanceof Concat c) {
      for (Value p : c.parts()) {
        if (dependsOnCaller(p, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof Allocated a) {
      for (Value p : a.args()) {
        if (dependsOnCaller(p, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof Returned r) {
      if (dependsOnCaller(r.receiver(), depth + 1)) {
        return true;
      }
      for (Value p : r.args()) {
        if (dependsOnCaller(p, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof ObjectField o) {
      return dependsOnCaller(o.object(), depth + 1);
    }
    if (v instanceof OneOf o) {
      for (Value x : o.values()) {
        if (dependsOnCaller(x, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  /** How deep values nest before the rest counts as unknown (long builder chains). */
  int MAX_NESTING = 12;

  /**
   * The value as the caller sees it: parameters replaced by the arguments of the call, {@code this}
   * by the call's receiver, and fields of {@code this} by that field of the receiver.
   *
   * @param args the call's arguments (empty when none is known: parameters become unknown)
   * @param receiver the call's receiver; null when it is not known (then a field of {@code this}
   *     stands for that field of any object of its class)
   */
  static Value bind(Value v, List<Value> args, Value receiver) {
    return bind(v, args, receiver, 0);
  }

  private static Value bind(Value v, List<Value> args, Value receiver, int depth) {
    if (depth > MAX_NESTING) {
      return UNKNOWN;
    }
    if (v instanceof Param p) {
      return p.index() < args.size() ? args.get(p.index()) : UNKNOWN;
    }
    if (v == THIS) {
      return receiver == null ? UNKNOWN : receiver;
    }
    if (v instanceof FieldValue f) {
      if (f.isStatic() || receiver == THIS) {
        return f;
      }
      return new ObjectField(
          receiver == null ? UNKNOWN : receiver, f.owner(), f.name(), f.descriptor());
    }
    if (v instanceof Concat c) {
      List<Value> parts = bindAll(c.parts(), args, receiver, depth);
      // concat() of a concat's own parts gives the concat again: nothing to make.
      return parts == c.parts() ? c : concat(parts);
    }
    if (v instanceof Allocated a) {
      List<Value> bound = bindAll(a.args(), args, receiver, depth);
      return bound == a.args() ? a : new Allocated(a.type(), a.constructor(), bound);
    }
    if (v instanceof Returned r) {
      Value on = bind(r.receiver(), args, receiver, depth + 1);
      List<Value> bound = bindAll(r.args(), args, receiver, depth);
      return on == r.receiver() && bound == r.args()
          ? r
          : new Returned(on, r.owner(), r.name(), r.descriptor(), bound);
    }
    if (v instanceof ObjectField o) {
      Value object = bind(o.object(), args, receiver, depth + 1);
      return object == o.object()
          ? o
          : new ObjectField(object, o.owner(), o.name(), o.descriptor());
    }
    if (v instanceof OneOf o) {
      List<Value> bound = bindAll(o.values(), args, receiver, depth);
      if (bound == o.values()) {
        // either() folds a OneOf's own values back into an equal OneOf.
        return o;
      }
      Value folded = null;
      for (Value b : bound) {
        folded = folded == null ? b : either(folded, b);
      }
      return folded;
    }
    return v;
  }

  /**
   * The values bound, each as {@link #bind} binds it; the same list when every value stays the
   * same: a value that does not depend on the caller is shared, not copied, so that the values a
   * summary keeps for each caller share all they have in common.
   */
  private static List<Value> bindAll(
      List<Value> values, List<Value> args, Value receiver, int depth) {
    List<Value> bound = null;
    for (int i = 0; i < values.size(); i++) {
      Value x = values.get(i);
      Value b = bind(x, args, receiver, depth + 1);
      if (bound == null && b != x) {
        bound = new ArrayList<>(values.size());
        bound.addAll(values.subList(0, i));
      }
      if (bound != null) {
        bound.add(b);
      }
    }
    return bound == null ? values : bound;
  }

  /** Whether this value is or contains something fresh per test. */
  default boolean isTemp() {
    if (this instanceof Temp) {
      return true;
    }
    if (this instanceof Concat c) {
      return !c.parts().isEmpty() && c.parts().get(0).isTemp();
    }
    return false;
  }
}
