package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.rules.Catalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which project methods change the object they are called on: they assign one of its fields, change
 * in place a collection or map it holds, or call such a method on it or on an object it holds. A
 * test that calls one on an object held by a field of a shared test instance (TestNG, a PER_CLASS
 * lifecycle) changes state every test of the class sees, though it never assigns the field itself:
 * {@code accessControl.reset()} followed by {@code accessControl.rowFilter(...)} races with the
 * same calls of a sibling test.
 *
 * <p>Computed once for the whole program as a least fixed point, so the answer does not depend on
 * the order in which footprints ask. HIGH: a plain field assignment (not a lazy initialization,
 * which reads the field first) or a mutation of a collection that is not thread-safe. LOW: only
 * mutations of thread-safe holders (a concurrent map, an atomic), lazy initializations, or changes
 * made inside a {@code synchronized} method (the object guards its own state). Filling a memoizing
 * cache ({@code computeIfAbsent}, {@code putIfAbsent}) changes nothing a caller sees.
 */
final class ReceiverMutations {

  /** Mutators of a cache that only add what is derived from the key: no caller sees a change. */
  private static final Set<String> MEMOIZING = Set.of("computeIfAbsent", "putIfAbsent");

  private static final int ACC_SYNCHRONIZED = 0x0020;

  private final Program program;
  private final Catalog catalog;
  private final Map<MethodInfo, Confidence> mutates;
  private final Map<String, Boolean> threadSafeFields = new HashMap<>();

  /** The last one made, kept while someone holds it: the footprints and the constants share it. */
  private static java.lang.ref.WeakReference<ReceiverMutations> last =
      new java.lang.ref.WeakReference<>(null);

  /** The mutations of this program under this catalog, made once for both (by identity). */
  static synchronized ReceiverMutations of(Program program, Catalog catalog) {
    ReceiverMutations m = last.get();
    if (m == null || m.program != program || m.catalog != catalog) {
      m = new ReceiverMutations(program, catalog);
      last = new java.lang.ref.WeakReference<>(m);
    }
    return m;
  }

  private ReceiverMutations(Program program, Catalog catalog) {
    this.program = program;
    this.catalog = catalog;
    this.mutates = solve();
  }

  /**
   * How surely a call changes the object it is called on (a project method that changes its
   * receiver, or a catalogued mutator of a collection), or null when it leaves it as it is.
   */
  Confidence ofCall(Sites.Call call) {
    if (call.dispatch() == Sites.Dispatch.STATIC || call.name().equals("<init>")) {
      return null;
    }
    if (catalog.isMutator(call.owner(), call.name())) {
      return MEMOIZING.contains(call.name())
          ? null
          : catalog.isThreadSafeType(call.owner()) ? Confidence.LOW : Confidence.HIGH;
    }
    return ofCallee(call);
  }

  private Confidence ofCallee(Sites.Call call) {
    Confidence best = null;
    for (MethodInfo target : targets(call)) {
      best = max(best, mutates.get(target));
    }
    return best;
  }

  private List<MethodInfo> targets(Sites.Call call) {
    if (call.dispatch() == Sites.Dispatch.SPECIAL) {
      MethodInfo m = program.resolve(call.owner(), call.name(), call.descriptor());
      return m == null ? List.of() : List.of(m);
    }
    return program.implementations(call.owner(), call.name(), call.descriptor());
  }

