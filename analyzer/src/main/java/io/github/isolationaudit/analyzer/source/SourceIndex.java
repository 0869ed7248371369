package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds where marker annotations are written in the sources, with their line and stated reason.
 *
 * <p>Files are read and parsed only when a query needs them, in parallel, and each at most once;
 * there is no symbol solver, names are resolved from imports. The index is safe for concurrent use.
 */
public final class SourceIndex {

  /**
   * One marker to find.
   *
   * @param className binary name of the class ({@code $} for nested classes)
   * @param memberName the method it sits on, or empty for a class-level marker
   * @param annotation the annotation's binary name as the bytecode has it ({@code
   *     org.junit.jupiter.api.parallel.Isolated})
   */
  public record Query(String className, String memberName, String annotation) {
    public Query {
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(memberName, "memberName");
      Objects.requireNonNull(annotation, "annotation");
    }
  }

  /**
   * Where a marker is written.
   *
   * @param location the root-relative file and the annotation's first line
   * @param statedReason the reason written next to it, on one line, or empty
   */
  public record Located(SourceLocation location, String statedReason) {
    public Located {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(statedReason, "statedReason");
    }
  }

  /**
   * The answer to a batch of queries.
   *
   * @param found the queries whose annotation was found in the sources; a query without sources is
   *     simply absent
   * @param problems what kept some queries from being answered: roots that are not readable jars,
   *     sources that do not parse; repeated in each lookup they affect, sorted
   */
  public record Lookup(Map<Query, Located> found, List<Problem> problems) {
    public Lookup {
      found = Map.copyOf(found);
      problems = List.copyOf(new TreeSet<>(problems));
    }
  }

  private static final ThreadLocal<JavaParser> PARSER =
      ThreadLocal.withInitial(
          () ->
              new JavaParser(
                  new ParserConfiguration()
                      // No language-level validation: the grammar (the newest this JavaParser
                      // knows: records, sealed types, text blocks, patterns) reads every source,
                      // and only the lines of annotations and declarations are wanted, not
                      // whether javac would accept the file. The validators walked every tree
                      // and cost about two fifths of the parse (as for the check command).
                      .setLanguageLevel(LanguageLevel.RAW)
                      // Comments are matched by position; attaching them to nodes is wasted work.
                      .setAttributeComments(false)
                      .setLexicalPreservationEnabled(false)));

  private static final Comparator<Node> BY_POSITION =
      Comparator.comparing((Node n) -> n.getBegin().orElse(Position.HOME));

  private static final int MAX_MESSAGE = 160;

  private final List<SourceRoot> roots;
  private final Map<FileKey, ParsedSource> parsed = new ConcurrentHashMap<>();

  private SourceIndex(List<SourceRoot> roots) {
    this.roots = roots;
  }

  /** An index over these roots (directories and source jars), searched in this order. */
  public static SourceIndex open(List<Path> roots) {
    List<SourceRoot> list = new ArrayList<>();
    for (Path root : roots) {
      list.add(new SourceRoot(root));
    }
    return new SourceIndex(List.copyOf(list));
  }

  /** Finds the queries' annotations in the sources; never throws for bad input. */
  public Lookup locate(List<Query> queries) {
    if (queries.isEmpty()) {
      return new Lookup(Map.of(), List.of());
    }
    List<Problem> problems = new ArrayList<>();
    for (SourceRoot root : roots) {
      root.open();
      if (root.problem() != null) {
        problems.add(root.problem());
      } else if (!root.isJar()) {
        problems.addAll(root.walkProblems());
      }
    }
    Map<Query, FileKey> files = new LinkedHashMap<>();
    for (Query q : queries) {
      FileKey file = fileOf(q.className());
      if (file != null) {
        files.put(q, file);
      }
    }
    parseMissing(files.values());
    Map<FileKey, MarkerSearch> searches = new HashMap<>();
    Map<Query, Located> found = new HashMap<>();
    for (Map.Entry<Query, FileKey> e : files.entrySet()) {
      ParsedSource source = parsed.get(e.getValue());
      if (source.problem() != null) {
        problems.add(source.problem());
        continue;
      }
      try {
        Located located =
            searches.computeIfAbsent(e.getValue(), k -> new MarkerSearch(source)).find(e.getKey());
        if (located != null) {
          found.put(e.getKey(), located);
        }
      } catch (RuntimeException ex) {
        // A tree shape we did not foresee costs this query, not the scan.
        problems.add(
            new Problem(
                Problem.Kind.INCOMPLETE_ANALYSIS,
                source.file(),
                "could not locate " + e.getKey().annotation() + ": " + ex));
      } catch (StackOverflowError ex) {
        problems.add(tooDeep(source.file()));
      }
    }
    return new Lookup(found, problems);
  }

