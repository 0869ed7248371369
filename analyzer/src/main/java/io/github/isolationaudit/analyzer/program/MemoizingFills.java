package io.github.isolationaudit.analyzer.program;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises, within one method, the calls that only fill a memoizing cache held by a static field:
 * {@code computeIfAbsent} and {@code putIfAbsent}, and a {@code put} of a value the method made
 * under a key it has just looked up in the same map ({@code get}, {@code containsKey}), the
 * get-then-put of a cache written by hand (usually under a lock). A filled entry is computed from
 * its key, so whichever test fills it first, every test sees the same answer: filling is no write
 * that makes its users conflict. What the caller does with the cached value afterwards (a {@code
 * computeIfAbsent(k, ...).add(x)}) is judged on its own.
 */
public final class MemoizingFills {
  private static final Set<String> LOOKUPS = Set.of("get", "containsKey", "getOrDefault");
  private static final Set<String> FILLS = Set.of("computeIfAbsent", "putIfAbsent");

  private record Lookup(String owner, String name, Value key) {}

  private final Set<Lookup> lookedUp = new HashSet<>();

  /** Notes a call on a static field's object; call it for every such call, in code order. */
  public void noteCall(Value.FieldValue holder, String callName, List<Value> args) {
    if (LOOKUPS.contains(callName) && !args.isEmpty() && known(args.get(0))) {
      lookedUp.add(new Lookup(holder.owner(), holder.name(), args.get(0)));
    }
  }

  /** Whether this mutator call on a static field's object only fills a memoizing cache. */
  public boolean isFill(Value.FieldValue holder, String callName, List<Value> args) {
    if (FILLS.contains(callName)) {
      return true;
    }
    return callName.equals("put")
        && args.size() == 2
        && known(args.get(0))
        && lookedUp.contains(new Lookup(holder.owner(), holder.name(), args.get(0)))
        && made(args.get(1));
  }

  /** Whether the call returns the cached value itself, which the caller may go on to change. */
  public static boolean returnsCachedValue(String callName) {
    return callName.equals("computeIfAbsent");
  }

  private static boolean known(Value key) {
    return key != Value.UNKNOWN && !(key instanceof Value.Top);
  }

  /**
   * Whether the stored value is made here (an object made with {@code new}, a call's result), not
   * one handed in by the caller or held elsewhere, whose identity the caller may rely on.
   */
  private static boolean made(Value value) {
    return !(value == Value.THIS
        || value instanceof Value.Param
        || value instanceof Value.FieldValue
        || value instanceof Value.ObjectField
        || value instanceof Value.Temp);
  }
}
