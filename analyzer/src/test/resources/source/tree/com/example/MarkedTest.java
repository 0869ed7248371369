package com.example;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.*;

// flaky, see JIRA-123
@Isolated
@Tag("serial")
class MarkedTest {

  private int counter; // not a reason for anything below

  @Test
  @ResourceLock(value = "port-8080", mode = ResourceAccessMode.READ_WRITE) // binds 8080, see https://example.com/issues/7
  void bindsPort() {}

  /* TODO: remove once #456 is fixed */
  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void sameThread() {}

  @Test
  void overloaded() {}

  @Test
  @Isolated("temporary: shares the H2 database")
  void overloaded(int x) {}

  @Test
  @Disabled("flaky")
  @Isolated
  void disabled() {}

  @Test
  @ResourceLocks({
    @ResourceLock("a"),
    // FIXME shared scratch file
    @ResourceLock("b")
  })
  void container() {}

  @Test
  @ResourceLock("x")
  @ResourceLock("y")
  void repeated() {}

  // VERDICT: DEFENSIVE
  @Isolated
  @Test
  void labelled() {}

  @Test
  @Tag("serial")
  void tagOnly() {}

  /**
   * Writes the default {@code Locale}.
   */
  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void documented() {}

  // uses port 8080

  @Isolated
  @Test
  void separatedByBlankLine() {}

  @Test
  void noMarker() {
    // @Isolated in a comment is no marker
  }

  @Nested
  // shares the static counter
  @Isolated
  class Inner {

    @Nested
    class Deeper {

      @org.junit.jupiter.api.parallel.Isolated /* spawns a server */
      @Test
      void fqn() {}
    }
  }
}
