package io.github.isolationaudit.model;

/** The test engine that runs a test. */
public enum Engine {
  JUNIT_JUPITER,
  JUNIT4,
  JUNIT3,
  TESTNG
}
