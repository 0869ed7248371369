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
}
