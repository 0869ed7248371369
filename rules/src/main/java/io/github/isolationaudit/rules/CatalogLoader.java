package io.github.isolationaudit.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads catalog YAML files and checks them; a mistake becomes a {@link CatalogException}. */
public final class CatalogLoader {
  private static final String ROOT = "/io/github/isolationaudit/rules/catalog/";
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static volatile Catalog builtIn;

  private CatalogLoader() {}

  /** The built-in catalog (read once, then shared: catalogs are immutable). */
  public static Catalog builtIn() {
    Catalog c = builtIn;
    if (c == null) {
      synchronized (CatalogLoader.class) {
        c = builtIn;
        if (c == null) {
          CatalogFile index = readResource("index.yaml");
          List<Named> files = new ArrayList<>();
          for (String f : index.files()) {
            files.add(new Named(f, readResource(f)));
          }
          builtIn = c = build(files);
        }
      }
    }
    return c;
  }

  /** The built-in catalog plus the user's catalog files, in order. */
  public static Catalog withUserFiles(List<Path> userFiles) {
    Catalog catalog = builtIn();
    if (userFiles.isEmpty()) {
      return catalog;
    }
    List<Named> files = new ArrayList<>();
    for (Path p : userFiles) {
      files.add(new Named(p.toString(), readFile(p)));
    }
    return catalog.plus(build(files));
  }

  private record Named(String name, CatalogFile file) {}

  /** The catalog of one file read elsewhere (the project configuration's markers and tags). */
  static Catalog build(String name, CatalogFile file) {
    return build(List.of(new Named(name, file)));
  }

  /** The user's catalog files alone, without the built-in catalog; null when there are none. */
  static Catalog userFiles(List<Path> userFiles) {
    if (userFiles.isEmpty()) {
      return null;
    }
    List<Named> files = new ArrayList<>();
    for (Path p : userFiles) {
      files.add(new Named(p.toString(), readFile(p)));
    }
    return build(files);
  }

