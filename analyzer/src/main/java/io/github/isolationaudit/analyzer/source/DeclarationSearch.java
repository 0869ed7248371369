package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import com.github.javaparser.ast.nodeTypes.NodeWithSimpleName;
import io.github.isolationaudit.analyzer.source.SourceIndex.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the line of a class or method declaration in a parsed file: the line of its first modifier
 * or, without one, of its type or name, below the annotations already written on it. A new
 * annotation goes on a line of its own just above it.
 */
final class DeclarationSearch {
  private final ParsedSource source;
  private final String packagePrefix;

  DeclarationSearch(ParsedSource source) {
    this.source = source;
    this.packagePrefix =
        source.unit().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
  }

  /** The declaration's line, or 0 when the class or method is not declared in this file. */
  int line(Query query) {
    String binary = query.className();
    String simpleBinary =
        binary.startsWith(packagePrefix) ? binary.substring(packagePrefix.length()) : binary;
    List<TypeDeclaration<?>> path = new ArrayList<>();
    if (!MarkerSearch.findType(source.unit().getTypes(), simpleBinary, path)) {
      return 0;
    }
    TypeDeclaration<?> type = path.get(path.size() - 1);
    if (query.memberName().isEmpty()) {
      return line(type);
    }
    for (BodyDeclaration<?> member : type.getMembers()) {
      // Overloads: the first; the annotation then sits on the one the scan names by descriptor
      // only where the source order agrees, which the edit's method name cannot tell apart.
      if (member instanceof MethodDeclaration m && m.getNameAsString().equals(query.memberName())) {
        return line(m);
      }
    }
    return 0;
  }

  private static <T extends Node & NodeWithModifiers<?> & NodeWithSimpleName<?>> int line(
      T declaration) {
    int line = Integer.MAX_VALUE;
    for (var modifier : declaration.getModifiers()) {
      line = Math.min(line, begin(modifier));
    }
    if (declaration instanceof MethodDeclaration m) {
      for (var p : m.getTypeParameters()) {
        line = Math.min(line, begin(p));
      }
      line = Math.min(line, begin(m.getType()));
    }
    line = Math.min(line, begin(declaration.getName()));
    return line == Integer.MAX_VALUE ? 0 : line;
  }

  private static int begin(Node n) {
    return n.getBegin().map(p -> p.line).orElse(Integer.MAX_VALUE);
  }
}
