package io.github.isolationaudit.model;

/**
 * How strongly an implicit read of a JVM default depends on it. HIGH where the default changes the
 * result for ordinary values (calendars, date and number formatting), LOW where it rarely does
 * ({@code toUpperCase()}). Explicit reads and all writes are HIGH.
 */
public enum Sensitivity {
  HIGH,
  LOW
}
