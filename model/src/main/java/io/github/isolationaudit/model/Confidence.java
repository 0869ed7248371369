package io.github.isolationaudit.model;

/** How sure the analysis is of an access or verdict. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The lower of two confidences. */
  public Confidence min(Confidence other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
