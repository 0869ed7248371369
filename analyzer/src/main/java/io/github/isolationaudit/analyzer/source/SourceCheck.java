package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.KeySpec;
import io.github.isolationaudit.rules.MarkerRule;
import io.github.isolationaudit.rules.MethodPattern;
import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one test source file says on its own, without compiled classes: the isolation markers it
 * carries and the sink calls written in it (a call of a catalogued method on a type named in the
 * file, {@code System.setProperty("k", v)}). Calls through the file's own helpers, other classes or
 * inherited code are not followed: that is the full scan's work. Used by {@code isolation-audit
 * check}, the pre-commit hook.
 */
public final class SourceCheck {

  // RAW: the newest grammar without the language-level validators, which walk the tree again and
  // again and cost as much CPU as the parse itself (5 dbcp2 test files, 3,768 lines: 380 ms of
  // parse CPU instead of 670). A pre-commit check reads markers and calls; it judges no syntax.
  private static final JavaParser PARSER =
      new JavaParser(
          new ParserConfiguration()
              .setLanguageLevel(LanguageLevel.RAW)
              .setAttributeComments(false)
              .setLexicalPreservationEnabled(false));

  private final Catalog catalog;

  public SourceCheck(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * A marker annotation on a class or method.
   *
   * @param annotation the annotation's qualified name
   * @param className binary name of the class it sits on or in
   * @param methodName the method, or empty for a class-level marker
   */
  public record MarkerSite(
      String annotation, MarkerEffect effect, String className, String methodName, int line) {}

  /**
   * A sink called directly in a method of the file.
   *
   * @param key the key when written as a literal, else {@code ?}
   */
  public record SinkCall(
      String sinkId,
      ResourceKind resource,
      String customKind,
      String key,
      AccessMode mode,
      String className,
      String methodName,
      int line) {

    /** The resource name as reports show it. */
    public String resourceName() {
      return resource == ResourceKind.CUSTOM && !customKind.isEmpty()
          ? customKind
          : resource.name();
    }
  }

  /**
   * What a file holds, or why it could not be read.
   *
   * @param problem empty when the file parsed
   */
  public record FileCheck(List<MarkerSite> markers, List<SinkCall> sinks, String problem) {
    public FileCheck {
      markers = List.copyOf(markers);
      sinks = List.copyOf(sinks);
      Objects.requireNonNull(problem, "problem");
    }
  }

  /**
   * A source file parsed, or why it could not be: what {@link #check(Parsed)} reads. Parsing needs
   * no catalog, so a caller may parse while the catalog loads.
   */
  public static final class Parsed {
    private final CompilationUnit unit;
    private final String problem;

    private Parsed(CompilationUnit unit, String problem) {
      this.unit = unit;
      this.problem = problem;
    }
  }

  /** Parses the text of one source file. */
  public static Parsed parse(String text) {
    ParseResult<CompilationUnit> result;
    synchronized (PARSER) {
      result = PARSER.parse(text);
    }
    if (!result.isSuccessful() || result.getResult().isEmpty()) {
      String why =
          result.getProblems().isEmpty()
              ? "does not parse"
              : result.getProblems().get(0).getVerboseMessage().lines().findFirst().orElse("");
      return new Parsed(null, "does not parse: " + why);
    }
    return new Parsed(result.getResult().get(), "");
  }

  /** Checks the text of one source file. */
  public FileCheck check(String text) {
    return check(parse(text));
  }

  /** Checks one parsed source file. */
  public FileCheck check(Parsed parsed) {
    if (parsed.unit == null) {
      return new FileCheck(List.of(), List.of(), parsed.problem);
    }
    CompilationUnit unit = parsed.unit;
    ImportScope scope = new ImportScope(unit);
    String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    List<MarkerSite> markers = new ArrayList<>();
    List<SinkCall> sinks = new ArrayList<>();
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      String binary = binaryName(type, pkg);
      List<String> enclosing = enclosingTypes(type, pkg);
      for (AnnotationExpr a : type.getAnnotations()) {
        marker(a, scope, enclosing, binary, "").ifPresent(markers::add);
      }
      for (Object member : type.getMembers()) {
        if (!(member instanceof CallableDeclaration<?> callable)) {
          continue;
        }
        String method = callable.isConstructorDeclaration() ? "<init>" : callable.getNameAsString();
        for (AnnotationExpr a : callable.getAnnotations()) {
          marker(a, scope, enclosing, binary, method).ifPresent(markers::add);
        }
        for (MethodCallExpr call : callable.findAll(MethodCallExpr.class)) {
          if (ownerType(call) == type) {
            sink(call, scope, enclosing, binary, method).ifPresent(sinks::add);
          }
        }
      }
    }
    return new FileCheck(markers, sinks, "");
  }

