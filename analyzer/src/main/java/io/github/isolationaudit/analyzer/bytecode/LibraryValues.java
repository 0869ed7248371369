package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * What well-known JDK calls do to the values keys are made of: path joins, string conversions,
 * socket addresses. The meaning is code, not catalog: these are how keys are computed, not
 * resources.
 */
final class LibraryValues {
  private LibraryValues() {}

  /**
   * Static JDK factories ({@code owner#name}) whose values equal arguments make equal and no one
   * changes in place. Arrays.asList is fixed-size, not unmodifiable: set() on it is a catalogued
   * mutator, which a scan of the holder's users sees like any other change of the object.
   */
  private static final java.util.Set<String> UNMODIFIABLE_FACTORIES =
      java.util.Set.of(
          "java/util/List#of",
          "java/util/List#copyOf",
          "java/util/Set#of",
          "java/util/Set#copyOf",
          "java/util/Map#of",
          "java/util/Map#copyOf",
          "java/util/Map#entry",
          "java/util/Map#ofEntries",
          "java/util/Optional#of",
          "java/util/Optional#empty",
          "java/util/Optional#ofNullable",
          "java/util/Arrays#asList",
          "java/util/Collections#singletonList",
          "java/util/Collections#singleton",
          "java/util/Collections#singletonMap",
          "java/util/Collections#emptyList",
          "java/util/Collections#emptySet",
          "java/util/Collections#emptyMap",
          "java/util/Collections#unmodifiableList",
          "java/util/Collections#unmodifiableSet",
          "java/util/Collections#unmodifiableMap",
          "java/util/Collections#unmodifiableCollection",
          "java/util/Collections#unmodifiableSortedSet",
          "java/util/Collections#unmodifiableSortedMap",
          "java/lang/Short#valueOf",
          "java/lang/Byte#valueOf",
          "java/lang/Boolean#valueOf",
          "java/lang/Character#valueOf",
          "java/lang/Double#valueOf",
          "java/lang/Float#valueOf");

  private static boolean unmodifiableFactory(String owner, String name) {
    return UNMODIFIABLE_FACTORIES.contains(owner + "#" + name);
  }

