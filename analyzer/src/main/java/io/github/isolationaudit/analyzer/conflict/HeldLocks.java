package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM-wide locks held at an access: a static final {@code Lock}'s {@code lock()} ..{@code
 * unlock()} (also through a static helper method that does nothing else), a {@code synchronized}
 * block on a class literal or a static final field, a static {@code synchronized} method, in any
 * method of the access's call chain. Where the chain's first method (the test method or a method
 * that runs around it) holds the lock itself, the access lies in that method's critical section,
 * named by a {@link Region}; tests whose every use of a resource lies in one such section under a
 * lock that all other accesses to it take too cannot see each other's intermediate states.
 *
 * <p>Read from the shortest call chain of each access. In the chain's first method, every call of
 * the next method on the chain must lie in the same critical section: a second, unlocked call of
 * the same helper ({@code lock(); clear(); unlock(); clear();}) leaves no section.
 */
final class HeldLocks {
  /** Where a lock is held: by the first method of the chain, from one {@code lock()} on. */
  record Region(String className, String methodName, int index) {}

  /** A lock held only below the chain's first method: around single operations. */
  static final Region PER_OPERATION = new Region("", "", -1);

  static final HeldLocks NONE = new HeldLocks(null);

  private final Program program;
  private final Map<EvidenceStep, Map<String, Integer>> atStep = new HashMap<>();
  private final Map<String, Boolean> validLocks = new HashMap<>();

  private HeldLocks(Program program) {
    this.program = program;
  }

  /** The locks of a program; {@link #NONE} when no method in it takes any. */
  static HeldLocks of(Program program) {
    for (ClassInfo c : program.classes()) {
      for (MethodInfo m : c.methods()) {
        if (!m.locks().held().isEmpty() || m.isStatic() && synchronizedMethod(m)) {
          return new HeldLocks(program);
        }
      }
    }
    return NONE;
  }

  private static boolean synchronizedMethod(MethodInfo m) {
    return (m.access() & 0x0020) != 0;
  }

  /**
   * The locks held at an access, each with the critical section of the chain's first method that
   * holds it, or {@link #PER_OPERATION} where only a method further down holds it.
   */
  Map<String, Region> at(Access a) {
    if (program == null) {
      return Map.of();
    }
    Map<String, Region> result = new TreeMap<>();
    Evidence e = a.evidence();
    EvidenceStep root = e.step();
    boolean first = true;
    for (; e != null; e = e.next()) {
      Map<String, Integer> here = locksAt(e.step());
      for (Map.Entry<String, Integer> h : here.entrySet()) {
        Region r = PER_OPERATION;
        if (first
            && h.getValue() >= 0
            && noCallOutside(root, a.evidence(), h.getKey(), h.getValue())) {
          r = new Region(root.className(), root.methodName(), h.getValue());
        }
        Region known = result.get(h.getKey());
        if (known == null || known == PER_OPERATION) {
          result.put(h.getKey(), r);
        }
      }
      first = false;
    }
    return result;
  }

  /**
   * The locks held at one step, each with the index of the token that takes it in the step's method
   * (-1 for a synchronized method); over overloads of the method's name, those all hold.
   */
  private Map<String, Integer> locksAt(EvidenceStep step) {
    Map<String, Integer> known = atStep.get(step);
    if (known != null) {
      return known;
    }
    Map<String, Integer> result = null;
    for (MethodInfo m : methods(step.className(), step.methodName())) {
      Map<String, Integer> held = locksAt(m, step.line());
      if (result == null) {
        result = held;
      } else {
        result.keySet().retainAll(held.keySet());
        for (Map.Entry<String, Integer> h : result.entrySet()) {
          if (!h.getValue().equals(held.get(h.getKey()))) {
            h.setValue(-1);
          }
        }
      }
    }
    result = result == null || result.isEmpty() ? Map.of() : result;
    atStep.put(step, result);
    return result;
  }

  private List<MethodInfo> methods(String binaryClassName, String methodName) {
    ClassInfo c = program.get(binaryClassName.replace('.', '/'));
    if (c == null) {
      return List.of();
    }
    List<MethodInfo> found = new ArrayList<>();
    for (MethodInfo m : c.methods()) {
      if (m.name().equals(methodName)) {
        found.add(m);
      }
    }
    return found;
  }

  /** The locks a method holds at a line, each with the index of the token that takes it. */
  private Map<String, Integer> locksAt(MethodInfo m, int line) {
    Map<String, Integer> held = new TreeMap<>();
    if (m.isStatic() && synchronizedMethod(m)) {
      held.put(m.owner() + ".class", -1);
    }
    Sites.Held h = heldAt(m, line);
    if (h != null) {
      for (Sites.LockToken t : h.taken()) {
        String lock = taken(t);
        if (lock.isEmpty() || !valid(lock) || releasedAfter(h, lock, t.index())) {
          continue;
        }
        held.putIfAbsent(lock, t.index());
      }
    }
    return held;
  }

