package io.github.isolationaudit.analyzer.advice;

import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.ResourceKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The suite's own words for a lock: JUnit 6.1's {@code org.junit.jupiter.api.util} annotations or
 * junit-pioneer's where the suite already uses them, the key the suite's own {@code @ResourceLock}s
 * already give a resource, else JUnit's {@code Resources} constants, else the key as a string.
 *
 * <p>One key per resource: whichever source wins, every edit of a scan names a resource by the same
 * key.
 */
public final class Vocabulary {
  static final String RESOURCE_LOCK = "org.junit.jupiter.api.parallel.ResourceLock";
  static final String RESOURCES = "org.junit.jupiter.api.parallel.Resources";
  static final String ACCESS_MODE = "org.junit.jupiter.api.parallel.ResourceAccessMode";
  static final String ISOLATED = "org.junit.jupiter.api.parallel.Isolated";
  private static final String UTIL = "org.junit.jupiter.api.util.";
  private static final String PIONEER = "org.junitpioneer.jupiter.";

  /** JUnit's {@code Resources} constants by the key strings they stand for. */
  private static final Map<String, String> CONSTANTS =
      Map.of(
          "java.lang.System.properties", "SYSTEM_PROPERTIES",
          "java.lang.System.out", "SYSTEM_OUT",
          "java.lang.System.err", "SYSTEM_ERR",
          "java.util.Locale.default", "LOCALE",
          "java.util.TimeZone.default", "TIME_ZONE");

  private final boolean util;
  private final boolean pioneer;
  private final Map<String, String> suiteKeys;

  private Vocabulary(boolean util, boolean pioneer, Map<String, String> suiteKeys) {
    this.util = util;
    this.pioneer = pioneer;
    this.suiteKeys = suiteKeys;
  }

  /** JUnit's vocabulary only: no suite markers to learn from. */
  public static Vocabulary junit() {
    return new Vocabulary(false, false, Map.of());
  }

  /** The vocabulary the markers of a suite speak. */
  public static Vocabulary of(Collection<Marker> markers) {
    boolean util = false;
    boolean pioneer = false;
    Map<String, String> keys = new TreeMap<>();
    for (Marker m : markers) {
      util |= m.annotation().startsWith(UTIL);
      pioneer |= m.family().equals("junit-pioneer");
      if (m.effect() == MarkerEffect.LOCKS && m.annotation().startsWith(RESOURCE_LOCK)) {
        for (Lock l : m.locks()) {
          keys.putIfAbsent(l.key(), l.key());
        }
      }
    }
    return new Vocabulary(util, pioneer, keys);
  }

  /** The key every edit uses for a resource: its JUnit key, else the resource's own key. */
  public String key(String junitKey, String keyValue) {
    return junitKey != null ? junitKey : keyValue;
  }

  /** Whether the suite's own locks already use this key. */
  public boolean suiteUses(String key) {
    return suiteKeys.containsKey(key);
  }

  /** {@code @Isolated}. */
  public Annotation isolated() {
    return new Annotation("@Isolated", List.of(ISOLATED));
  }

  /**
   * What runs a test alone: {@code @Isolated} on a class; on a method, where {@code @Isolated} is
   * not allowed (its target is TYPE only, so it would not compile), JUnit's global lock in
   * READ_WRITE mode, which is what {@code @Isolated} holds ({@code Resources.GLOBAL}, JUnit 5.10
   * and later).
   */
  public Annotation isolation(boolean onClass) {
    if (onClass) {
      return isolated();
    }
    return new Annotation(
        "@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)",
        List.of(RESOURCE_LOCK, RESOURCES, ACCESS_MODE));
  }

  /** The lock on a resource, READ_WRITE or READ, in the suite's words. */
  public Annotation lock(ResourceKind resource, String key, LockMode mode) {
    boolean write = mode == LockMode.READ_WRITE;
    String named = named(resource, key, write);
    if (named != null) {
      return new Annotation("@" + simple(named), List.of(named));
    }
    String constant = CONSTANTS.get(key);
    String value = constant != null ? "Resources." + constant : quoted(key);
    List<String> imports =
        constant != null ? List.of(RESOURCE_LOCK, RESOURCES) : List.of(RESOURCE_LOCK);
    if (write) {
      return new Annotation("@ResourceLock(" + value + ")", imports);
    }
    List<String> withMode = new java.util.ArrayList<>(imports);
    withMode.add(ACCESS_MODE);
    return new Annotation(
        "@ResourceLock(value = " + value + ", mode = ResourceAccessMode.READ)", withMode);
  }

  /**
   * The JUnit 6.1 or junit-pioneer annotation for the lock, where the suite uses that library and
   * it has one for the resource; JUnit 6.1's first, as pioneer's successor.
   */
  private String named(ResourceKind resource, String key, boolean write) {
    String verb = write ? "Writes" : "Reads";
    String noun =
        switch (resource) {
          case SYSTEM_PROPERTY -> "SystemProperty";
          case LOCALE -> "DefaultLocale";
          case TIME_ZONE -> "DefaultTimeZone";
          case ENV -> "EnvironmentVariable";
          case STDIO -> "StdIo";
          default -> null;
        };
    if (noun == null) {
      return null;
    }
    boolean inUtil = resource != ResourceKind.ENV && resource != ResourceKind.STDIO;
    if (util && inUtil) {
      return UTIL + verb + noun;
    }
    // pioneer's StdIo locks hold all three streams, which covers any one of them.
    if (pioneer) {
      return PIONEER + verb + noun;
    }
    return null;
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** A Java string literal. */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
