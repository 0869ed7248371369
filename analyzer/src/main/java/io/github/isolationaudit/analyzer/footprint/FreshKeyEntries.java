package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which methods touch a thread-safe map held by a static field only through a key that is fresh per
 * call: a registry that hands each object an entry of its own. Two tests that each register, look
 * up and remove their own entries never see each other's; only a whole-map operation (size,
 * iteration, clear) does. A key is fresh when it is a newly made object, or when it was allocated
 * by a synchronized method that computes it from the map's own keys and puts it, or when it flows
 * (through parameters, a getter, an instance field that only ever holds such keys) from one of
 * these. Anything else (a constant, a key from outside, the map handed on) is an ordinary access.
 */
final class FreshKeyEntries {
  private static final int ACC_SYNCHRONIZED = 0x0020;
  private static final int MAX_DEPTH = 6;

  /** Calls that touch only the entry of their first argument. */
  private static final Set<String> KEYED =
      Set.of(
          "get",
          "getOrDefault",
          "getProperty",
          "containsKey",
          "put",
          "setProperty",
          "putIfAbsent",
          "remove",
          "replace",
          "computeIfAbsent",
          "computeIfPresent",
          "compute",
          "merge");

  /** Calls that read only which keys exist: how an allocator finds a key nobody holds. */
  private static final Set<String> KEY_READS =
      Set.of("keySet", "containsKey", "size", "isEmpty", "get", "iterator");

  private static final Set<String> PUTS = Set.of("put", "putIfAbsent");

  /** Keyed calls that only look their entry up. */
  private static final Set<String> ENTRY_READS =
      Set.of("get", "getOrDefault", "getProperty", "containsKey");

  private final Program program;
  private final Map<String, Reach> reaches = new ConcurrentHashMap<>();
  private final Map<String, Boolean> registries = new ConcurrentHashMap<>();
  private Map<String, List<Caller>> callers;
  private Map<String, List<Store>> stores;
  private final Set<String> referenced = new HashSet<>();

  /** How much of the map a method's accesses reach. */
  enum Reach {
    /** Only entries under keys fresh per call: its own. */
    OWN_ENTRIES,
    /** Only single entries, some under keys that others may use too. */
    ENTRIES,
    /** The whole map: size, iteration, clear, or the map handed on. */
    WHOLE
  }

  private record Caller(MethodInfo method, Sites.Call call) {}

  private record Store(MethodInfo method, Value value) {}

  FreshKeyEntries(Program program) {
    this.program = program;
  }

  /**
   * How much of the map in static field {@code owner.name} method {@code m} reaches: only entries
   * under keys fresh per call (or a key it allocates under its own lock), single entries, or all.
   */
  Reach reach(MethodInfo m, String owner, String name) {
    return reaches.computeIfAbsent(
        m.owner() + '.' + m.name() + m.descriptor() + '#' + owner + '.' + name,
        k -> classify(m, owner, name));
  }

  /**
   * Whether some method of the program touches the map only through entries under fresh keys: a
   * registry, whose keyed accesses by others are told apart from whole-map ones.
   */
  boolean registry(String owner, String name) {
    return registries.computeIfAbsent(
        owner + '.' + name,
        k -> {
          for (ClassInfo c : program.classes()) {
            for (MethodInfo m : c.methods()) {
              for (Sites.StaticField f : m.staticFields()) {
                if (f.op() == Sites.FieldOp.GET
                    && f.owner().equals(owner)
                    && f.name().equals(name)
                    && reach(m, owner, name) == Reach.OWN_ENTRIES) {
                  return true;
                }
              }
            }
          }
          return false;
        });
  }

  private Reach classify(MethodInfo m, String owner, String name) {
    List<Sites.Call> onMap = callsOn(m, owner, name);
    long gets = 0;
    for (Sites.StaticField f : m.staticFields()) {
      if (!f.owner().equals(owner) || !f.name().equals(name)) {
        continue;
      }
      if (f.op() == Sites.FieldOp.PUT || f.op() == Sites.FieldOp.ARRAY_STORE) {
        return Reach.WHOLE;
      }
      if (f.op() == Sites.FieldOp.GET && !f.monitorOnly()) {
        gets++;
      }
    }
    // Every load of the field must be the receiver of a call made here: one handed on escapes.
    if (onMap.isEmpty() || gets != onMap.size()) {
      return Reach.WHOLE;
    }
    for (Sites.Call c : onMap) {
      if (!isMap(c.owner())) {
        // An atomic's get() or a set's remove(x) is no entry of a map.
        return Reach.WHOLE;
      }
    }
    if (allocates(m, onMap)) {
      return Reach.OWN_ENTRIES;
    }
    Reach reach = Reach.OWN_ENTRIES;
    for (Sites.Call c : onMap) {
      if (!KEYED.contains(c.name())) {
        return Reach.WHOLE;
      }
      if (c.args().isEmpty() || !fresh(c.args().get(0), m, 0, new HashSet<>())) {
        reach = Reach.ENTRIES;
      }
    }
    return reach;
  }

  private static boolean isMap(String type) {
    return type.startsWith("java/util/")
        && (type.endsWith("Map")
            || type.endsWith("Hashtable")
            || type.equals("java/util/Properties"));
  }

  /** Whether a keyed call only reads its entry (a get), else it changes it (a put, a remove). */
  static boolean readsEntry(String callName) {
    return ENTRY_READS.contains(callName);
  }

  /** The calls of method {@code m} on the object static field {@code owner.name} holds. */
  static List<Sites.Call> callsOn(MethodInfo m, String owner, String name) {
    List<Sites.Call> onMap = new ArrayList<>();
    for (Sites.Call c : m.calls()) {
      if (c.receiver() instanceof Value.FieldValue f
          && f.isStatic()
          && f.owner().equals(owner)
          && f.name().equals(name)) {
        onMap.add(c);
      }
    }
    return onMap;
  }

