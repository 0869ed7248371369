package io.github.isolationaudit.analyzer.program;

import io.github.isolationaudit.rules.SinkRule;
import java.util.List;

/** The places in a method body that the analysis cares about. */
public final class Sites {
  private Sites() {}

  /** How a call is dispatched. */
  public enum Dispatch {
    STATIC,
    SPECIAL,
    VIRTUAL,
    INTERFACE
  }

  /**
   * A call of another method.
   *
   * @param onThis whether the receiver is the calling method's own {@code this}
   * @param args argument values, or empty when none is known
   * @param receiver what the receiver is where the scanner follows it ({@code this}, a parameter, a
   *     field, an object made here: for a constructor call, the object it makes), else null
   */
  public record Call(
      Dispatch dispatch,
      String owner,
      String name,
      String descriptor,
      int line,
      boolean onThis,
      List<Value> args,
      Value receiver) {
    public Call {
      args = List.copyOf(args);
    }

    /** Whether this is {@code new owner(...)}: a constructor call that makes a new object. */
    public boolean allocates() {
      return name.equals("<init>") && receiver instanceof Value.Allocated;
    }
  }

  /**
   * A call or field read that a catalog rule matches, with the value its key comes from.
   *
   * @param written for a write that sets one value ({@code System.setProperty(k, v)}, {@code
   *     Locale.setDefault(l)}), the value it sets; {@link Value#UNKNOWN} for any other sink, and
   *     for a write that clears or sets something else besides ({@code clearProperty}, {@code
   *     setDefault(Category, l)})
   */
  public record Sink(SinkRule rule, Value key, int line, Value written) {
    public Sink(SinkRule rule, Value key, int line) {
      this(rule, key, line, Value.UNKNOWN);
    }
  }

  /** How a static field is touched. */
  public enum FieldOp {
    GET,
    PUT,
    MUTATE,
    ARRAY_STORE,
    /** A memoizing cache filled ({@link MemoizingFills}): a read of the cache, no write. */
    FILL
  }

  /**
   * A static field access of a non-JDK class (whether it is project code is decided later).
   *
   * @param detail the mutator called for MUTATE or FILL; {@link #MONITOR} for a GET whose value is
   *     only locked on ({@code synchronized (FIELD)}); else empty
   * @param receiverType for MUTATE or FILL, the owner of the mutator call as written
   */
  public record StaticField(
      String owner,
      String name,
      String descriptor,
      FieldOp op,
      String detail,
      String receiverType,
      int line) {
    /** The detail of a load whose value is only the monitor of a {@code synchronized} block. */
    public static final String MONITOR = "synchronized";

    /** Whether this load only takes the lock of the object the field holds. */
    public boolean monitorOnly() {
      return op == FieldOp.GET && detail.equals(MONITOR);
    }
  }

  /** A field of {@code this} read or written (instance state of the object under test). */
  public record InstanceField(String owner, String name, boolean write, int line) {}

  /**
   * A lambda or method reference: the method it stands for counts as called where it is made.
   *
   * @param onThis whether it captures the making method's own {@code this} as its receiver
   */
  public record Lambda(
      String owner, String name, String descriptor, boolean isStatic, int line, boolean onThis) {}

  /**
   * An object created with {@code new}, or by reflection from a class literal the code hands on (a
   * plugin class put into a configuration).
   *
   * @param named whether the class is only named here: its objects are made by reflection wherever
   *     the configuration is read, so library code's calls on them are not made at this line
   */
  public record New(String type, int line, boolean named) {
    public New(String type, int line) {
      this(type, line, false);
    }
  }

  /**
   * A value stored into a field: of {@code this}, of another object, or a static field.
   *
   * @param onThis whether the object stored into is the storing method's own {@code this} (always
   *     false for a static field)
   */
  public record FieldStore(String owner, String name, Value value, boolean onThis) {}
}
