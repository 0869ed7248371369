package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import io.github.isolationaudit.analyzer.source.CodeAcceptances.Acceptance;
import io.github.isolationaudit.analyzer.source.CodeAcceptances.Target;
import io.github.isolationaudit.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the acceptances written in one parsed source file. */
final class AcceptanceSearch {
  /** The word every acceptance holds; files without it are never parsed. */
  static final String TOOL = "isolation-audit";

  private static final Pattern ACCEPT =
      // At the start of the comment: a comment that only mentions it (a Javadoc) accepts nothing.
      Pattern.compile("^[\\s*/]*isolation-audit:accept\\b[ \\t:]*([^\\r\\n]*)");

  /** A class or method declaration and the lines of its header (annotations to name). */
  private record Declaration(
      Target target, String className, String methodName, int begin, int nameLine, Node node) {}

  private final ParsedSource source;
  private final String display;
  private final List<Declaration> declarations = new ArrayList<>();

  AcceptanceSearch(ParsedSource source, String display) {
    this.source = source;
    this.display = display;
    String pkg =
        source.unit().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    for (TypeDeclaration<?> t : source.unit().getTypes()) {
      collect(t, pkg + t.getNameAsString());
    }
  }

  private void collect(TypeDeclaration<?> type, String binary) {
    declarations.add(
        new Declaration(
            Target.CLASS, binary, "", line(type), nameLine(type, type.getName()), type));
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof TypeDeclaration<?> nested) {
        collect(nested, binary + "$" + nested.getNameAsString());
      } else if (member instanceof CallableDeclaration<?> c) {
        declarations.add(
            new Declaration(
                Target.METHOD,
                binary,
                c.isConstructorDeclaration() ? "<init>" : c.getNameAsString(),
                line(c),
                nameLine(c, c.getName()),
                c));
      }
    }
  }

  /**
   * Adds this file's acceptances to {@code found}, and what is wrong with them to {@code problems}.
   */
  void find(List<Acceptance> found, List<Problem> problems) {
    for (Comment c : source.comments()) {
      Matcher m = ACCEPT.matcher(c.getContent());
      if (!m.find()) {
        continue;
      }
      String reason = clean(m.group(1));
      int begin = line(c);
      int end = c.getEnd().map(p -> p.line).orElse(begin);
      if (reason.isEmpty()) {
        problems.add(
            new Problem(
                Problem.Kind.CONFIGURATION,
                display,
                begin + ":" + column(c) + ": isolation-audit:accept needs a reason after it"));
        continue;
      }
      Declaration d = declarationAt(begin, end);
      found.add(
          d == null
              ? new Acceptance(
                  Target.LINES,
                  source.file(),
                  begin,
                  enclosingClass(begin),
                  "",
                  begin,
                  end + 1,
                  reason)
              : new Acceptance(
                  d.target(), source.file(), begin, d.className(), d.methodName(), 0, 0, reason));
    }
    for (Declaration d : declarations) {
      if (!(d.node() instanceof NodeWithAnnotations<?> annotated)) {
        continue;
      }
      for (AnnotationExpr a : annotated.getAnnotations()) {
        if (!suppressesUs(a)) {
          continue;
        }
        int at = line(a);
        if (hasAcceptComment(d)) {
          // The comment already accepts; the annotation adds nothing to it.
          continue;
        }
        String reason = reasonNear(at);
        if (reason.isEmpty()) {
          problems.add(
              new Problem(
                  Problem.Kind.CONFIGURATION,
                  display,
                  at
                      + ":"
                      + column(a)
                      + ": @SuppressWarnings(\"isolation-audit\") needs a reason: a comment on its"
                      + " line or the line above"));
          continue;
        }
        found.add(
            new Acceptance(
                d.target(), source.file(), at, d.className(), d.methodName(), 0, 0, reason));
      }
    }
  }

  /**
   * The innermost declaration whose header (from the line above it to its name) holds the lines.
   */
  private Declaration declarationAt(int begin, int end) {
    Declaration best = null;
    for (Declaration d : declarations) {
      if (end >= d.begin() - 1 && begin <= d.nameLine()) {
        if (best == null || d.begin() >= best.begin()) {
          best = d;
        }
      }
    }
    return best;
  }

  private String enclosingClass(int line) {
    String best = "";
    int bestBegin = -1;
    for (Declaration d : declarations) {
      int last = d.node().getEnd().map(p -> p.line).orElse(Integer.MAX_VALUE);
      if (d.target() == Target.CLASS
          && d.begin() <= line
          && line <= last
          && d.begin() > bestBegin) {
        best = d.className();
        bestBegin = d.begin();
      }
    }
    return best;
  }

  private boolean hasAcceptComment(Declaration d) {
    for (Comment c : source.comments()) {
      int begin = line(c);
      int end = c.getEnd().map(p -> p.line).orElse(begin);
      if (end >= d.begin() - 1 && begin <= d.nameLine() && ACCEPT.matcher(c.getContent()).find()) {
        return true;
      }
    }
    return false;
  }

  /** The text of the comments on this line and the line just above, as one line. */
  private String reasonNear(int line) {
    StringBuilder sb = new StringBuilder();
    for (Comment c : source.comments()) {
      int begin = line(c);
      int end = c.getEnd().map(p -> p.line).orElse(begin);
      if (begin == line || end == line - 1) {
        String text = clean(c.getContent());
        if (!text.isEmpty()) {
          sb.append(sb.length() == 0 ? "" : " ").append(text);
        }
      }
    }
    return sb.toString();
  }

  private static boolean suppressesUs(AnnotationExpr a) {
    String name = a.getNameAsString();
    if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
      return false;
    }
    Expression value = null;
    if (a instanceof SingleMemberAnnotationExpr single) {
      value = single.getMemberValue();
    } else if (a instanceof NormalAnnotationExpr normal) {
      for (var pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("value")) {
          value = pair.getValue();
        }
      }
    }
    List<Expression> values = new ArrayList<>();
    if (value instanceof ArrayInitializerExpr array) {
      values.addAll(array.getValues());
    } else if (value != null) {
      values.add(value);
    }
    return values.stream()
        .anyMatch(v -> v instanceof StringLiteralExpr s && s.getValue().equals(TOOL));
  }

  /** One line of text: comment decoration and runs of white space gone. */
  private static String clean(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      while (l.startsWith("*") || l.startsWith("/")) {
        l = l.substring(1).strip();
      }
      if (!l.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : " ").append(l);
      }
    }
    String one = sb.toString().replaceAll("\\s+", " ").strip();
    return one.length() > StatedReason.MAX_LENGTH
        ? one.substring(0, StatedReason.MAX_LENGTH) + " ..."
        : one;
  }

  private static int line(Node n) {
    return n.getBegin().map(p -> p.line).orElse(0);
  }

  private static int column(Node n) {
    return n.getBegin().map(p -> p.column).orElse(0);
  }

  private static int nameLine(Node declaration, Node name) {
    return name.getBegin().map(p -> p.line).orElse(line(declaration));
  }
}