  /**
   * The least fixed point over the project's instance methods of what each changes itself (its
   * stores on {@code this}, catalogued mutators of held objects) joined with what the methods it
   * calls on {@code this} or on a held object change, by a worklist: a method is looked at again
   * only when one of those rose, and each method's calls are resolved once. Confidence only rises
   * and the step is monotone, so the answer is the one every order of evaluation reaches.
   */
  private Map<MethodInfo, Confidence> solve() {
    List<MethodInfo> methods =
        program.classes().stream()
            .filter(c -> !c.library())
            .flatMap(c -> c.methods().stream())
            .filter(m -> !m.isStatic() && !m.isConstructor() && !m.isAbstract())
            .toList();
    Map<MethodInfo, Integer> index = new HashMap<>();
    for (MethodInfo m : methods) {
      index.putIfAbsent(m, index.size());
    }
    int n = index.size();
    MethodInfo[] byIndex = new MethodInfo[n];
    for (Map.Entry<MethodInfo, Integer> e : index.entrySet()) {
      byIndex[e.getValue()] = e.getKey();
    }
    // Per method: what its own stores and catalogued mutators give, and the methods whose answer
    // its calls take (as indexes); per method, who takes its answer.
    Confidence[] fixed = new Confidence[n];
    int[][] takes = new int[n][];
    List<List<Integer>> takenBy = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      takenBy.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      MethodInfo m = byIndex[i];
      Confidence base = null;
      List<Integer> callees = new ArrayList<>();
      for (Sites.FieldStore store : m.fieldStores()) {
        if (store.onThis()) {
          base = max(base, lazy(m, store.name()) ? Confidence.LOW : Confidence.HIGH);
        }
      }
      for (Sites.Call call : m.calls()) {
        if (call.dispatch() == Sites.Dispatch.STATIC || call.name().equals("<init>")) {
          continue;
        }
        Value receiver = call.receiver();
        boolean onThis = call.onThis() || receiver == Value.THIS;
        boolean onHeld = receiver instanceof Value.FieldValue f && !f.isStatic();
        if (!onThis && !onHeld) {
          continue;
        }
        if (catalog.isMutator(call.owner(), call.name())) {
          if (!onHeld || MEMOIZING.contains(call.name())) {
            continue;
          }
          Value.FieldValue f = (Value.FieldValue) receiver;
          base =
              max(
                  base,
                  catalog.isThreadSafeType(call.owner()) || threadSafeField(f.owner(), f.name())
                      ? Confidence.LOW
                      : Confidence.HIGH);
        } else {
          for (MethodInfo target : targets(call)) {
            Integer t = index.get(target);
            if (t != null) {
              callees.add(t);
            }
          }
        }
      }
      fixed[i] = base;
      takes[i] = callees.stream().mapToInt(Integer::intValue).distinct().toArray();
      for (int t : takes[i]) {
        takenBy.get(t).add(i);
      }
    }
    Confidence[] value = new Confidence[n];
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    boolean[] queued = new boolean[n];
    for (int i = 0; i < n; i++) {
      todo.add(i);
      queued[i] = true;
    }
    while (!todo.isEmpty()) {
      int i = todo.poll();
      queued[i] = false;
      Confidence own = fixed[i];
      for (int t : takes[i]) {
        own = max(own, value[t]);
      }
      Confidence after = max(value[i], own);
      if (after == Confidence.HIGH && (byIndex[i].access() & ACC_SYNCHRONIZED) != 0) {
        // The object guards its state with its own lock: no data race, though the state is
        // shared (tasks added to a running executor, each test its own).
        after = Confidence.LOW;
      }
      if (after != value[i]) {
        value[i] = after;
        for (int c : takenBy.get(i)) {
          if (!queued[c]) {
            queued[c] = true;
            todo.add(c);
          }
        }
      }
    }
    Map<MethodInfo, Confidence> result = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (value[i] != null) {
        result.put(byIndex[i], value[i]);
      }
    }
    return result;
  }

  /** A field read before it is assigned in the same method: a lazily made value. */
  private static boolean lazy(MethodInfo m, String field) {
    return m.instanceFields().stream().anyMatch(f -> !f.write() && f.name().equals(field));
  }

  /**
   * Whether an instance field holds a thread-safe object: its declared type is one, or every
   * constructor that assigns it stores a new object of such a type.
   */
  private boolean threadSafeField(String owner, String name) {
    return threadSafeFields.computeIfAbsent(
        owner + "." + name,
        k -> {
          ClassInfo c = program.fieldOwner(owner, name);
          FieldInfo field = c == null ? null : c.field(name);
          if (field == null) {
            return false;
          }
          String d = field.descriptor();
          if (d.startsWith("L") && catalog.isThreadSafeType(d.substring(1, d.length() - 1))) {
            return true;
          }
          boolean any = false;
          for (MethodInfo m : c.methods()) {
            for (Sites.FieldStore store : m.fieldStores()) {
              if (!store.owner().equals(c.name()) || !store.name().equals(name)) {
                continue;
              }
              boolean safe =
                  store.value() instanceof Value.NewObject n && catalog.isThreadSafeType(n.type)
                      || store.value() instanceof Value.LibraryResult r
                          && (r.owner().equals("java/util/Collections")
                                  && r.name().startsWith("synchronized")
                              || catalog.isThreadSafeType(r.owner()));
              if (!m.isConstructor() || !safe) {
                return false;
              }
              any = true;
            }
          }
          return any;
        });
  }

  private static Confidence max(Confidence a, Confidence b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a == Confidence.HIGH || b == Confidence.HIGH ? Confidence.HIGH : Confidence.LOW;
  }
}
