package io.github.isolationaudit.analyzer.program;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All classes read, with the class hierarchy and the JVM's rules for resolving methods and fields.
 * Project classes are analysed through; library classes only answer hierarchy questions.
 */
public final class Program {
  private final Map<String, ClassInfo> classes;
  private final Map<String, List<String>> directSubtypes = new HashMap<>();
  private final Set<String> instantiated = new HashSet<>();
  private final Map<String, List<MethodInfo>> overridersCache = new ConcurrentHashMap<>();

  private final java.util.function.Function<String, Set<String>> externalMethods;

  /**
   * Per class with many methods, its methods by name, in declaration order: virtual calls are
   * resolved against every subtype and superclass, and a scan of camel-core's DSL classes (hundreds
   * of methods each) at every step was a third of building the call graph.
   */
  private final Map<String, Map<String, List<MethodInfo>>> methodIndex = new HashMap<>();

  private static final int INDEXED = 16;

  // The classes are fixed once the program is made: what is asked of them again and again (every
  // call resolved, every key bound) is kept, read-only.
  private final Map<String, List<ClassInfo>> superclassCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, List<ClassInfo>> supertypeCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A program without knowledge of library types' methods. */
  public Program(Collection<ClassInfo> all) {
    this(all, name -> null);
  }

  /**
   * @param externalMethods the instance methods (name + descriptor) of a type outside the input,
   *     such as a JDK type, or null when they are not known
   */
  public Program(
      Collection<ClassInfo> all, java.util.function.Function<String, Set<String>> externalMethods) {
    this.externalMethods = externalMethods;
    Map<String, ClassInfo> map = new HashMap<>();
    for (ClassInfo c : all) {
      // The first class of a name wins, as on a class path.
      map.putIfAbsent(c.name(), c);
    }
    this.classes = map;
    for (ClassInfo c : map.values()) {
      if (c.methods().size() > INDEXED) {
        Map<String, List<MethodInfo>> byName = new HashMap<>();
        for (MethodInfo m : c.methods()) {
          byName.computeIfAbsent(m.name(), k -> new ArrayList<>(1)).add(m);
        }
        methodIndex.put(c.name(), byName);
      }
      if (c.superName() != null) {
        directSubtypes.computeIfAbsent(c.superName(), k -> new ArrayList<>()).add(c.name());
      }
      for (String i : c.interfaces()) {
        directSubtypes.computeIfAbsent(i, k -> new ArrayList<>()).add(c.name());
      }
      if (!c.library()) {
        for (MethodInfo m : c.methods()) {
          for (Sites.New n : m.news()) {
            // A class only named for reflection says where its objects may come from (see
            // TestOwnedTypes), not that any is made.
            if (!n.named()) {
              instantiated.add(n.type());
            }
          }
        }
      }
    }
  }

  /** {@link ClassInfo#method}, looked up by name where the class has many methods. */
  private MethodInfo declared(ClassInfo c, String name, String descriptor) {
    Map<String, List<MethodInfo>> index = methodIndex.get(c.name());
    if (index == null || classes.get(c.name()) != c) {
      return c.method(name, descriptor);
    }
    List<MethodInfo> same = index.get(name);
    if (same != null) {
      for (MethodInfo m : same) {
        if (m.descriptor().equals(descriptor)) {
          return m;
        }
      }
    }
    return null;
  }

  public ClassInfo get(String name) {
    return classes.get(name);
  }

  public Collection<ClassInfo> classes() {
    return classes.values();
  }

  /** Whether the class is project code (given as input), as opposed to a library or unknown. */
  public boolean isProject(String name) {
    ClassInfo c = classes.get(name);
    return c != null && !c.library();
  }

