package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import io.github.isolationaudit.analyzer.source.SourceIndex.Located;
import io.github.isolationaudit.analyzer.source.SourceIndex.Query;
import io.github.isolationaudit.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Finds one marker annotation in a parsed source file: its class, member and annotation. */
final class MarkerSearch {

  private final ParsedSource source;
  private final ImportScope scope;
  private final String packagePrefix;

  MarkerSearch(ParsedSource source) {
    this.source = source;
    this.scope = new ImportScope(source.unit());
    this.packagePrefix =
        source.unit().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
  }

  /** Where the query's annotation is written, or null when it is not in this file. */
  Located find(Query query) {
    String binary = query.className();
    String simpleBinary =
        binary.startsWith(packagePrefix) ? binary.substring(packagePrefix.length()) : binary;
    List<TypeDeclaration<?>> path = new ArrayList<>();
    if (!findType(source.unit().getTypes(), simpleBinary, path)) {
      return null;
    }
    TypeDeclaration<?> type = path.get(path.size() - 1);
    List<String> enclosing = enclosingNames(path);
    String annotation = query.annotation().replace('$', '.');
    if (query.memberName().isEmpty()) {
      return locate(type.getAnnotations(), annotation, enclosing);
    }
    List<NodeList<AnnotationExpr>> candidates = new ArrayList<>();
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof MethodDeclaration m && m.getNameAsString().equals(query.memberName())) {
        candidates.add(m.getAnnotations());
      }
    }
    // A bytecode marker on a field (a rule, an extension) is looked up by its name too.
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof FieldDeclaration f
          && f.getVariables().stream()
              .anyMatch(v -> v.getNameAsString().equals(query.memberName()))) {
        candidates.add(f.getAnnotations());
      }
    }
    // Overloads: the first one that carries the annotation.
    for (NodeList<AnnotationExpr> annotations : candidates) {
      Located found = locate(annotations, annotation, enclosing);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Matches a binary name relative to the package ({@code Outer$Inner}) against the types, trying
   * each split at '$' because '$' may also be part of a name.
   */
  static boolean findType(
      List<? extends TypeDeclaration<?>> types, String binary, List<TypeDeclaration<?>> path) {
    for (TypeDeclaration<?> type : types) {
      String name = type.getNameAsString();
      if (binary.equals(name)) {
        path.add(type);
        return true;
      }
      if (binary.startsWith(name + "$")) {
        path.add(type);
        List<TypeDeclaration<?>> nested = new ArrayList<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
          if (member instanceof TypeDeclaration<?> t) {
            nested.add(t);
          }
        }
        if (findType(nested, binary.substring(name.length() + 1), path)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  private List<String> enclosingNames(List<TypeDeclaration<?>> path) {
    List<String> names = new ArrayList<>();
    String name =
        packagePrefix.isEmpty() ? "" : packagePrefix.substring(0, packagePrefix.length() - 1);
    for (TypeDeclaration<?> t : path) {
      name = name.isEmpty() ? t.getNameAsString() : name + "." + t.getNameAsString();
      names.add(0, name);
    }
    return names;
  }

  private Located locate(
      NodeList<AnnotationExpr> annotations, String wanted, List<String> enclosing) {
    if (annotations.isEmpty()) {
      return null;
    }
    // Resolved names first; a bare simple-name match only when nothing resolves, since the
    // bytecode already says the annotation is there.
    for (boolean strict : new boolean[] {true, false}) {
      for (AnnotationExpr a : annotations) {
        if (denotes(a, wanted, enclosing, strict)) {
          return located(a, List.of(a), annotations);
        }
      }
      // Written inside its repeatable container: @ResourceLocks({@ResourceLock(...), ...}).
      for (AnnotationExpr container : annotations) {
        for (AnnotationExpr inner : nested(container)) {
          if (denotes(inner, wanted, enclosing, strict)) {
            return located(inner, List.of(inner, container), annotations);
          }
        }
      }
      // Repeated in source, so the bytecode (and the query) names the container.
      for (AnnotationExpr a : annotations) {
        if (repeatsInto(a, wanted, enclosing, strict)) {
          return located(a, List.of(a), annotations);
        }
      }
    }
    return null;
  }

  private boolean denotes(AnnotationExpr a, String wanted, List<String> enclosing, boolean strict) {
    String written = a.getNameAsString();
    if (strict) {
      return scope.candidates(written, enclosing).contains(wanted);
    }
    return simpleName(written).equals(simpleName(wanted))
        && !scope.importsOtherThan(written, wanted)
        && (written.indexOf('.') < 0 || wanted.endsWith("." + written));
  }

  /** Whether repeating {@code a} compiles to the container annotation {@code wanted}. */
  private boolean repeatsInto(
      AnnotationExpr a, String wanted, List<String> enclosing, boolean strict) {
    String written = a.getNameAsString();
    List<String> names =
        strict
            ? scope.candidates(written, enclosing)
            : List.of(
                qualifierOf(wanted) + simpleName(written),
                qualifierOf(qualifierOf(wanted).replaceFirst("\\.$", "")) + simpleName(written));
    for (String name : names) {
      String pkg = qualifierOf(name);
      String simple = simpleName(name);
      String plural =
          simple.endsWith("y")
              ? simple.substring(0, simple.length() - 1) + "ies"
              : simple + (simple.endsWith("s") ? "es" : "s");
      // Containers by convention: Tags for Tag, SetSystemProperties for SetSystemProperty,
      // and nested ones such as Foo.List or Foo.Foos.
      if (wanted.equals(pkg + plural)
          || wanted.equals(pkg + simple + "s")
          || (wanted.startsWith(name + ".") && wanted.indexOf('.', name.length() + 1) < 0)) {
        return true;
      }
    }
    return false;
  }

  private static List<AnnotationExpr> nested(AnnotationExpr container) {
    List<AnnotationExpr> found = new ArrayList<>();
    if (container instanceof SingleMemberAnnotationExpr single) {
      collect(single.getMemberValue(), found);
    } else if (container instanceof NormalAnnotationExpr normal) {
      normal.getPairs().forEach(p -> collect(p.getValue(), found));
    }
    return found;
  }

  private static void collect(Expression value, List<AnnotationExpr> found) {
    if (value instanceof AnnotationExpr a) {
      found.add(a);
    } else if (value instanceof ArrayInitializerExpr array) {
      array.getValues().forEach(v -> collect(v, found));
    }
  }

  private Located located(
      AnnotationExpr found, List<AnnotationExpr> anchors, NodeList<AnnotationExpr> annotations) {
    int line = found.getBegin().map(p -> p.line).orElse(0);
    AnnotationExpr first = annotations.get(0);
    for (AnnotationExpr a : annotations) {
      if (a.getBegin().isPresent()
          && first.getBegin().isPresent()
          && a.getBegin().get().isBefore(first.getBegin().get())) {
        first = a;
      }
    }
    String reason = StatedReason.of(source, found, anchors, annotations, first);
    return new Located(new SourceLocation(source.file(), line), reason);
  }

  private static String simpleName(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** {@code a.b.} for {@code a.b.C}; empty for a simple name. */
  private static String qualifierOf(String name) {
    return name.substring(0, name.lastIndexOf('.') + 1);
  }
}
