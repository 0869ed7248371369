package io.github.isolationaudit.rules;

/** Patterns with {@code *} for any run of characters, and nothing else special. */
final class Glob {
  private Glob() {}

  static boolean matches(String glob, String text) {
    return io.github.isolationaudit.model.Key.globMatches(glob, text);
  }
}
