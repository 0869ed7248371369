package io.github.isolationaudit.fixtures.markers.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The class-level {@code @Isolated} keeps {@link EnclosedPartnerReaderTestCase} (no marker) away
 * from both writers; the markers inside it add nothing. (A method-level {@code @Isolated} does not
 * compile: {@code @Isolated} targets types only.)
 */
// VERDICT: REQUIRED
@Isolated
class EnclosedMarkersTestCase {

  // VERDICT: LEGACY
  @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
  @Test
  void enablesAudit() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=markers.legacy.enclosed
    System.setProperty("markers.legacy.enclosed", "on");
  }

  // VERDICT: LEGACY
  @Isolated
  @Nested
  class WhenAuditIsOff {

    @Test
    void disablesAudit() {
      // EXPECT: SYSTEM_PROPERTY WRITE key=markers.legacy.enclosed
      System.setProperty("markers.legacy.enclosed", "off");
      // EXPECT: SYSTEM_PROPERTY READ key=markers.legacy.enclosed
      assertEquals("off", System.getProperty("markers.legacy.enclosed"));
    }
  }
}