  private static CatalogFile readResource(String name) {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new CatalogException(ROOT + name, 0, 0, "built-in catalog file is missing", null);
      }
      return parse(name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CatalogFile readFile(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CatalogException(path.toString(), 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new CatalogException(path.toString(), 0, 0, "cannot be read: " + e.getMessage(), e);
    }
    CatalogFile file = parse(path.toString(), bytes);
    if (!file.files().isEmpty()) {
      throw new CatalogException(
          path.toString(), 0, 0, "'files' is only for the built-in index", null);
    }
    return file;
  }

  static CatalogFile parse(String name, byte[] bytes) {
    CatalogFile file = read(name, bytes, CatalogFile.class, CatalogFile::validate);
    return file != null
        ? file
        : new CatalogFile(null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Reads one YAML file strictly (unknown keys, duplicate keys and nulls for primitives are
   * mistakes) and validates it; every mistake becomes a {@link CatalogException} with the line and
   * column of the field or entry at fault.
   *
   * @return null for an empty file
   */
  static <T> T read(
      String name, byte[] bytes, Class<T> type, java.util.function.Consumer<T> validation) {
    try {
      T file = YAML.readValue(bytes, type);
      if (file == null) {
        return null;
      }
      try {
        validation.accept(file);
      } catch (CatalogFile.EntryException e) {
        JsonLocation at = locate(bytes, e.pointer);
        throw new CatalogException(
            name,
            at == null ? 0 : at.getLineNr(),
            at == null ? 0 : at.getColumnNr(),
            e.getMessage(),
            null);
      }
      return file;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int column = loc == null ? 0 : loc.getColumnNr();
      String message = e.getOriginalMessage();
      if (e instanceof JsonMappingException m
          && m.getCause() instanceof IllegalArgumentException iae) {
        message = iae.getMessage();
      }
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        message = message + " (at " + pathOf(m) + ")";
        // Jackson reports problems of an entry where the entry ends; point at the field or entry.
        JsonLocation exact = locate(bytes, pointerOf(m));
        if (exact != null) {
          line = exact.getLineNr();
          column = exact.getColumnNr();
        }
      }
      throw new CatalogException(name, line, column, firstLine(message), e);
    } catch (IOException e) {
      throw new CatalogException(name, 0, 0, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static String pointerOf(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      sb.append('/')
          .append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
    }
    return sb.toString();
  }

  /** Where the value at a JSON pointer starts, or its field name for a member. */
  static JsonLocation locate(byte[] bytes, String pointer) {
    try (JsonParser p = YAML.getFactory().createParser(bytes)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME
            || t == JsonToken.START_OBJECT
            || t == JsonToken.START_ARRAY
            || t.isScalarValue()) {
          String here = p.getParsingContext().pathAsPointer().toString();
          if (t == JsonToken.FIELD_NAME) {
            here = p.getParsingContext().pathAsPointer().toString();
          }
          if (here.equals(pointer)) {
            return p.currentTokenLocation();
          }
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static String pathOf(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static Catalog build(List<Named> files) {
    checkUniqueIds(files);
    List<SinkRule> sinks = new ArrayList<>();
    List<PerTestSource> sources = new ArrayList<>();
    Set<String> annotations = new LinkedHashSet<>();
    List<MutableType> mutables = new ArrayList<>();
    List<Handle> handles = new ArrayList<>();
    List<MarkerRule> markers = new ArrayList<>();
    Set<String> serialTags = new LinkedHashSet<>();
    Set<String> threadSafe = new LinkedHashSet<>();
    for (Named named : files) {
      CatalogFile f = named.file();
      String where = named.name();
      for (CatalogFile.SinkEntry e : f.sinks()) {
        sinks.add(
            new SinkRule(
                e.id(),
                e.since() == null ? "" : e.since(),
                e.summary(),
                e.remedy(),
                e.resource(),
                e.customKind() == null ? "" : e.customKind(),
                e.mode(),
                e.key() == null ? new KeySpec.All() : e.key().toSpec(),
                e.sensitivity() == null ? Sensitivity.HIGH : e.sensitivity(),
                e.scope() == null ? Scope.SHARED : e.scope(),
                methods(e.methods(), where, e.id()),
                fields(e.fields(), where, e.id()),
                e.receiverFrom() == null ? null : method(e.receiverFrom(), where, e.id()),
                where));
      }
      for (CatalogFile.ImplicitReadEntry e : f.implicitReads()) {
        sinks.addAll(implicitReads(e, where));
      }
      for (CatalogFile.SourceEntry e : f.perTestSources()) {
        sources.add(new PerTestSource(e.id(), e.summary(), methods(e.methods(), where, e.id())));
      }
      for (String a : f.perTestAnnotations()) {
        annotations.add(a.strip().replace('.', '/'));
      }
      for (CatalogFile.MutableEntry e : f.mutableTypes()) {
        List<String> types = new ArrayList<>();
        for (String t : e.types()) {
          types.add(t.strip().replace('.', '/'));
        }
        mutables.add(new MutableType(e.id(), types, new HashSet<>(e.mutators())));
      }
      for (CatalogFile.MarkerEntry e : f.markers()) {
        List<io.github.isolationaudit.model.Lock> locks = new ArrayList<>();
        for (CatalogFile.LockEntry l : e.locks()) {
          locks.add(new io.github.isolationaudit.model.Lock(l.key(), l.mode()));
        }
        markers.add(
            new MarkerRule(
                e.id(),
                e.annotation().strip().replace('.', '/'),
                e.container() == null ? "" : e.container().strip().replace('.', '/'),
                e.family(),
                e.effect(),
                locks,
                e.lockFrom() == null || e.lockFrom().key() == null ? "" : e.lockFrom().key(),
                e.lockFrom() == null || e.lockFrom().mode() == null ? "" : e.lockFrom().mode(),
                e.whenElement(),
                e.tagFrom() == null ? "" : e.tagFrom(),
                e.tag() == null ? "" : e.tag(),
                Boolean.TRUE.equals(e.restores()),
                e.lockFrom() == null || e.lockFrom().target() == null ? "" : e.lockFrom().target(),
                e.lockFrom() == null || e.lockFrom().providers() == null
                    ? ""
                    : e.lockFrom().providers(),
                e.whenSet(),
                e.orderFrom() == null ? "" : e.orderFrom(),
                e.sets().stream().map(CatalogFile.SetsEntry::toSetup).toList()));
      }
      serialTags.addAll(f.serialTags());
      f.threadSafeTypes().forEach(t -> threadSafe.add(t.strip().replace('.', '/')));
      for (CatalogFile.HandleEntry e : f.handles()) {
        handles.add(new Handle(method(e.method(), where, "handles"), e.key().toSpec()));
      }
    }
    return new Catalog(
        sinks, sources, annotations, mutables, handles, markers, serialTags, threadSafe);
  }

  private static List<SinkRule> implicitReads(CatalogFile.ImplicitReadEntry e, String where) {
    Map<String, List<String>> bundle;
    try {
      bundle = ForbiddenApisSignatures.byMessage(e.signatures());
    } catch (IllegalArgumentException ex) {
      throw new CatalogException(where, 0, 0, ex.getMessage() + " in entry '" + e.id() + "'", ex);
    }
    List<String> signatures = bundle.get(e.message());
    if (signatures == null) {
      throw new CatalogException(
          where,
          0,
          0,
          "forbiddenapis bundle '"
              + e.signatures()
              + "' has no message '"
              + e.message()
              + "' (entry '"
              + e.id()
              + "'; it has "
              + bundle.keySet()
              + ")",
          null);
    }
    Set<MethodPattern> low = new HashSet<>(methods(e.low(), where, e.id()));
    List<MethodPattern> high = new ArrayList<>();
    List<MethodPattern> lows = new ArrayList<>();
    for (MethodPattern m : methods(signatures, where, e.id())) {
      (low.contains(m) ? lows : high).add(m);
    }
    Set<MethodPattern> unused = new HashSet<>(low);
    unused.removeAll(lows);
    if (!unused.isEmpty()) {
      throw new CatalogException(
          where,
          0,
          0,
          "entry '" + e.id() + "' marks " + unused + " LOW, but the bundle does not list them",
          null);
    }
    List<SinkRule> rules = new ArrayList<>();
    for (ResourceKind r : e.resources()) {
      String key = r == ResourceKind.LOCALE ? "java.util.Locale" : "java.util.TimeZone";
      Sensitivity base = e.sensitivity() == null ? Sensitivity.HIGH : e.sensitivity();
      if (!high.isEmpty()) {
        rules.add(rule(e, where, r, key, base, high));
      }
      if (!lows.isEmpty()) {
        rules.add(rule(e, where, r, key, Sensitivity.LOW, lows));
      }
    }
    return rules;
  }

  private static SinkRule rule(
      CatalogFile.ImplicitReadEntry e,
      String where,
      ResourceKind r,
      String key,
      Sensitivity s,
      List<MethodPattern> methods) {
    return new SinkRule(
        e.id(),
        e.since() == null ? "" : e.since(),
        e.summary(),
        e.remedy(),
        r,
        "",
        AccessMode.READ,
        new KeySpec.Constant(key),
        s,
        Scope.SHARED,
        methods,
        List.of(),
        null,
        where);
  }

  private static List<MethodPattern> methods(List<String> signatures, String where, String id) {
    List<MethodPattern> result = new ArrayList<>();
    for (String s : signatures) {
      result.add(method(s, where, id));
    }
    return result;
  }

  private static MethodPattern method(String signature, String where, String id) {
    try {
      return MethodPattern.parse(signature);
    } catch (IllegalArgumentException ex) {
      throw new CatalogException(where, 0, 0, ex.getMessage() + " in entry '" + id + "'", ex);
    }
  }

  private static List<FieldPattern> fields(List<String> signatures, String where, String id) {
    List<FieldPattern> result = new ArrayList<>();
    for (String s : signatures) {
      try {
        result.add(FieldPattern.parse(s));
      } catch (IllegalArgumentException ex) {
        throw new CatalogException(where, 0, 0, ex.getMessage() + " in entry '" + id + "'", ex);
      }
    }
    return result;
  }

  /** Ids of the entries of one set of files; a repeated one is a mistake. */
  private static void checkUniqueIds(List<Named> files) {
    Set<String> seen = new HashSet<>();
    for (Named named : files) {
      CatalogFile f = named.file();
      List<String> ids = new ArrayList<>();
      f.sinks().forEach(e -> ids.add(e.id()));
      f.implicitReads().forEach(e -> ids.add(e.id()));
      f.perTestSources().forEach(e -> ids.add(e.id()));
      f.mutableTypes().forEach(e -> ids.add(e.id()));
      f.markers().forEach(e -> ids.add(e.id()));
      for (String id : ids) {
        if (!seen.add(id)) {
          throw new CatalogException(named.name(), 0, 0, "duplicate id '" + id + "'", null);
        }
      }
    }
  }

  /** Fails when a user catalog reuses an id of the catalog it is added to. */
  static void checkDisjoint(Set<String> ids, Set<String> otherIds, String where) {
    for (String id : otherIds) {
      if (ids.contains(id)) {
        throw new CatalogException(
            where, 0, 0, "id '" + id + "' is already used by the built-in catalog", null);
      }
    }
  }
}
