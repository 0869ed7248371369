package io.github.isolationaudit.cli;

import io.github.isolationaudit.model.plan.Machine;
import io.github.isolationaudit.plan.PlanOptions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The facts about the machine that a plan depends on, pinned: with both given, the same project
 * gives the same plan, to the byte, on any machine. A command takes them with {@code @Mixin
 * MachineOptions machine;}.
 */
final class MachineOptions {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Workers (cores) to plan for, and the cores the plan's machine facts name."
              + " Default: the cores of this machine.")
  Integer workers;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description =
          "The memory of the machine to plan for (16g, 24576m; a plain number is megabytes)."
              + " Default: this machine's.")
  String memory;

  /** Why the values cannot be used, or null when they can. */
  String mistake() {
    if (workers != null && workers < 1) {
      return "--workers must be at least 1";
    }
    if (memory != null && megabytes(memory) < 1) {
      return "--memory must be a size of at least 1 MB such as 16g or 512m, not '" + memory + "'";
    }
    return null;
  }

  /** The machine to plan for: this one's facts, with what was given in their place. */
  Machine machine() {
    Machine machine = PlanOptions.measuredMachine();
    if (workers != null) {
      machine = machine.withCores(workers);
    }
    if (memory != null) {
      machine = machine.withMemoryMb(megabytes(memory));
    }
    return machine;
  }

  /** Megabytes in a size such as {@code 16g}, {@code 512M}, {@code 2048}; -1 when it is none. */
  static long megabytes(String size) {
    Matcher m = SIZE.matcher(size.strip());
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> n / 1024;
      case "g" -> n * 1024;
      case "t" -> n * 1024 * 1024;
      default -> n;
    };
  }
}
