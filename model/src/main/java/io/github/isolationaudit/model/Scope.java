package io.github.isolationaudit.model;

/** Who shares the value behind an access. */
public enum Scope {
  /** Fresh for every test invocation: a method-level {@code @TempDir}, port 0, ... */
  PER_TEST,
  /** Shared by the methods of one test class: a static {@code @TempDir}, a {@code @ClassRule}. */
  PER_CLASS,
  /** Shared by every test that reaches the same key. */
  SHARED
}
