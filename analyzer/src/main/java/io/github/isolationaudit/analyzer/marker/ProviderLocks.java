package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the locks a JUnit {@code ResourceLocksProvider} (5.12+) builds, from its class file, never
 * by running it: each {@code new ResourceLocksProvider.Lock(key[, mode])} with a constant key and a
 * constant mode in {@code provideForClass}, {@code provideForNestedClass} and {@code
 * provideForMethod}. A provider whose class file is not in the input, or that builds a lock from
 * anything but constants or in code of its own that it calls, has locks we cannot read.
 */
final class ProviderLocks {
  static final String LOCK = "org/junit/jupiter/api/parallel/ResourceLocksProvider$Lock";
  private static final String ACCESS_MODE = "org/junit/jupiter/api/parallel/ResourceAccessMode";

  /**
   * What one provider gives each kind of node.
   *
   * @param unread why its locks cannot be read (then the lists hold what could be), or empty
   * @param conditional why the locks read may not all be given to every node (the provider looks at
   *     the test class or method first), or empty
   */
  record Read(
      List<Lock> forClass,
      List<Lock> forNestedClass,
      List<Lock> forMethod,
      String unread,
      String conditional) {
    Read {
      forClass = List.copyOf(forClass);
      forNestedClass = List.copyOf(forNestedClass);
      forMethod = List.copyOf(forMethod);
    }
  }

  private final Program program;
  private final Map<String, Read> cache = new HashMap<>();

  ProviderLocks(Program program) {
    this.program = program;
  }

  /** The locks of the provider class (internal name). */
  Read read(String provider) {
    return cache.computeIfAbsent(provider, this::compute);
  }

  private Read compute(String provider) {
    String shown = provider.replace('/', '.');
    ClassInfo type = program.get(provider);
    if (type == null || type.library()) {
      return new Read(
          List.of(),
          List.of(),
          List.of(),
          "the provider " + shown + ", whose class file is not in the input",
          "");
    }
    List<String> unread = new ArrayList<>();
    Set<String> conditional = new LinkedHashSet<>();
    List<Lock> forClass = phase(provider, "provideForClass", unread, conditional);
    List<Lock> forNested = phase(provider, "provideForNestedClass", unread, conditional);
    List<Lock> forMethod = phase(provider, "provideForMethod", unread, conditional);
    return new Read(
        forClass,
        forNested,
        forMethod,
        unread.isEmpty() ? "" : "the provider " + shown + " (" + String.join("; ", unread) + ")",
        conditional.isEmpty()
            ? ""
            : "the provider "
                + shown
                + " looks at "
                + String.join(" and ", conditional)
                + " before it builds its locks; every lock it can build is assumed held");
  }

  /** The locks one provide method builds; an inherited default builds none. */
  private List<Lock> phase(
      String provider, String name, List<String> unread, Set<String> conditional) {
    MethodInfo method = null;
    for (String c = provider; c != null && method == null; ) {
      ClassInfo info = program.get(c);
      if (info == null || info.library()) {
        if (!c.equals("java/lang/Object")) {
          unread.add(name + " may come from " + c.replace('/', '.') + ", which was not read");
        }
        break;
      }
      for (MethodInfo m : info.methods()) {
        if (m.name().equals(name) && !m.isAbstract() && !m.isSynthetic()) {
          method = m;
        }
      }
      c = info.superName();
    }
    if (method == null) {
      return List.of();
    }
    List<Lock> locks = new ArrayList<>();
    for (Sites.Call call : method.calls()) {
      if (call.owner().equals(LOCK) && call.name().equals("<init>")) {
        Lock lock = lock(call);
        if (lock == null) {
          unread.add(name + " builds a lock from values known only at run time");
        } else {
          locks.add(lock);
        }
      } else if (program.isProject(call.owner()) && !call.name().startsWith("lambda$")) {
        unread.add(
            name
                + " calls "
                + call.owner().replace('/', '.')
                + "."
                + call.name()
                + ", which the scan does not evaluate");
      } else if (call.owner().equals("java/lang/Class")
          || call.owner().startsWith("java/lang/reflect/")) {
        conditional.add(call.owner().equals("java/lang/Class") ? "the class" : "the method");
      }
    }
    return locks;
  }

  private static Lock lock(Sites.Call call) {
    List<Value> args = call.args();
    if (args.isEmpty()
        || !(args.get(0) instanceof Value.Const c && c.value() instanceof String k)) {
      return null;
    }
    if (args.size() == 1) {
      return new Lock(k, LockMode.READ_WRITE);
    }
    if (args.get(1) instanceof Value.FieldValue f
        && f.isStatic()
        && f.owner().equals(ACCESS_MODE)
        && (f.name().equals("READ") || f.name().equals("READ_WRITE"))) {
      return new Lock(k, LockMode.valueOf(f.name()));
    }
    return null;
  }
}
