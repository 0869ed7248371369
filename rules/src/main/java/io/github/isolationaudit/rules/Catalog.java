package io.github.isolationaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules the analyzer matches bytecode against: sinks, per-test-safe sources, mutable types and
 * handles, indexed for lookup by owner and name.
 */
public final class Catalog {
  private final List<SinkRule> sinks;
  private final List<PerTestSource> perTestSources;
  private final Set<String> perTestAnnotations;
  private final List<MutableType> mutableTypes;
  private final List<Handle> handles;
  private final Map<String, List<Entry<SinkRule>>> sinksByMethod = new HashMap<>();
  private final Map<String, List<SinkRule>> sinksByField = new HashMap<>();
  private final Map<String, List<Entry<PerTestSource>>> sourcesByMethod = new HashMap<>();
  private final Map<String, List<Entry<Handle>>> handlesByMethod = new HashMap<>();
  private final Map<String, Set<String>> mutatorsByType = new HashMap<>();
  private final Set<String> sinkMethodNames = new HashSet<>();
  // Owners named by any method rule: most calls are to other owners, and are answered without
  // building a lookup key.
  private final Set<String> methodOwners = new HashSet<>();
  private final Set<String> fieldOwners = new HashSet<>();
  private final List<MethodPattern> receiverSources = new ArrayList<>();

  private record Entry<T>(MethodPattern pattern, T value) {}

  private final List<MarkerRule> markers;
  private final Set<String> serialTags;
  private final Set<String> threadSafeTypes;
  private final Map<String, List<MarkerRule>> markersByAnnotation = new HashMap<>();
  private final Map<String, String> containers = new HashMap<>();

  Catalog(
      List<SinkRule> sinks,
      List<PerTestSource> perTestSources,
      Set<String> perTestAnnotations,
      List<MutableType> mutableTypes,
      List<Handle> handles,
      List<MarkerRule> markers,
      Set<String> serialTags,
      Set<String> threadSafeTypes) {
    this.threadSafeTypes = Set.copyOf(threadSafeTypes);
    this.markers = List.copyOf(markers);
    this.serialTags = Set.copyOf(serialTags);
    for (MarkerRule m : markers) {
      markersByAnnotation.computeIfAbsent(m.annotation(), k -> new ArrayList<>()).add(m);
      if (!m.container().isEmpty()) {
        containers.put(m.container(), m.annotation());
      }
    }
    this.sinks = List.copyOf(sinks);
    this.perTestSources = List.copyOf(perTestSources);
    this.perTestAnnotations = Set.copyOf(perTestAnnotations);
    this.mutableTypes = List.copyOf(mutableTypes);
    this.handles = List.copyOf(handles);
    for (SinkRule rule : sinks) {
      if (rule.receiverFrom() != null && !receiverSources.contains(rule.receiverFrom())) {
        receiverSources.add(rule.receiverFrom());
      }
      for (MethodPattern m : rule.methods()) {
        sinksByMethod
            .computeIfAbsent(key(m.owner(), m.name()), k -> new ArrayList<>())
            .add(new Entry<>(m, rule));
        methodOwners.add(m.owner());
        sinkMethodNames.add(m.name());
      }
      for (FieldPattern f : rule.fields()) {
        sinksByField.computeIfAbsent(key(f.owner(), f.name()), k -> new ArrayList<>()).add(rule);
        fieldOwners.add(f.owner());
      }
    }
    for (PerTestSource source : perTestSources) {
      for (MethodPattern m : source.methods()) {
        sourcesByMethod
            .computeIfAbsent(key(m.owner(), m.name()), k -> new ArrayList<>())
            .add(new Entry<>(m, source));
        methodOwners.add(m.owner());
      }
    }
    for (Handle handle : handles) {
      MethodPattern m = handle.method();
      handlesByMethod
          .computeIfAbsent(key(m.owner(), m.name()), k -> new ArrayList<>())
          .add(new Entry<>(m, handle));
      methodOwners.add(m.owner());
    }
    for (MutableType type : mutableTypes) {
      for (String t : type.types()) {
        mutatorsByType.computeIfAbsent(t, k -> new HashSet<>()).addAll(type.mutators());
      }
    }
  }

  private static String key(String owner, String name) {
    return owner + '#' + name;
  }

  /** The built-in catalog shipped with the tool. */
  public static Catalog builtIn() {
    return CatalogLoader.builtIn();
  }

  /** Every sink rule, in catalog order. */
  public List<SinkRule> sinks() {
    return sinks;
  }

  public List<PerTestSource> perTestSources() {
    return perTestSources;
  }

  /** Internal names of annotations that make a field or parameter a fresh directory per test. */
  public Set<String> perTestAnnotations() {
    return perTestAnnotations;
  }

  public List<MutableType> mutableTypes() {
    return mutableTypes;
  }

  public List<Handle> handles() {
    return handles;
  }

