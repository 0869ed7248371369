package io.github.isolationaudit.analyzer.source;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason written next to a marker: nearby comments and the annotation's own reason element, as
 * one short line.
 */
final class StatedReason {

  /** Reports show the reason on one line; the rest of a long comment stays in the source. */
  static final int MAX_LENGTH = 300;

  /** Elements that state a reason whatever the annotation. */
  private static final Set<String> REASON_ELEMENTS =
      Set.of("reason", "because", "justification", "disabledReason");

  /**
   * Annotations whose {@code value} is a reason. {@code @Tag} and {@code @ResourceLock} values are
   * names, not reasons.
   */
  private static final Set<String> REASON_VALUED = Set.of("Isolated", "Disabled", "Ignore");

  /** Our fixtures' expectation labels sit on the line before a marker and are no reason. */
  private static final Pattern FIXTURE_LABEL = Pattern.compile("^\\s*(EXPECT|VERDICT):.*");

  /** Words that must survive shortening: they are what a reader looks for in a reason. */
  private static final Pattern KEY_WORDS =
      Pattern.compile(
          "https?://\\S+|\\b[A-Z][A-Z0-9_]+-\\d+\\b|#\\d+\\b"
              + "|(?i)\\b(flak[a-z]*|todo|fixme|xxx|hack|temporar[a-z]*|workaround)\\b");

  private static final Pattern INLINE_TAG =
      Pattern.compile("\\{@(?:link|linkplain|code)\\s+([^}]*)}");

  private StatedReason() {}

  /**
   * The reason stated around {@code annotation}.
   *
   * @param annotation the marker that was found
   * @param anchors the annotations whose surroundings count: the marker and, when it sits in a
   *     repeatable container, the container on the declaration
   * @param declarationAnnotations all annotations on the declaration, which may share the marker's
   *     line
   * @param firstAnnotation where the declaration's annotation block begins
   */
  static String of(
      ParsedSource source,
      AnnotationExpr annotation,
      List<AnnotationExpr> anchors,
      List<AnnotationExpr> declarationAnnotations,
      AnnotationExpr firstAnnotation) {
    // Keyed by position so that a comment found by two routes is kept once, in source order.
    TreeMap<Position, Comment> comments = new TreeMap<>();
    for (AnnotationExpr anchor : anchors) {
      for (Comment c : commentsAbove(source, begin(anchor))) {
        comments.put(begin(c), c);
      }
      for (Comment c : source.comments()) {
        if (inside(c, anchor)) {
          comments.put(begin(c), c);
        }
      }
      Comment trailing = trailing(source, anchor, declarationAnnotations);
      if (trailing != null) {
        comments.put(begin(trailing), trailing);
      }
    }
    // The comments heading the declaration (its javadoc, a note above the first annotation)
    // speak for every annotation in the block: a marker often sits below @Test.
    for (Comment c : commentsAbove(source, begin(firstAnnotation))) {
      comments.put(begin(c), c);
    }
    List<String> parts = new ArrayList<>();
    for (Comment c : comments.values()) {
      String text = commentText(c);
      if (!text.isEmpty() && !FIXTURE_LABEL.matcher(text).matches()) {
        parts.add(text);
      }
    }
    parts.addAll(reasonElements(annotation));
    return normalise(parts);
  }

  /** The comments between the previous code and {@code anchor}, top first. */
  private static List<Comment> commentsAbove(ParsedSource source, Position anchor) {
    List<Comment> all = source.comments();
    List<Comment> found = new ArrayList<>();
    Position limit = anchor;
    for (int i = all.size() - 1; i >= 0; i--) {
      Comment c = all.get(i);
      Range r = c.getRange().orElse(null);
      if (r == null || !r.end.isBefore(limit)) {
        continue;
      }
      // A trailing comment of earlier code belongs to that code.
      if (!source.text().between(r.end, limit).isBlank() || !source.text().startsLine(r.begin)) {
        break;
      }
      found.add(0, c);
      limit = r.begin;
    }
    return found;
  }

  /**
   * The comment after {@code anchor} on its last line, when only other annotations and punctuation
   * of the annotation list stand between them.
   */
  private static Comment trailing(
      ParsedSource source, AnnotationExpr anchor, List<AnnotationExpr> siblings) {
    Range range = anchor.getRange().orElse(null);
    if (range == null) {
      return null;
    }
    for (Comment c : source.comments()) {
      Range r = c.getRange().orElse(null);
      if (r == null || r.begin.line != range.end.line || !range.end.isBefore(r.begin)) {
        continue;
      }
      if (isListPunctuation(source.text(), range.end, r.begin, siblings)) {
        return c;
      }
      return null;
    }
    return null;
  }

