package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import io.github.isolationaudit.model.Edit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Applies {@link Edit}s to the text of one Java source file: adds and removes annotations and the
 * imports they need, and changes nothing else.
 *
 * <p>JavaParser only locates: the declarations, their annotations and the imports, by position. The
 * change itself is spliced into the original text, so every other character (formatting, comments,
 * line endings, tabs) stays as it was. JavaParser's lexical-preserving printer was tried first and
 * dropped: removing the first annotation of a method also removed the indentation of the line that
 * followed it ({@code public void three()} moved to column 1).
 *
 * <p>Applying the same edits to the result changes nothing: an annotation that is already there
 * (the same text once normalised, a {@code @ResourceLock} on the same key with the same or a
 * stronger mode, or any lock under a class-level {@code @Isolated}) is not added again, one that is
 * gone is not removed again, and an import that the file has, or that a wildcard import or the
 * file's own package covers, is not added.
 */
public final class SourceEditor {

  /** What became of one edit. */
  public enum Status {
    /** The file now says what the edit asks for. */
    APPLIED,
    /** The file already said it: nothing to do. */
    PRESENT,
    /** A change no tool makes: left to do by hand. */
    MANUAL,
    /** The edit could not be applied; the message says why. */
    FAILED
  }

  /** One edit and what became of it, with a message for people (empty when nothing to say). */
  public record Outcome(Edit edit, Status status, String message) {
    public Outcome {
      Objects.requireNonNull(edit, "edit");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The edited text and one outcome per edit, in the order of the edits. */
  public record Result(String text, List<Outcome> outcomes) {
    public Result {
      Objects.requireNonNull(text, "text");
      outcomes = List.copyOf(outcomes);
    }
  }

  private static final ThreadLocal<JavaParser> PARSER =
      ThreadLocal.withInitial(
          () ->
              new JavaParser(
                  new ParserConfiguration()
                      .setLanguageLevel(LanguageLevel.JAVA_21)
                      .setAttributeComments(false)
                      .setLexicalPreservationEnabled(false)));

  /** JUnit's {@code Resources} constants: the strings a lock on them holds. */
  private static final Map<String, String> JUNIT_RESOURCES =
      Map.of(
          "SYSTEM_PROPERTIES", "java.lang.System.properties",
          "SYSTEM_OUT", "java.lang.System.out",
          "SYSTEM_ERR", "java.lang.System.err",
          "LOCALE", "java.util.Locale.default",
          "TIME_ZONE", "java.util.TimeZone.default",
          "GLOBAL", "org.junit.platform.engine.support.hierarchical.ExclusiveResource.GLOBAL_KEY");

  private SourceEditor() {}

  /**
   * Applies the edits that concern this file. Removals are applied before additions, so an edit
   * that replaces one marker by another ({@code @Isolated} by a {@code @ResourceLock}) works in one
   * run. {@link Edit.Action#MANUAL} edits are never applied.
   *
   * @param text the file's text
   * @param edits the edits whose class lies in this file
   */
  public static Result apply(String text, List<Edit> edits) {
    ParseResult<CompilationUnit> parsed;
    try {
      parsed = PARSER.get().parse(text);
    } catch (StackOverflowError e) {
      return failAll(text, edits, "the source is nested too deeply to parse");
    }
    if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
      String why =
          parsed.getProblems().isEmpty()
              ? "it does not parse"
              : "it does not parse: " + firstLine(parsed.getProblems().get(0).getMessage());
      return failAll(text, edits, why);
    }
    return new Session(text, parsed.getResult().get()).run(edits);
  }

  private static Result failAll(String text, List<Edit> edits, String why) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Edit e : edits) {
      outcomes.add(
          e.action() == Edit.Action.MANUAL
              ? new Outcome(e, Status.MANUAL, "")
              : new Outcome(e, Status.FAILED, why));
    }
    return new Result(text, outcomes);
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  /** A change to the original text: replace [start, end) by text. */
  private record Splice(int start, int end, String text, int sequence) {
    boolean insertion() {
      return start == end;
    }
  }

