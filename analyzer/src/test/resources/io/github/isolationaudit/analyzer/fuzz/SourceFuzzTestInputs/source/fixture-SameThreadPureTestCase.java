package io.github.isolationaudit.fixtures.markers.defensive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Same-thread "because the stack is shared", but each test gets its own instance and stack. */
// VERDICT: DEFENSIVE
@Execution(ExecutionMode.SAME_THREAD)
class SameThreadPureTestCase {

  private final Deque<String> stack = new ArrayDeque<>();

  @Test
  void pushesAndPops() {
    // EXPECT: nothing
    stack.push("a");
    assertEquals("a", stack.pop());
  }

  @Test
  void startsEmpty() {
    assertEquals(0, stack.size());
  }
}
