package io.github.isolationaudit.analyzer.program;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arguments a JUnit Jupiter parameterized test is invoked with, as far as its argument sources
 * say them in the class file: {@code @ValueSource}, {@code @CsvSource}, {@code @EnumSource},
 * {@code @NullSource}, {@code @EmptySource} and {@code @NullAndEmptySource}. Nothing is loaded or
 * run: the annotations are read as the class file records them, enum constants from the enum's
 * class file.
 *
 * <p>Each invocation is one list of values, a parameter's value at its index. A source not read
 * here ({@code @MethodSource}, {@code @CsvFileSource}, {@code @ArgumentsSource}, a composed
 * annotation) adds an invocation of unknown values, so that what the known invocations name never
 * hides what the others may. Arguments are converted as JUnit's implicit conversion does, but only
 * to String, primitives and their wrappers, and enums; any other type stays unknown.
 */
public final class TestArguments {
  private static final String PROVIDER = "org/junit/jupiter/params/provider/";

  /** How many invocations are kept; beyond, the rest count as one of unknown values. */
  static final int MAX_INVOCATIONS = 256;

  private static final int ACC_ENUM = 0x4000;

  private final Program program;
  private final Map<MethodInfo, List<List<Value>>> known = new ConcurrentHashMap<>();

  public TestArguments(Program program) {
    this.program = program;
  }

  /**
   * The invocations of a parameterized test, each its arguments; empty when the method has no
   * argument source (then its parameters are unknown, as any method's).
   */
  public List<List<Value>> invocations(MethodInfo test) {
    return known.computeIfAbsent(test, this::read);
  }

  private List<List<Value>> read(MethodInfo test) {
    List<String> types = MemoizingFills.parameterTypes(test.descriptor());
    if (types.isEmpty()) {
      return List.of();
    }
    Set<List<Value>> rows = new LinkedHashSet<>();
    boolean sources = false;
    boolean unknown = false;
    for (AnnotationInfo a : sourceAnnotations(test)) {
      sources = true;
      Optional<List<List<Value>>> read = rows(a, test, types);
      if (read.isEmpty()) {
        unknown = true;
        continue;
      }
      for (List<Value> row : read.get()) {
        if (rows.size() == MAX_INVOCATIONS) {
          unknown = true;
          break;
        }
        rows.add(padded(row, types.size()));
      }
    }
    if (!sources) {
      return List.of();
    }
    List<List<Value>> result = new ArrayList<>(rows);
    if (unknown) {
      result.add(padded(List.of(), types.size()));
    }
    return List.copyOf(result);
  }

  /** The argument sources on the method, repeated ones ({@code @CsvSources}) taken apart. */
  private static List<AnnotationInfo> sourceAnnotations(MethodInfo test) {
    List<AnnotationInfo> found = new ArrayList<>();
    for (AnnotationInfo a : test.annotations()) {
      if (!a.type().startsWith(PROVIDER)) {
        continue;
      }
      if (a.type().endsWith("Sources") && a.values().get("value") instanceof List<?> inner) {
        for (Object o : inner) {
          if (o instanceof AnnotationInfo one) {
            found.add(one);
          }
        }
      } else {
        found.add(a);
      }
    }
    return found;
  }