  /** The state of one file's edits: the tree, the original text, and the splices so far. */
  private static final class Session {
    private final String text;
    private final SourceText lines;
    private final CompilationUnit unit;
    private final String eol;
    private final List<Splice> splices = new ArrayList<>();

    /** Annotations removed in this run, by identity. */
    private final List<AnnotationExpr> removed = new ArrayList<>();

    /** Annotations added in this run, per declaration (by identity), normalised. */
    private final Map<Node, List<AnnotationExpr>> added = new java.util.IdentityHashMap<>();

    /** Imports added in this run, as written after {@code import }. */
    private final Set<String> importsAdded = new TreeSet<>();

    Session(String text, CompilationUnit unit) {
      this.text = text;
      this.lines = new SourceText(text);
      this.unit = unit;
      this.eol = lineEnding(text);
    }

    Result run(List<Edit> edits) {
      Outcome[] outcomes = new Outcome[edits.size()];
      // Removals first: an edit that adds a lock where a removed @Isolated stood must not find
      // the @Isolated still there.
      for (int i = 0; i < edits.size(); i++) {
        Edit e = edits.get(i);
        if (e.action() == Edit.Action.MANUAL) {
          outcomes[i] = new Outcome(e, Status.MANUAL, "");
        } else if (e.action() == Edit.Action.REMOVE_ANNOTATION) {
          outcomes[i] = remove(e);
        }
      }
      // Then what runs a test alone (@Isolated, the global lock), so that the locks of other
      // findings on the same class or method find it there and are not added beside it.
      for (boolean alone : new boolean[] {true, false}) {
        for (int i = 0; i < edits.size(); i++) {
          Edit e = edits.get(i);
          if (e.action() == Edit.Action.ADD_ANNOTATION && runsAlone(e.text()) == alone) {
            outcomes[i] = add(e);
          }
        }
      }
      addImports();
      removeUnusedImports();
      return new Result(spliced(), List.of(outcomes));
    }

    // ------------------------------------------------------------------------------ targets

    /** The declarations an edit is about: a class, or every overload of a method (or the one). */
    private List<BodyDeclaration<?>> targets(Edit e, List<String> why) {
      Optional<TypeDeclaration<?>> type = type(e.className(), why);
      if (type.isEmpty()) {
        return List.of();
      }
      if (e.onClass()) {
        return List.of(type.get());
      }
      List<MethodDeclaration> methods = type.get().getMethodsByName(e.methodName());
      if (methods.isEmpty()) {
        why.add("class " + e.className() + " declares no method " + e.methodName() + " here");
        return List.of();
      }
      if (e.line() > 0 && methods.size() > 1) {
        List<MethodDeclaration> atLine =
            methods.stream()
                .filter(
                    m ->
                        m.getBegin().map(b -> b.line <= e.line()).orElse(false)
                            && m.getEnd().map(end -> end.line >= e.line()).orElse(false))
                .toList();
        if (!atLine.isEmpty()) {
          methods = atLine;
        }
      }
      return List.copyOf(methods);
    }

    private Optional<TypeDeclaration<?>> type(String binaryName, List<String> why) {
      String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
      String rest = binaryName;
      if (!pkg.isEmpty()) {
        if (!binaryName.startsWith(pkg + ".")) {
          why.add("class " + binaryName + " is not in this file's package " + pkg);
          return Optional.empty();
        }
        rest = binaryName.substring(pkg.length() + 1);
      }
      String[] parts = rest.split("\\$", -1);
      TypeDeclaration<?> type = null;
      for (String part : parts) {
        if (part.isEmpty() || Character.isDigit(part.charAt(0))) {
          why.add(binaryName + " is an anonymous or local class: edit it by hand");
          return Optional.empty();
        }
        List<? extends Node> candidates = type == null ? unit.getTypes() : type.getMembers();
        TypeDeclaration<?> next = null;
        for (Node n : candidates) {
          if (n instanceof TypeDeclaration<?> t && t.getNameAsString().equals(part)) {
            next = t;
          }
        }
        if (next == null) {
          why.add("class " + binaryName + " is not declared in this file");
          return Optional.empty();
        }
        type = next;
      }
      return Optional.ofNullable(type);
    }

