package io.github.isolationaudit.fixtures.callgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The outer class's @BeforeEach runs before the tests of its @Nested classes too. */
class NestedLifecycleTestCase {

  @BeforeEach
  void enableFeature() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=callgraph.nested.feature
    System.setProperty("callgraph.nested.feature", "enabled");
  }

  @Test
  void outerTest() {
    assertTrue(true);
  }

  @Nested
  class WhenFeatureEnabled {

    @Test
    void innerTestSeesOuterSetup() {
      // EXPECT: SYSTEM_PROPERTY READ key=callgraph.nested.feature
      assertEquals("enabled", System.getProperty("callgraph.nested.feature"));
    }
  }
}
