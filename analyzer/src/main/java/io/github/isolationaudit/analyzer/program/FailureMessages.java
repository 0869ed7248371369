package io.github.isolationaudit.analyzer.program;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads made only while building a failure message: an exception's message ({@code throw new
 * IllegalStateException(String.format(...))}, a default Locale or System property read into it),
 * the message argument of an assertion ({@code fail(String.format(...))}, {@code assertEquals(a, b,
 * "at " + new Date())}, AssertJ's {@code as(...)}), or of a validator ({@code
 * Objects.requireNonNull(x, message)}). They matter only on the failure path, where the test fails
 * anyway, so they are LOW sensitivity. An exception is known by its type's name (ending in {@code
 * Exception}, {@code Error} or {@code Throwable}): the scanner reads one method and does not know
 * the class hierarchy.
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
    if (!lowers(rule)) {
      return rule;
    }
    return rule.withSensitivity(Sensitivity.LOW);
  }

  /** Whether {@link #failureOnly} changes this rule: a HIGH-sensitivity read. */
  public static boolean lowers(SinkRule rule) {
    return rule.mode() == AccessMode.READ && rule.sensitivity() == Sensitivity.HIGH;
  }

  /** Whether a type (internal name) is an exception by its name. */
  public static boolean throwableName(String internalName) {
    return internalName.endsWith("Exception")
        || internalName.endsWith("Error")
        || internalName.endsWith("Throwable");
  }

  private static final String STRING = "Ljava/lang/String;";
  private static final String SUPPLIER = "Ljava/util/function/Supplier;";

  /**
   * Assertion classes whose message comes first ({@code assertEquals(message, expected, actual)}).
   */
  private static final Set<String> MESSAGE_FIRST =
      Set.of(
          "org/junit/Assert",
          "org/junit/Assume",
          "junit/framework/Assert",
          "junit/framework/TestCase",
          "org/testng/AssertJUnit",
          "org/hamcrest/MatcherAssert");

  private static final Set<String> ASSERTION_OWNERS =
      Set.of(
          "org/junit/jupiter/api/Assertions",
          "org/junit/jupiter/api/Assumptions",
          "org/junit/Assert",
          "org/junit/Assume",
          "junit/framework/Assert",
          "junit/framework/TestCase",
          "org/testng/AssertJUnit",
          "org/testng/Assert",
          "org/hamcrest/MatcherAssert",
          "java/util/Objects",
          "com/google/common/base/Preconditions");

  /** AssertJ's descriptions: every argument describes the assertion ({@code as("x %s", y)}). */
  private static final Set<String> ASSERTJ_DESCRIPTIONS =
      Set.of("as", "describedAs", "withFailMessage", "overridingErrorMessage");

  /**
   * The arguments of a call that only make its failure message, by index; empty when none.
   *
   * <p>JUnit Jupiter's {@code Assertions}/{@code Assumptions} take a message last, as a {@code
   * String} or a {@code Supplier<String>} (no other parameter of theirs is a {@code String}); JUnit
   * 3 and 4, TestNG's {@code AssertJUnit} and Hamcrest's {@code assertThat(reason, ...)} take it
   * first; TestNG's {@code Assert} last (its {@code assertEquals(String, String)} compares two
   * strings); AssertJ describes with {@code as}, {@code describedAs}, {@code withFailMessage} and
   * {@code overridingErrorMessage}; {@code Objects.requireNonNull(x, message)} and Guava's {@code
   * Preconditions} format only on failure.
   */
  public static BitSet messageArguments(String owner, String name, String descriptor) {
    BitSet message = new BitSet();
    if (!ASSERTION_OWNERS.contains(owner) && !owner.startsWith("org/assertj/core/api/")) {
      return message;
    }
    List<String> parameters = MethodInfo.parameterTypes(descriptor);
    int n = parameters.size();
    if (n == 0) {
      return message;
    }
    boolean assertion =
        name.startsWith("assert")
            || name.startsWith("assume")
            || name.equals("fail")
            || name.equals("expectThrows");
    if (owner.equals("org/junit/jupiter/api/Assertions")
        || owner.equals("org/junit/jupiter/api/Assumptions")) {
      if (assertion) {
        for (int i = 0; i < n; i++) {
          if (parameters.get(i).equals(STRING) || parameters.get(i).equals(SUPPLIER)) {
            message.set(i);
          }
        }
      }
    } else if (MESSAGE_FIRST.contains(owner)) {
      boolean twoStrings = n == 2 && parameters.get(1).equals(STRING);
      if (assertion && parameters.get(0).equals(STRING) && !(twoStrings && !name.equals("fail"))) {
        message.set(0);
      }
    } else if (owner.equals("org/testng/Assert")) {
      if (assertion && (name.equals("fail") || name.endsWith("Throws"))) {
        if (parameters.get(0).equals(STRING)) {
          message.set(0);
        }
      } else if (assertion
          && parameters.get(n - 1).equals(STRING)
          && !(n == 2 && parameters.get(0).equals(STRING))) {
        message.set(n - 1);
      }
    } else if (owner.startsWith("org/assertj/core/api/")) {
      if (ASSERTJ_DESCRIPTIONS.contains(name)
          || name.equals("fail") && owner.endsWith("/Assertions")
          || name.equals("fail") && owner.endsWith("/Fail")) {
        for (int i = 0; i < n; i++) {
          if (!parameters.get(i).equals("Ljava/lang/Throwable;")) {
            message.set(i);
          }
        }
      }
    } else if (owner.equals("java/util/Objects") && name.equals("requireNonNull") && n == 2) {
      if (parameters.get(1).equals(STRING) || parameters.get(1).equals(SUPPLIER)) {
        message.set(1);
      }
    } else if (owner.equals("com/google/common/base/Preconditions") && name.startsWith("check")) {
      for (int i = 1; i < n; i++) {
        if (parameters.get(i).startsWith("L") || parameters.get(i).startsWith("[")) {
          message.set(i);
        }
      }
    }
    return message;
  }

  /**
   * Follows the values that catalog reads return, within one method, until each reaches a failure
   * message or escapes: a value is followed by identity through locals, string building ({@code
   * String.format}, concatenation, {@code StringBuilder}, {@code toString}) and array stores; any
   * other use (compared, stored in a field, returned, handed to other code) is an escape. A read
   * whose every value ends in failure messages, and at least one does, is failure-only.
   *
   * <p>Values are tagged by identity: a read whose result the scanner knows nothing of gets a fresh
   * {@link Value.Unknown}, which {@link #plain} turns back into {@link Value#UNKNOWN} wherever a
   * value leaves the scanner.
   */
  public static final class Flows {
    private final Map<Value, BitSet> tags = new IdentityHashMap<>();
    private final Map<Value, String> lambdas = new IdentityHashMap<>();
    private final Set<String> messageLambdas = new java.util.HashSet<>();
    private final Set<String> otherLambdas = new java.util.HashSet<>();
    private final List<Value> consumed = new ArrayList<>();
    private final BitSet toMessage = new BitSet();
    private final BitSet escaped = new BitSet();

    /** Whether no value is followed (so nothing needs checking). */
    public boolean idle() {
      return tags.isEmpty() && lambdas.isEmpty();
    }

    /**
     * A fresh value that stands for a lambda of this class ({@code method} is its body's name and
     * descriptor), followed to see whether it is handed on only as a failure-message supplier.
     */
    public Value lambda(String method) {
      Value v = new Value.Unknown();
      lambdas.put(v, method);
      return v;
    }

    /** The reads a value is made from, or an empty set. */
    public BitSet of(Value v) {
      escapeLambda(v);
      BitSet b = v == null || tags.isEmpty() ? null : tags.get(v);
      return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** Whether a value is followed. */
    public boolean tagged(Value v) {
      return v != null && (tags.containsKey(v) || lambdas.containsKey(v));
    }

    private void escapeLambda(Value v) {
      String method = v == null || lambdas.isEmpty() ? null : lambdas.get(v);
      if (method != null) {
        otherLambdas.add(method);
      }
    }

    /**
     * Marks the value to push as made from {@code sinks}: a fresh object where {@code value} is
     * shared ({@link Value#UNKNOWN}), else the value itself; returns what to push.
     */
    public Value tag(Value value, BitSet sinks) {
      if (sinks.isEmpty()) {
        return value;
      }
      Value v = value == null || value == Value.UNKNOWN ? new Value.Unknown() : value;
      if (v == Value.NULL || v == Value.THIS || v == Value.TOP) {
        escape(sinks);
        return value;
      }
      escapeLambda(v);
      tags.computeIfAbsent(v, k -> new BitSet()).or(sinks);
      return v;
    }

    /** Adds a value's reads to another value (an array it is stored into). */
    public void into(Value target, Value stored) {
      BitSet s = of(stored);
      if (!s.isEmpty()) {
        tags.computeIfAbsent(target, k -> new BitSet()).or(s);
      }
    }

    /** Notes that an instruction took a value off the stack. */
    public void popped(Value v) {
      if (tagged(v)) {
        consumed.add(v);
      }
    }

    /** The values just taken off the stack were moved, not used (a store, a dup, a pop). */
    public void moved() {
      consumed.clear();
    }

    /** The values just taken off the stack were used in a way the caller has accounted for. */
    public void accounted() {
      consumed.clear();
    }

    /** Every value taken off the stack and not accounted for escapes. */
    public void settle() {
      if (consumed.isEmpty()) {
        return;
      }
      for (Value v : consumed) {
        escape(v);
      }
      consumed.clear();
    }

    /** A value used in a way other than building a failure message. */
    public void escape(Value v) {
      escapeLambda(v);
      BitSet b = v == null ? null : tags.get(v);
      if (b != null) {
        escaped.or(b);
      }
    }

    private void escape(BitSet sinks) {
      escaped.or(sinks);
    }

    /** A value that became (part of) a failure message. */
    public void message(Value v) {
      String method = v == null || lambdas.isEmpty() ? null : lambdas.get(v);
      if (method != null) {
        messageLambdas.add(method);
      }
      BitSet b = v == null ? null : tags.get(v);
      if (b != null) {
        toMessage.or(b);
      }
    }

    /** Tells the class which of its lambdas this method hands on only as message suppliers. */
    public void report(Suppliers suppliers) {
      settle();
      for (String method : messageLambdas) {
        if (!otherLambdas.contains(method)) {
          suppliers.message(method);
        }
      }
      for (String method : otherLambdas) {
        suppliers.other(method);
      }
    }

    /** Values followed before a merge of frames and not found after it escape. */
    public void lost(List<Value> before, List<Value> after) {
      Set<Value> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      kept.addAll(after);
      for (Value v : before) {
        if (tagged(v) && !kept.contains(v)) {
          escape(v);
        }
      }
    }

    /** The value as anyone outside the scanner may see it: a followed unknown is unknown. */
    public Value plain(Value v) {
      return v instanceof Value.Unknown && tagged(v) ? Value.UNKNOWN : v;
    }

    /** The sinks (by index) whose every value ends in failure messages. */
    public BitSet failureOnly() {
      settle();
      BitSet b = (BitSet) toMessage.clone();
      b.andNot(escaped);
      return b;
    }
  }

  /**
   * The lambdas of one class that its methods hand on only as a failure-message supplier ({@code
   * assertTrue(ok, () -> String.format(...))}): the library calls them only once the assertion has
   * failed, so every read in their bodies happens on the failure path alone and is LOW. A lambda
   * body (javac's synthetic {@code lambda$...}) that any method uses otherwise keeps its reads.
   */
  public static final class Suppliers {
    private final Set<String> message = new java.util.HashSet<>();
    private final Set<String> other = new java.util.HashSet<>();

    void message(String method) {
      message.add(method);
    }

    void other(String method) {
      other.add(method);
    }

    /** The key a lambda body is known by: its name and descriptor. */
    public static String key(String name, String descriptor) {
      return name + descriptor;
    }

    /** The class's methods, each message-supplier lambda's HIGH reads lowered. */
    public List<MethodInfo> lowered(List<MethodInfo> methods) {
      if (message.isEmpty()) {
        return methods;
      }
      List<MethodInfo> result = new ArrayList<>(methods.size());
      for (MethodInfo m : methods) {
        String k = key(m.name(), m.descriptor());
        if (!m.name().startsWith("lambda$") || !message.contains(k) || other.contains(k)) {
          result.add(m);
          continue;
        }
        List<Sites.Sink> sinks = new ArrayList<>(m.sinks().size());
        for (Sites.Sink s : m.sinks()) {
          sinks.add(s.withRule(failureOnly(s.rule())));
        }
        result.add(m.withSinks(sinks, false));
      }
      return result;
    }
  }
}
