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

  /** What a project method returns, resolved once the whole program is known. */
  record Returned(String owner, String name, String descriptor, boolean onThis) implements Value {}

  /** What a library method returns, kept only where a sink asks where its receiver came from. */
  record LibraryResult(String owner, String name, String descriptor) implements Value {}

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
