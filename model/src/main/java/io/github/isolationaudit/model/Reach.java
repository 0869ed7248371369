package io.github.isolationaudit.model;

/** How far a resource is shared: within one JVM, one host, or beyond. */
public enum Reach {
  /** Private to one JVM: System properties, defaults, static fields, in-memory databases. */
  JVM,
  /** Shared by every JVM on one host: files, ports, file-based databases. */
  HOST,
  /** Shared by every machine: a database or service reached over the network. */
  EXTERNAL
}
