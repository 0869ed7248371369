package io.github.isolationaudit.model;

/** A setting that the build configuration proves on, proves off, or does not show. */
public enum Tristate {
  TRUE,
  FALSE,
  UNKNOWN;

  public static Tristate of(boolean value) {
    return value ? TRUE : FALSE;
  }
}
