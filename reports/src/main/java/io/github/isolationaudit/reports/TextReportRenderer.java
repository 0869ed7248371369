package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a scan result as plain text for a terminal: what each test class touches, the conflicts,
 * the problems and a closing summary line.
 *
 * <p>Accesses that every test of a class shares with the same evidence (lifecycle methods,
 * constructors, rules) are shown once per class; tests that touch nothing are counted, not listed;
 * a conflict names at most {@value #NAMES_PER_CONFLICT} tests and then a count.
 */
public final class TextReportRenderer implements ReportRenderer {

  /** How many tests a conflict names before it only counts the rest. */
  public static final int NAMES_PER_CONFLICT = 5;

  /** How many possible conflicts are listed before the rest are only counted. */
  public static final int POSSIBLE_CONFLICTS_LISTED = 20;

  private static final String NL = "\n";

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    TestNames names = TestNames.of(result);
    writeHeader(result, out);
    out.write(NL);
    writeTests(result, names, out);
    out.write(NL);
    writeConflicts(result, names, out);
    out.write(NL);
    writeProblems(result, out);
    out.write(NL);
    writeSummaryLine(result.summary(), result.problems().size(), out);
    out.flush();
  }

  private static void writeHeader(ScanResult result, Writer out) throws IOException {
    ScanSummary summary = result.summary();
    StringBuilder line = new StringBuilder("isolation-audit: scanned ");
    line.append(result.inputs().isEmpty() ? "(no inputs)" : String.join(", ", result.inputs()));
    line.append(": ")
        .append(count(summary.classFiles(), "class file", "class files"))
        .append(", ")
        .append(count(summary.testClasses(), "test class", "test classes"))
        .append(", ")
        .append(count(summary.tests(), "test", "tests"));
    if (!summary.testsByEngine().isEmpty()) {
      line.append(" (").append(counts(summary.testsByEngine())).append(')');
    }
    out.write(line + NL);
  }

  private static void writeTests(ScanResult result, TestNames names, Writer out)
      throws IOException {
    if (result.footprints().isEmpty()) {
      out.write("No tests found." + NL);
      return;
    }
    Map<String, List<Footprint>> byClass = new LinkedHashMap<>();
    for (Footprint footprint : ReportOrder.sorted(result.footprints(), ReportOrder.FOOTPRINTS)) {
      byClass
          .computeIfAbsent(footprint.test().id().className(), c -> new ArrayList<>())
          .add(footprint);
    }
    int untouched = 0;
    boolean first = true;
    for (Map.Entry<String, List<Footprint>> entry : byClass.entrySet()) {
      List<Footprint> tests = entry.getValue();
      int touching = (int) tests.stream().filter(f -> !f.accesses().isEmpty()).count();
      untouched += tests.size() - touching;
      if (touching == 0) {
        continue;
      }
      if (!first) {
        out.write(NL);
      }
      first = false;
      writeClass(entry.getKey(), tests, touching, names, out);
    }
    if (untouched > 0) {
      if (!first) {
        out.write(NL);
      }
      out.write(count(untouched, "test touches", "tests touch") + " nothing shared" + NL);
    }
  }

  private static void writeClass(
      String className, List<Footprint> tests, int touching, TestNames names, Writer out)
      throws IOException {
    Set<Engine> engines = EnumSet.noneOf(Engine.class);
    tests.forEach(f -> engines.add(f.test().engine()));
    List<String> engineNames = engines.stream().map(Engine::name).toList();
    out.write(
        className
            + " ("
            + String.join(", ", engineNames)
            + "): "
            + touching
            + " of "
            + count(tests.size(), "test", "tests")
            + (touching == 1 ? " touches" : " touch")
            + " shared resources"
            + NL);

    Set<Access> everyTest = accessesOfEveryTest(tests);
    if (!everyTest.isEmpty()) {
      out.write("  every test (lifecycle):" + NL);
      for (Access access : ReportOrder.sorted(everyTest, ReportOrder.ACCESSES)) {
        writeAccess(access, "    ", out);
      }
    }
    for (Footprint footprint : tests) {
      List<Access> own = new ArrayList<>();
      for (Access access : footprint.accesses()) {
        if (!everyTest.contains(access)) {
          own.add(access);
        }
      }
      if (own.isEmpty()) {
        continue;
      }
      out.write("  " + names.memberName(footprint.test().id()) + qualifiers(footprint.test()) + NL);
      for (Access access : ReportOrder.sorted(own, ReportOrder.ACCESSES)) {
        writeAccess(access, "    ", out);
      }
    }
  }

  /**
   * The accesses, evidence included, that every test of a class has. They come from what runs
   * around each test, so showing them once per class keeps a report of a big class readable. A
   * class of one test has nothing to factor out.
   */
  private static Set<Access> accessesOfEveryTest(List<Footprint> tests) {
    if (tests.size() < 2) {
      return Set.of();
    }
    Set<Access> common = new HashSet<>(tests.get(0).accesses());
    for (int i = 1; i < tests.size() && !common.isEmpty(); i++) {
      common.retainAll(new HashSet<>(tests.get(i).accesses()));
    }
    return common;
  }

  private static String qualifiers(TestMethod test) {
    List<String> parts = new ArrayList<>();
    if (test.kind() != TestKind.TEST) {
      parts.add(test.kind().name());
    } else if (test.multipleInvocations()) {
      parts.add("multiple invocations");
    }
    TestId id = test.id();
    if (id.inherited()) {
      parts.add("inherited from " + id.declaringClass());
    }
    if (test.disabled()) {
      parts.add("disabled");
    }
    return parts.isEmpty() ? "" : "  [" + String.join(", ", parts) + "]";
  }

  private static void writeAccess(Access access, String indent, Writer out) throws IOException {
    StringBuilder line = new StringBuilder(indent);
    line.append(access.mode()).append(' ').append(access.resourceName());
    String key = keyText(access.key());
    if (!key.isEmpty()) {
      line.append(' ').append(key);
    }
    line.append("  [")
        .append(access.scope())
        .append(", ")
        .append(access.reach())
        .append(", ")
        .append(access.confidence())
        .append(" confidence");
    if (access.sensitivity() == Sensitivity.LOW) {
      line.append(", LOW sensitivity");
    }
    line.append("] ").append(access.sinkId());
    if (!access.note().isEmpty()) {
      line.append("  (").append(access.note()).append(')');
    }
    out.write(line + NL);
    for (EvidenceStep step : access.evidence().steps()) {
      out.write(indent + "  at " + step.display() + NL);
    }
  }

  private static void writeConflicts(ScanResult result, TestNames names, Writer out)
      throws IOException {
    List<Conflict> definite = new ArrayList<>();
    List<Conflict> possible = new ArrayList<>();
    for (Conflict conflict : ReportOrder.sorted(result.conflicts(), ReportOrder.CONFLICTS)) {
      (conflict.certainty() == Certainty.DEFINITE ? definite : possible).add(conflict);
    }
    out.write(
        "Conflicts (" + definite.size() + " definite, " + possible.size() + " possible)" + NL);
    for (Conflict conflict : definite) {
      out.write("  " + conflictHeader(conflict) + NL);
      if (!conflict.reason().isEmpty()) {
        out.write("    " + conflict.reason() + NL);
      }
      List<String> named = new ArrayList<>();
      for (TestId id : ReportOrder.sorted(conflict.writers(), ReportOrder.TESTS)) {
        named.add("writes " + names.name(id));
      }
      for (TestId id : ReportOrder.sorted(conflict.readers(), ReportOrder.TESTS)) {
        named.add("reads  " + names.name(id));
      }
      for (String line : named.subList(0, Math.min(NAMES_PER_CONFLICT, named.size()))) {
        out.write("    " + line + NL);
      }
      if (named.size() > NAMES_PER_CONFLICT) {
        out.write("    and " + (named.size() - NAMES_PER_CONFLICT) + " more" + NL);
      }
    }
    if (!possible.isEmpty()) {
      out.write("  possible:" + NL);
      for (Conflict conflict :
          possible.subList(0, Math.min(POSSIBLE_CONFLICTS_LISTED, possible.size()))) {
        out.write("    " + conflictHeader(conflict) + NL);
        if (!conflict.reason().isEmpty()) {
          out.write("      " + conflict.reason() + NL);
        }
      }
      if (possible.size() > POSSIBLE_CONFLICTS_LISTED) {
        out.write(
            "    and "
                + count(
                    possible.size() - POSSIBLE_CONFLICTS_LISTED,
                    "more possible conflict",
                    "more possible conflicts")
                + NL);
      }
    }
  }

  private static String conflictHeader(Conflict conflict) {
    StringBuilder line = new StringBuilder(conflict.resourceName());
    String key = keyText(conflict.key());
    if (!key.isEmpty()) {
      line.append(' ').append(key);
    }
    line.append(" (").append(conflict.reach());
    if (conflict.scope() != Scope.SHARED) {
      line.append(", ").append(conflict.scope());
    }
    line.append("): ")
        .append(count(conflict.writers().size(), "writer", "writers"))
        .append(", ")
        .append(count(conflict.readers().size(), "reader", "readers"));
    if (conflict.possibleReaders() > 0) {
      line.append(", ")
          .append(count(conflict.possibleReaders(), "possible reader", "possible readers"));
    }
    return line.toString();
  }

  private static void writeProblems(ScanResult result, Writer out) throws IOException {
    out.write("Problems (" + result.problems().size() + ")" + NL);
    for (Problem problem : ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS)) {
      out.write("  " + problem.kind() + " " + problem.path() + ": " + problem.message() + NL);
    }
  }

  private static void writeSummaryLine(ScanSummary summary, int problems, Writer out)
      throws IOException {
    int accesses = summary.accessesByResource().values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder line = new StringBuilder("Summary: ");
    line.append(count(accesses, "access", "accesses"));
    if (!summary.accessesByResource().isEmpty()) {
      line.append(" (").append(counts(summary.accessesByResource())).append(')');
    }
    line.append(", ")
        .append(count(summary.definiteConflicts(), "definite conflict", "definite conflicts"))
        .append(", ")
        .append(count(summary.possibleConflicts(), "possible conflict", "possible conflicts"))
        .append(", ")
        .append(count(problems, "problem", "problems"));
    if (summary.readsOmitted() > 0) {
      line.append("; ")
          .append(count(summary.readsOmitted(), "read", "reads"))
          .append(" of resources no test writes not shown (--all-reads shows them)");
    }
    out.write(line + NL);
  }

  private static String keyText(Key key) {
    return key.kind() == Key.Kind.UNKNOWN ? "<unknown key>" : key.value();
  }

  private static String counts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((name, n) -> parts.add(name + " " + n));
    return String.join(", ", parts);
  }

  private static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
