package io.github.isolationaudit.analyzer.verdicts;

import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code // VERDICT:} and {@code // FINDING:} labels of fixture sources with a plain line
 * reader (never with the analyzer's own source parser, so a parser bug cannot hide a label).
 *
 * <p>A {@code // VERDICT: V} label describes the annotation on the next code line (its simple name)
 * and the class or method that the next declaration after it declares. A {@code // FINDING: K}
 * label sits before the first annotation of a test method and describes that method. Class names
 * are binary names, built from the file's {@code package} line and the nesting of class
 * declarations, which the reader follows by counting braces outside comments and literals.
 */
final class MarkerLabels {

  private static final Pattern VERDICT_LABEL = Pattern.compile("^\\s*//\\s*VERDICT:(.*)$");
  private static final Pattern FINDING_LABEL = Pattern.compile("^\\s*//\\s*FINDING:(.*)$");
  private static final Pattern STRAY_LABEL = Pattern.compile("//.*\\b(VERDICT|FINDING)\\s*:");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern ANNOTATION = Pattern.compile("^@\\s*([\\w$.]+)");
  private static final Pattern CLASS_DECLARATION =
      Pattern.compile(
          "(?:(?<![\\w.$@])(?:class|interface|enum|record)|@interface)\\s+([A-Za-z_$][\\w$]*)");
  private static final Pattern METHOD_DECLARATION =
      Pattern.compile(
          "^(?:(?:public|protected|private|static|final|abstract|synchronized|default|native"
              + "|strictfp)\\s+)*(?:<[^()]*>\\s*)?([\\w$.]+)(?:<[^()]*>)?(?:\\s*\\[\\s*])*"
              + "\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Set<String> NOT_TYPES =
      Set.of("return", "new", "throw", "else", "case", "yield", "assert", "package", "import");

  private MarkerLabels() {}

  /** What a label says about a marker: a verdict, or that it falls short (INSUFFICIENT). */
  enum ExpectedVerdict {
    REQUIRED,
    FIXABLE,
    DEFENSIVE,
    LEGACY,
    /** The marker does not cover the conflict in its scope; judged by findings, not a verdict. */
    INSUFFICIENT;

    /** The model's verdict, or empty for INSUFFICIENT. */
    Optional<Verdict> verdict() {
      return this == INSUFFICIENT ? Optional.empty() : Optional.of(Verdict.valueOf(name()));
    }
  }

  /** What a label sits on: a class (empty method name) or a method of a class. */
  record Target(String className, String methodName) {
    Target {
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(methodName, "methodName");
    }

    boolean onClass() {
      return methodName.isEmpty();
    }

    @Override
    public String toString() {
      return className + (onClass() ? "" : "#" + methodName);
    }
  }

  /**
   * A {@code // VERDICT:} label.
   *
   * @param annotation the simple name of the labelled annotation ({@code Isolated})
   * @param annotationLine the line of that annotation
   */
  record VerdictLabel(
      String sourceFile,
      int line,
      ExpectedVerdict expected,
      String annotation,
      int annotationLine,
      Target target) {
    @Override
    public String toString() {
      return "@" + annotation + " on " + target;
    }
  }

  /** A {@code // FINDING:} label on a test method. */
  record FindingLabel(String sourceFile, int line, Finding.Kind kind, Target target) {}

  /** A label that could not be read, with where it is. */
  record LabelProblem(String sourceFile, int line, String message) {
    @Override
    public String toString() {
      return sourceFile + ":" + line + ": " + message;
    }
  }

  /** The labels of some sources and the labels that could not be read. */
  record Labels(
      List<VerdictLabel> verdicts, List<FindingLabel> findings, List<LabelProblem> problems) {
    Labels {
      verdicts = List.copyOf(verdicts);
      findings = List.copyOf(findings);
      problems = List.copyOf(problems);
    }

    int size() {
      return verdicts.size() + findings.size();
    }
  }

  /** Reads every source below {@code root/packagePath} ({@code io/github/.../markers}). */
  static Labels readAll(Path root, String packagePath) {
    Path dir = root.resolve(packagePath);
    List<VerdictLabel> verdicts = new ArrayList<>();
    List<FindingLabel> findings = new ArrayList<>();
    List<LabelProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Labels(verdicts, findings, problems);
    }
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(dir)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path source : sources) {
      String relative = root.relativize(source).toString().replace('\\', '/');
      try {
        Labels one = parse(relative, Files.readAllLines(source, StandardCharsets.UTF_8));
        verdicts.addAll(one.verdicts());
        findings.addAll(one.findings());
        problems.addAll(one.problems());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Labels(verdicts, findings, problems);
  }

  /** Reads the labels of one source given as lines. */
  static Labels parse(String sourceFile, List<String> lines) {
    return new Reader(sourceFile).read(lines);
  }

  /** The state of one pass over one source. */
  private static final class Reader {
    private final String sourceFile;
    private final List<VerdictLabel> verdicts = new ArrayList<>();
    private final List<FindingLabel> findings = new ArrayList<>();
    private final List<LabelProblem> problems = new ArrayList<>();

    private String packageName = "";
    private boolean inBlockComment;
    private int braceDepth;
    private int annotationParens;
    private String classDeclaredOnLine;
    private final Deque<OpenClass> classes = new ArrayDeque<>();

    /** VERDICT labels waiting for their annotation line. */
    private final List<PendingLabel> awaitingAnnotation = new ArrayList<>();

    /** Labels waiting for the declaration that they describe. */
    private final List<PendingLabel> awaitingDeclaration = new ArrayList<>();

    private record OpenClass(String simpleName, int bodyDepth) {}

    private record PendingLabel(
        int line,
        ExpectedVerdict verdict,
        Finding.Kind kind,
        String annotation,
        int annotationLine) {
      PendingLabel withAnnotation(String name, int at) {
        return new PendingLabel(line, verdict, kind, name, at);
      }
    }

    Reader(String sourceFile) {
      this.sourceFile = sourceFile;
    }

    Labels read(List<String> lines) {
      for (int i = 0; i < lines.size(); i++) {
        readLine(i + 1, lines.get(i));
      }
      for (PendingLabel p : awaitingAnnotation) {
        problem(p.line(), "VERDICT label with no annotation line after it");
      }
      for (PendingLabel p : awaitingDeclaration) {
        problem(p.line(), "label with no class or method declaration after it");
      }
      return new Labels(verdicts, findings, problems);
    }

    private void readLine(int number, String raw) {
      if (!inBlockComment) {
        Matcher verdict = VERDICT_LABEL.matcher(raw);
        if (verdict.matches()) {
          verdictLabel(number, verdict.group(1).strip());
          return;
        }
        Matcher finding = FINDING_LABEL.matcher(raw);
        if (finding.matches()) {
          findingLabel(number, finding.group(1).strip());
          return;
        }
      }
      String code = codeOf(raw).strip();
      if (code.isEmpty()) {
        return;
      }
      if (STRAY_LABEL.matcher(raw).find()) {
        problem(number, "a VERDICT or FINDING label must be a comment on a line of its own");
      }
      Matcher pkg = PACKAGE.matcher(code);
      if (pkg.find()) {
        packageName = pkg.group(1);
      }
      labelsOnCode(number, code);
      structure(code);
    }

    private void verdictLabel(int number, String text) {
      try {
        awaitingAnnotation.add(
            new PendingLabel(number, ExpectedVerdict.valueOf(text), null, null, 0));
      } catch (IllegalArgumentException e) {
        problem(
            number, "unknown verdict '" + text + "'; one of " + List.of(ExpectedVerdict.values()));
      }
    }

    private void findingLabel(int number, String text) {
      try {
        awaitingDeclaration.add(new PendingLabel(number, null, Finding.Kind.valueOf(text), "", 0));
      } catch (IllegalArgumentException e) {
        problem(number, "unknown finding '" + text + "'; one of " + List.of(Finding.Kind.values()));
      }
    }

    private void labelsOnCode(int number, String code) {
      if (annotationParens > 0) {
        // The rest of an annotation's arguments, spread over lines.
        annotationParens = Math.max(0, annotationParens + parenDelta(code));
        return;
      }
      if (code.startsWith("@") && !code.startsWith("@interface")) {
        Matcher annotation = ANNOTATION.matcher(code);
        String name = "";
        if (annotation.find()) {
          name = annotation.group(1);
          name = name.substring(name.lastIndexOf('.') + 1);
        }
        if (awaitingAnnotation.size() > 1) {
          problem(
              awaitingAnnotation.get(1).line(),
              "two VERDICT labels for one annotation line (" + number + ")");
        }
        for (PendingLabel p : awaitingAnnotation) {
          awaitingDeclaration.add(p.withAnnotation(name, number));
        }
        awaitingAnnotation.clear();
        String rest = afterAnnotations(code);
        if (!rest.isEmpty()) {
          declaration(number, rest);
        }
        return;
      }
      for (PendingLabel p : awaitingAnnotation) {
        problem(
            p.line(),
            "a VERDICT label must sit directly before the annotation it judges, not before '"
                + abbreviate(code)
                + "'");
      }
      awaitingAnnotation.clear();
      declaration(number, code);
    }

    /** The code after the leading annotations of a line; sets annotationParens if they go on. */
    private String afterAnnotations(String code) {
      int i = 0;
      while (i < code.length() && code.charAt(i) == '@' && !code.startsWith("@interface", i)) {
        i++;
        while (i < code.length()
            && (Character.isJavaIdentifierPart(code.charAt(i))
                || code.charAt(i) == '.'
                || Character.isWhitespace(code.charAt(i)) && !followsName(code, i))) {
          i++;
        }
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
          i++;
        }
        if (i < code.length() && code.charAt(i) == '(') {
          int depth = 0;
          while (i < code.length()) {
            char c = code.charAt(i++);
            if (c == '(') {
              depth++;
            } else if (c == ')' && --depth == 0) {
              break;
            }
          }
          if (depth > 0) {
            annotationParens = depth;
            return "";
          }
        }
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
          i++;
        }
      }
      return code.substring(i).strip();
    }

    private static boolean followsName(String code, int i) {
      // Whitespace ends an annotation's name unless a '.' continues it.
      int j = i;
      while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
        j++;
      }
      return j >= code.length() || code.charAt(j) != '.';
    }

    /** Resolves the labels waiting for a declaration against this line, if any wait. */
    private void declaration(int number, String code) {
      if (awaitingDeclaration.isEmpty()) {
        return;
      }
      Target target = null;
      Matcher type = CLASS_DECLARATION.matcher(code);
      Matcher method = METHOD_DECLARATION.matcher(code);
      if (type.find()) {
        target = new Target(binaryName(type.group(1)), "");
      } else if (method.find() && !NOT_TYPES.contains(method.group(1)) && !classes.isEmpty()) {
        target = new Target(enclosingClass(), method.group(2));
      }
      for (PendingLabel p : awaitingDeclaration) {
        if (target == null) {
          problem(
              p.line(),
              "label not followed by a class or method declaration (found '"
                  + abbreviate(code)
                  + "' on line "
                  + number
                  + ")");
        } else if (p.kind() != null) {
          if (target.onClass()) {
            problem(p.line(), "a FINDING label belongs on a test method, not on " + target);
          } else {
            findings.add(new FindingLabel(sourceFile, p.line(), p.kind(), target));
          }
        } else {
          verdicts.add(
              new VerdictLabel(
                  sourceFile, p.line(), p.verdict(), p.annotation(), p.annotationLine(), target));
        }
      }
      awaitingDeclaration.clear();
    }

    /** Follows class nesting: a declared class opens at the next brace and closes at its pair. */
    private void structure(String code) {
      Matcher type = CLASS_DECLARATION.matcher(code);
      if (type.find()) {
        classDeclaredOnLine = type.group(1);
      }
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        if (c == '{') {
          braceDepth++;
          if (classDeclaredOnLine != null) {
            classes.push(new OpenClass(classDeclaredOnLine, braceDepth));
            classDeclaredOnLine = null;
          }
        } else if (c == '}') {
          while (!classes.isEmpty() && classes.peek().bodyDepth() >= braceDepth) {
            classes.pop();
          }
          braceDepth--;
        } else if (c == ';' && classDeclaredOnLine != null && annotationParens == 0) {
          // 'class' in a statement such as a local record pattern never opened a body.
          classDeclaredOnLine = null;
        }
      }
    }

    private String binaryName(String simpleName) {
      String outer = classes.isEmpty() ? "" : enclosingClass() + "$";
      if (!outer.isEmpty()) {
        return outer + simpleName;
      }
      return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    private String enclosingClass() {
      List<String> names = new ArrayList<>();
      classes.descendingIterator().forEachRemaining(c -> names.add(c.simpleName()));
      String nested = String.join("$", names);
      return packageName.isEmpty() ? nested : packageName + "." + nested;
    }

    /** The line without comments and without the contents of string and char literals. */
    private String codeOf(String raw) {
      StringBuilder code = new StringBuilder();
      int i = 0;
      while (i < raw.length()) {
        if (inBlockComment) {
          int end = raw.indexOf("*/", i);
          if (end < 0) {
            return code.toString();
          }
          inBlockComment = false;
          i = end + 2;
          continue;
        }
        char c = raw.charAt(i);
        if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '/') {
          break;
        }
        if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '*') {
          inBlockComment = true;
          i += 2;
          continue;
        }
        if (c == '"' || c == '\'') {
          code.append(c).append(c);
          i++;
          while (i < raw.length() && raw.charAt(i) != c) {
            i += raw.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
          continue;
        }
        code.append(c);
        i++;
      }
      return code.toString();
    }

    private static int parenDelta(String code) {
      int delta = 0;
      for (int i = 0; i < code.length(); i++) {
        if (code.charAt(i) == '(') {
          delta++;
        } else if (code.charAt(i) == ')') {
          delta--;
        }
      }
      return delta;
    }

    private void problem(int line, String message) {
      problems.add(new LabelProblem(sourceFile, line, message));
    }

    private static String abbreviate(String code) {
      return code.length() <= 60 ? code : code.substring(0, 57) + "...";
    }
  }
}