  /** The sink rules that a call to {@code owner.name(descriptor)} matches. */
  public List<SinkRule> sinksForCall(String owner, String name, String descriptor) {
    if (!methodOwners.contains(owner)) {
      return List.of();
    }
    List<Entry<SinkRule>> entries = sinksByMethod.get(key(owner, name));
    if (entries == null) {
      return List.of();
    }
    List<SinkRule> result = new ArrayList<>(2);
    for (Entry<SinkRule> e : entries) {
      if (e.pattern().matches(owner, name, descriptor) && !result.contains(e.value())) {
        result.add(e.value());
      }
    }
    return result;
  }

  /** Whether some sink is a method of this name: a cheap filter before {@link #sinksForCall}. */
  public boolean mayBeSinkMethod(String name) {
    return sinkMethodNames.contains(name);
  }

  /** Whether some sink asks that its receiver be what this call returned. */
  public boolean isReceiverSource(String owner, String name, String descriptor) {
    for (MethodPattern p : receiverSources) {
      if (p.matches(owner, name, descriptor)) {
        return true;
      }
    }
    return false;
  }

  /** The sink rules that reading the static field {@code owner.name} matches. */
  public List<SinkRule> sinksForField(String owner, String name) {
    if (!fieldOwners.contains(owner)) {
      return List.of();
    }
    return sinksByField.getOrDefault(key(owner, name), List.of());
  }

  /** The per-test-safe source that a call is, if any. */
  public PerTestSource perTestSource(String owner, String name, String descriptor) {
    return first(sourcesByMethod, owner, name, descriptor);
  }

  /** The handle that a call is, if any. */
  public Handle handle(String owner, String name, String descriptor) {
    return first(handlesByMethod, owner, name, descriptor);
  }

  /** Whether calling {@code method} on an object of type {@code owner} changes it in place. */
  public boolean isMutator(String owner, String method) {
    Set<String> mutators = mutatorsByType.get(owner);
    return mutators != null && mutators.contains(method);
  }

  /** Whether objects of this type (internal name) can be changed in place. */
  public boolean isMutableType(String owner) {
    return mutatorsByType.containsKey(owner);
  }

  /** Every marker rule, in catalog order. */
  public List<MarkerRule> markers() {
    return markers;
  }

  /** The marker rules of an annotation type (internal name); empty when it is no known marker. */
  public List<MarkerRule> markersFor(String annotation) {
    return markersByAnnotation.getOrDefault(annotation, List.of());
  }

  /** The annotation a repeatable container holds (internal names), or null. */
  public String containedIn(String container) {
    return containers.get(container);
  }

  /** Whether changing objects of this type (internal name) from two threads is no data race. */
  public boolean isThreadSafeType(String type) {
    return threadSafeTypes.contains(type);
  }

  /** Tag, category and group names that mean "run apart from the others". */
  public Set<String> serialTags() {
    return serialTags;
  }

  /** This catalog with these serial tag names instead of its own. */
  public Catalog withSerialTags(Set<String> tags) {
    return new Catalog(
        sinks,
        perTestSources,
        perTestAnnotations,
        mutableTypes,
        handles,
        markers,
        tags,
        threadSafeTypes);
  }

  /** The ids of every entry. */
  public Set<String> ids() {
    Set<String> ids = new HashSet<>();
    sinks.forEach(r -> ids.add(r.id()));
    perTestSources.forEach(r -> ids.add(r.id()));
    mutableTypes.forEach(r -> ids.add(r.id()));
    markers.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The value of the first entry whose pattern matches the call, or null. */
  private <T> T first(
      Map<String, List<Entry<T>>> byMethod, String owner, String name, String descriptor) {
    if (!methodOwners.contains(owner)) {
      return null;
    }
    for (Entry<T> e : byMethod.getOrDefault(key(owner, name), List.of())) {
      if (e.pattern().matches(owner, name, descriptor)) {
        return e.value();
      }
    }
    return null;
  }

  /** This catalog with the rules of another added after its own. */
  public Catalog plus(Catalog other) {
    List<SinkRule> s = new ArrayList<>(sinks);
    s.addAll(other.sinks);
    List<PerTestSource> p = new ArrayList<>(perTestSources);
    p.addAll(other.perTestSources);
    Set<String> a = new HashSet<>(perTestAnnotations);
    a.addAll(other.perTestAnnotations);
    List<MutableType> m = new ArrayList<>(mutableTypes);
    m.addAll(other.mutableTypes);
    List<Handle> h = new ArrayList<>(handles);
    h.addAll(other.handles);
    List<MarkerRule> mk = new ArrayList<>(markers);
    mk.addAll(other.markers);
    Set<String> tags = new HashSet<>(serialTags);
    tags.addAll(other.serialTags);
    Set<String> safe = new HashSet<>(threadSafeTypes);
    safe.addAll(other.threadSafeTypes);
    CatalogLoader.checkDisjoint(
        ids(), other.ids(), other.sinks.isEmpty() ? "user catalog" : other.sinks.get(0).source());
    return new Catalog(s, p, a, m, h, mk, tags, safe);
  }
}
