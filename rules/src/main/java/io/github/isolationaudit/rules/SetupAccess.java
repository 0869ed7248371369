package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import java.util.Objects;

/**
 * What a set-up annotation ({@code @SetSystemProperty}, {@code @DefaultLocale}, {@code @StdIo} ...)
 * does to a resource around the test it sits on: the test's input, and an access of its own.
 *
 * @param mode WRITE: set before the test and restored after it (two writes); READ: a snapshot of
 *     the whole resource taken before the test and put back after it ({@code
 *     RestoreSystemProperties}), which loses the writes other tests make meanwhile
 * @param key a fixed key (JUnit's or the catalog's string for the resource), or empty
 * @param keyElement the annotation element whose value is the key ({@code key}), or empty
 * @param all whether the access is to every key of the resource
 * @param parameter internal name of a parameter type the test must take for this access to happen
 *     ({@code org/junitpioneer/jupiter/StdOut}: {@code @StdIo} replaces System.out only then), or
 *     empty
 */
public record SetupAccess(
    ResourceKind resource,
    AccessMode mode,
    String key,
    String keyElement,
    boolean all,
    String parameter) {

  public SetupAccess {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyElement, "keyElement");
    Objects.requireNonNull(parameter, "parameter");
    int ways = (key.isEmpty() ? 0 : 1) + (keyElement.isEmpty() ? 0 : 1) + (all ? 1 : 0);
    if (ways != 1) {
      throw new IllegalArgumentException("a set-up access needs one of key, keyFrom or all");
    }
  }
}
