package io.github.isolationaudit.model;

/** How sure the analysis is of an access or verdict. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The lower of two confidences. */
  public Confidence min(Confidence other) {
    // By ordinal, as compareTo orders them, without its checks: a search's hot loop calls it.
    return ordinal() >= other.ordinal() ? this : other;
  }
}
