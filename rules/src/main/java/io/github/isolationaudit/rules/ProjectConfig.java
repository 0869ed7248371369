package io.github.isolationaudit.rules;

import com.fasterxml.jackson.core.JsonLocation;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A project's configuration file, {@code .isolation-audit.yaml}: the tag names that mean "run
 * apart", the project's own marker annotations, extra sink catalogs, and accepted findings.
 *
 * <p>The file is read strictly: an unknown key, a value of the wrong kind or an entry that misses
 * what it needs is a {@link CatalogException} with the file, line and column of the mistake.
 */
public final class ProjectConfig {
  /** The name of the file that is found next to the inputs. */
  public static final String FILE_NAME = ".isolation-audit.yaml";

  private static final List<String> BUILD_FILES =
      List.of(
          "pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts");

  private static final ProjectConfig NONE =
      new ProjectConfig("", null, ProjectConfigFile.empty(), List.of(), List.of(), "");

  private final String file;
  private final Path path;
  private final ProjectConfigFile content;
  private final List<Path> rules;
  private final List<Accept> accepts;
  private final String text;

  /**
   * One accepted finding.
   *
   * @param resource a resource kind ({@code SYSTEM_PROPERTY}) or a custom kind of a catalog
   * @param key a key, with {@code *} for any run of characters; empty for every key
   * @param tests patterns over test ids ({@code com.acme.FooTest#bar}) and class names, with {@code
   *     *}; empty for every test
   * @param reason why the race is acceptable
   * @param acceptedBy the entry's place, {@code file:line}
   */
  public record Accept(
      String resource, String key, List<String> tests, String reason, String acceptedBy) {
    public Accept {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(key, "key");
      tests = List.copyOf(tests);
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(acceptedBy, "acceptedBy");
    }

    /** Whether this entry speaks of this resource (a kind or a custom kind's name) and key. */
    public boolean covers(String resourceName, String keyValue) {
      return resource.equals(resourceName) && (key.isEmpty() || Glob.matches(key, keyValue));
    }

    /** Whether this entry covers the test: no patterns, or one that matches its id or class. */
    public boolean covers(TestId test) {
      if (tests.isEmpty()) {
        return true;
      }
      for (String pattern : tests) {
        if (Glob.matches(pattern, test.display())
            || Glob.matches(pattern, test.className())
            || Glob.matches(pattern, test.className().replace('$', '.'))) {
          return true;
        }
      }
      return false;
    }

    /** How reports name this entry: {@code SYSTEM_PROPERTY user.timezone}. */
    public String display() {
      return resource
          + (key.isEmpty() ? " (every key)" : " " + key)
          + (tests.isEmpty() ? "" : " for " + String.join(", ", tests));
    }
  }

  private ProjectConfig(
      String file,
      Path path,
      ProjectConfigFile content,
      List<Path> rules,
      List<Accept> accepts,
      String text) {
    this.file = file;
    this.path = path;
    this.content = content;
    this.rules = List.copyOf(rules);
    this.accepts = List.copyOf(accepts);
    this.text = text;
  }

  /** No configuration file: the built-in defaults. */
  public static ProjectConfig none() {
    return NONE;
  }

  /**
   * Reads a configuration file the user named ({@code --config}): the catalogs it names may be
   * anywhere.
   *
   * @param shown how reports name the file (the path as the user gave it, or as it was found)
   * @throws CatalogException when the file cannot be read or has a mistake
   */
  public static ProjectConfig load(Path file, String shown) {
    return load(file, shown, null);
  }

  /**
   * Reads a configuration file that was found automatically (by {@link #find}). Such a file may
   * come with the code under audit (a pull request that CI scans), so it governs only the directory
   * that holds it: it must itself lie inside that directory once links are followed, and so must
   * every file it names in {@code rules}. Anything else is a mistake that says so.
   *
   * @throws CatalogException when the file cannot be read, has a mistake, or names a file outside
   *     its directory
   */
  public static ProjectConfig loadFound(Path file, String shown) {
    Path governed;
    Path real;
    try {
      governed = file.toAbsolutePath().normalize().getParent().toRealPath();
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new CatalogException(shown, 0, 0, "no such file (a broken link?)", e);
    } catch (IOException e) {
      throw new CatalogException(shown, 0, 0, "cannot be read", e);
    }
    if (!real.startsWith(governed)) {
      throw new CatalogException(
          shown,
          0,
          0,
          "is a link to a file outside "
              + governed
              + "; a configuration found automatically is used only from inside the directory it"
              + " governs (name it with --config to use it anyway)",
          null);
    }
    return load(real, shown, governed);
  }

