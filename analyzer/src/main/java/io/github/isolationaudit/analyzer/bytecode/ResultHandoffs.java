package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the values that project methods return go within one method: a result handed to exactly one
 * other call, as one of its arguments, and used in no other way ({@link Sites.Handoff}). A value
 * read only to make such an argument matters only where that call uses it ({@code filter =
 * allowedFilter(); providers = instantiate(configs, filter)}).
 *
 * <p>Results are followed by identity (a project call's {@link Value.Returned} is a fresh object)
 * through locals, casts and the merges of paths: where a result meets another value and the merge
 * makes a new one, the new one carries the result on (a fresh {@link Value.Unknown} in place of the
 * shared unknown value, which {@link #plain} turns back wherever a value leaves the scanner). Any
 * other use (compared, called on, stored, returned, handed to a second call) spoils the handoff.
 */
final class ResultHandoffs {
  /** Per followed value, the calls (by index) whose results it may be. */
  private final Map<Value, BitSet> origins = new IdentityHashMap<>();

  /** The fresh values made at merges, which stand for the shared unknown value. */
  private final Set<Value> made = Collections.newSetFromMap(new IdentityHashMap<>());

  private final List<Value> consumed = new ArrayList<>();
  private final Map<Integer, Sites.Handoff> handoffs = new HashMap<>();
  private final BitSet spoiled = new BitSet();

  /** Whether no value is followed (so nothing needs checking). */
  boolean idle() {
    return origins.isEmpty();
  }

  /** Follows what the call with this index returned, when it is a project method's result. */
  void track(Value result, int call) {
    if (result instanceof Value.Returned && !origins.containsKey(result)) {
      BitSet b = new BitSet();
      b.set(call);
      origins.put(result, b);
    }
  }

  /** Notes that an instruction took a value off the stack. */
  void popped(Value v) {
    if (origins.containsKey(v)) {
      consumed.add(v);
    }
  }

  /** The values just taken off the stack were moved, not used (a store, a dup, a pop). */
  void moved() {
    consumed.clear();
  }

  /** Every value taken off the stack and not handed on is used otherwise. */
  void settle() {
    for (Value v : consumed) {
      spoil(origins.get(v));
    }
    consumed.clear();
  }

  /** The call with index {@code call} takes these arguments: followed ones are handed to it. */
  void handedTo(Value[] args, int call) {
    for (int i = 0; i < args.length; i++) {
      BitSet from = origins.get(args[i]);
      if (from == null) {
        continue;
      }
      for (int j = 0; j < consumed.size(); j++) {
        if (consumed.get(j) == args[i]) {
          consumed.remove(j);
          break;
        }
      }
      for (int o = from.nextSetBit(0); o >= 0; o = from.nextSetBit(o + 1)) {
        Sites.Handoff had = handoffs.putIfAbsent(o, new Sites.Handoff(call, i));
        if (had != null) {
          // A second argument or a second call.
          spoiled.set(o);
        }
      }
    }
  }

  private void spoil(BitSet from) {
    if (from != null) {
      spoiled.or(from);
    }
  }

  /**
   * The value of one slot where two paths meet, as {@code merged} says it is: the same value, or
   * one that carries the results either side held on.
   */
  Value merged(Value a, Value b, Value merged) {
    BitSet fromA = a == null ? null : origins.get(a);
    BitSet fromB = b == null ? null : origins.get(b);
    if (fromA == null && fromB == null
        || merged == a && fromB == null
        || merged == b && fromA == null) {
      return merged;
    }
    BitSet both = new BitSet();
    if (fromA != null) {
      both.or(fromA);
    }
    if (fromB != null) {
      both.or(fromB);
    }
    Value v = merged;
    if (merged == null) {
      // A local set on one path only: no code reads it after the paths meet.
      return null;
    } else if (merged == Value.UNKNOWN) {
      v = new Value.Unknown();
      made.add(v);
    } else if (merged != a && merged != b && !(merged instanceof Value.OneOf)) {
      // A value shared beyond this slot cannot carry them on.
      spoil(both);
      return merged;
    }
    origins.put(v, both);
    return v;
  }

  /** Paths that do not meet slot by slot (stacks of different heights): what they held is used. */
  void lost(List<Value> values) {
    for (Value v : values) {
      if (v != null) {
        spoil(origins.get(v));
      }
    }
  }

  /** The value as anyone outside the scanner may see it: a value made at a merge is unknown. */
  Value plain(Value v) {
    return made.isEmpty() || !made.contains(v) ? v : Value.UNKNOWN;
  }

  /** Where the result of the call with this index went, once the whole body was read. */
  Sites.Handoff of(int call) {
    Sites.Handoff h = handoffs.get(call);
    return h == null || spoiled.get(call) ? Sites.Handoff.NONE : h;
  }

  /** Whether some result was handed to a call and nothing else. */
  boolean anyHandoff() {
    settle();
    for (int call : handoffs.keySet()) {
      if (!spoiled.get(call)) {
        return true;
      }
    }
    return false;
  }
}
