package io.github.isolationaudit.fixtures.config;


import org.junit.jupiter.api.Test;

/**
 * Accepts its own write, but its partner {@link UnacceptedReaderTestCase} accepts nothing: the
 * finding stays, and the comment is reported as accepting no finding.
 */
class PartlyAcceptedTestCase {

  @Test
  void setsTheme() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=config.partly
    System.setProperty("config.partly", "dark"); // isolation-audit:accept dark is the default
  }
}
