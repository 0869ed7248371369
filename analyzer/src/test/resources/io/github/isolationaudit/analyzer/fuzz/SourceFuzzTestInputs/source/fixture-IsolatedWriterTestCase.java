package io.github.isolationaudit.fixtures.markers.required;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Switches the client into offline mode through a System property. Its partner {@link
 * IsolatedPartnerReaderTestCase} reads the property and carries no marker: only {@code @Isolated}
 * here keeps it out while this class runs.
 */
// VERDICT: REQUIRED
@Isolated
class IsolatedWriterTestCase {

  @Test
  void goesOffline() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=markers.required.isolated
    System.setProperty("markers.required.isolated", "offline");
    // EXPECT: SYSTEM_PROPERTY READ key=markers.required.isolated
    assertEquals("offline", System.getProperty("markers.required.isolated"));
  }
}
