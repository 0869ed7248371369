package io.github.isolationaudit.fixtures.markers.required;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junitpioneer.jupiter.WritesSystemProperty;

/** Picks a cache size through a System property; {@link PioneerReaderTestCase} reads it. */
class PioneerWriterTestCase {

  // VERDICT: REQUIRED
  @WritesSystemProperty
  @Test
  void shrinksCache() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=markers.required.pioneer
    System.setProperty("markers.required.pioneer", "16");
    // EXPECT: SYSTEM_PROPERTY READ key=markers.required.pioneer
    assertEquals("16", System.getProperty("markers.required.pioneer"));
  }
}
