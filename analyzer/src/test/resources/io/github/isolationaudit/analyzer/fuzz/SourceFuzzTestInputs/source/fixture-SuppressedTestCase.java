package io.github.isolationaudit.fixtures.config;

import org.junit.jupiter.api.Test;

/** A whole class accepted with the annotation form and the reason beside it. */
// both tests write the same value; the build sets it before any test runs
@SuppressWarnings("isolation-audit")
class SuppressedTestCase {

  @Test
  void setsEncoding() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=config.suppressed
    System.setProperty("config.suppressed", "UTF-8");
  }

  @Test
  void setsEncodingAgain() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=config.suppressed
    System.setProperty("config.suppressed", "UTF-8");
  }
}