    /** An edit's annotation parsed and its declarations found, or why not. */
    private record Located(
        AnnotationExpr annotation, List<BodyDeclaration<?>> targets, Outcome failure) {}

    private Located locate(Edit e) {
      Optional<AnnotationExpr> wanted = annotation(e.text());
      if (wanted.isEmpty()) {
        return new Located(
            null,
            List.of(),
            new Outcome(e, Status.FAILED, "'" + e.text() + "' is not an annotation"));
      }
      List<String> why = new ArrayList<>();
      List<BodyDeclaration<?>> targets = targets(e, why);
      if (targets.isEmpty()) {
        return new Located(null, List.of(), new Outcome(e, Status.FAILED, String.join("; ", why)));
      }
      return new Located(wanted.get(), targets, null);
    }

    // ------------------------------------------------------------------------------ removal

    private Outcome remove(Edit e) {
      Located located = locate(e);
      if (located.failure() != null) {
        return located.failure();
      }
      AnnotationExpr wanted = located.annotation();
      List<BodyDeclaration<?>> targets = located.targets();
      String want = normalised(wanted);
      int count = 0;
      for (BodyDeclaration<?> target : targets) {
        List<AnnotationExpr> matches = new ArrayList<>();
        for (AnnotationExpr a : target.getAnnotations()) {
          if (normalised(a).equals(want)) {
            matches.add(a);
          }
        }
        if (matches.isEmpty() && wanted.isMarkerAnnotationExpr()) {
          // The edit may name only the annotation where the source writes it with arguments.
          for (AnnotationExpr a : target.getAnnotations()) {
            if (simpleName(a).equals(simpleName(wanted))) {
              matches.add(a);
            }
          }
          if (matches.size() > 1) {
            return new Outcome(
                e,
                Status.FAILED,
                "several " + e.text() + " annotations are there; say which one to remove");
          }
        }
        if (matches.isEmpty()) {
          for (AnnotationExpr a : target.getAnnotations()) {
            for (AnnotationExpr inner : contained(a)) {
              if (normalised(inner).equals(want)) {
                return new Outcome(
                    e,
                    Status.FAILED,
                    e.text() + " stands inside " + simpleNameAt(a) + ": remove it by hand");
              }
            }
          }
        }
        for (AnnotationExpr a : matches) {
          if (removed.stream().noneMatch(r -> r == a)) {
            removed.add(a);
            splices.add(removal(a));
            count++;
          }
        }
      }
      return count > 0
          ? new Outcome(e, Status.APPLIED, "")
          : new Outcome(e, Status.PRESENT, e.text() + " is not there (already removed)");
    }

    private String simpleNameAt(AnnotationExpr a) {
      return "@" + simpleName(a);
    }

    /** The text an annotation takes, with the line it stands alone on, if it does. */
    private Splice removal(AnnotationExpr a) {
      int start = lines.offset(a.getBegin().orElseThrow());
      int end = lines.offset(a.getEnd().orElseThrow()) + 1;
      int lineStart = lineStart(start);
      int lineEnd = lineEnd(end);
      String before = text.substring(lineStart, start);
      String after = text.substring(end, lineEnd);
      if (before.isBlank() && (after.isBlank() || after.strip().startsWith("//"))) {
        // Alone on its line (a comment after it speaks of it): the whole line goes.
        return new Splice(lineStart, nextLineStart(lineEnd), "", splices.size());
      }
      int stop = end;
      while (stop < lineEnd && (text.charAt(stop) == ' ' || text.charAt(stop) == '\t')) {
        stop++;
      }
      if (stop < lineEnd) {
        return new Splice(start, stop, "", splices.size());
      }
      int from = start;
      while (from > lineStart && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
        from--;
      }
      return new Splice(from, end, "", splices.size());
    }

