package io.github.isolationaudit.model.plan;

/**
 * The facts about the machine a plan is made for: the only values of a report that depend on the
 * machine it was made on, kept apart so that pinning them ({@code --workers}, {@code --memory})
 * makes the same project give the same bytes on any machine.
 *
 * @param cores the cores the tests may use
 * @param memoryMb the machine's memory in megabytes
 * @param coresFrom whether {@code cores} was measured or given
 * @param memoryFrom whether {@code memoryMb} was measured or given
 */
public record Machine(int cores, long memoryMb, Source coresFrom, Source memoryFrom) {

  /** Where a fact came from. */
  public enum Source {
    /** Read from the machine that made the report. */
    MEASURED,
    /** Given by the user ({@code --workers}, {@code --memory}): the same on every machine. */
    GIVEN
  }

  public Machine {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, not " + cores);
    }
    if (memoryMb < 1) {
      throw new IllegalArgumentException("memoryMb must be at least 1, not " + memoryMb);
    }
    java.util.Objects.requireNonNull(coresFrom, "coresFrom");
    java.util.Objects.requireNonNull(memoryFrom, "memoryFrom");
  }

  /** These facts with the cores given. */
  public Machine withCores(int given) {
    return new Machine(given, memoryMb, Source.GIVEN, memoryFrom);
  }

  /** These facts with the memory given. */
  public Machine withMemoryMb(long given) {
    return new Machine(cores, given, coresFrom, Source.GIVEN);
  }
}
