package io.github.isolationaudit.fixtures.markers.required;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Raises the retry limit through a System property; {@link LockedReaderTestCase} reads it. */
class LockedWriterTestCase {

  // VERDICT: REQUIRED
  @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
  @Test
  void raisesRetryLimit() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=markers.required.lock
    System.setProperty("markers.required.lock", "5");
    // EXPECT: SYSTEM_PROPERTY READ key=markers.required.lock
    assertEquals("5", System.getProperty("markers.required.lock"));
  }
}
