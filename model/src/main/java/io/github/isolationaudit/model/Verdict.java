package io.github.isolationaudit.model;

/** What a marker is worth, judged against the footprints it covers. */
public enum Verdict {
  /**
   * Removing it would leave a conflict that it protects today unprotected, and no mechanical fix
   * makes that conflict go away.
   */
  REQUIRED,
  /**
   * It protects a conflict, but every conflicting access has a known mechanical fix; after the fix
   * it can go.
   */
  FIXABLE,
  /** It protects nothing: no conflicting access anywhere in its scope. */
  DEFENSIVE,
  /**
   * It is stale or dead: the engine ignores it, it sits on no running test, it names a resource the
   * scope no longer touches, or an enclosing marker already covers it.
   */
  LEGACY
}