  private static Sites.Held heldAt(MethodInfo m, int line) {
    for (Sites.Held h : m.locks().held()) {
      if (h.line() == line) {
        return h;
      }
    }
    return null;
  }

  private boolean releasedAfter(Sites.Held h, String lock, int index) {
    for (Sites.LockToken r : h.released()) {
      if (r.index() > index && released(r).equals(lock)) {
        return true;
      }
    }
    return false;
  }

  /** The lock a token takes: its own, or the one a helper it calls only takes; else empty. */
  private String taken(Sites.LockToken t) {
    if (!t.call()) {
      return t.lock();
    }
    MethodInfo helper = helper(t.lock());
    return helper == null ? "" : helper.locks().takes();
  }

  private String released(Sites.LockToken t) {
    if (!t.call()) {
      return t.lock();
    }
    MethodInfo helper = helper(t.lock());
    return helper == null ? "" : helper.locks().releases();
  }

  private MethodInfo helper(String ownerDotName) {
    int dot = ownerDotName.lastIndexOf('.');
    return program.resolve(ownerDotName.substring(0, dot), ownerDotName.substring(dot + 1), "()V");
  }

  /**
   * Whether a lock is JVM-wide: a class's monitor, or a static final field (what it holds is never
   * replaced, so every method that names it locks the same object).
   */
  private boolean valid(String lock) {
    return validLocks.computeIfAbsent(
        lock,
        l -> {
          if (l.endsWith(".class")) {
            return true;
          }
          boolean lockObject = l.endsWith(Sites.LockToken.LOCK_OBJECT);
          String name =
              lockObject ? l.substring(0, l.length() - Sites.LockToken.LOCK_OBJECT.length()) : l;
          int dot = name.lastIndexOf('.');
          String owner = name.substring(0, dot);
          String field = name.substring(dot + 1);
          ClassInfo declaring = program.fieldOwner(owner, field);
          FieldInfo f = declaring == null ? null : declaring.field(field);
          if (f == null || !f.isStatic() || !f.isFinal()) {
            return false;
          }
          // A Lock excludes only where it is no read lock (which many hold at once): a
          // ReentrantLock field, a write lock, or a field its class sets to a new ReentrantLock.
          return !lockObject
              || f.descriptor().equals("Ljava/util/concurrent/locks/ReentrantLock;")
              || f.descriptor()
                  .equals("Ljava/util/concurrent/locks/ReentrantReadWriteLock$WriteLock;")
              || newReentrantLock(declaring, field);
        });
  }

  /**
   * Whether the chain's first method makes no call outside the critical section that the chain
   * itself goes through: none of a method on the chain, none of a method of the class the resource
   * is touched in. The footprint keeps one chain per test, key and mode, so a second way to the
   * resource ({@code lock(); clear(); unlock(); clear();}) is found here or not at all.
   */
  private boolean noCallOutside(EvidenceStep root, Evidence chain, String lock, int index) {
    java.util.Set<String> names = new java.util.HashSet<>();
    String sinkClass = "";
    for (Evidence e = chain.next(); e != null; e = e.next()) {
      names.add(e.step().methodName());
      sinkClass = e.step().className().replace('.', '/');
    }
    for (MethodInfo m : methods(root.className(), root.methodName())) {
      for (Sites.Call c : m.calls()) {
        if ((names.contains(c.name()) || c.owner().equals(sinkClass)) && !locking(c)) {
          Integer at = locksAt(m, c.line()).get(lock);
          if (at == null || at != index) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether a call only takes or lets go of a lock (a helper such as {@code lock()}). */
  private boolean locking(Sites.Call c) {
    if (!c.descriptor().equals("()V")) {
      return false;
    }
    MethodInfo m = program.resolve(c.owner(), c.name(), "()V");
    return m != null && !(m.locks().takes().isEmpty() && m.locks().releases().isEmpty());
  }

  /**
   * Whether every store into the field is a new {@code ReentrantLock}, in its class's initializer.
   */
  private static boolean newReentrantLock(ClassInfo c, String field) {
    boolean seen = false;
    for (MethodInfo m : c.methods()) {
      for (Sites.FieldStore store : m.fieldStores()) {
        if (store.owner().equals(c.name()) && store.name().equals(field)) {
          if (!m.name().equals("<clinit>")
              || !(store.value()
                  instanceof io.github.isolationaudit.analyzer.program.Value.NewObject n)
              || !n.type.equals("java/util/concurrent/locks/ReentrantLock")) {
            return false;
          }
          seen = true;
        }
      }
    }
    return seen;
  }
}
