package io.github.isolationaudit.analyzer.cache;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a graph of the model's records (a {@code ScanResult}) as compact bytes and reads it back
 * equal, with the same sharing: an object met twice (an evidence tail, a test id) is written once
 * and read back as one object, so a report rendered from the copy is the same as from the original.
 * Generic over records, so a field added to the model needs no change here (the cache key holds the
 * tool's build, so bytes of another build are never read).
 *
 * <p>Only records and enums of the model package are made when reading: a damaged or hostile file
 * cannot name another class. Any mistake in the bytes is an {@link IOException}.
 */
final class ResultCodec {
  private static final String MODEL = "io.github.isolationaudit.model.";

  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int STRING_REF = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int TRUE = 6;
  private static final int FALSE = 7;
  private static final int ENUM = 8;
  private static final int LIST = 9;
  private static final int MAP = 10;
  private static final int SORTED_MAP = 11;
  private static final int SET = 12;
  private static final int SORTED_SET = 13;
  private static final int RECORD = 14;
  private static final int OBJECT_REF = 15;

  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private ResultCodec() {}

  /** A record type's components and canonical constructor. */
  private record Shape(MethodHandle[] accessors, MethodHandle constructor) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      MethodHandle[] accessors = new MethodHandle[components.length];
      Class<?>[] types = new Class<?>[components.length];
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          accessors[i] =
              lookup
                  .unreflect(components[i].getAccessor())
                  .asType(MethodType.methodType(Object.class, Object.class));
        }
        MethodHandle constructor =
            lookup
                .findConstructor(type, MethodType.methodType(void.class, types))
                .asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        return new Shape(accessors, constructor);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot cache " + type.getName() + ": " + e, e);
      }
    }
  }

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, Shape::of);
  }

  /**
   * Writes the value.
   *
   * @throws IllegalArgumentException when the graph holds something other than records, enums,
   *     strings, numbers, booleans, lists, sets and maps of the model
   */
  static void write(Object value, DataOutputStream out) throws IOException {
    new Writer(out).value(value);
  }

  /** Reads a value written by {@link #write}, the whole of these bytes. */
  static Object read(byte[] bytes) throws IOException {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    try {
      Object value = new Reader(in).value();
      if (in.hasRemaining()) {
        throw new IOException("bytes after the end");
      }
      return value;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("the bytes end too soon", e);
    }
  }

  private static final class Writer {
    final DataOutputStream out;
    final Map<String, Integer> strings = new HashMap<>();
    final Map<Object, Integer> objects = new IdentityHashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void string(String s) throws IOException {
      Integer known = strings.get(s);
      if (known != null) {
        out.writeByte(STRING_REF);
        out.writeInt(known);
        return;
      }
      strings.put(s, strings.size());
      out.writeByte(STRING);
      // writeUTF is limited to 64 KiB of encoded text: lengths and bytes of our own.
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    void value(Object v) throws IOException {
      if (v == null) {
        out.writeByte(NULL);
      } else if (v instanceof String s) {
        string(s);
      } else if (v instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (v instanceof Long l) {
        out.writeByte(LONG);
        out.writeLong(l);
      } else if (v instanceof Double d) {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      } else if (v instanceof Boolean b) {
        out.writeByte(b ? TRUE : FALSE);
      } else if (v instanceof Enum<?> e) {
        out.writeByte(ENUM);
        string(e.getDeclaringClass().getName());
        string(e.name());
      } else {
        Integer seen = objects.get(v);
        if (seen != null) {
          out.writeByte(OBJECT_REF);
          out.writeInt(seen);
          return;
        }
        composite(v);
        // Numbered after its parts, as the reader numbers it once it is made.
        objects.put(v, objects.size());
      }
    }

    void composite(Object v) throws IOException {
      if (v instanceof List<?> list) {
        out.writeByte(LIST);
        out.writeInt(list.size());
        for (Object e : list) {
          value(e);
        }
      } else if (v instanceof Set<?> set) {
        if (set instanceof TreeSet<?> t && t.comparator() != null) {
          throw new IllegalArgumentException("a set with its own order cannot be cached");
        }
        out.writeByte(set instanceof TreeSet<?> ? SORTED_SET : SET);
        out.writeInt(set.size());
        for (Object e : set) {
          value(e);
        }
      } else if (v instanceof Map<?, ?> map) {
        if (map instanceof TreeMap<?, ?> t && t.comparator() != null) {
          throw new IllegalArgumentException("a map with its own order cannot be cached");
        }
        out.writeByte(map instanceof TreeMap<?, ?> ? SORTED_MAP : MAP);
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          value(e.getKey());
          value(e.getValue());
        }
      } else if (v instanceof Record r && r.getClass().getName().startsWith(MODEL)) {
        out.writeByte(RECORD);
        string(r.getClass().getName());
        Shape shape = shape(r.getClass());
        out.writeInt(shape.accessors().length);
        for (MethodHandle accessor : shape.accessors()) {
          value(component(accessor, r));
        }
      } else {
        throw new IllegalArgumentException("cannot cache a " + v.getClass().getName());
      }
    }

    private static Object component(MethodHandle accessor, Record r) {
      try {
        return accessor.invokeExact((Object) r);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class Reader {
    final java.nio.ByteBuffer in;
    final List<String> strings = new ArrayList<>();
    final List<Object> objects = new ArrayList<>();
    final Map<String, Shape> shapes = new HashMap<>();
    final Map<String, Class<?>> classes = new HashMap<>();

    Reader(java.nio.ByteBuffer in) {
      this.in = in;
    }

    private int count() throws IOException {
      int n = in.getInt();
      if (n < 0) {
        throw new IOException("a negative count");
      }
      return n;
    }

    String string() throws IOException {
      Object v = value();
      if (v instanceof String s) {
        return s;
      }
      throw new IOException("a string expected");
    }

    Object value() throws IOException {
      int tag = in.get() & 0xff;
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          {
            int n = count();
            if (n > in.remaining()) {
              throw new IOException("the bytes end inside a string");
            }
            String s =
                new String(in.array(), in.position(), n, java.nio.charset.StandardCharsets.UTF_8);
            in.position(in.position() + n);
            strings.add(s);
            return s;
          }
        case STRING_REF:
          return at(strings, in.getInt());
        case INT:
          return in.getInt();
        case LONG:
          return in.getLong();
        case DOUBLE:
          return in.getDouble();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case ENUM:
          return enumConstant(string(), string());
        case OBJECT_REF:
          return at(objects, in.getInt());
        case LIST:
          {
            int n = count();
            List<Object> list = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
              list.add(value());
            }
            return made(Collections.unmodifiableList(list));
          }
        case SET:
        case SORTED_SET:
          {
            int n = count();
            Set<Object> set = tag == SORTED_SET ? new TreeSet<>() : new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
              set.add(value());
            }
            return made(Collections.unmodifiableSet(set));
          }
        case MAP:
        case SORTED_MAP:
          {
            int n = count();
            Map<Object, Object> map = tag == SORTED_MAP ? new TreeMap<>() : new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
              Object k = value();
              map.put(k, value());
            }
            return made(Collections.unmodifiableMap(map));
          }
        case RECORD:
          return made(record(string()));
        default:
          throw new IOException("unknown tag " + tag);
      }
    }

    private Object made(Object o) {
      objects.add(o);
      return o;
    }

    private Object record(String className) throws IOException {
      Shape shape = shapes.get(className);
      if (shape == null) {
        Class<?> type = modelClass(className);
        if (!type.isRecord()) {
          throw new IOException(className + " is no record");
        }
        shape = shape(type);
        shapes.put(className, shape);
      }
      int n = count();
      if (n != shape.accessors().length) {
        throw new IOException(
            className + " has " + shape.accessors().length + " components, not " + n);
      }
      Object[] args = new Object[n];
      for (int i = 0; i < n; i++) {
        args[i] = value();
      }
      try {
        return shape.constructor().invokeExact(args);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError v) {
          throw v;
        }
        throw new IOException("cannot make a " + className + ": " + e, e);
      } catch (Throwable e) {
        throw new IOException("cannot make a " + className + ": " + e, e);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumConstant(String className, String name) throws IOException {
      Class<?> type = classes.get(className);
      if (type == null) {
        type = modelClass(className);
        classes.put(className, type);
      }
      if (!type.isEnum()) {
        throw new IOException(className + " is no enum");
      }
      try {
        return Enum.valueOf((Class) type, name);
      } catch (IllegalArgumentException e) {
        throw new IOException("no constant " + name + " in " + className, e);
      }
    }

    private static Class<?> modelClass(String className) throws IOException {
      if (!className.startsWith(MODEL)) {
        throw new IOException("not a class of the model: " + className);
      }
      try {
        return Class.forName(className, false, ResultCodec.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IOException("no class " + className, e);
      }
    }

    private static <T> T at(List<T> list, int index) throws IOException {
      if (index < 0 || index >= list.size()) {
        throw new IOException("a reference to " + index + " of " + list.size());
      }
      return list.get(index);
    }
  }
}