    // ------------------------------------------------------------------------------ addition

    private Outcome add(Edit e) {
      Located located = locate(e);
      if (located.failure() != null) {
        return located.failure();
      }
      AnnotationExpr wanted = located.annotation();
      List<BodyDeclaration<?>> targets = located.targets();
      String clash = importClash(e.imports());
      if (clash != null) {
        return new Outcome(e, Status.FAILED, clash + ": write " + e.text() + " by hand");
      }
      int count = 0;
      String present = "";
      for (BodyDeclaration<?> target : targets) {
        String covered = coveredBy(target, wanted);
        if (covered != null) {
          present = covered;
          continue;
        }
        splices.add(insertion(target, e.text()));
        added.computeIfAbsent(target, t -> new ArrayList<>()).add(wanted);
        count++;
      }
      if (count == 0) {
        return new Outcome(e, Status.PRESENT, present);
      }
      for (String i : e.imports()) {
        addImport(i.strip());
      }
      return new Outcome(e, Status.APPLIED, "");
    }

    /** Why the declaration already has what the annotation says, or null when it does not. */
    private String coveredBy(BodyDeclaration<?> target, AnnotationExpr wanted) {
      List<AnnotationExpr> there = new ArrayList<>(current(target));
      there.addAll(added.getOrDefault(target, List.of()));
      String want = normalised(wanted);
      Lock wantedLock = Lock.of(wanted);
      for (AnnotationExpr a : there) {
        List<AnnotationExpr> all = new ArrayList<>(List.of(a));
        all.addAll(contained(a));
        for (AnnotationExpr each : all) {
          if (normalised(each).equals(want)) {
            return each + " is already there";
          }
          Lock lock = Lock.of(each);
          if (wantedLock != null && lock != null && lock.covers(wantedLock)) {
            return each + " already holds that lock";
          }
        }
      }
      if (wantedLock != null) {
        for (Node n = target; n != null; n = n.getParentNode().orElse(null)) {
          if (n instanceof BodyDeclaration<?> d) {
            List<AnnotationExpr> held = new ArrayList<>(current(d));
            held.addAll(added.getOrDefault(d, List.of()));
            for (AnnotationExpr a : held) {
              if (n instanceof TypeDeclaration<?> type && simpleName(a).equals("Isolated")) {
                return type.getNameAsString() + " is @Isolated, which holds every lock";
              }
              Lock lock = Lock.of(a);
              if (lock != null && lock.global() && n != target) {
                return a + " holds every lock";
              }
            }
          }
        }
      }
      return null;
    }

    /** Whether an annotation's text runs its tests alone: {@code @Isolated} or the global lock. */
    private static boolean runsAlone(String text) {
      return annotation(text)
          .map(a -> simpleName(a).equals("Isolated") || Lock.of(a) != null && Lock.of(a).global())
          .orElse(false);
    }

    /** The declaration's annotations that this run does not remove. */
    private List<AnnotationExpr> current(NodeWithAnnotations<?> target) {
      return target.getAnnotations().stream()
          .filter(a -> removed.stream().noneMatch(r -> r == a))
          .toList();
    }

