package io.github.isolationaudit.model;

/**
 * Whether a conflict is definite or only possible. A conflict that rests on an unknown key, an
 * overlapping pattern or a LOW-sensitivity implicit read is POSSIBLE: counted, but never on its own
 * a reason to serialise tests.
 */
public enum Certainty {
  DEFINITE,
  POSSIBLE
}
