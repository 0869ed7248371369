package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the names written in one source file to the qualified names they can stand for, from the
 * package, the imports and the enclosing types, without a symbol solver.
 */
final class ImportScope {

  private final String packagePrefix;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> wildcardImports = new ArrayList<>();

  ImportScope(CompilationUnit unit) {
    this.packagePrefix =
        unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    for (ImportDeclaration i : unit.getImports()) {
      String name = i.getNameAsString();
      if (i.isAsterisk()) {
        // Static wildcards import member types too, so they count like type-import-on-demand.
        wildcardImports.add(name + ".");
      } else {
        singleImports.putIfAbsent(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
  }

  /**
   * The canonical names {@code written} may denote, most likely first.
   *
   * @param enclosingTypes canonical names of the types around the use, innermost first
   */
  List<String> candidates(String written, List<String> enclosingTypes) {
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String rest = dot < 0 ? "" : written.substring(dot);
    String imported = singleImports.get(first);
    if (imported != null) {
      // A single-type import shadows every on-demand import and the package.
      return List.of(imported + rest);
    }
    List<String> names = new ArrayList<>();
    if (dot > 0) {
      names.add(written);
    }
    for (String type : enclosingTypes) {
      names.add(type + "." + written);
    }
    names.add(packagePrefix + written);
    for (String wildcard : wildcardImports) {
      names.add(wildcard + written);
    }
    names.add("java.lang." + written);
    return names;
  }

  /** Whether {@code written} may only denote something other than {@code canonical}. */
  boolean importsOtherThan(String written, String canonical) {
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String imported = singleImports.get(first);
    return imported != null
        && !(imported + (dot < 0 ? "" : written.substring(dot))).equals(canonical);
  }
}