  /**
   * Whether only whitespace, list punctuation and other annotations of the declaration stand
   * between {@code end} and {@code begin}.
   */
  private static boolean isListPunctuation(
      SourceText text, Position end, Position begin, List<AnnotationExpr> siblings) {
    int from = text.offset(end) + 1;
    int to = text.offset(begin);
    List<int[]> skipped = new ArrayList<>();
    for (AnnotationExpr sibling : siblings) {
      sibling
          .getRange()
          .ifPresent(r -> skipped.add(new int[] {text.offset(r.begin), text.offset(r.end)}));
    }
    outer:
    for (int i = from; i < to; i++) {
      for (int[] s : skipped) {
        if (i >= s[0] && i <= s[1]) {
          continue outer;
        }
      }
      char ch = text.text().charAt(i);
      if (!Character.isWhitespace(ch) && ch != ',' && ch != ')' && ch != '}') {
        return false;
      }
    }
    return true;
  }

  private static boolean inside(Comment c, AnnotationExpr anchor) {
    return c.getRange().isPresent()
        && anchor.getRange().isPresent()
        && anchor.getRange().get().strictlyContains(c.getRange().get());
  }

  private static String commentText(Comment c) {
    String content = c.getContent();
    if (!c.isLineComment()) {
      StringBuilder b = new StringBuilder();
      for (String line : content.split("\\R")) {
        b.append(line.strip().replaceFirst("^\\*+", "")).append(' ');
      }
      content = b.toString();
    }
    content = INLINE_TAG.matcher(content).replaceAll("$1");
    return content.replaceAll("\\s+", " ").strip();
  }

  private static List<String> reasonElements(AnnotationExpr annotation) {
    String simple = annotation.getName().getIdentifier();
    List<String> reasons = new ArrayList<>();
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      if (REASON_VALUED.contains(simple)) {
        addText(single.getMemberValue(), reasons);
      }
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        String name = pair.getNameAsString();
        if (REASON_ELEMENTS.contains(name)
            || ("value".equals(name) && REASON_VALUED.contains(simple))) {
          addText(pair.getValue(), reasons);
        }
      }
    }
    return reasons;
  }

  /** Adds the text of string literals; constants are names, not reasons, and are skipped. */
  private static void addText(Expression e, List<String> out) {
    String text = literal(e);
    if (text != null && !text.isBlank()) {
      out.add(text.replaceAll("\\s+", " ").strip());
    } else if (e instanceof ArrayInitializerExpr array) {
      array.getValues().forEach(v -> addText(v, out));
    }
  }

  private static String literal(Expression e) {
    if (e.isStringLiteralExpr()) {
      return e.asStringLiteralExpr().asString();
    }
    if (e.isTextBlockLiteralExpr()) {
      return e.asTextBlockLiteralExpr().stripIndent();
    }
    if (e instanceof EnclosedExpr enclosed) {
      return literal(enclosed.getInner());
    }
    if (e instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
      String left = literal(binary.getLeft());
      String right = literal(binary.getRight());
      return left == null || right == null ? null : left + right;
    }
    return null;
  }

  /** Joins the parts into one line of at most about {@link #MAX_LENGTH} characters. */
  static String normalise(List<String> parts) {
    StringBuilder b = new StringBuilder();
    for (String part : parts) {
      String p = part.replaceAll("\\s+", " ").strip();
      if (p.isEmpty() || b.indexOf(p) >= 0) {
        continue;
      }
      if (b.length() > 0) {
        b.append(".;:!?".indexOf(b.charAt(b.length() - 1)) >= 0 ? " " : "; ");
      }
      b.append(p);
    }
    String text = b.toString();
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    // Keep what a reader searches for (issue keys, links, "flaky", "TODO") even when cutting.
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = KEY_WORDS.matcher(text);
    while (m.find()) {
      keys.add(m.group());
    }
    int budget = MAX_LENGTH - 2;
    String head = cut(text, budget);
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      if (!containsWord(head, key)) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return head + " …";
    }
    String tail = " … [" + String.join(" ", missing) + "]";
    return cut(text, Math.max(MAX_LENGTH / 3, MAX_LENGTH - tail.length())) + tail;
  }

  private static boolean containsWord(String text, String word) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w])").matcher(text).find();
  }

  private static String cut(String text, int length) {
    if (text.length() <= length) {
      return text;
    }
    int space = text.lastIndexOf(' ', length);
    return (space > length / 2 ? text.substring(0, space) : text.substring(0, length)).strip();
  }

  private static Position begin(com.github.javaparser.ast.Node node) {
    return node.getBegin().orElse(Position.HOME);
  }
}
