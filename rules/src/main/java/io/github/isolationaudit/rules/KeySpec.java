package io.github.isolationaudit.rules;

/** Where a sink finds the key of the resource it touches. */
public sealed interface KeySpec {

  /** The value of argument {@code index} (0-based, the receiver not counted). */
  record Arg(int index, String prefix) implements KeySpec {
    public Arg {
      if (index < 0) {
        throw new IllegalArgumentException("arg must be 0 or more");
      }
    }
  }

  /** The value of the receiver (the path of a {@code File}, the name of a logger). */
  record Receiver(String prefix) implements KeySpec {}

  /** A fixed key, such as JUnit's {@code java.util.Locale}. */
  record Constant(String value) implements KeySpec {}

  /**
   * One entry of the map that static field {@code field} holds (its binary name, {@code
   * com.example.Registry.users}): the entry under the call's first argument.
   */
  record Entry(String field) implements KeySpec {}

  /** Every key of the resource at once ({@code System.setProperties}). */
  record All() implements KeySpec {}

  /**
   * The database the test is connected to, which the call itself does not name ({@code
   * statement.executeUpdate(sql)}): each database the same test opens. The SQL text in argument
   * {@code sqlArg} says whether it writes (its first keyword); {@link #NO_SQL} stands for a call
   * that runs a script, which writes.
   */
  record Connected(int sqlArg) implements KeySpec {
    /** No SQL text among the arguments: the call runs a script, a write. */
    public static final int NO_SQL = -1;

    public Connected {
      if (sqlArg < NO_SQL) {
        throw new IllegalArgumentException("sql must be 0 or more");
      }
    }
  }
}
