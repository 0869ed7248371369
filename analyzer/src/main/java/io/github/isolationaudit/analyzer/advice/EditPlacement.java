package io.github.isolationaudit.analyzer.advice;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.source.SourceIndex;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.SourcePaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives edits their file and line. An edit planned on a class or method (an annotation to add, a
 * manual change of a whole class) goes on the line of the declaration in the parsed sources, or,
 * without a source, on the first line of the method's body as the class file has it (a class then
 * has no line) with no file. Every file is then named relative to the project root where the
 * project's source directories hold it, else relative to its source root.
 */
public final class EditPlacement {
  private final Map<SourceIndex.Query, SourceLocation> declarations;
  private final Program program;
  private final SourcePaths paths;

  private EditPlacement(
      Map<SourceIndex.Query, SourceLocation> declarations, Program program, SourcePaths paths) {
    this.declarations = declarations;
    this.program = program;
    this.paths = paths;
  }

  /**
   * A placement for these edits.
   *
   * @param sources the index over the scan's source roots, or null when none was found
   */
  public static EditPlacement of(
      Collection<Edit> edits, SourceIndex sources, Program program, SourcePaths paths) {
    Set<SourceIndex.Query> queries = new LinkedHashSet<>();
    for (Edit e : edits) {
      if (onDeclaration(e)) {
        queries.add(query(e));
      }
    }
    Map<SourceIndex.Query, SourceLocation> found =
        sources == null || queries.isEmpty()
            ? Map.of()
            : sources.declarations(new ArrayList<>(queries));
    return new EditPlacement(found, program, paths);
  }

  /** The edits, each with its file and line. */
  public List<Edit> place(List<Edit> edits) {
    List<Edit> placed = new ArrayList<>(edits.size());
    for (Edit e : edits) {
      placed.add(place(e));
    }
    return placed;
  }

  private Edit place(Edit e) {
    String file = e.file();
    int line = e.line();
    if (onDeclaration(e)) {
      SourceLocation at = declarations.get(query(e));
      if (at != null) {
        file = at.file();
        line = at.line();
      } else {
        line = bytecodeLine(e);
      }
    }
    if (!file.isEmpty()) {
      file = paths.of(file);
    }
    return new Edit(e.action(), file, line, e.className(), e.methodName(), e.text(), e.imports());
  }

  /** An edit planned on a declaration: no place of its own yet. */
  private static boolean onDeclaration(Edit e) {
    return e.action() != Edit.Action.REMOVE_ANNOTATION && e.file().isEmpty() && e.line() == 0;
  }

  private static SourceIndex.Query query(Edit e) {
    return new SourceIndex.Query(e.className(), e.methodName(), "");
  }

  private int bytecodeLine(Edit e) {
    if (e.onClass() || program == null) {
      return 0;
    }
    ClassInfo c = program.get(e.className().replace('.', '/'));
    if (c == null) {
      return 0;
    }
    int line = 0;
    for (MethodInfo m : c.methods()) {
      if (m.name().equals(e.methodName()) && m.line() > 0) {
        line = line == 0 ? m.line() : Math.min(line, m.line());
      }
    }
    return line;
  }
}
