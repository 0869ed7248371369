package io.github.isolationaudit.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.util.List;

/**
 * The YAML shape of one catalog file, as Jackson reads it. Entries check themselves when they are
 * built, so a mistake is reported with the line Jackson was reading.
 */
record CatalogFile(
    List<String> files,
    List<SinkEntry> sinks,
    List<ImplicitReadEntry> implicitReads,
    List<SourceEntry> perTestSources,
    List<String> perTestAnnotations,
    List<MutableEntry> mutableTypes,
    List<HandleEntry> handles,
    List<MarkerEntry> markers,
    List<String> serialTags,
    List<String> threadSafeTypes) {

  CatalogFile {
    files = nonNull(files);
    sinks = nonNull(sinks);
    implicitReads = nonNull(implicitReads);
    perTestSources = nonNull(perTestSources);
    perTestAnnotations = nonNull(perTestAnnotations);
    mutableTypes = nonNull(mutableTypes);
    handles = nonNull(handles);
    markers = nonNull(markers);
    serialTags = nonNull(serialTags);
    threadSafeTypes = nonNull(threadSafeTypes);
  }

  /** Checks every entry; a mistake names the entry by its JSON pointer. */
  void validate() {
    check("sinks", sinks, SinkEntry::validate);
    check("implicitReads", implicitReads, ImplicitReadEntry::validate);
    check("perTestSources", perTestSources, SourceEntry::validate);
    check("mutableTypes", mutableTypes, MutableEntry::validate);
    check("handles", handles, HandleEntry::validate);
    check("markers", markers, MarkerEntry::validate);
  }

  private static <T> void check(
      String field, List<T> entries, java.util.function.Consumer<T> validation) {
    for (int i = 0; i < entries.size(); i++) {
      try {
        validation.accept(entries.get(i));
      } catch (IllegalArgumentException e) {
        throw new EntryException("/" + field + "/" + i, e.getMessage());
      }
    }
  }

  /** A mistake in one entry, with the entry's JSON pointer. */
  static final class EntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String pointer;

    EntryException(String pointer, String message) {
      super(message);
      this.pointer = pointer;
    }
  }

  /**
   * The list, or an empty one. An empty item never reaches here: {@link StrictYaml} rejects it
   * where it is written; an item built in code that is null is a bug.
   */
  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * A required text. Messages name the field, never the entry's values: the file's position says
   * which entry (see {@link StrictYaml}).
   */
  static String required(String value, String field, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required in this entry");
    }
    return value;
  }

  static void requireId(String id) {
    required(id, "id", null);
    if (!isId(id)) {
      throw new IllegalArgumentException(
          "an 'id' is lower-case letters and digits, words joined by '.' and '-'");
    }
  }

  private static boolean isId(String id) {
    char first = id.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= '0' && first <= '9')) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  record SinkEntry(
      String id,
      String since,
      String summary,
      String remedy,
      ResourceKind resource,
      String customKind,
      AccessMode mode,
      KeyEntry key,
      Sensitivity sensitivity,
      Scope scope,
      List<String> methods,
      List<String> fields,
      String receiverFrom,
      List<String> aliases) {
    SinkEntry {
      methods = nonNull(methods);
      fields = nonNull(fields);
      aliases = nonNull(aliases);
    }

    void validate() {
      requireId(id);
      required(summary, "summary", id);
      required(remedy, "remedy", id);
      if (resource == null) {
        throw new IllegalArgumentException("'resource' is required in this entry");
      }
      if (mode == null) {
        throw new IllegalArgumentException("'mode' is required in this entry");
      }
      if (resource == ResourceKind.CUSTOM && (customKind == null || customKind.isBlank())) {
        throw new IllegalArgumentException("a CUSTOM resource needs 'customKind'");
      }
      if (methods.isEmpty() && fields.isEmpty()) {
        throw new IllegalArgumentException("this entry names no 'methods' and no 'fields'");
      }
    }
  }

  record KeyEntry(
      Integer arg,
      Boolean receiver,
      String constant,
      Boolean all,
      String prefix,
      Integer sql,
      Boolean script) {
    KeyEntry {
      int set =
          (arg != null ? 1 : 0)
              + (Boolean.TRUE.equals(receiver) ? 1 : 0)
              + (constant != null ? 1 : 0)
              + (Boolean.TRUE.equals(all) ? 1 : 0)
              + (sql != null ? 1 : 0)
              + (Boolean.TRUE.equals(script) ? 1 : 0);
      if (set != 1) {
        throw new IllegalArgumentException(
            "a key says exactly one of 'arg', 'receiver', 'constant', 'all', 'sql' or 'script'");
      }
      if (sql != null && sql < 0) {
        throw new IllegalArgumentException(
            "'sql' is the index of the parameter that holds the SQL text: 0 for the first, ...");
      }
      if (arg != null && arg < 0) {
        throw new IllegalArgumentException(
            "'arg' is the index of a parameter: 0 for the first, 1 for the second, ...");
      }
    }

    KeySpec toSpec() {
      String p = prefix == null ? "" : prefix;
      if (arg != null) {
        return new KeySpec.Arg(arg, p);
      }
      if (Boolean.TRUE.equals(receiver)) {
        return new KeySpec.Receiver(p);
      }
      if (constant != null) {
        return new KeySpec.Constant(p + constant);
      }
      if (sql != null) {
        return new KeySpec.Connected(sql);
      }
      if (Boolean.TRUE.equals(script)) {
        return new KeySpec.Connected(KeySpec.Connected.NO_SQL);
      }
      return new KeySpec.All();
    }
  }

  record ImplicitReadEntry(
      String id,
      String since,
      String summary,
      String remedy,
      String signatures,
      String message,
      List<ResourceKind> resources,
      Sensitivity sensitivity,
      List<String> low) {
    ImplicitReadEntry {
      resources = nonNull(resources);
      low = nonNull(low);
    }

    void validate() {
      requireId(id);
      required(summary, "summary", id);
      required(remedy, "remedy", id);
      required(signatures, "signatures", id);
      required(message, "message", id);
      if (resources.isEmpty()) {
        throw new IllegalArgumentException("this entry names no 'resources'");
      }
      for (ResourceKind r : resources) {
        if (r != ResourceKind.LOCALE && r != ResourceKind.TIME_ZONE) {
          throw new IllegalArgumentException("implicit reads are of LOCALE or TIME_ZONE, not " + r);
        }
      }
    }
  }

  record SourceEntry(String id, String since, String summary, List<String> methods) {
    SourceEntry {
      methods = nonNull(methods);
    }

    void validate() {
      requireId(id);
      required(summary, "summary", id);
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("this entry names no 'methods'");
      }
    }
  }

  record MutableEntry(String id, String since, List<String> types, List<String> mutators) {
    MutableEntry {
      types = nonNull(types);
      mutators = nonNull(mutators);
    }

    void validate() {
      requireId(id);
      if (types.isEmpty() || mutators.isEmpty()) {
        throw new IllegalArgumentException("this entry needs 'types' and 'mutators'");
      }
    }
  }

  record HandleEntry(String method, @JsonProperty("key") KeyEntry key) {
    HandleEntry {}

    void validate() {
      required(method, "method", null);
      if (key == null) {
        throw new IllegalArgumentException("a handle needs a 'key'");
      }
    }
  }

  record LockEntry(String key, io.github.isolationaudit.model.LockMode mode) {}

  record LockFromEntry(String key, String mode, String target, String providers) {}

  record SetsEntry(
      ResourceKind resource,
      AccessMode mode,
      String key,
      String keyFrom,
      Boolean all,
      String parameter) {
    SetupAccess toSetup() {
      return new SetupAccess(
          resource,
          mode == null ? AccessMode.WRITE : mode,
          key == null ? "" : key.strip(),
          keyFrom == null ? "" : keyFrom.strip(),
          Boolean.TRUE.equals(all),
          parameter == null ? "" : parameter.strip().replace('.', '/'));
    }
  }

  record MarkerEntry(
      String id,
      String since,
      String annotation,
      String container,
      String family,
      io.github.isolationaudit.model.MarkerEffect effect,
      List<LockEntry> locks,
      LockFromEntry lockFrom,
      java.util.Map<String, String> whenElement,
      String tagFrom,
      String tag,
      Boolean restores,
      List<String> whenSet,
      String orderFrom,
      List<SetsEntry> sets) {
    MarkerEntry {
      locks = nonNull(locks);
      sets = nonNull(sets);
      whenElement = whenElement == null ? java.util.Map.of() : java.util.Map.copyOf(whenElement);
      whenSet = nonNull(whenSet);
    }

    void validate() {
      requireId(id);
      required(annotation, "annotation", id);
      required(family, "family", id);
      if (effect == null) {
        throw new IllegalArgumentException("'effect' is required in this entry");
      }
      for (LockEntry l : locks) {
        if (l.key() == null || l.mode() == null) {
          throw new IllegalArgumentException("a lock needs 'key' and 'mode'");
        }
      }
      if (orderFrom != null && effect != io.github.isolationaudit.model.MarkerEffect.ORDERS) {
        throw new IllegalArgumentException("'orderFrom' needs effect ORDERS");
      }
      for (SetsEntry s : sets) {
        if (s.resource() == null) {
          throw new IllegalArgumentException("'sets' needs a 'resource' in entry '" + id + "'");
        }
        try {
          s.toSetup();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " in entry '" + id + "'");
        }
      }
    }
  }
}
