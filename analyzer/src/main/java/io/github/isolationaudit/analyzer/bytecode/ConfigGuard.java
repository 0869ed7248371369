package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.Value;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * A method that does nothing unless a configuration names a key: its first lines look the key up in
 * a map or properties and return when the value is missing or empty, with nothing or with a
 * constant ({@code null}, a number, a string, an empty collection),
 *
 * <pre>{@code
 * String classes = (String) configs.get("security.providers");
 * if (classes == null || classes.isEmpty()) {
 *   return; // or: return Collections.emptyMap();
 * }
 * }</pre>
 *
 * The rest of such a method runs only in a test whose configuration sets the key, which the
 * footprint search decides per test (see the footprint package's holes). A constant returned says
 * nothing of what the rest would have done, so its caller goes on the same way in every such test.
 */
final class ConfigGuard {
  private static final Set<String> LOOKUPS = Set.of("get", "getProperty", "getString");
  private static final Set<String> CHECKS = Set.of("isEmpty", "isBlank", "trim", "length");

  private ConfigGuard() {}

  /** Whether a call looks a constant key up: {@code map.get("k")}, {@code getProperty("k")}. */
  static boolean isLookup(String name, String descriptor, Value[] args) {
    return LOOKUPS.contains(name)
        && args.length == 1
        && descriptor.startsWith("(Ljava/lang/")
        && args[0] instanceof Value.Const c
        && c.value() instanceof String s
        && !s.isEmpty();
  }

  /**
   * Whether a call in the guard's lines only makes the constant it returns: a JDK factory of an
   * empty value, called with no arguments ({@code Collections.emptyMap()}, {@code List.of()}).
   */
  static boolean makesConstant(boolean isStatic, Value[] args, Value result) {
    return isStatic && args.length == 0 && isConstant(result);
  }

  /** Whether a value returned by the guard is a constant, the same in every test. */
  static boolean isConstant(Value v) {
    return v == Value.NULL
        || v instanceof Value.Const
        || v instanceof Value.Unmodifiable u && u.args().isEmpty();
  }

  /** Whether a call only checks the looked-up value. */
  static boolean isCheck(String owner, String name) {
    return owner.equals("java/lang/String") && CHECKS.contains(name);
  }

  /**
   * The guard's key when the method returned on a missing or empty value: the last jump before the
   * return skipped it when the value was there ({@code ifnonnull}) or not empty ({@code ifeq} after
   * {@code isEmpty}); else empty.
   */
  static String key(String candidate, int lastJump, String lastCall) {
    if (candidate == null) {
      return "";
    }
    boolean skipsWhenSet =
        lastJump == Opcodes.IFNONNULL
            || lastJump == Opcodes.IFEQ
                && (lastCall.equals("isEmpty") || lastCall.equals("isBlank"));
    return skipsWhenSet ? candidate : "";
  }
}