  private Optional<MarkerSite> marker(
      AnnotationExpr annotation,
      ImportScope scope,
      List<String> enclosing,
      String className,
      String methodName) {
    for (String candidate : scope.candidates(annotation.getNameAsString(), enclosing)) {
      List<MarkerRule> rules = catalog.markersFor(candidate.replace('.', '/'));
      if (!rules.isEmpty()) {
        return Optional.of(
            new MarkerSite(
                candidate,
                rules.get(0).effect(),
                className,
                methodName,
                annotation.getBegin().map(p -> p.line).orElse(0)));
      }
    }
    return Optional.empty();
  }

  private Optional<SinkCall> sink(
      MethodCallExpr call,
      ImportScope scope,
      List<String> enclosing,
      String className,
      String methodName) {
    if (call.getScope().isEmpty() || !catalog.mayBeSinkMethod(call.getNameAsString())) {
      return Optional.empty();
    }
    Expression receiver = call.getScope().get();
    if (!(receiver.isNameExpr() || receiver.isFieldAccessExpr())) {
      return Optional.empty();
    }
    String written = receiver.toString();
    if (!Character.isUpperCase(written.charAt(written.lastIndexOf('.') + 1))) {
      // A variable or field (lower case by convention): its type is not known from the text.
      return Optional.empty();
    }
    for (String candidate : scope.candidates(written, enclosing)) {
      String owner = candidate.replace('.', '/');
      for (SinkRule rule : catalog.sinks()) {
        if (rule.receiverFrom() != null) {
          continue;
        }
        for (MethodPattern m : rule.methods()) {
          if (m.owner().equals(owner)
              && m.name().equals(call.getNameAsString())
              && (arity(m.parameters()) < 0
                  || arity(m.parameters()) == call.getArguments().size())) {
            return Optional.of(
                new SinkCall(
                    rule.id(),
                    rule.resource(),
                    rule.customKind(),
                    key(rule.key(), call),
                    rule.mode(),
                    className,
                    methodName,
                    call.getBegin().map(p -> p.line).orElse(0)));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String key(KeySpec spec, MethodCallExpr call) {
    if (spec instanceof KeySpec.Constant c) {
      return c.value();
    }
    if (spec instanceof KeySpec.All) {
      return "*";
    }
    if (spec instanceof KeySpec.Arg arg
        && arg.index() < call.getArguments().size()
        && call.getArgument(arg.index()) instanceof StringLiteralExpr literal) {
      return (arg.prefix() == null ? "" : arg.prefix()) + literal.asString();
    }
    return "?";
  }

  /** The number of parameters of a descriptor's parameter part, or -1 for any overload. */
  private static int arity(String parameters) {
    if (parameters.isEmpty()) {
      return -1;
    }
    int n = 0;
    for (int i = 1; i < parameters.length() - 1; i++) {
      char c = parameters.charAt(i);
      if (c == '[') {
        continue;
      }
      n++;
      if (c == 'L') {
        i = parameters.indexOf(';', i);
      }
    }
    return n;
  }

  private static Node ownerType(Node node) {
    Optional<Node> parent = node.getParentNode();
    while (parent.isPresent() && !(parent.get() instanceof TypeDeclaration<?>)) {
      parent = parent.get().getParentNode();
    }
    return parent.orElse(null);
  }

  private static String binaryName(TypeDeclaration<?> type, String pkg) {
    StringBuilder name = new StringBuilder(type.getNameAsString());
    Node outer = ownerType(type);
    while (outer instanceof TypeDeclaration<?> t) {
      name.insert(0, t.getNameAsString() + "$");
      outer = ownerType(t);
    }
    return pkg + name;
  }

  private static List<String> enclosingTypes(TypeDeclaration<?> type, String pkg) {
    List<String> names = new ArrayList<>();
    Node t = type;
    while (t instanceof TypeDeclaration<?> d) {
      names.add(pkg + binaryName(d, "").replace('$', '.'));
      t = ownerType(d);
    }
    return names;
  }
}
