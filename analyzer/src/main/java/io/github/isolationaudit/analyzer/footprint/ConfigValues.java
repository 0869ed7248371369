package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.TestId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enum constants a configured choice may take in a test: {@code
 * SecurityProtocol.forName(config.getString("security.protocol"))}, a static method of an enum that
 * turns a string into one of its constants, applied to a project configuration's lookup of a
 * constant key. A test whose own code puts nothing under the key gets the default its configuration
 * definitions give ({@code define("security.protocol", Type.STRING, "PLAINTEXT", ...)}), so it
 * takes only that constant's branch of a switch on the result (kafka's {@code
 * ChannelBuilders.create} reaches the JAAS login only for {@code SASL_*}; a consumer built with the
 * default protocol never does). What a test's code puts under the key joins the default: its
 * class's set-up and helpers for every test of the class, a test method for itself.
 *
 * <p>The answer is "any constant" ({@link EnumPaths#UNKNOWN}) where it is not known: code outside
 * test classes puts the key (a shared test utility, production code), something puts a value that
 * is not a constant naming one of the enum's constants, or no definition gives the key a constant
 * default. Keys put under names built at run time, or configurations loaded from files, are not
 * seen, as the configuration guards do not see them ({@link TestOwnedTypes#guardedTo}).
 */
final class ConfigValues {
  private static final int ACC_ENUM = 0x4000;

  /** A configured choice: the constant of {@code enumType} named by the value under {@code key}. */
  record Choice(String key, String enumType) {}

  private final Program program;
  private final TestOwnedTypes owners;

  /** Per key: the defaults its definitions give, or null where one is not a constant. */
  private Map<String, Set<String>> defaults;

  /** Per key: per top-level test class, the values its code other than test methods puts. */
  private Map<String, Map<String, Set<Object>>> puts;

  /** Keys that code outside test classes puts. */
  private Set<String> anywhere;

  /** Set once the three maps above are made: every opening thread asks, one makes them. */
  private volatile boolean indexed;

  private final Map<String, Set<String>> constants = new java.util.concurrent.ConcurrentHashMap<>();

  ConfigValues(Program program, TestOwnedTypes owners) {
    this.program = program;
    this.owners = owners;
  }

  /** The configured choice a value is, or null. */
  Choice choice(Value v) {
    if (!(v instanceof Value.Returned r)
        || r.args().size() != 1
        || !r.descriptor().equals("(Ljava/lang/String;)L" + r.owner() + ";")
        || !(r.args().get(0) instanceof Value.Returned lookup)
        || lookup.args().size() != 1
        || !lookup.name().startsWith("get")
        || !lookup.descriptor().startsWith("(Ljava/lang/String;)")
        || !(lookup.args().get(0) instanceof Value.Const c)
        || !(c.value() instanceof String key)) {
      return null;
    }
    ClassInfo e = program.get(r.owner());
    if (e == null || (e.access() & ACC_ENUM) == 0 || !isStatic(e, r.name(), r.descriptor())) {
      return null;
    }
    return new Choice(key, r.owner());
  }

  private static boolean isStatic(ClassInfo c, String name, String descriptor) {
    MethodInfo m = c.method(name, descriptor);
    return m != null && m.isStatic();
  }

  /**
   * The constant names a choice may take in a test of a class whose own code is {@code allowed}
   * ({@link TestOwnedTypes#nestsOf}), with {@code test} the test method or null for what runs once
   * per class.
   */
  Set<String> values(Choice choice, Set<String> allowed, MethodInfo test) {
    if (!indexed) {
      index();
    }
    Set<String> given = defaults.get(choice.key());
    if (given == null || anywhere.contains(choice.key())) {
      return EnumPaths.unknown();
    }
    Set<Object> values = new HashSet<>(given);
    Map<String, Set<Object>> byClass = puts.getOrDefault(choice.key(), Map.of());
    for (String top : allowed) {
      values.addAll(byClass.getOrDefault(top, Set.of()));
    }
    if (test != null) {
      for (Sites.Call call : test.calls()) {
        if (choice.key().equals(key(call))) {
          values.add(put(call));
        }
      }
    }
    Set<String> names = constants(choice.enumType());
    Set<String> result = new HashSet<>();
    for (Object value : values) {
      String name = value instanceof String s ? match(names, s) : null;
      if (name == null) {
        return EnumPaths.unknown();
      }
      result.add(name);
    }
    return result;
  }

  /** The enum constant a string names, compared without case as {@code forName} helpers do. */
  private static String match(Set<String> names, String s) {
    for (String n : names) {
      if (n.equalsIgnoreCase(s.trim())) {
        return n;
      }
    }
    return null;
  }

  private Set<String> constants(String enumType) {
    return constants.computeIfAbsent(
        enumType,
        t -> {
          Set<String> names = new HashSet<>();
          ClassInfo c = program.get(t);
          if (c != null) {
            for (FieldInfo f : c.fields()) {
              if ((f.access() & ACC_ENUM) != 0) {
                names.add(f.name());
              }
            }
          }
          return names;
        });
  }

  /** The constant key a {@code put...}/{@code set...} call puts, or null. */
  private static String key(Sites.Call call) {
    return (call.name().startsWith("put") || call.name().startsWith("set"))
            && call.args().size() == 2
            && call.args().get(0) instanceof Value.Const c
            && c.value() instanceof String key
        ? key
        : null;
  }

  /**
   * The value a put puts, as a string where it is a constant: a string, or an enum constant by
   * itself, its {@code name} field or its {@code name()}/{@code toString()}; else a marker no
   * constant matches.
   */
  private static Object put(Sites.Call call) {
    Value v = call.args().get(1);
    if (v instanceof Value.Const c && c.value() instanceof String s) {
      return s;
    }
    String constant = EnumPaths.constant(v);
    if (constant != null && !constant.equals("true") && !constant.equals("false")) {
      return constant;
    }
    if (v instanceof Value.ObjectField f
        && f.name().equals("name")
        && EnumPaths.constant(f.object()) != null) {
      return EnumPaths.constant(f.object());
    }
    if (v instanceof Value.Returned r
        && r.args().isEmpty()
        && (r.name().equals("name") || r.name().equals("toString"))
        && EnumPaths.constant(r.receiver()) != null) {
      return EnumPaths.constant(r.receiver());
    }
    return Value.UNKNOWN;
  }

  private synchronized void index() {
    if (indexed) {
      return;
    }
    defaults = new HashMap<>();
    puts = new HashMap<>();
    anywhere = new HashSet<>();
    Set<String> undefined = new HashSet<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      String top = TestId.topLevelClass(c.name());
      boolean inTests = owners.inTests(top);
      for (MethodInfo m : c.methods()) {
        for (Sites.Call call : m.calls()) {
          definition(call, undefined);
          String key = key(call);
          if (key == null || inTests && owners.isTest(m)) {
            continue;
          }
          Object value = put(call);
          if (!inTests) {
            anywhere.add(key);
          } else {
            // A value not known stays the class's own: its tests may take any constant.
            puts.computeIfAbsent(key, k -> new HashMap<>())
                .computeIfAbsent(top, k -> new HashSet<>())
                .add(value);
          }
        }
      }
    }
    for (String key : undefined) {
      defaults.put(key, null);
    }
    indexed = true;
  }

  /**
   * A definition of a key with its default: a {@code define...} call whose first argument is the
   * constant key and which takes an {@code Object} default ({@code ConfigDef.define(name, type,
   * defaultValue, ...)}). A default that is not a string constant leaves the key's defaults
   * unknown.
   */
  private void definition(Sites.Call call, Set<String> undefined) {
    if (!call.name().startsWith("define")
        || call.args().isEmpty()
        || !(call.args().get(0) instanceof Value.Const c)
        || !(c.value() instanceof String key)) {
      return;
    }
    List<String> params = MethodInfo.parameterTypes(call.descriptor());
    if (params.isEmpty() || !params.get(0).equals("Ljava/lang/String;")) {
      return;
    }
    int at = params.indexOf("Ljava/lang/Object;");
    if (at < 0 || at >= call.args().size()) {
      return;
    }
    Value d = call.args().get(at);
    if (d instanceof Value.Const v && v.value() instanceof String s) {
      if (!undefined.contains(key)) {
        defaults.computeIfAbsent(key, k -> new HashSet<>()).add(s);
      }
    } else {
      undefined.add(key);
      defaults.remove(key);
    }
  }
}