  /**
   * Whether a synchronized method allocates a key of its own: it reads only which keys the map
   * holds and puts under a key it computed itself (not a constant, a parameter or a field).
   */
  private static boolean allocates(MethodInfo m, List<Sites.Call> onMap) {
    if ((m.access() & ACC_SYNCHRONIZED) == 0) {
      return false;
    }
    boolean puts = false;
    for (Sites.Call c : onMap) {
      if (PUTS.contains(c.name())) {
        Value key = c.args().isEmpty() ? Value.UNKNOWN : c.args().get(0);
        if (key instanceof Value.Const
            || key instanceof Value.Param
            || key instanceof Value.FieldValue
            || key instanceof Value.ObjectField
            || key instanceof Value.Null) {
          return false;
        }
        puts = true;
      } else if (!KEY_READS.contains(c.name())) {
        return false;
      }
    }
    return puts;
  }

  /** Whether method {@code m} allocates a key of some static map and returns it. */
  private boolean returnsAllocatedKey(MethodInfo m) {
    for (Sites.StaticField f : m.staticFields()) {
      if (f.op() != Sites.FieldOp.MUTATE || !PUTS.contains(f.detail())) {
        continue;
      }
      List<Sites.Call> onMap = callsOn(m, f.owner(), f.name());
      if (!allocates(m, onMap)) {
        continue;
      }
      for (Sites.Call c : onMap) {
        Value key = c.args().isEmpty() ? Value.UNKNOWN : c.args().get(0);
        if (PUTS.contains(c.name()) && key.equals(m.returned())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether value {@code v} in method {@code in} is a key fresh per call; {@code path} breaks
   * cycles.
   */
  private boolean fresh(Value v, MethodInfo in, int depth, Set<Object> path) {
    Object step = List.of(v, in.owner(), in.name(), in.descriptor());
    if (depth > MAX_DEPTH || !path.add(step)) {
      return false;
    }
    try {
      return followsFresh(v, in, depth, path);
    } finally {
      path.remove(step);
    }
  }

  private boolean followsFresh(Value v, MethodInfo in, int depth, Set<Object> seen) {
    if (v instanceof Value.Allocated || v instanceof Value.NewObject) {
      return true;
    }
    if (v instanceof Value.Concat c) {
      return c.parts().stream().anyMatch(p -> fresh(p, in, depth + 1, seen));
    }
    if (v instanceof Value.Returned r) {
      MethodInfo target = program.resolve(r.owner(), r.name(), r.descriptor());
      if (target == null) {
        return false;
      }
      return returnsAllocatedKey(target) || fresh(target.returned(), target, depth + 1, seen);
    }
    if (v instanceof Value.ObjectField o) {
      return storesFresh(o.owner(), o.name(), depth, seen);
    }
    if (v instanceof Value.FieldValue f && !f.isStatic()) {
      return storesFresh(f.owner(), f.name(), depth, seen);
    }
    if (v instanceof Value.Param p) {
      List<Caller> sites = callers().getOrDefault(in.name() + in.descriptor(), List.of());
      boolean any = false;
      for (Caller c : sites) {
        MethodInfo target =
            program.resolve(c.call().owner(), c.call().name(), c.call().descriptor());
        boolean mayReach =
            target == in
                || target != null
                    && !in.isStatic()
                    && program.isSubtype(in.owner(), c.call().owner());
        if (!mayReach) {
          continue;
        }
        if (c.call().args().size() <= p.index()
            || !fresh(c.call().args().get(p.index()), c.method(), depth + 1, seen)) {
          return false;
        }
        any = true;
      }
      return any && !referenced(in);
    }
    return false;
  }

  /** Whether a method reference or lambda names the method: its arguments are then unknown. */
  private boolean referenced(MethodInfo m) {
    callers();
    return referenced.contains(m.name() + m.descriptor());
  }

  private boolean storesFresh(String owner, String name, int depth, Set<Object> seen) {
    ClassInfo declaring = program.fieldOwner(owner, name);
    String declared = declaring == null ? owner : declaring.name();
    List<Store> all = stores().getOrDefault(declared + '.' + name, List.of());
    if (all.isEmpty()) {
      return false;
    }
    for (Store s : all) {
      if (!fresh(s.value(), s.method(), depth + 1, seen)) {
        return false;
      }
    }
    return true;
  }

  private synchronized Map<String, List<Caller>> callers() {
    if (callers == null) {
      Map<String, List<Caller>> index = new java.util.HashMap<>();
      for (ClassInfo c : program.classes()) {
        for (MethodInfo m : c.methods()) {
          for (Sites.Call call : m.calls()) {
            index
                .computeIfAbsent(call.name() + call.descriptor(), k -> new ArrayList<>())
                .add(new Caller(m, call));
          }
          for (Sites.Lambda l : m.lambdas()) {
            referenced.add(l.name() + l.descriptor());
          }
        }
      }
      callers = index;
    }
    return callers;
  }

  private synchronized Map<String, List<Store>> stores() {
    if (stores == null) {
      Map<String, List<Store>> index = new java.util.HashMap<>();
      for (ClassInfo c : program.classes()) {
        for (MethodInfo m : c.methods()) {
          for (Sites.FieldStore s : m.fieldStores()) {
            ClassInfo declaring = program.fieldOwner(s.owner(), s.name());
            String declared = declaring == null ? s.owner() : declaring.name();
            index
                .computeIfAbsent(declared + '.' + s.name(), k -> new ArrayList<>())
                .add(new Store(m, s.value()));
          }
        }
      }
      stores = index;
    }
    return stores;
  }
}
