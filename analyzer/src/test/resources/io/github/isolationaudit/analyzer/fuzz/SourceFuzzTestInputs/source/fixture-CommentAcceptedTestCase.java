package io.github.isolationaudit.fixtures.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** A race accepted next to the code: on the line of the write, and on the reading test. */
class CommentAcceptedTestCase {

  @Test
  void setsCharsetHint() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=config.comment
    System.setProperty("config.comment", "utf-8"); // isolation-audit:accept every test sets utf-8
  }

  // isolation-audit:accept the value is only logged
  @Test
  void logsCharsetHint() {
    // EXPECT: SYSTEM_PROPERTY READ key=config.comment
    assertNotNull(System.getProperty("config.comment", "utf-8"));
  }
}