    /**
     * Where the annotation goes: on a line of its own after the declaration's last annotation when
     * that ends its line, beside it when the declaration continues on the same line, and before the
     * declaration when it has no annotation left.
     */
    private Splice insertion(BodyDeclaration<?> target, String annotation) {
      List<AnnotationExpr> kept = current(target);
      if (!kept.isEmpty()) {
        AnnotationExpr last = kept.get(0);
        for (AnnotationExpr a : kept) {
          if (a.getEnd().orElseThrow().isAfter(last.getEnd().orElseThrow())) {
            last = a;
          }
        }
        int end = lines.offset(last.getEnd().orElseThrow()) + 1;
        int lineEnd = lineEnd(end);
        String after = text.substring(end, lineEnd);
        if (after.isBlank() || after.strip().startsWith("//")) {
          int at = nextLineStart(lineEnd);
          String lead = lineEnd == at ? eol : "";
          return new Splice(at, at, lead + indent(end) + annotation + eol, splices.size());
        }
        return new Splice(end, end, " " + annotation, splices.size());
      }
      // Without annotations of its own (or all removed), the declaration starts at its first
      // modifier or keyword: after the removed annotations, if any.
      int begin = declarationStart(target);
      if (lines.startsLine(positionOf(begin))) {
        int at = lineStart(begin);
        return new Splice(at, at, indent(begin) + annotation + eol, splices.size());
      }
      return new Splice(begin, begin, annotation + " ", splices.size());
    }

    private int declarationStart(BodyDeclaration<?> target) {
      int begin = lines.offset(target.getBegin().orElseThrow());
      for (AnnotationExpr a : target.getAnnotations()) {
        int end = lines.offset(a.getEnd().orElseThrow()) + 1;
        begin = Math.max(begin, end);
      }
      if (!target.getAnnotations().isEmpty()) {
        // Skip whitespace and line breaks after the last (removed) annotation.
        while (begin < text.length() && Character.isWhitespace(text.charAt(begin))) {
          begin++;
        }
        // An annotation removed alone on its line leaves the next line's start in place.
      }
      return begin;
    }

