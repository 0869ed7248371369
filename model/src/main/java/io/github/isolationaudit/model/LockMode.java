package io.github.isolationaudit.model;

/** JUnit's resource access modes. */
public enum LockMode {
  READ,
  READ_WRITE
}