  /**
   * The instance methods (name + descriptor) of a non-project type, with those it inherits, or null
   * when they are not known. Library classes from the class path answer from their class files, JDK
   * types from the running JDK.
   */
  public Set<String> libraryMethods(String name) {
    ClassInfo c = classes.get(name);
    if (c != null && c.library()) {
      Set<String> result = new HashSet<>();
      for (MethodInfo m : c.methods()) {
        if (!m.isStatic() && !m.isConstructor()) {
          result.add(m.name() + m.descriptor());
        }
      }
      for (String sup :
          c.superName() == null ? c.interfaces() : concat(c.superName(), c.interfaces())) {
        Set<String> inherited = libraryMethods(sup);
        if (inherited == null) {
          return null;
        }
        result.addAll(inherited);
      }
      return result;
    }
    return c == null ? externalMethods.apply(name) : null;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private Heap heap;

  /** What the program's objects keep in their fields (built on first use). */
  public synchronized Heap heap() {
    if (heap == null) {
      heap = new Heap(this);
    }
    return heap;
  }

  private ProjectDrivers drivers;

  /** The JDBC drivers the program implements (found on first use). */
  public synchronized ProjectDrivers drivers() {
    if (drivers == null) {
      drivers = new ProjectDrivers(this);
    }
    return drivers;
  }

  private volatile ProjectLoggers loggers = ProjectLoggers.NONE;

  /** The logger of the project's own that the tests' logging configuration names, if any. */
  public ProjectLoggers loggers() {
    return loggers;
  }

  /** Sets the project's logger from the configuration read with the inputs (before analysis). */
  public void useLoggers(ProjectLoggers loggers) {
    this.loggers = java.util.Objects.requireNonNull(loggers, "loggers");
  }

  /** Whether reachable code anywhere creates objects of this class with {@code new}. */
  public boolean isInstantiated(String name) {
    return instantiated.contains(name);
  }

  /** The superclasses of a class, nearest first, as far as they are known. */
  public List<ClassInfo> superclasses(String name) {
    return cached(superclassCache, name, this::superclassesOf);
  }

  private static List<ClassInfo> cached(
      Map<String, List<ClassInfo>> cache,
      String name,
      java.util.function.Function<String, List<ClassInfo>> compute) {
    if (name == null) {
      return List.of();
    }
    List<ClassInfo> known = cache.get(name);
    if (known == null) {
      known = List.copyOf(compute.apply(name));
      cache.putIfAbsent(name, known);
    }
    return known;
  }

  private List<ClassInfo> superclassesOf(String name) {
    List<ClassInfo> result = new ArrayList<>();
    ClassInfo c = classes.get(name);
    Set<String> seen = new HashSet<>();
    while (c != null && c.superName() != null && seen.add(c.name())) {
      c = classes.get(c.superName());
      if (c != null) {
        result.add(c);
      }
    }
    return result;
  }

  /** The class and all its known supertypes (classes first, then interfaces). */
  public List<ClassInfo> selfAndSupertypes(String name) {
    return cached(supertypeCache, name, this::selfAndSupertypesOf);
  }

  private List<ClassInfo> selfAndSupertypesOf(String name) {
    Set<String> seen = new LinkedHashSet<>();
    List<ClassInfo> result = new ArrayList<>();
    List<ClassInfo> chain = new ArrayList<>();
    ClassInfo self = classes.get(name);
    if (self == null) {
      return result;
    }
    chain.add(self);
    chain.addAll(superclasses(name));
    for (ClassInfo c : chain) {
      if (seen.add(c.name())) {
        result.add(c);
      }
    }
    Deque<String> todo = new ArrayDeque<>();
    for (ClassInfo c : chain) {
      todo.addAll(c.interfaces());
    }
    while (!todo.isEmpty()) {
      String i = todo.poll();
      ClassInfo ci = classes.get(i);
      if (ci != null && seen.add(i)) {
        result.add(ci);
        todo.addAll(ci.interfaces());
      }
    }
    return result;
  }

  /** Whether {@code sub} is {@code sup} or a subtype of it, as far as the hierarchy is known. */
  public boolean isSubtype(String sub, String sup) {
    if (sub.equals(sup)) {
      return true;
    }
    for (ClassInfo c : selfAndSupertypes(sub)) {
      if (c.name().equals(sup)
          || c.superName() != null && c.superName().equals(sup)
          || c.interfaces().contains(sup)) {
        return true;
      }
    }
    return false;
  }

  /** Every known subtype of a type, itself included. */
  public Set<String> subtypes(String name) {
    Set<String> result = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(name);
    while (!todo.isEmpty()) {
      String n = todo.poll();
      if (result.add(n)) {
        todo.addAll(directSubtypes.getOrDefault(n, List.of()));
      }
    }
    return result;
  }

  /**
   * Resolves a method reference as the JVM does for invokestatic and invokespecial: the class, then
   * its superclasses, then its superinterfaces. Null when it is declared outside the known program
   * (a library method).
   */
  public MethodInfo resolve(String owner, String name, String descriptor) {
    for (ClassInfo c = classes.get(owner);
        c != null;
        c = c.superName() == null ? null : classes.get(c.superName())) {
      MethodInfo m = declared(c, name, descriptor);
      if (m != null) {
        return m;
      }
    }
    for (ClassInfo c : selfAndSupertypes(owner)) {
      if (c.isInterface()) {
        MethodInfo m = declared(c, name, descriptor);
        if (m != null && !m.isAbstract()) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * The implementation a virtual call runs on an object of exactly class {@code concrete}: the
   * nearest non-abstract declaration up the superclasses, else a default method of an interface.
   */
  public MethodInfo resolveVirtual(String concrete, String name, String descriptor) {
    for (ClassInfo c = classes.get(concrete);
        c != null;
        c = c.superName() == null ? null : classes.get(c.superName())) {
      MethodInfo m = declared(c, name, descriptor);
      if (m != null && !m.isAbstract() && !m.isStatic()) {
        return m;
      }
      if (m != null && m.isAbstract()) {
        break;
      }
    }
    MethodInfo fallback = null;
    for (ClassInfo c : selfAndSupertypes(concrete)) {
      if (c.isInterface()) {
        MethodInfo m = declared(c, name, descriptor);
        if (m != null && !m.isAbstract() && !m.isStatic()) {
          if (fallback == null || isSubtype(m.owner(), fallback.owner())) {
            fallback = m;
          }
        }
      }
    }
    return fallback;
  }

  /**
   * The implementations a virtual call on a receiver of static type {@code owner} may run: {@link
   * #resolveVirtual} for every concrete known subtype (class-hierarchy analysis).
   */
  public List<MethodInfo> implementations(String owner, String name, String descriptor) {
    return overridersCache.computeIfAbsent(
        owner + '.' + name + descriptor,
        k -> {
          Set<MethodInfo> result = new LinkedHashSet<>();
          for (String sub : subtypes(owner)) {
            ClassInfo c = classes.get(sub);
            if (c == null || c.isInterface() || c.isAbstract()) {
              continue;
            }
            MethodInfo m = resolveVirtual(sub, name, descriptor);
            if (m != null) {
              result.add(m);
            }
          }
          return List.copyOf(result);
        });
  }

  /** The class that declares a field referenced as {@code owner.name}, as the JVM resolves it. */
  public ClassInfo fieldOwner(String owner, String name) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.add(owner);
    while (!todo.isEmpty()) {
      String n = todo.poll();
      ClassInfo c = classes.get(n);
      if (c == null || !seen.add(n)) {
        continue;
      }
      if (c.field(name) != null) {
        return c;
      }
      todo.addAll(c.interfaces());
      if (c.superName() != null) {
        todo.add(c.superName());
      }
    }
    return null;
  }
}