  /**
   * The value a library call returns (for constructors: the value the new object stands for), or
   * null when nothing is known.
   */
  static Value result(String owner, String name, String desc, Value receiver, List<Value> args) {
    if (receiver == null
        && unmodifiableFactory(owner, name)
        && !args.contains(Value.UNKNOWN)
        && args.stream().noneMatch(a -> a instanceof Value.OneOf)) {
      return new Value.Unmodifiable(owner, name, desc, args);
    }
    switch (owner) {
      case "java/util/TimeZone", "java/util/Locale" -> {
        boolean factory =
            name.equals("getTimeZone") && desc.equals("(Ljava/lang/String;)Ljava/util/TimeZone;")
                || name.equals("forLanguageTag")
                    && desc.equals("(Ljava/lang/String;)Ljava/util/Locale;");
        return factory && args.size() == 1 && args.get(0) instanceof Value.Const c
            ? new Value.EqualValue(owner, name, c.value())
            : null;
      }
      case "java/io/File" -> {
        if (name.equals("<init>")) {
          if (args.size() == 1) {
            return args.get(0);
          }
          if (args.size() == 2) {
            return Value.join(args.get(0), args.get(1));
          }
          return null;
        }
        return switch (name) {
          case "toPath",
              "getAbsoluteFile",
              "getAbsolutePath",
              "getCanonicalFile",
              "getCanonicalPath",
              "getPath",
              "toString",
              "toURI" ->
              receiver;
          case "getParentFile", "getParent" -> parent(receiver);
          default -> null;
        };
      }
      case "java/nio/file/Path" -> {
        return switch (name) {
          case "of" -> joinAll(args);
          case "resolve" ->
              desc.startsWith("(Ljava/lang/String;)") || desc.startsWith("(Ljava/nio/file/Path;)")
                  ? Value.join(receiver, args.get(0))
                  : null;
          case "resolveSibling" ->
              args.size() == 1 ? Value.join(parent(receiver), args.get(0)) : null;
          case "toFile", "toAbsolutePath", "normalize", "toString", "toRealPath", "toUri" ->
              receiver;
          case "getParent" -> parent(receiver);
          default -> null;
        };
      }
      case "java/nio/file/Paths" -> {
        return name.equals("get") ? joinAll(args) : null;
      }
      case "java/lang/String" -> {
        return switch (name) {
          case "valueOf" -> args.size() == 1 ? args.get(0) : null;
          case "toString", "intern", "trim", "strip" -> receiver;
          case "concat" -> Value.concat(List.of(receiver, args.get(0)));
          default -> null;
        };
      }
      case "java/lang/Integer", "java/lang/Long" -> {
        return switch (name) {
          case "valueOf", "parseInt", "parseLong", "toString" ->
              args.size() == 1 ? args.get(0) : receiver;
          case "intValue", "longValue" -> receiver;
          default -> null;
        };
      }
      case "java/lang/Object", "java/util/Objects" -> {
        return name.equals("toString") && args.isEmpty() ? receiver : null;
      }
      case "java/net/InetSocketAddress" -> {
        if (name.equals("<init>") || name.equals("createUnresolved")) {
          return args.isEmpty() ? null : args.get(args.size() - 1);
        }
        return name.equals("getPort") ? receiver : null;
      }
      case "javax/naming/CompositeName" -> {
        // A composite name made of one string prints as that string: the name a naming context,
        // or a factory keyed by the name's text, sees.
        if (name.equals("<init>")) {
          return desc.equals("(Ljava/lang/String;)V") ? args.get(0) : null;
        }
        return name.equals("toString") && args.isEmpty() ? receiver : null;
      }
      case "javax/naming/Name" -> {
        return name.equals("toString") && args.isEmpty() ? receiver : null;
      }
      case "java/net/URI" -> {
        return name.equals("create") || name.equals("<init>") && args.size() == 1
            ? args.get(0)
            : null;
      }
      case "java/lang/System" -> {
        if ((name.equals("getProperty") || name.equals("getenv"))
            && !args.isEmpty()
            && args.get(0) instanceof Value.Const c
            && c.value() instanceof String s) {
          return new Value.Const("${" + (name.equals("getenv") ? "env." : "") + s + "}");
        }
        return null;
      }
      default -> {
        if (name.equals("getLocalPort")) {
          // Whatever a server bound, asking it for its port gives the port this test owns.
          return new Value.Temp("getLocalPort()", Scope.PER_TEST, null);
        }
        return null;
      }
    }
  }

  private static Value joinAll(List<Value> args) {
    if (args.isEmpty()) {
      return null;
    }
    List<Value> parts = new ArrayList<>();
    parts.add(args.get(0));
    for (int i = 1; i < args.size(); i++) {
      Value a = args.get(i);
      if (a instanceof Value.ArrayValue array) {
        for (Value e : array.elements) {
          parts.add(e);
        }
      } else {
        parts.add(a);
      }
    }
    Value result = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      result = Value.join(result, parts.get(i));
    }
    return result;
  }

  private static Value parent(Value v) {
    if (v instanceof Value.Const c && c.value() instanceof String s) {
      String trimmed = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      int slash = trimmed.lastIndexOf('/');
      return slash > 0 ? new Value.Const(trimmed.substring(0, slash)) : Value.UNKNOWN;
    }
    if (v instanceof Value.Concat c && c.parts().size() >= 3) {
      List<Value> parts = c.parts();
      int n = parts.size();
      if (parts.get(n - 2) instanceof Value.Const sep && "/".equals(sep.value())) {
        return Value.concat(parts.subList(0, n - 2));
      }
    }
    if (v instanceof Value.Temp t) {
      return t;
    }
    return Value.UNKNOWN;
  }
}