  /**
   * @param governed for a file found automatically, the real directory its {@code rules} must stay
   *     in; null for a file the user named
   */
  private static ProjectConfig load(Path file, String shown, Path governed) {
    String text = StrictYaml.decode(shown, StrictYaml.readFile(file, shown));
    // A file of comments only is a configuration that says nothing yet, not a mistake.
    boolean blank =
        text.lines()
            .allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"));
    ProjectConfigFile content =
        blank
            ? null
            : StrictYaml.read(shown, text, ProjectConfigFile.class, ProjectConfigFile::validate);
    if (content == null) {
      content = ProjectConfigFile.empty();
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    List<Path> rules = new ArrayList<>();
    for (int i = 0; i < content.rules().size(); i++) {
      String pointer = "/rules/" + i;
      Path rule;
      try {
        rule = dir.resolve(content.rules().get(i)).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        throw StrictYaml.at(shown, text, pointer, "not a file path");
      }
      if (!Files.exists(rule)) {
        throw StrictYaml.at(
            shown,
            text,
            pointer,
            "no such catalog file (a relative path is read from the configuration's directory)");
      }
      if (governed != null) {
        Path real;
        try {
          real = rule.toRealPath();
        } catch (IOException e) {
          throw StrictYaml.at(shown, text, pointer, "this catalog file cannot be read");
        }
        if (!real.startsWith(governed)) {
          throw StrictYaml.at(
              shown,
              text,
              pointer,
              "names a file outside "
                  + governed
                  + ": a configuration found automatically may name only catalog files inside the"
                  + " directory it governs (name the configuration with --config, or the catalog"
                  + " with --rules, to use it)");
        }
        rule = real;
      }
      if (!Files.isRegularFile(rule)) {
        throw StrictYaml.at(shown, text, pointer, "not a regular file");
      }
      rules.add(rule);
    }
    List<Accept> accepts = new ArrayList<>();
    for (int i = 0; i < content.accept().size(); i++) {
      ProjectConfigFile.AcceptEntry e = content.accept().get(i);
      JsonLocation at = StrictYaml.locate(text, "/accept/" + i);
      accepts.add(
          new Accept(
              e.resource().strip(),
              e.key() == null ? "" : e.key(),
              e.tests().stream().map(String::strip).toList(),
              e.reason().strip(),
              shown + ":" + (at == null ? 0 : at.getLineNr())));
    }
    return new ProjectConfig(shown, file, content, rules, accepts, text);
  }

  /**
   * The configuration files that belong to these inputs, nearest first: for each input, the first
   * {@value #FILE_NAME} met walking up from it through its project (up to the directory holding
   * {@code .git}, or else to the highest directory of an unbroken line of directories holding a
   * build file: {@code pom.xml}, {@code build.gradle[.kts]}, {@code settings.gradle[.kts]}); then
   * the one in the working directory. An input outside any project looks only in its own directory
   * and the one above.
   */
  public static List<Path> find(List<Path> inputs, Path workingDirectory) {
    Set<Path> found = new LinkedHashSet<>();
    for (Path input : inputs) {
      Path start = input.toAbsolutePath().normalize();
      if (!Files.isDirectory(start)) {
        start = start.getParent();
      }
      boolean inProject = false;
      int outside = 0;
      for (Path d = start; d != null; d = d.getParent()) {
        Path dir = d;
        boolean build = BUILD_FILES.stream().anyMatch(b -> Files.isRegularFile(dir.resolve(b)));
        boolean repositoryRoot = Files.exists(d.resolve(".git"));
        if (inProject && !build && !repositoryRoot) {
          break;
        }
        Path candidate = d.resolve(FILE_NAME);
        if (Files.isRegularFile(candidate)) {
          found.add(candidate);
          break;
        }
        if (repositoryRoot) {
          break;
        }
        inProject |= build;
        if (!inProject && ++outside >= 2) {
          break;
        }
      }
    }
    Path here = workingDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
    if (Files.isRegularFile(here)) {
      found.add(here);
    }
    return List.copyOf(found);
  }

  /** How reports name the file; empty without one. */
  public String file() {
    return file;
  }

  /** Whether a file was read. */
  public boolean present() {
    return path != null;
  }

  /** The accepted findings, in file order. */
  public List<Accept> accepts() {
    return accepts;
  }

  /**
   * A rule's level as the file's {@code severity:} sets it ({@code marker-defensive: off}). Which
   * rule ids and levels exist is checked where reports define them, with {@link #mistake}.
   *
   * @param rule the rule id as written
   * @param level the level as written
   */
  public record Severity(String rule, String level) {
    public Severity {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(level, "level");
    }
  }

  /** The rule levels the file sets, in file order. */
  public List<Severity> severities() {
    List<Severity> all = new ArrayList<>();
    content.severity().forEach((rule, level) -> all.add(new Severity(rule, level.strip())));
    return all;
  }

  /**
   * A mistake in a {@code severity} entry, at the entry's line and column: for a rule id or level
   * that the reports do not know.
   */
  public CatalogException mistake(Severity entry, String message) {
    return StrictYaml.at(file, text, "/severity/" + entry.rule(), message);
  }

  /** The extra catalog files the configuration names, resolved against its directory. */
  public List<Path> rules() {
    return rules;
  }

  /**
   * The built-in catalog with this configuration's catalogs, the user's {@code --rules} files, its
   * markers and its serial tags.
   *
   * @throws CatalogException when a catalog has a mistake, or the configuration names a marker the
   *     catalog already knows or a resource no catalog has
   */
  public Catalog catalog(List<Path> userCatalogs) {
    List<Path> all = new ArrayList<>(rules);
    all.addAll(userCatalogs);
    Catalog catalog = CatalogLoader.builtIn();
    Catalog user = CatalogLoader.userFiles(all);
    if (user != null) {
      catalog = catalog.plus(user);
    }
    if (!present()) {
      return catalog;
    }
    List<CatalogFile.MarkerEntry> markers = new ArrayList<>();
    for (int i = 0; i < content.markers().size(); i++) {
      ProjectConfigFile.MarkerEntry m = content.markers().get(i);
      String internal = m.annotation().replace('.', '/');
      if (!catalog.markersFor(internal).isEmpty()) {
        throw StrictYaml.at(
            file,
            text,
            "/markers/" + i,
            "this annotation is already a known marker (catalog entry "
                + catalog.markersFor(internal).get(0).id()
                + "); the configuration cannot redefine it");
      }
      List<CatalogFile.LockEntry> locks = new ArrayList<>();
      m.locks().forEach(l -> locks.add(new CatalogFile.LockEntry(l.key(), l.mode())));
      String simple = m.annotation().substring(m.annotation().lastIndexOf('.') + 1);
      markers.add(
          new CatalogFile.MarkerEntry(
              "project." + m.annotation().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]", "-"),
              null,
              m.annotation(),
              null,
              "project",
              m.effect(),
              locks,
              null,
              null,
              null,
              m.effect() == io.github.isolationaudit.model.MarkerEffect.SERIAL_GROUP
                  ? (m.tag() == null ? simple : m.tag())
                  : null,
              m.effect() == io.github.isolationaudit.model.MarkerEffect.RESTORES,
              null,
              null,
              null));
    }
    CatalogFile own =
        new CatalogFile(
            null, null, null, null, null, null, null, markers, content.serialTags(), null);
    catalog = catalog.plus(CatalogLoader.build(file, text, own));
    if (Boolean.TRUE.equals(content.replaceDefaultSerialTags())) {
      catalog = catalog.withSerialTags(Set.copyOf(content.serialTags()));
    }
    checkResources(catalog);
    return catalog;
  }

  /** Every accepted resource is a kind or a custom kind some catalog declares. */
  private void checkResources(Catalog catalog) {
    Set<String> known = new LinkedHashSet<>();
    for (ResourceKind k : ResourceKind.values()) {
      known.add(k.name());
    }
    catalog.sinks().forEach(s -> known.add(s.customKind()));
    for (int i = 0; i < accepts.size(); i++) {
      if (!known.contains(accepts.get(i).resource())) {
        String guess = StrictYaml.Suggestion.closest(accepts.get(i).resource(), known);
        throw StrictYaml.at(
            file,
            text,
            "/accept/" + i + "/resource",
            "unknown resource"
                + (guess == null ? "" : "; did you mean " + guess + "?")
                + " (one of "
                + String.join(
                    ", ", List.of(ResourceKind.values()).stream().map(Enum::name).toList())
                + ", or a customKind of a catalog)");
      }
    }
  }
}
