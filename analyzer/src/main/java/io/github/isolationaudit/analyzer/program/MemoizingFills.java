package io.github.isolationaudit.analyzer.program;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises, within one method, the calls that only fill a memoizing cache held by a static field:
 * {@code computeIfAbsent} and {@code putIfAbsent}; a {@code put} of a value the method made, after
 * it looked the map up ({@code get}, {@code containsKey}), the get-then-put of a cache written by
 * hand (usually under a lock); an {@code add} of what it found missing ({@code if
 * (!set.contains(x)) set.add(x)}); and the lazy {@code compareAndSet(null, made)} of an atomic
 * reference. A filled entry is computed from its key, so whichever test fills it first, every test
 * sees the same answer: filling is no write that makes its users conflict. What the caller does
 * with the cached value afterwards (a {@code computeIfAbsent(k, ...).add(x)}) is judged on its own.
 */
public final class MemoizingFills {
  private static final Set<String> LOOKUPS =
      Set.of("get", "containsKey", "getOrDefault", "contains");
  private static final Set<String> FILLS = Set.of("computeIfAbsent", "putIfAbsent");

  private record Lookup(String owner, String name, Value key) {}

  private record Holder(String owner, String name) {}

  private final Set<Lookup> lookedUp = new HashSet<>();
  private final Set<Holder> holdersLookedUp = new HashSet<>();
  private final List<String> parameterTypes;

  /**
   * @param descriptor the method's descriptor: a string parameter added to a set is a name, an
   *     object parameter a registration (a listener), which other tests see
   */
  public MemoizingFills(String descriptor) {
    this.parameterTypes = parameterTypes(descriptor);
  }

  /** Notes a call on a static field's object; call it for every such call, in code order. */
  public void noteCall(Value.FieldValue holder, String callName, List<Value> args) {
    if (LOOKUPS.contains(callName) && !args.isEmpty() && known(args.get(0))) {
      lookedUp.add(new Lookup(holder.owner(), holder.name(), args.get(0)));
      holdersLookedUp.add(new Holder(holder.owner(), holder.name()));
    }
  }

  /** Whether this mutator call on a static field's object only fills a memoizing cache. */
  public boolean isFill(Value.FieldValue holder, String callName, List<Value> args) {
    if (FILLS.contains(callName)) {
      return true;
    }
    if (callName.equals("compareAndSet")) {
      // Set once, lazily: only the first test's value lands, and it is made alike by each.
      return args.size() == 2 && args.get(0) == Value.NULL && made(args.get(1));
    }
    if (callName.equals("add")) {
      return args.size() == 1
          && name(args.get(0))
          && lookedUp.contains(new Lookup(holder.owner(), holder.name(), args.get(0)));
    }
    // The key put may be a copy of the key looked up (Hadoop copies a Text before it caches it).
    return callName.equals("put")
        && args.size() == 2
        && known(args.get(0))
        && holdersLookedUp.contains(new Holder(holder.owner(), holder.name()))
        && made(args.get(1))
        && fromKeyAlone(args.get(1), args.get(0));
  }

  /**
   * Whether a value made here is made of nothing the caller hands in but the key: one made from
   * another argument too ({@code put(name, newInstance(reference))}) depends on which caller fills
   * the entry first, so later callers get what the first one asked for, not what they asked for.
   */
  private static boolean fromKeyAlone(Value value, Value key) {
    Set<Integer> keyParams = new HashSet<>();
    params(key, keyParams, 0);
    Set<Integer> valueParams = new HashSet<>();
    params(value, valueParams, 0);
    return keyParams.containsAll(valueParams);
  }

  private static void params(Value v, Set<Integer> into, int depth) {
    if (depth > Value.MAX_NESTING) {
      return;
    }
    if (v instanceof Value.Param p) {
      into.add(p.index());
    } else if (v instanceof Value.Concat c) {
      c.parts().forEach(x -> params(x, into, depth + 1));
    } else if (v instanceof Value.Builder b) {
      b.parts().forEach(x -> params(x, into, depth + 1));
    } else if (v instanceof Value.Allocated a) {
      a.args().forEach(x -> params(x, into, depth + 1));
    } else if (v instanceof Value.Unmodifiable u) {
      u.args().forEach(x -> params(x, into, depth + 1));
    } else if (v instanceof Value.Returned r) {
      params(r.receiver(), into, depth + 1);
      r.args().forEach(x -> params(x, into, depth + 1));
    } else if (v instanceof Value.ObjectField o) {
      params(o.object(), into, depth + 1);
    } else if (v instanceof Value.OneOf o) {
      o.values().forEach(x -> params(x, into, depth + 1));
    }
  }

  /** Whether the call returns the cached value itself, which the caller may go on to change. */
  public static boolean returnsCachedValue(String callName) {
    return callName.equals("computeIfAbsent");
  }

  /**
   * Whether the key is a value the method knows. The object itself ({@code this}) is no key a value
   * is computed from: a map keyed by the objects that register themselves is a registry (Hadoop's
   * {@code FileContext.DELETE_ON_EXIT}), whose size tests assert.
   */
  /** Whether the value is a string constant or a string parameter: a name, not an object. */
  private boolean name(Value value) {
    return value instanceof Value.Const c && c.value() instanceof String
        || value instanceof Value.Param p
            && p.index() < parameterTypes.size()
            && parameterTypes.get(p.index()).equals("Ljava/lang/String;");
  }

  /** The parameter types of a method descriptor, each as the descriptor writes it. */
  static List<String> parameterTypes(String descriptor) {
    List<String> types = new java.util.ArrayList<>();
    int i = descriptor.indexOf('(') + 1;
    int end = descriptor.indexOf(')');
    if (i <= 0 || end < i) {
      return types;
    }
    while (i < end) {
      int start = i;
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      if (descriptor.charAt(i) == 'L') {
        int semi = descriptor.indexOf(';', i);
        if (semi < 0 || semi > end) {
          return types;
        }
        i = semi;
      }
      i++;
      types.add(descriptor.substring(start, i));
    }
    return types;
  }

  private static boolean known(Value key) {
    return key != Value.UNKNOWN
        && key != Value.THIS
        && !(key instanceof Value.Top)
        && !(key instanceof Value.OneOf);
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