  /**
   * The lines of class and method declarations, where a new annotation goes: the line of the first
   * modifier (or of the type or name), below any annotation already written there. A query's
   * annotation is not used. A declaration that is not found, or whose file does not parse, is
   * absent; never throws for bad input.
   *
   * @return the root-relative file and the line of each declaration found
   */
  public Map<Query, SourceLocation> declarations(List<Query> queries) {
    Map<Query, FileKey> files = new LinkedHashMap<>();
    for (SourceRoot root : roots) {
      root.open();
    }
    for (Query q : queries) {
      FileKey file = fileOf(q.className());
      if (file != null) {
        files.put(q, file);
      }
    }
    parseMissing(files.values());
    Map<FileKey, DeclarationSearch> searches = new HashMap<>();
    Map<Query, SourceLocation> found = new HashMap<>();
    for (Map.Entry<Query, FileKey> e : files.entrySet()) {
      ParsedSource source = parsed.get(e.getValue());
      if (source == null || source.problem() != null) {
        continue;
      }
      try {
        int line =
            searches
                .computeIfAbsent(e.getValue(), k -> new DeclarationSearch(source))
                .line(e.getKey());
        if (line > 0) {
          found.put(e.getKey(), new SourceLocation(source.file(), line));
        }
      } catch (RuntimeException | StackOverflowError ex) {
        // The declaration keeps no line; the marker lookup already names such a file's problem.
      }
    }
    return found;
  }

  /**
   * Every {@code isolation-audit:accept} comment and {@code @SuppressWarnings("isolation-audit")}
   * in the sources. Files are read as text first; only those that mention {@code isolation-audit}
   * are parsed. A file that several roots hold is taken from the first.
   */
  public CodeAcceptances acceptances() {
    List<Problem> problems = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Map.Entry<FileKey, String>> texts = new ArrayList<>();
    for (SourceRoot root : roots) {
      root.open();
      if (root.problem() != null) {
        problems.add(root.problem());
        continue;
      }
      List<String> files = root.javaFiles().stream().filter(seen::add).toList();
      if (!root.isJar()) {
        problems.addAll(root.walkProblems());
      }
      // One file at a time, so a large tree is never held in memory at once; most are dropped.
      Map<String, Problem> failures = new java.util.TreeMap<>();
      root.read(
          files,
          (file, text) -> {
            if (text.contains(AcceptanceSearch.TOOL)) {
              texts.add(Map.entry(new FileKey(root, file), text));
            }
          },
          failures);
      problems.addAll(failures.values());
    }
    List<CodeAcceptances.Acceptance> found =
        java.util.Collections.synchronizedList(new ArrayList<>());
    List<Problem> more = java.util.Collections.synchronizedList(new ArrayList<>());
    texts.parallelStream()
        .forEach(
            e -> {
              ParsedSource source = parsed.computeIfAbsent(e.getKey(), k -> parse(k, e.getValue()));
              if (source.problem() != null) {
                more.add(source.problem());
                return;
              }
              try {
                new AcceptanceSearch(source, e.getKey().root().display(e.getKey().file()))
                    .find(found, more);
              } catch (RuntimeException ex) {
                more.add(
                    new Problem(
                        Problem.Kind.INCOMPLETE_ANALYSIS,
                        e.getKey().root().display(e.getKey().file()),
                        "could not read its acceptances: " + ex));
              } catch (StackOverflowError ex) {
                more.add(tooDeep(e.getKey().root().display(e.getKey().file())));
              }
            });
    problems.addAll(more);
    return new CodeAcceptances(found, problems);
  }

