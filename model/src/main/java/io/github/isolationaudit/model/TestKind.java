package io.github.isolationaudit.model;

/** What kind of test method a test is; all but TEST may run several invocations. */
public enum TestKind {
  TEST,
  PARAMETERIZED,
  REPEATED,
  FACTORY,
  TEMPLATE,
  THEORY
}
