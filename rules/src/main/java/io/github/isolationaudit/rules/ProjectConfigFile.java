package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerEffect;
import java.util.List;

/**
 * The YAML shape of {@code .isolation-audit.yaml}, as Jackson reads it. Entries check themselves in
 * {@link #validate}, so a mistake is reported at the entry's line and column.
 */
record ProjectConfigFile(
    List<String> serialTags,
    Boolean replaceDefaultSerialTags,
    List<MarkerEntry> markers,
    List<String> rules,
    List<AcceptEntry> accept,
    java.util.LinkedHashMap<String, String> severity) {

  ProjectConfigFile {
    severity = severity == null ? new java.util.LinkedHashMap<>() : severity;
    serialTags = CatalogFile.nonNull(serialTags);
    markers = CatalogFile.nonNull(markers);
    rules = CatalogFile.nonNull(rules);
    accept = CatalogFile.nonNull(accept);
  }

  static ProjectConfigFile empty() {
    return new ProjectConfigFile(null, null, null, null, null, null);
  }

  void validate() {
    for (int i = 0; i < serialTags.size(); i++) {
      if (serialTags.get(i) == null || serialTags.get(i).isBlank()) {
        throw new CatalogFile.EntryException("/serialTags/" + i, "a serial tag needs a name");
      }
    }
    if (Boolean.TRUE.equals(replaceDefaultSerialTags) && serialTags.isEmpty()) {
      throw new CatalogFile.EntryException(
          "/replaceDefaultSerialTags",
          "replaceDefaultSerialTags needs serialTags: no tag would mean 'run apart' at all");
    }
    for (int i = 0; i < markers.size(); i++) {
      try {
        markers.get(i).validate();
      } catch (IllegalArgumentException e) {
        throw new CatalogFile.EntryException("/markers/" + i, e.getMessage());
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == null || rules.get(i).isBlank()) {
        throw new CatalogFile.EntryException("/rules/" + i, "a catalog file needs a path");
      }
    }
    for (java.util.Map.Entry<String, String> e : severity.entrySet()) {
      // Which rule ids and levels exist is the reports' business; here only the shape is checked.
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new CatalogFile.EntryException(
            "/severity/" + e.getKey(),
            "rule " + e.getKey() + " needs a level: off, error, warning or note");
      }
    }
    for (int i = 0; i < accept.size(); i++) {
      try {
        accept.get(i).validate();
      } catch (IllegalArgumentException e) {
        throw new CatalogFile.EntryException("/accept/" + i, e.getMessage());
      }
    }
  }

  /** A project annotation and what it means. */
  record MarkerEntry(String annotation, MarkerEffect effect, List<LockEntry> locks, String tag) {
    MarkerEntry {
      locks = CatalogFile.nonNull(locks);
    }

    void validate() {
      if (annotation == null || !isQualifiedName(annotation)) {
        throw new IllegalArgumentException(
            "a marker needs 'annotation': the fully qualified name of the annotation type");
      }
      if (effect == null) {
        throw new IllegalArgumentException("this marker needs an 'effect'");
      }
      if (effect == MarkerEffect.LOCKS && locks.isEmpty()) {
        throw new IllegalArgumentException("this marker has effect LOCKS but names no 'locks'");
      }
      if (effect != MarkerEffect.LOCKS && effect != MarkerEffect.RESTORES && !locks.isEmpty()) {
        throw new IllegalArgumentException(
            "'locks' go with effect LOCKS or RESTORES, not " + effect);
      }
      if (tag != null && effect != MarkerEffect.SERIAL_GROUP) {
        throw new IllegalArgumentException("'tag' goes with effect SERIAL_GROUP, not " + effect);
      }
      for (LockEntry l : locks) {
        if (l.key() == null || l.key().isBlank() || l.mode() == null) {
          throw new IllegalArgumentException("a lock needs 'key' and 'mode' (READ or READ_WRITE)");
        }
      }
    }
  }

  /**
   * Whether a name is a qualified Java name ({@code com.acme.SerialTest}): at least two parts of
   * letters, digits, {@code _} and {@code $}. Checked by a loop: a regular expression with a
   * repeated group would recurse once per part.
   */
  static boolean isQualifiedName(String name) {
    int parts = 1;
    boolean empty = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (empty) {
          return false;
        }
        parts++;
        empty = true;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        empty = false;
      } else {
        return false;
      }
    }
    return !empty && parts >= 2;
  }

  record LockEntry(String key, LockMode mode) {}

  /** An accepted finding: a resource, a key, optionally the tests, and the reason. */
  record AcceptEntry(String resource, String key, List<String> tests, String reason) {
    AcceptEntry {
      tests = CatalogFile.nonNull(tests);
    }

    void validate() {
      if (resource == null || resource.isBlank()) {
        throw new IllegalArgumentException(
            "an accept entry needs 'resource' (SYSTEM_PROPERTY, FILE, ... or a custom kind)");
      }
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException(
            "an accept entry needs a 'reason': why this race is acceptable");
      }
      if (key != null && key.isBlank()) {
        throw new IllegalArgumentException("'key' is empty; leave it out to accept every key");
      }
      for (String t : tests) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("'tests' holds an empty pattern");
        }
      }
    }
  }
}
