package io.github.isolationaudit.model;

/** Whether an access reads or writes its resource. READ/READ is never a conflict. */
public enum AccessMode {
  READ,
  WRITE
}