  /** The first root holding the top-level class's source file, or null when none does. */
  private FileKey fileOf(String className) {
    int slash = className.lastIndexOf('.');
    String pkgPath = className.substring(0, slash + 1).replace('.', '/');
    String simple = className.substring(slash + 1);
    // Usually the outer class names the file; '$' inside a class name makes later splits possible.
    for (int dollar = simple.indexOf('$', 1); ; dollar = simple.indexOf('$', dollar + 1)) {
      String outer = dollar < 0 ? simple : simple.substring(0, dollar);
      String file = pkgPath + outer + ".java";
      for (SourceRoot root : roots) {
        if (root.contains(file)) {
          return new FileKey(root, file);
        }
      }
      if (dollar < 0) {
        return null;
      }
    }
  }

  private void parseMissing(Collection<FileKey> needed) {
    Map<SourceRoot, List<String>> byRoot = new LinkedHashMap<>();
    for (FileKey key : new LinkedHashSet<>(needed)) {
      if (!parsed.containsKey(key)) {
        byRoot.computeIfAbsent(key.root(), r -> new ArrayList<>()).add(key.file());
      }
    }
    List<Map.Entry<FileKey, String>> texts = new ArrayList<>();
    for (Map.Entry<SourceRoot, List<String>> e : byRoot.entrySet()) {
      Map<String, String> read = new LinkedHashMap<>();
      Map<String, Problem> failures = new HashMap<>();
      e.getKey().read(e.getValue(), read, failures);
      failures.forEach(
          (file, problem) ->
              parsed.put(new FileKey(e.getKey(), file), ParsedSource.failed(file, problem)));
      read.forEach((file, text) -> texts.add(Map.entry(new FileKey(e.getKey(), file), text)));
    }
    texts.parallelStream().forEach(e -> parsed.put(e.getKey(), parse(e.getKey(), e.getValue())));
  }

  private static ParsedSource parse(FileKey key, String text) {
    String file = key.file();
    try {
      ParseResult<CompilationUnit> result = PARSER.get().parse(text);
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        return ParsedSource.failed(file, unparsable(key, result));
      }
      List<Comment> comments =
          result
              .getCommentsCollection()
              .map(c -> new ArrayList<Comment>(c.getComments()))
              .orElseGet(ArrayList::new);
      comments.sort(BY_POSITION);
      return new ParsedSource(file, result.getResult().get(), new SourceText(text), comments, null);
    } catch (RuntimeException e) {
      // JavaParser may give up with an exception instead of a problem on very odd input.
      return ParsedSource.failed(
          file,
          new Problem(
              Problem.Kind.UNPARSABLE_SOURCE, key.root().display(file), "0:0: " + e.getMessage()));
    } catch (StackOverflowError e) {
      // JavaParser's tree walks recurse; a 4,000-term concatenation nests deeper than a stack.
      return ParsedSource.failed(file, tooDeep(key.root().display(file)));
    }
  }

  private static Problem tooDeep(String file) {
    return new Problem(
        Problem.Kind.UNPARSABLE_SOURCE,
        file,
        "0:0: nested too deeply to parse (stack overflow); its markers have no source line");
  }

  private static Problem unparsable(FileKey key, ParseResult<CompilationUnit> result) {
    String where = "0:0";
    String message = "does not parse";
    if (!result.getProblems().isEmpty()) {
      com.github.javaparser.Problem first = result.getProblem(0);
      message = first.getMessage().lines().findFirst().orElse(message).strip();
      // JavaParser lists every token it expected; the start is what a reader needs.
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + " ...";
      }
      where =
          first
              .getLocation()
              .flatMap(t -> t.getBegin().getRange())
              .map(r -> r.begin.line + ":" + r.begin.column)
              .orElse(where);
    }
    return new Problem(
        Problem.Kind.UNPARSABLE_SOURCE, key.root().display(key.file()), where + ": " + message);
  }

  /** A source file in one root. */
  private record FileKey(SourceRoot root, String file) {}
}
