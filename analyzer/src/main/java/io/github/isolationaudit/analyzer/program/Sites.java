package io.github.isolationaudit.analyzer.program;

import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
   * One copy of a name: every class file spells its own copy of "<init>", "()V", the names of the
   * methods it calls and their owners; shared, they cost tens of MB less at 20,000 test classes.
   */
  static String interned(String s) {
    return s == null ? null : s.intern();
  }

  /**
   * A call of another method.
   *
   * @param onThis whether the receiver is the calling method's own {@code this}
   * @param args argument values, or empty when none is known
   * @param receiver what the receiver is where the scanner follows it ({@code this}, a parameter, a
   *     field, an object made here: for a constructor call, the object it makes), else null
   * @param condition what the method's enum parameters must be for the call to run
   * @param result where the value the call returns goes, when only to one argument of one other
   *     call of the same method; {@link Handoff#NONE} otherwise
   */
  public record Call(
      Dispatch dispatch,
      String owner,
      String name,
      String descriptor,
      int line,
      boolean onThis,
      List<Value> args,
      Value receiver,
      Condition condition,
      Handoff result) {
    public Call {
      owner = Sites.interned(owner);
      name = Sites.interned(name);
      descriptor = Sites.interned(descriptor);
      args = List.copyOf(args);
      condition = condition == null ? Condition.NONE : condition;
      result = result == null ? Handoff.NONE : result;
    }

    public Call(
        Dispatch dispatch,
        String owner,
        String name,
        String descriptor,
        int line,
        boolean onThis,
        List<Value> args,
        Value receiver,
        Condition condition) {
      this(dispatch, owner, name, descriptor, line, onThis, args, receiver, condition, null);
    }

    /** This call, its result handed on as {@code h} says. */
    public Call withResult(Handoff h) {
      return new Call(
          dispatch, owner, name, descriptor, line, onThis, args, receiver, condition, h);
    }

    public Call(
        Dispatch dispatch,
        String owner,
        String name,
        String descriptor,
        int line,
        boolean onThis,
        List<Value> args,
        Value receiver) {
      this(dispatch, owner, name, descriptor, line, onThis, args, receiver, Condition.NONE);
    }

    /** Whether this is {@code new owner(...)}: a constructor call that makes a new object. */
    public boolean allocates() {
      return name.equals("<init>") && receiver instanceof Value.Allocated;
    }
  }

  /**
   * A call's result handed to another call of the same method as one of its arguments, and used in
   * no other way there: not compared, called on, stored, returned or handed to a second call.
   *
   * @param call the index of the other call among the method's calls; -1 for {@link #NONE}
   * @param argument which of its arguments (0-based, the receiver not counted)
   */
  public record Handoff(int call, int argument) {
    /** A result used otherwise, or not at all. */
    public static final Handoff NONE = new Handoff(-1, -1);

    public boolean isNone() {
      return call < 0;
    }
  }

  /**
   * A call or field read that a catalog rule matches, with the value its key comes from.
   *
   * @param written for a write that sets one value ({@code System.setProperty(k, v)}, {@code
   *     Locale.setDefault(l)}), the value it sets; {@link Value#UNKNOWN} for any other sink, and
   *     for a write that clears or sets something else besides ({@code clearProperty}, {@code
   *     setDefault(Category, l)})
   * @param condition the condition on the method's enum or boolean parameters under which a call
   *     sink is made ({@code if (enableExpiration) scheduler.scheduleAtFixedRate(...)}), or {@link
   *     Condition#NONE}: the call graph gives a conditional sink a node of its own behind an edge
   *     with that condition ({@code CallGraph}), so only the tests whose values meet it reach it
   */
  public record Sink(SinkRule rule, Value key, int line, Value written, Condition condition) {
    public Sink(SinkRule rule, Value key, int line) {
      this(rule, key, line, Value.UNKNOWN);
    }

    public Sink(SinkRule rule, Value key, int line, Value written) {
      this(rule, key, line, written, Condition.NONE);
    }

    /** The same sink under another rule (made less sensitive, quiet, failure-only). */
    public Sink withRule(SinkRule other) {
      return new Sink(other, key, line, written, condition);
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
   * @param condition what the method's enum parameters must be for the object to be made
   */
  public record New(String type, int line, boolean named, Condition condition) {
    public New {
      condition = condition == null ? Condition.NONE : condition;
    }

    public New(String type, int line, boolean named) {
      this(type, line, named, Condition.NONE);
    }

    public New(String type, int line) {
      this(type, line, false);
    }
  }

  /**
   * The path condition of a site: the site runs only where each atom holds (a conjunction). {@link
   * #NONE} has no atoms: the site runs whatever the parameters are. Conditions only ever name the
   * values a parameter had on entry, so a parameter reassigned later is not one they speak of.
   */
  public record Condition(List<Atom> atoms) {
    public static final Condition NONE = new Condition(List.of());

    public Condition {
      atoms = List.copyOf(atoms);
    }

    public boolean isNone() {
      return atoms.isEmpty();
    }

    /** This condition and one more atom (an atom on the same parameter and map narrows it). */
    public Condition and(Atom atom) {
      List<Atom> more = new ArrayList<>();
      boolean merged = false;
      for (Atom a : atoms) {
        if (!merged && a.param() == atom.param() && a.switchMap().equals(atom.switchMap())) {
          Set<Object> both = new TreeSet<>(Atom.ORDER);
          both.addAll(a.cases());
          both.retainAll(atom.cases());
          more.add(new Atom(a.param(), a.switchMap(), both));
          merged = true;
        } else {
          more.add(a);
        }
      }
      if (!merged) {
        more.add(atom);
      }
      return new Condition(more);
    }

    /**
     * What holds on either of two paths that meet: the atoms both constrain (on the same parameter
     * and map), each with the cases of both; an atom only one path has does not hold on the other.
     */
    public Condition or(Condition other) {
      if (isNone() || other.isNone()) {
        return NONE;
      }
      if (equals(other)) {
        return this;
      }
      List<Atom> kept = new ArrayList<>();
      for (Atom a : atoms) {
        for (Atom b : other.atoms) {
          if (a.param() == b.param() && a.switchMap().equals(b.switchMap())) {
            Set<Object> either = new TreeSet<>(Atom.ORDER);
            either.addAll(a.cases());
            either.addAll(b.cases());
            kept.add(new Atom(a.param(), a.switchMap(), either));
            break;
          }
        }
      }
      return kept.isEmpty() ? NONE : new Condition(kept);
    }
  }

  /**
   * One parameter limited to some constants of its enum type.
   *
   * @param param the parameter (0-based, the receiver not counted)
   * @param switchMap for a {@code switch} javac compiled through a synthetic switch map, the map's
   *     owner and field ({@code pkg/Outer$1.$SwitchMap$pkg$Enum}), and {@code cases} are the
   *     numbers the map gives the constants; empty when {@code cases} are the constants' names
   *     ({@code if (p == Enum.X)})
   * @param cases Integers (switch map numbers) or Strings (constant names)
   */
  public record Atom(int param, String switchMap, Set<Object> cases) {
    static final java.util.Comparator<Object> ORDER =
        java.util.Comparator.comparing(Object::toString);

    public Atom {
      Set<Object> sorted = new TreeSet<>(ORDER);
      sorted.addAll(cases);
      cases = java.util.Collections.unmodifiableSet(sorted);
    }
  }

  /**
   * One entry of a switch map javac fills in a synthetic class's static initializer: {@code
   * $SwitchMap$pkg$Enum[Enum.CONSTANT.ordinal()] = number}.
   *
   * @param switchMap the map's owner and field, as in {@link Atom#switchMap}
   */
  public record SwitchCase(String switchMap, int number, String constant) {}

  /**
   * A value stored into a field: of {@code this}, of another object, or a static field.
   *
   * @param onThis whether the object stored into is the storing method's own {@code this} (always
   *     false for a static field)
   */
  public record FieldStore(String owner, String name, Value value, boolean onThis) {}

  /**
   * A JVM-wide lock taken or let go in a method body, or a call that may do either: a static lock
   * field's {@code lock()}/{@code unlock()}, a {@code synchronized} block on a class literal or a
   * static field, or a call of a static no-argument method, which may be a helper that only takes
   * or lets go of such a lock ({@link LockUse#takes}); which one it is is known only once the whole
   * program is read.
   *
   * @param lock {@code owner.field} for a static field's monitor, {@code owner.field#lock} for the
   *     {@code Lock} it holds, {@code owner.class} for a class's monitor; for a call, {@code
   *     owner.name} of the static method called
   * @param call whether this is a call of a method that may take or let go of a lock
   * @param index the order of the event in the method body, to tell a later release from an earlier
   *     one
   */
  public record LockToken(String lock, boolean call, int index) {
    /**
     * Appended to a field's name where its object's {@code lock()} is taken, not its monitor: the
     * two are different locks.
     */
    public static final String LOCK_OBJECT = "#lock";
  }

  /**
   * The locks at one line of a method body, over every place of the line the analysis records: a
   * token taken on every path to each of them, and the tokens let go on some path to one of them. A
   * lock is held at the line when a token of it is taken and no later token lets it go.
   */
  public record Held(int line, List<LockToken> taken, List<LockToken> released) {
    public Held {
      taken = List.copyOf(taken);
      released = List.copyOf(released);
    }
  }

  /**
   * What a method body does with JVM-wide locks.
   *
   * @param held the lines at which some lock token is taken (all other lines hold none)
   * @param takes for a static no-argument method whose only effect is to take one static lock
   *     ({@code static void lock() { LOCK.lock(); }}), that lock; else empty
   * @param releases the same for a method whose only effect is to let one go; else empty
   */
  public record LockUse(List<Held> held, String takes, String releases) {
    public static final LockUse NONE = new LockUse(List.of(), "", "");

    public LockUse {
      held = List.copyOf(held);
    }
  }
}
