package io.github.isolationaudit.analyzer.program;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.rules.SinkRule;
import java.util.List;

/**
 * Reads made only while building an exception's message ({@code throw new
 * IllegalStateException(String.format(...))}, a default Locale or System property read into it):
 * they matter only on the failure path, where the test fails anyway, so they are LOW sensitivity.
 * An exception is known by its type's name (ending in {@code Exception}, {@code Error} or {@code
 * Throwable}): the scanner reads one method and does not know the class hierarchy.
 */
public final class FailureMessages {
  private FailureMessages() {}

  /** Whether an exception made with {@code new} is waiting on the operand stack for its message. */
  public static boolean buildingThrowable(List<Value> stack) {
    for (Value v : stack) {
      if (v instanceof Value.NewObject n && throwableName(n.type)) {
        return true;
      }
    }
    return false;
  }

  /** The rule as a LOW-sensitivity read, when it is a HIGH read; otherwise the rule itself. */
  public static SinkRule failureOnly(SinkRule rule) {
    if (rule.mode() != AccessMode.READ || rule.sensitivity() != Sensitivity.HIGH) {
      return rule;
    }
    return rule.withSensitivity(Sensitivity.LOW);
  }

  private static boolean throwableName(String internalName) {
    return internalName.endsWith("Exception")
        || internalName.endsWith("Error")
        || internalName.endsWith("Throwable");
  }
}