  private static List<Value> padded(List<Value> row, int size) {
    List<Value> args = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // JUnit leaves the parameters after the source's columns to parameter resolvers.
      args.add(i < row.size() ? row.get(i) : Value.UNKNOWN);
    }
    return List.copyOf(args);
  }

  private Optional<List<List<Value>>> rows(AnnotationInfo a, MethodInfo test, List<String> types) {
    String name = a.type().substring(PROVIDER.length());
    return switch (name) {
      case "ValueSource" -> valueSource(a, types.get(0));
      case "CsvSource" -> csvSource(a, types);
      case "EnumSource" -> enumSource(a, types.get(0));
      case "NullSource" -> Optional.of(List.of(List.of(nullOf(types.get(0)))));
      case "EmptySource" -> Optional.of(List.of(List.of(emptyOf(types.get(0)))));
      case "NullAndEmptySource" ->
          Optional.of(List.of(List.of(nullOf(types.get(0))), List.of(emptyOf(types.get(0)))));
      default -> Optional.empty();
    };
  }

  private Optional<List<List<Value>>> valueSource(AnnotationInfo a, String type) {
    for (Object values : a.values().values()) {
      if (values instanceof List<?> list) {
        List<List<Value>> rows = new ArrayList<>();
        for (Object v : list) {
          rows.add(List.of(literal(v, type)));
        }
        return Optional.of(rows);
      }
    }
    return Optional.empty();
  }

  private Optional<List<List<Value>>> csvSource(AnnotationInfo a, List<String> types) {
    List<String> lines = new ArrayList<>();
    if (a.values().get("value") instanceof List<?> list) {
      list.forEach(o -> lines.add(String.valueOf(o)));
    }
    if (a.values().get("textBlock") instanceof String block) {
      lines.addAll(JupiterCsv.textBlockLines(block));
    }
    String delimiter =
        a.values().get("delimiterString") instanceof String s && !s.isEmpty()
            ? s
            : a.values().get("delimiter") instanceof Character c && c != '\0'
                ? String.valueOf(c)
                : ",";
    List<String> nullValues = new ArrayList<>();
    if (a.values().get("nullValues") instanceof List<?> list) {
      list.forEach(o -> nullValues.add(String.valueOf(o)));
    }
    JupiterCsv.Dialect dialect =
        new JupiterCsv.Dialect(
            delimiter,
            a.values().get("quoteCharacter") instanceof Character q ? q : '\'',
            !(a.values().get("ignoreLeadingAndTrailingWhitespace") instanceof Boolean b) || b,
            a.values().get("emptyValue") instanceof String e ? e : "",
            nullValues,
            Boolean.TRUE.equals(a.values().get("useHeadersInDisplayName")));
    return JupiterCsv.records(lines, dialect)
        .map(
            records -> {
              List<List<Value>> rows = new ArrayList<>();
              for (List<String> record : records) {
                List<Value> row = new ArrayList<>();
                for (int i = 0; i < record.size() && i < types.size(); i++) {
                  String column = record.get(i);
                  row.add(column == null ? nullOf(types.get(i)) : converted(column, types.get(i)));
                }
                rows.add(row);
              }
              return rows;
            });
  }

  private Optional<List<List<Value>>> enumSource(AnnotationInfo a, String parameterType) {
    List<String> classes = a.classes("value");
    String type =
        !classes.isEmpty() && !classes.get(0).endsWith("$NullEnum")
            ? classes.get(0)
            : parameterType.startsWith("L")
                ? parameterType.substring(1, parameterType.length() - 1)
                : null;
    if (type == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    if (a.values().get("names") instanceof List<?> list) {
      list.forEach(o -> names.add(String.valueOf(o)));
    }
    String mode = a.values().get("mode") instanceof String m ? m : "INCLUDE";
    List<String> constants = enumConstants(type);
    List<String> chosen;
    if (mode.equals("INCLUDE") && !names.isEmpty()) {
      chosen = names;
    } else if (constants == null) {
      return Optional.empty();
    } else {
      chosen = new ArrayList<>();
      for (String c : constants) {
        boolean take =
            switch (mode) {
              case "INCLUDE" -> true;
              case "EXCLUDE" -> !names.contains(c);
              case "MATCH_ALL" -> names.stream().allMatch(c::matches);
              case "MATCH_ANY" -> names.stream().anyMatch(c::matches);
              // MATCH_NONE (JUnit 5.9+) and modes to come: not read.
              default -> false;
            };
        if (take) {
          chosen.add(c);
        }
      }
      if (!List.of("INCLUDE", "EXCLUDE", "MATCH_ALL", "MATCH_ANY").contains(mode)) {
        return Optional.empty();
      }
    }
    List<List<Value>> rows = new ArrayList<>();
    for (String c : chosen) {
      rows.add(List.of(new Value.FieldValue(type, c, "L" + type + ";", true)));
    }
    return Optional.of(rows);
  }

  /** The constants of a project enum in declaration order, or null when its class is not known. */
  private List<String> enumConstants(String type) {
    ClassInfo c = program.get(type);
    if (c == null) {
      return null;
    }
    List<String> constants = new ArrayList<>();
    for (FieldInfo f : c.fields()) {
      if ((f.access() & ACC_ENUM) != 0) {
        constants.add(f.name());
      }
    }
    return constants;
  }

  /** An element of a {@code @ValueSource} array as a parameter of this type receives it. */
  private Value literal(Object v, String type) {
    if (v instanceof String s) {
      return converted(s, type);
    }
    if (v instanceof Value.ClassConst c) {
      return type.equals("Ljava/lang/Class;") ? c : Value.UNKNOWN;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      int i = ((Number) v).intValue();
      return integral(type)
          ? new Value.Const(i)
          : isLong(type) ? new Value.Const((long) i) : Value.UNKNOWN;
    }
    if (v instanceof Long l) {
      return isLong(type) ? new Value.Const(l) : Value.UNKNOWN;
    }
    if (v instanceof Boolean b) {
      return isBoolean(type) ? new Value.Const(b ? 1 : 0) : Value.UNKNOWN;
    }
    // float, double, char: the engine keeps no such constants.
    return Value.UNKNOWN;
  }

  /** A string argument converted to the parameter's type as JUnit's implicit conversion does. */
  private Value converted(String s, String type) {
    if (type.equals("Ljava/lang/String;")
        || type.equals("Ljava/lang/Object;")
        || type.equals("Ljava/lang/CharSequence;")) {
      return new Value.Const(s);
    }
    try {
      if (integral(type)) {
        return new Value.Const(Integer.decode(s.strip()));
      }
      if (isLong(type)) {
        return new Value.Const(Long.decode(s.strip()));
      }
    } catch (NumberFormatException e) {
      return Value.UNKNOWN;
    }
    if (isBoolean(type)) {
      String b = s.strip().toLowerCase(Locale.ROOT);
      return b.equals("true")
          ? new Value.Const(1)
          : b.equals("false") ? new Value.Const(0) : Value.UNKNOWN;
    }
    if (type.startsWith("L") && !type.startsWith("Ljava/")) {
      String owner = type.substring(1, type.length() - 1);
      List<String> constants = enumConstants(owner);
      if (constants != null && constants.contains(s)) {
        return new Value.FieldValue(owner, s, type, true);
      }
    }
    return Value.UNKNOWN;
  }

  private static Value nullOf(String type) {
    return type.length() == 1 ? Value.UNKNOWN : Value.NULL;
  }

  private static Value emptyOf(String type) {
    return type.equals("Ljava/lang/String;") ? new Value.Const("") : Value.UNKNOWN;
  }

  private static boolean integral(String type) {
    return switch (type) {
      case "I", "S", "B", "Ljava/lang/Integer;", "Ljava/lang/Short;", "Ljava/lang/Byte;" -> true;
      default -> false;
    };
  }

  private static boolean isLong(String type) {
    return type.equals("J") || type.equals("Ljava/lang/Long;");
  }

  private static boolean isBoolean(String type) {
    return type.equals("Z") || type.equals("Ljava/lang/Boolean;");
  }
}
