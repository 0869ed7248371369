package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.Comment;
import io.github.isolationaudit.model.Problem;
import java.util.List;

/**
 * One source file after parsing: its tree, text and comments, or the problem that kept it from
 * parsing.
 *
 * @param file root-relative path with '/'
 * @param unit the tree, or null when the file did not parse or could not be read
 * @param text the file's text, for the gaps between nodes and comments
 * @param comments every comment of the file, in source order
 * @param problem why there is no tree, or null
 */
record ParsedSource(
    String file, CompilationUnit unit, SourceText text, List<Comment> comments, Problem problem) {

  ParsedSource {
    comments = List.copyOf(comments);
  }

  static ParsedSource failed(String file, Problem problem) {
    return new ParsedSource(file, null, null, List.of(), problem);
  }
}
