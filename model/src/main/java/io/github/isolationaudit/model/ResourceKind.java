package io.github.isolationaudit.model;

/** A kind of shared resource that two tests can fight over. */
public enum ResourceKind {
  /** A file or directory path, or a pattern of paths. */
  FILE(Reach.HOST),
  /** A TCP or UDP port on this host. */
  PORT(Reach.HOST),
  /** A static field of a project class, or a mutable object held by one. */
  STATIC_FIELD(Reach.JVM),
  /**
   * A field of a test instance that several tests share: under TestNG (one instance per class) or a
   * JUnit PER_CLASS lifecycle, the methods of a class read and write the same object.
   */
  INSTANCE_FIELD(Reach.JVM),
  /** A JVM System property, keyed by its name. */
  SYSTEM_PROPERTY(Reach.JVM),
  /** A process environment variable. */
  ENV(Reach.JVM),
  /** The JVM's default {@code Locale}. */
  LOCALE(Reach.JVM),
  /** The JVM's default {@code TimeZone}. */
  TIME_ZONE(Reach.JVM),
  /** {@code System.in}, {@code System.out} or {@code System.err}. */
  STDIO(Reach.JVM),
  /** A named JVM-wide handler, factory or setting (security manager, System.exit, ...). */
  JVM_GLOBAL(Reach.JVM),
  /** A database, keyed by its JDBC URL. */
  DATABASE(Reach.EXTERNAL),
  /** A kind declared by the user in their own catalog. */
  CUSTOM(Reach.HOST);

  private final Reach defaultReach;

  ResourceKind(Reach defaultReach) {
    this.defaultReach = defaultReach;
  }

  /** How far this kind of resource is shared when nothing more specific is known. */
  public Reach defaultReach() {
    return defaultReach;
  }
}