    private Position positionOf(int offset) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          line++;
          lineStart = i + 1;
        }
      }
      return new Position(line, offset - lineStart + 1);
    }

    // ------------------------------------------------------------------------------ imports

    /** A clash between an import the edit needs and one the file has, or null. */
    private String importClash(List<String> imports) {
      for (String raw : imports) {
        String i = raw.strip();
        boolean isStatic = i.startsWith("static ");
        String name = isStatic ? i.substring("static ".length()).strip() : i;
        String simple = name.substring(name.lastIndexOf('.') + 1);
        for (ImportDeclaration d : unit.getImports()) {
          if (!d.isAsterisk()
              && d.isStatic() == isStatic
              && d.getName().getIdentifier().equals(simple)
              && !d.getNameAsString().equals(name)) {
            return "the file imports another " + simple + " (" + d.getNameAsString() + ")";
          }
        }
        if (!isStatic) {
          for (TypeDeclaration<?> t : unit.getTypes()) {
            if (t.getNameAsString().equals(simple)
                && !name.equals(packageName() + (packageName().isEmpty() ? "" : ".") + simple)) {
              return "the file declares a class " + simple + " of its own";
            }
          }
        }
      }
      return null;
    }

    private String packageName() {
      return unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    }

    private void addImport(String raw) {
      boolean isStatic = raw.startsWith("static ");
      String name = isStatic ? raw.substring("static ".length()).strip() : raw;
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return;
      }
      String owner = name.substring(0, dot);
      if (!isStatic && (owner.equals(packageName()) || owner.equals("java.lang"))) {
        return;
      }
      for (ImportDeclaration d : unit.getImports()) {
        if (d.isStatic() != isStatic) {
          continue;
        }
        if (d.isAsterisk() ? d.getNameAsString().equals(owner) : d.getNameAsString().equals(name)) {
          return;
        }
      }
      // Static imports sort first, as in most styles; then by name.
      importsAdded.add((isStatic ? "static " : "") + name);
    }

    /**
     * The splices of the imports to add: each beside the existing imports of its kind, in name
     * order; a kind the file has none of gets its own block, set apart by a blank line.
     */
    private void addImports() {
      Map<Integer, StringBuilder> blocks = new TreeMap<>();
      Map<Integer, String> blockEnds = new TreeMap<>();
      int sequence = -1_000_000; // at one offset, imports come before annotations
      for (String written : importsAdded) {
        boolean isStatic = written.startsWith("static ");
        String name = isStatic ? written.substring("static ".length()) : written;
        String line = "import " + written + ";";
        ImportDeclaration lastSameKind = null;
        Integer at = null;
        for (ImportDeclaration d : unit.getImports()) {
          if (d.isStatic() != isStatic) {
            continue;
          }
          String existing = d.getNameAsString() + (d.isAsterisk() ? ".*" : "");
          if (existing.compareTo(name) > 0) {
            at = lineStart(lines.offset(d.getBegin().orElseThrow()));
            break;
          }
          lastSameKind = d;
        }
        if (at == null && lastSameKind != null) {
          at = afterLineOffset(lastSameKind);
        }
        if (at != null) {
          splices.add(new Splice(at, at, lineBreakBefore(at) + line + eol, sequence++));
          continue;
        }
        // A block of its own: static imports before the first import, others after the last,
        // and without imports, after the package declaration (or at the top).
        List<ImportDeclaration> imports = unit.getImports();
        int offset;
        String lead;
        String tail;
        if (!imports.isEmpty() && isStatic) {
          offset = lineStart(lines.offset(imports.get(0).getBegin().orElseThrow()));
          lead = "";
          tail = eol;
        } else if (!imports.isEmpty()) {
          offset = afterLineOffset(imports.get(imports.size() - 1));
          lead = lineBreakBefore(offset) + eol;
          tail = "";
        } else if (unit.getPackageDeclaration().isPresent()) {
          offset = afterLineOffset(unit.getPackageDeclaration().get());
          lead = lineBreakBefore(offset) + eol;
          boolean blankFollows =
              offset >= text.length() || text.substring(offset, lineEnd(offset)).isBlank();
          tail = blankFollows ? "" : eol;
        } else {
          offset = 0;
          lead = "";
          tail = eol;
        }
        StringBuilder block = blocks.get(offset);
        if (block == null) {
          block = new StringBuilder(lead);
          blocks.put(offset, block);
          blockEnds.put(offset, tail);
        }
        block.append(line).append(eol);
      }
      for (Map.Entry<Integer, StringBuilder> b : blocks.entrySet()) {
        int at = b.getKey();
        splices.add(new Splice(at, at, b.getValue() + blockEnds.get(at), sequence++));
      }
    }

    /** The start of the line after the node's last line. */
    private int afterLineOffset(Node node) {
      return nextLineStart(lineEnd(lines.offset(node.getEnd().orElseThrow()) + 1));
    }

    /** A line break when {@code at} is the end of a file whose last line has none. */
    private String lineBreakBefore(int at) {
      return at == text.length()
              && at > 0
              && text.charAt(at - 1) != '\n'
              && text.charAt(at - 1) != '\r'
          ? eol
          : "";
    }

    /**
     * Removes the imports that only the removed annotations used: the annotation's own type and the
     * names in its arguments ({@code Resources}, a static {@code READ}). A name still written
     * anywhere else in the file, comments and strings included, keeps its import.
     */
    private void removeUnusedImports() {
      if (removed.isEmpty()) {
        return;
      }
      Set<String> names = new LinkedHashSet<>();
      for (AnnotationExpr a : removed) {
        if (!a.getName().getQualifier().isPresent()) {
          names.add(a.getName().getIdentifier());
        }
        for (SimpleName n : a.findAll(SimpleName.class)) {
          names.add(n.getIdentifier());
        }
        for (NameExpr n : a.findAll(NameExpr.class)) {
          names.add(n.getNameAsString());
        }
      }
      // The text without the imports and without what this run removes.
      StringBuilder rest = new StringBuilder(text);
      List<int[]> blanks = new ArrayList<>();
      for (ImportDeclaration d : unit.getImports()) {
        blanks.add(range(d));
      }
      for (Splice s : splices) {
        if (!s.insertion()) {
          blanks.add(new int[] {s.start(), s.end()});
        }
      }
      for (int[] b : blanks) {
        for (int i = b[0]; i < b[1]; i++) {
          rest.setCharAt(i, ' ');
        }
      }
      String remaining = rest.toString();
      for (String name : names) {
        if (Pattern.compile(
                "(?<![\\p{javaJavaIdentifierPart}])"
                    + Pattern.quote(name)
                    + "(?![\\p{javaJavaIdentifierPart}])")
            .matcher(remaining)
            .find()) {
          continue;
        }
        for (ImportDeclaration d : unit.getImports()) {
          if (!d.isAsterisk() && d.getName().getIdentifier().equals(name)) {
            splices.add(removalOfLine(d));
          }
        }
      }
    }

    private int[] range(Node node) {
      return new int[] {
        lines.offset(node.getBegin().orElseThrow()), lines.offset(node.getEnd().orElseThrow()) + 1
      };
    }

    private Splice removalOfLine(Node node) {
      int[] r = range(node);
      int lineStart = lineStart(r[0]);
      int lineEnd = lineEnd(r[1]);
      if (text.substring(lineStart, r[0]).isBlank() && text.substring(r[1], lineEnd).isBlank()) {
        int end = nextLineStart(lineEnd);
        // The last import of a block set apart by blank lines takes one of them along.
        if (lineStart > 0 && end < text.length()) {
          int previous = lineStart(lineStart - 1);
          boolean blankBefore = text.substring(previous, lineEnd(previous)).isBlank();
          boolean blankAfter = text.substring(end, lineEnd(end)).isBlank();
          int extended = nextLineStart(lineEnd(end));
          int from = lineStart;
          boolean insertedThere =
              splices.stream()
                  .anyMatch(x -> x.insertion() && x.start() >= from && x.start() <= extended);
          if (blankBefore && blankAfter && !insertedThere) {
            end = extended;
          }
        }
        return new Splice(lineStart, end, "", splices.size());
      }
      return new Splice(r[0], r[1], "", splices.size());
    }

    // ------------------------------------------------------------------------------ text

    private String spliced() {
      List<Splice> ordered = new ArrayList<>();
      for (Splice s : splices) {
        Splice moved = s;
        if (s.insertion()) {
          // An insertion inside removed text goes where the removed text began.
          for (Splice r : splices) {
            if (!r.insertion() && r.start() < s.start() && s.start() < r.end()) {
              moved = new Splice(r.start(), r.start(), s.text(), s.sequence());
            }
          }
        }
        ordered.add(moved);
      }
      // From the end backwards, so earlier offsets stay valid; at one offset, a removal before an
      // insertion (which then lands where the removed text began), and insertions last-first, so
      // they end up in the order they were made.
      ordered.sort(
          Comparator.comparingInt(Splice::start)
              .reversed()
              .thenComparing(Splice::insertion)
              .thenComparing(Comparator.comparingInt(Splice::sequence).reversed()));
      StringBuilder out = new StringBuilder(text);
      int limit = Integer.MAX_VALUE;
      for (Splice s : ordered) {
        if (s.end() > limit && !s.insertion()) {
          continue; // overlaps a later removal already applied (the same line twice)
        }
        out.replace(s.start(), s.end(), s.text());
        if (!s.insertion()) {
          limit = s.start();
        }
      }
      return out.toString();
    }

    private int lineStart(int offset) {
      int i = offset;
      while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
        i--;
      }
      return i;
    }

    /** The offset of the line break that ends the line holding {@code offset} (or the end). */
    private int lineEnd(int offset) {
      int i = offset;
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      return i;
    }

    private int nextLineStart(int lineEnd) {
      if (lineEnd >= text.length()) {
        return text.length();
      }
      if (text.charAt(lineEnd) == '\r'
          && lineEnd + 1 < text.length()
          && text.charAt(lineEnd + 1) == '\n') {
        return lineEnd + 2;
      }
      return lineEnd + 1;
    }

    /** The indentation of the line holding {@code offset}. */
    private String indent(int offset) {
      int start = lineStart(offset);
      int i = start;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      return text.substring(start, i);
    }
  }

  // -------------------------------------------------------------------------------- annotations

  private static Optional<AnnotationExpr> annotation(String text) {
    try {
      ParseResult<AnnotationExpr> r = PARSER.get().parseAnnotation(text.strip());
      return r.isSuccessful() ? r.getResult() : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String simpleName(AnnotationExpr a) {
    return a.getName().getIdentifier();
  }

  /** The annotation as printed, with its type's simple name: how two writings compare. */
  private static String normalised(AnnotationExpr a) {
    AnnotationExpr copy = a.clone();
    copy.setName(simpleName(a));
    return copy.toString();
  }

  /** The annotations a container holds ({@code @ResourceLocks({@ResourceLock(...), ...})}). */
  private static List<AnnotationExpr> contained(AnnotationExpr a) {
    Expression value = null;
    if (a instanceof SingleMemberAnnotationExpr single) {
      value = single.getMemberValue();
    } else if (a instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair p : normal.getPairs()) {
        if (p.getNameAsString().equals("value")) {
          value = p.getValue();
        }
      }
    }
    List<AnnotationExpr> out = new ArrayList<>();
    if (value instanceof AnnotationExpr inner) {
      out.add(inner);
    } else if (value instanceof ArrayInitializerExpr array) {
      for (Expression v : array.getValues()) {
        if (v instanceof AnnotationExpr inner) {
          out.add(inner);
        }
      }
    }
    return out;
  }

  /** A {@code @ResourceLock} on a key, as JUnit reads it. */
  private record Lock(String key, boolean readOnly, String rest) {

    /** The lock an annotation holds, or null when it is no plain keyed {@code @ResourceLock}. */
    static Lock of(AnnotationExpr a) {
      if (!simpleName(a).equals("ResourceLock")) {
        return null;
      }
      Expression value = null;
      Expression mode = null;
      Map<String, String> others = new TreeMap<>();
      if (a instanceof SingleMemberAnnotationExpr single) {
        value = single.getMemberValue();
      } else if (a instanceof NormalAnnotationExpr normal) {
        for (MemberValuePair p : normal.getPairs()) {
          switch (p.getNameAsString()) {
            case "value" -> value = p.getValue();
            case "mode" -> mode = p.getValue();
            default -> others.put(p.getNameAsString(), p.getValue().toString());
          }
        }
      } else {
        return null;
      }
      if (value == null) {
        return null;
      }
      String key;
      if (value instanceof StringLiteralExpr s) {
        key = s.asString();
      } else {
        String last =
            value instanceof FieldAccessExpr f
                ? f.getNameAsString()
                : value instanceof NameExpr n ? n.getNameAsString() : null;
        key = last != null && JUNIT_RESOURCES.containsKey(last) ? JUNIT_RESOURCES.get(last) : null;
        if (key == null) {
          return null;
        }
      }
      boolean readOnly = false;
      if (mode != null) {
        String m = mode.toString();
        m = m.substring(m.lastIndexOf('.') + 1);
        readOnly = m.equals("READ");
      }
      return new Lock(key, readOnly, others.toString());
    }

    /** Whether holding this lock holds the other one: the same key, mode at least as strong. */
    boolean covers(Lock other) {
      return rest.equals(other.rest)
          && (!readOnly || other.readOnly)
          && (key.equals(other.key) || global());
    }

    /**
     * JUnit's global lock in READ_WRITE mode: what {@code @Isolated} holds; no test runs beside.
     */
    boolean global() {
      return !readOnly && key.equals(JUNIT_RESOURCES.get("GLOBAL"));
    }
  }

  /** The file's line ending: the first one it uses, else the platform's. */
  static String lineEnding(String text) {
    int n = text.indexOf('\n');
    int r = text.indexOf('\r');
    if (r >= 0 && (n < 0 || r < n)) {
      return r + 1 < text.length() && text.charAt(r + 1) == '\n' ? "\r\n" : "\r";
    }
    return n >= 0 ? "\n" : System.lineSeparator();
  }
}
