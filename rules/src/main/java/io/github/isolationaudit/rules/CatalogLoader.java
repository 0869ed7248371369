package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  private static volatile Catalog builtIn;

  private CatalogLoader() {}

  /** The built-in catalog (read once, then shared: catalogs are immutable). */
  public static Catalog builtIn() {
    Catalog c = builtIn;
    if (c == null) {
      synchronized (CatalogLoader.class) {
        c = builtIn;
        if (c == null) {
          Named index = readResource("index.yaml");
          List<Named> files = new ArrayList<>();
          for (String f : index.file().files()) {
            files.add(readResource(f));
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
    Catalog user = userFiles(userFiles);
    return user == null ? catalog : catalog.plus(user);
  }

  /**
   * One catalog file read.
   *
   * @param text the file's text, to find the place of a mistake in it
   */
  private record Named(String name, String text, CatalogFile file) {}

  /** The catalog of one file read elsewhere (the project configuration's markers and tags). */
  static Catalog build(String name, String text, CatalogFile file) {
    return build(List.of(new Named(name, text, file)));
  }

  /** The user's catalog files alone, without the built-in catalog; null when there are none. */
  static Catalog userFiles(List<Path> userFiles) {
    if (userFiles.isEmpty()) {
      return null;
    }
    List<Named> files = new ArrayList<>();
    for (Path p : userFiles) {
      files.add(readFile(p));
    }
    return build(files, builtIn().ids());
  }

  private static Named readResource(String name) {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new CatalogException(ROOT + name, 0, 0, "built-in catalog file is missing", null);
      }
      String text = StrictYaml.decode(name, in.readAllBytes());
      return new Named(name, text, parse(name, text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Named readFile(Path path) {
    String shown = path.toString();
    String text = StrictYaml.decode(shown, StrictYaml.readFile(path, shown));
    CatalogFile file = parse(shown, text);
    if (!file.files().isEmpty()) {
      throw StrictYaml.at(shown, text, "/files", "'files' is only for the built-in index");
    }
    return new Named(shown, text, file);
  }

  static CatalogFile parse(String name, String text) {
    CatalogFile file = StrictYaml.read(name, text, CatalogFile.class, CatalogFile::validate);
    return file != null
        ? file
        : new CatalogFile(null, null, null, null, null, null, null, null, null, null);
  }

  private static Catalog build(List<Named> files) {
    return build(files, Set.of());
  }

  /**
   * The catalog of these files. A mistake found while building an entry (a method that is not one,
   * an id used twice) is reported at the entry.
   *
   * @param reserved ids the files may not use (the built-in catalog's, for the user's files)
   */
  private static Catalog build(List<Named> files, Set<String> reserved) {
    checkUniqueIds(files, reserved);
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
      At at = new At(named);
      for (int i = 0; i < f.sinks().size(); i++) {
        CatalogFile.SinkEntry e = f.sinks().get(i);
        String entry = "/sinks/" + i;
        sinks.add(
            at.entry(
                entry,
                () ->
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
                        at.methods(e.methods(), entry + "/methods"),
                        at.fields(e.fields(), entry + "/fields"),
                        e.receiverFrom() == null
                            ? null
                            : at.method(e.receiverFrom(), entry + "/receiverFrom"),
                        where)));
      }
      for (int i = 0; i < f.implicitReads().size(); i++) {
        sinks.addAll(implicitReads(f.implicitReads().get(i), at, "/implicitReads/" + i));
      }
      for (int i = 0; i < f.perTestSources().size(); i++) {
        CatalogFile.SourceEntry e = f.perTestSources().get(i);
        String entry = "/perTestSources/" + i;
        sources.add(
            at.entry(
                entry,
                () ->
                    new PerTestSource(
                        e.id(), e.summary(), at.methods(e.methods(), entry + "/methods"))));
      }
      for (String a : f.perTestAnnotations()) {
        annotations.add(a.strip().replace('.', '/'));
      }
      for (int i = 0; i < f.mutableTypes().size(); i++) {
        CatalogFile.MutableEntry e = f.mutableTypes().get(i);
        List<String> types = new ArrayList<>();
        for (String t : e.types()) {
          types.add(t.strip().replace('.', '/'));
        }
        mutables.add(
            at.entry(
                "/mutableTypes/" + i,
                () -> new MutableType(e.id(), types, new HashSet<>(e.mutators()))));
      }
      for (int i = 0; i < f.markers().size(); i++) {
        CatalogFile.MarkerEntry e = f.markers().get(i);
        markers.add(at.entry("/markers/" + i, () -> marker(e)));
      }
      serialTags.addAll(f.serialTags());
      f.threadSafeTypes().forEach(t -> threadSafe.add(t.strip().replace('.', '/')));
      for (int i = 0; i < f.handles().size(); i++) {
        CatalogFile.HandleEntry e = f.handles().get(i);
        String entry = "/handles/" + i;
        handles.add(
            at.entry(
                entry,
                () -> new Handle(at.method(e.method(), entry + "/method"), e.key().toSpec())));
      }
    }
    return new Catalog(
        sinks, sources, annotations, mutables, handles, markers, serialTags, threadSafe);
  }

  private static MarkerRule marker(CatalogFile.MarkerEntry e) {
    List<io.github.isolationaudit.model.Lock> locks = new ArrayList<>();
    for (CatalogFile.LockEntry l : e.locks()) {
      locks.add(new io.github.isolationaudit.model.Lock(l.key(), l.mode()));
    }
    CatalogFile.LockFromEntry from = e.lockFrom();
    return new MarkerRule(
        e.id(),
        e.annotation().strip().replace('.', '/'),
        e.container() == null ? "" : e.container().strip().replace('.', '/'),
        e.family(),
        e.effect(),
        locks,
        from == null || from.key() == null ? "" : from.key(),
        from == null || from.mode() == null ? "" : from.mode(),
        e.whenElement(),
        e.tagFrom() == null ? "" : e.tagFrom(),
        e.tag() == null ? "" : e.tag(),
        Boolean.TRUE.equals(e.restores()),
        from == null || from.target() == null ? "" : from.target(),
        from == null || from.providers() == null ? "" : from.providers(),
        e.whenSet(),
        e.orderFrom() == null ? "" : e.orderFrom(),
        e.sets().stream().map(CatalogFile.SetsEntry::toSetup).toList());
  }

  /** Places in one file: a mistake found while building from it is reported where it is. */
  private record At(Named named) {

    CatalogException mistake(String pointer, String message) {
      return StrictYaml.at(named.name(), named.text(), pointer, message);
    }

    /** Builds one entry; what its records refuse is a mistake at the entry. */
    <T> T entry(String pointer, java.util.function.Supplier<T> make) {
      try {
        return make.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw mistake(pointer, "this entry is incomplete or malformed");
      }
    }

    List<MethodPattern> methods(List<String> signatures, String pointer) {
      List<MethodPattern> result = new ArrayList<>();
      for (int i = 0; i < signatures.size(); i++) {
        result.add(method(signatures.get(i), pointer + "/" + i));
      }
      return result;
    }

    MethodPattern method(String signature, String pointer) {
      try {
        return MethodPattern.parse(signature);
      } catch (IllegalArgumentException ex) {
        throw mistake(pointer, ex.getMessage());
      }
    }

    List<FieldPattern> fields(List<String> signatures, String pointer) {
      List<FieldPattern> result = new ArrayList<>();
      for (int i = 0; i < signatures.size(); i++) {
        try {
          result.add(FieldPattern.parse(signatures.get(i)));
        } catch (IllegalArgumentException ex) {
          throw mistake(pointer + "/" + i, ex.getMessage());
        }
      }
      return result;
    }
  }

  private static List<SinkRule> implicitReads(
      CatalogFile.ImplicitReadEntry e, At at, String entry) {
    Map<String, List<String>> bundle;
    try {
      bundle = ForbiddenApisSignatures.byMessage(e.signatures());
    } catch (IllegalArgumentException ex) {
      throw at.mistake(
          entry + "/signatures", "no such forbiddenapis signature bundle (such as jdk-unsafe-17)");
    }
    List<String> signatures = bundle.get(e.message());
    if (signatures == null) {
      throw at.mistake(
          entry + "/message",
          "the forbiddenapis bundle has no such message (it has "
              + String.join("; ", new java.util.TreeSet<>(bundle.keySet()))
              + ")");
    }
    Set<MethodPattern> low = new HashSet<>(at.methods(e.low(), entry + "/low"));
    List<MethodPattern> high = new ArrayList<>();
    List<MethodPattern> lows = new ArrayList<>();
    for (String signature : signatures) {
      MethodPattern m;
      try {
        m = MethodPattern.parse(signature);
      } catch (IllegalArgumentException ex) {
        throw at.mistake(
            entry + "/signatures", "the bundle holds a signature that is not a method");
      }
      (low.contains(m) ? lows : high).add(m);
    }
    for (int i = 0; i < e.low().size(); i++) {
      if (!lows.contains(at.method(e.low().get(i), entry + "/low/" + i))) {
        throw at.mistake(
            entry + "/low/" + i, "marked LOW, but the forbiddenapis bundle does not list it");
      }
    }
    String where = at.named().name();
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

  /**
   * Ids of the entries of one set of files; a repeated one, or one the catalog they are added to
   * uses, is a mistake at the entry's id.
   */
  private static void checkUniqueIds(List<Named> files, Set<String> reserved) {
    Map<String, String> seen = new java.util.HashMap<>();
    for (Named named : files) {
      CatalogFile f = named.file();
      Map<String, String> ids = new java.util.LinkedHashMap<>();
      java.util.function.BiConsumer<String, List<String>> add =
          (section, list) -> {
            for (int i = 0; i < list.size(); i++) {
              ids.putIfAbsent("/" + section + "/" + i + "/id", list.get(i));
            }
          };
      add.accept("sinks", f.sinks().stream().map(CatalogFile.SinkEntry::id).toList());
      add.accept(
          "implicitReads",
          f.implicitReads().stream().map(CatalogFile.ImplicitReadEntry::id).toList());
      add.accept(
          "perTestSources", f.perTestSources().stream().map(CatalogFile.SourceEntry::id).toList());
      add.accept(
          "mutableTypes", f.mutableTypes().stream().map(CatalogFile.MutableEntry::id).toList());
      add.accept("markers", f.markers().stream().map(CatalogFile.MarkerEntry::id).toList());
      At at = new At(named);
      for (Map.Entry<String, String> e : ids.entrySet()) {
        if (reserved.contains(e.getValue())) {
          throw at.mistake(e.getKey(), "this id is already used by the built-in catalog");
        }
        String first = seen.putIfAbsent(e.getValue(), named.name());
        if (first != null) {
          throw at.mistake(
              e.getKey(),
              "duplicate id: an entry "
                  + (first.equals(named.name()) ? "earlier in this file" : "in " + first)
                  + " has it already");
        }
      }
    }
  }

  /** Fails when a user catalog reuses an id of the catalog it is added to. */
  static void checkDisjoint(Set<String> ids, Set<String> otherIds, String where) {
    for (String id : otherIds) {
      if (ids.contains(id)) {
        throw new CatalogException(
            where, 0, 0, "an id of this catalog is already used by the built-in catalog", null);
      }
    }
  }
}
