package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * A resource lock as JUnit holds it: a key string and a mode.
 *
 * @param key JUnit's key string ({@code java.lang.System.properties}, or the GLOBAL key)
 */
public record Lock(String key, LockMode mode) implements Comparable<Lock> {

  /** JUnit's key of the global lock that {@code @Isolated} takes READ_WRITE. */
  public static final String GLOBAL =
      "org.junit.platform.engine.support.hierarchical.ExclusiveResource.GLOBAL_KEY";

  public Lock {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mode, "mode");
  }

  @Override
  public int compareTo(Lock o) {
    int c = key.compareTo(o.key);
    return c != 0 ? c : mode.compareTo(o.mode);
  }

  /**
   * The resource a JUnit lock key names, or null for a key of the user's own. The bare {@code
   * java.util.Locale} and {@code java.util.TimeZone} are read as aimed at the default too (though
   * at run time they exclude nothing that locks JUnit's own key).
   */
  public static ResourceKind resourceOf(String key) {
    return switch (key) {
      case "java.lang.System.properties" -> ResourceKind.SYSTEM_PROPERTY;
      case "java.lang.System.environment" -> ResourceKind.ENV;
      case "java.util.Locale.default", "java.util.Locale" -> ResourceKind.LOCALE;
      case "java.util.TimeZone.default", "java.util.TimeZone" -> ResourceKind.TIME_ZONE;
      case "java.lang.System.out", "java.lang.System.err", "java.lang.System.in" ->
          ResourceKind.STDIO;
      default -> null;
    };
  }
}
