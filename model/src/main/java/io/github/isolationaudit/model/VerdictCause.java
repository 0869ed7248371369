package io.github.isolationaudit.model;

/**
 * Why a marker got its verdict: the closed set of judgements behind the words of its reason, so a
 * tool can act on the judgement without reading the sentence.
 */
public enum VerdictCause {
  /** It keeps apart tests that conflict and would overlap without it (REQUIRED). */
  KEEPS_CONFLICT_APART,
  /** A set-up annotation: it writes its tests' input, so it is never to remove (REQUIRED). */
  SETS_UP_INPUT,
  /** It keeps apart a conflict that a mechanical fix would make per test (FIXABLE). */
  CONFLICT_FIXABLE,
  /** The partners' own markers keep the conflict apart without it (DEFENSIVE or FIXABLE). */
  PARTNERS_KEEP_APART,
  /** Nothing in its scope conflicts with another test (DEFENSIVE). */
  NO_CONFLICT,
  /** Its tests conflict, but the runner keeps them apart without it (DEFENSIVE). */
  KEPT_APART_WITHOUT_IT,
  /** Another marker already runs its class's tests on one thread (DEFENSIVE). */
  ONE_THREAD_ALREADY,
  /** Its tests conflict, and it does not keep them apart (DEFENSIVE; the finding says more). */
  DOES_NOT_KEEP_APART,
  /** It keeps no tests apart in time at all (a Spring context reset, a TestNG priority). */
  KEEPS_NOTHING_APART,
  /** An enclosing marker already covers every test it covers (LEGACY). */
  COVERED_BY_ENCLOSING,
  /** A set-up annotation beside it already holds its lock (LEGACY). */
  HELD_BY_SETUP,
  /**
   * Nothing acts on it, or it is stale: an engine that ignores it, disabled tests, no tests
   * (LEGACY).
   */
  NOT_IN_EFFECT;

  /** The cause a verdict made without one stated most often has. */
  public static VerdictCause usual(Verdict verdict) {
    return switch (verdict) {
      case REQUIRED -> KEEPS_CONFLICT_APART;
      case FIXABLE -> CONFLICT_FIXABLE;
      case DEFENSIVE -> NO_CONFLICT;
      case LEGACY -> NOT_IN_EFFECT;
    };
  }
}
