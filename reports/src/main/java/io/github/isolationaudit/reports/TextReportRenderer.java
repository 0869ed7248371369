package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a scan result as plain text for a terminal: the parallel configuration found, what each
 * test class touches, the conflicts, the markers grouped by verdict, the findings, the problems and
 * a closing summary line.
 *
 * <p>Accesses that every test of a class shares with the same evidence (lifecycle methods,
 * constructors, rules) are shown once per class; tests that touch nothing are counted, not listed;
 * a conflict names at most {@value #NAMES_PER_CONFLICT} tests and then a count, and so does a
 * finding ({@value #NAMES_PER_FINDING}).
 */
public final class TextReportRenderer implements ReportRenderer {

  /** How many tests a conflict names before it only counts the rest. */
  public static final int NAMES_PER_CONFLICT = 5;

  /** How many tests a finding names before it only counts the rest. */
  public static final int NAMES_PER_FINDING = 5;

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
    writeMarkers(result, names, out);
    out.write(NL);
    writeFindings(result, names, out);
    out.write(NL);
    writeProblems(result, out);
    out.write(NL);
    writeSummaryLine(result, out);
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
    BuildConfiguration configuration = result.configuration();
    out.write("JUnit parallel execution: " + junitParallel(configuration) + NL);
    String build = buildSettings(configuration);
    if (!build.isEmpty()) {
      out.write("Build: " + build + NL);
    }
  }

  /** {@code enabled, classes concurrent, methods same_thread (from junit-platform.properties)}. */
  private static String junitParallel(BuildConfiguration configuration) {
    Tristate enabled = configuration.parallelEnabled();
    if (configuration.sources().isEmpty()
        && enabled == Tristate.UNKNOWN
        && configuration.classesConcurrent() == Tristate.UNKNOWN
        && configuration.methodsConcurrent() == Tristate.UNKNOWN) {
      return "unknown: no configuration found";
    }
    StringBuilder text =
        new StringBuilder(
            switch (enabled) {
              case TRUE -> "enabled";
              case FALSE -> "disabled";
              case UNKNOWN -> "unknown whether enabled";
            });
    // Once parallel execution is proven off, the modes change nothing; leave them out.
    if (enabled != Tristate.FALSE) {
      text.append(", classes ")
          .append(mode(configuration.classesConcurrent()))
          .append(", methods ")
          .append(mode(configuration.methodsConcurrent()));
    }
    text.append(
        configuration.sources().isEmpty()
            ? " (no configuration file found)"
            : " (from " + String.join(", ", configuration.sources()) + ")");
    return text.toString();
  }

  private static String mode(Tristate concurrent) {
    return switch (concurrent) {
      case TRUE -> "concurrent";
      case FALSE -> "same_thread";
      case UNKNOWN -> "unknown";
    };
  }

  /** Forks, groups and TestNG's parallel mode, as far as they are known; empty when none is. */
  private static String buildSettings(BuildConfiguration configuration) {
    List<String> parts = new ArrayList<>();
    switch (configuration.forks()) {
      case TRUE -> parts.add("several test JVMs at a time (forks)");
      case FALSE -> parts.add("one test JVM at a time");
      case UNKNOWN -> {
        // Unknown forks are the normal case without a build file; saying so adds nothing.
      }
    }
    if (!configuration.includedGroups().isEmpty()) {
      parts.add("included groups: " + String.join(", ", configuration.includedGroups()));
    }
    if (!configuration.excludedGroups().isEmpty()) {
      parts.add("excluded groups: " + String.join(", ", configuration.excludedGroups()));
    }
    if (!configuration.testngParallel().isEmpty()) {
      parts.add("TestNG parallel: " + configuration.testngParallel());
    }
    return String.join("; ", parts);
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

  private static void writeMarkers(ScanResult result, TestNames names, Writer out)
      throws IOException {
    Map<Verdict, List<MarkerVerdict>> byVerdict = new EnumMap<>(Verdict.class);
    for (MarkerVerdict verdict :
        ReportOrder.sorted(result.markers(), ReportOrder.MARKER_VERDICTS)) {
      byVerdict.computeIfAbsent(verdict.verdict(), v -> new ArrayList<>()).add(verdict);
    }
    out.write("Markers (" + tally(result.markers().size(), verdictCounts(result)) + ")" + NL);
    for (Map.Entry<Verdict, List<MarkerVerdict>> entry : byVerdict.entrySet()) {
      out.write("  " + entry.getKey() + " (" + entry.getValue().size() + ")" + NL);
      for (MarkerVerdict verdict : entry.getValue()) {
        Marker marker = verdict.marker();
        out.write("    " + markerDisplay(marker, names) + " " + where(marker) + NL);
        List<String> facts = new ArrayList<>();
        String confidence = verdict.verdict() + ", " + verdict.confidence() + " confidence";
        if (!verdict.confidenceNote().isEmpty()) {
          confidence += " (" + verdict.confidenceNote() + ")";
        }
        facts.add(confidence);
        facts.add(holds(marker));
        if (!marker.via().isEmpty()) {
          facts.add("via " + marker.via());
        }
        if (!marker.statedReason().isEmpty()) {
          facts.add("stated reason: " + marker.statedReason());
        }
        out.write("      " + String.join("; ", facts) + NL);
        if (!verdict.reason().isEmpty()) {
          out.write("      " + verdict.reason() + NL);
        }
        if (!verdict.recommendation().isEmpty()) {
          out.write("      -> " + verdict.recommendation() + NL);
        }
      }
    }
  }

  /** {@code @Isolated on com.example.FooTest#bar}; a build setting keeps its own name. */
  private static String markerDisplay(Marker marker, TestNames names) {
    String annotation = marker.annotation();
    String shown =
        marker.family().equals("build")
            ? annotation
            : "@" + annotation.substring(annotation.lastIndexOf('.') + 1);
    return shown + " on " + names.target(marker);
  }

  /** {@code (FooTest.java:12)}, or where a marker found only in bytecode sits. */
  private static String where(Marker marker) {
    SourceLocation location = marker.location();
    if (location == null) {
      return "(no source: class "
          + marker.className()
          + (marker.onClass() ? "" : ", method " + marker.methodName())
          + ")";
    }
    String file = location.file().substring(location.file().lastIndexOf('/') + 1);
    return "(" + file + (location.line() > 0 ? ":" + location.line() : "") + ")";
  }

  /** What a marker does, in words: its locks, its tag, or its effect. */
  private static String holds(Marker marker) {
    return switch (marker.effect()) {
      // The GLOBAL lock of @Isolated goes without saying.
      case ISOLATES -> "isolates";
      case LOCKS -> locks(marker, "lock ", "locks ");
      case RESTORES -> locks(marker, "restores ", "restores ");
      case SAME_THREAD -> "same thread";
      case CONCURRENT -> "concurrent";
      case SERIAL_GROUP -> marker.tag().isEmpty() ? "serial group" : "tag " + marker.tag();
      case FORK -> "own JVM";
      case ORDERS -> "ordered methods";
      case FRESH_CONTEXT -> "fresh context";
      case IGNORED -> "ignored by the engine";
    };
  }

  private static String locks(Marker marker, String one, String many) {
    List<String> locks = new ArrayList<>();
    for (Lock lock : ReportOrder.sorted(marker.locks(), Comparator.<Lock>naturalOrder())) {
      String key = lock.key().equals(Lock.GLOBAL) ? "GLOBAL" : lock.key();
      locks.add(key + " " + lock.mode());
    }
    if (locks.isEmpty()) {
      return many.strip();
    }
    return (locks.size() == 1 ? one : many) + String.join(", ", locks);
  }

  private static void writeFindings(ScanResult result, TestNames names, Writer out)
      throws IOException {
    Map<Finding.Kind, List<Finding>> byKind = new EnumMap<>(Finding.Kind.class);
    List<Finding> accepted = new ArrayList<>();
    for (Finding finding : ReportOrder.sorted(result.findings(), ReportOrder.FINDINGS)) {
      if (finding.accepted()) {
        accepted.add(finding);
      } else {
        byKind.computeIfAbsent(finding.kind(), k -> new ArrayList<>()).add(finding);
      }
    }
    int open = result.findings().size() - accepted.size();
    out.write("Findings (" + tally(open, findingCounts(result)) + ")" + NL);
    for (Map.Entry<Finding.Kind, List<Finding>> entry : byKind.entrySet()) {
      out.write("  " + entry.getKey() + " (" + entry.getValue().size() + ")" + NL);
      for (Finding finding : entry.getValue()) {
        StringBuilder header = new StringBuilder(ReportOrder.resourceName(finding));
        String key = keyText(finding.key());
        if (!key.isEmpty()) {
          header.append(' ').append(key);
        }
        int tests = Math.max(finding.testCount(), finding.tests().size());
        header
            .append(": ")
            .append(count(tests, "test", "tests"))
            .append(", ")
            .append(liveness(finding, result.configuration()));
        out.write("    " + header + NL);
        if (finding.marker() != null) {
          out.write(
              "      marker: "
                  + markerDisplay(finding.marker(), names)
                  + " "
                  + where(finding.marker())
                  + NL);
        }
        List<TestId> sorted = ReportOrder.sorted(finding.tests(), ReportOrder.TESTS);
        int shown = Math.min(NAMES_PER_FINDING, sorted.size());
        for (TestId id : sorted.subList(0, shown)) {
          out.write("      " + names.name(id) + NL);
        }
        if (tests > shown) {
          out.write("      and " + (tests - shown) + " more" + NL);
        }
        if (!finding.reason().isEmpty()) {
          out.write("      " + finding.reason() + NL);
        }
        if (!finding.recommendation().isEmpty()) {
          out.write("      -> " + finding.recommendation() + NL);
        }
      }
    }
    writeAccepted(accepted, names, out);
  }

  /** Accepted findings, short: what, who, and why; only when there are some. */
  private static void writeAccepted(List<Finding> accepted, TestNames names, Writer out)
      throws IOException {
    if (accepted.isEmpty()) {
      return;
    }
    out.write(NL + "Accepted findings (" + accepted.size() + ")" + NL);
    for (Finding finding : accepted) {
      StringBuilder header =
          new StringBuilder("  ").append(finding.kind()).append(' ').append(finding.resourceName());
      String key = keyText(finding.key());
      if (!key.isEmpty()) {
        header.append(' ').append(key);
      }
      int tests = Math.max(finding.testCount(), finding.tests().size());
      List<TestId> sorted = ReportOrder.sorted(finding.tests(), ReportOrder.TESTS);
      int shown = Math.min(NAMES_PER_FINDING, sorted.size());
      header.append(": ");
      for (int i = 0; i < shown; i++) {
        header.append(i == 0 ? "" : ", ").append(names.name(sorted.get(i)));
      }
      if (tests > shown) {
        header.append(" and ").append(tests - shown).append(" more");
      }
      out.write(header + NL);
      out.write(
          "    accepted at "
              + finding.acceptance().acceptedBy()
              + ": "
              + finding.acceptance().reason()
              + NL);
    }
  }

  /** A live race, a trap for when parallel execution comes, or unknown. */
  private static String liveness(Finding finding, BuildConfiguration configuration) {
    if (finding.live()) {
      return "runs in parallel today";
    }
    return switch (configuration.runsInParallel()) {
      case FALSE -> "would race once parallel execution is on";
      case UNKNOWN -> "configuration unknown: would race if parallel execution is on";
      // Parallel execution is on, but not for these tests (one thread, one class, ...).
      case TRUE -> "not in parallel today; would race once these tests run concurrently";
    };
  }

  private static Map<String, Integer> verdictCounts(ScanResult result) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict.name(), 0);
    }
    result.markers().forEach(v -> counts.merge(v.verdict().name(), 1, Integer::sum));
    return counts;
  }

  private static Map<String, Integer> findingCounts(ScanResult result) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Finding.Kind kind : Finding.Kind.values()) {
      counts.put(kind.name(), 0);
    }
    result.findings().stream()
        .filter(f -> !f.accepted())
        .forEach(f -> counts.merge(f.kind().name(), 1, Integer::sum));
    return counts;
  }

  /** {@code 0}, or {@code 3: REQUIRED 1, FIXABLE 2, DEFENSIVE 0, LEGACY 0} in the given order. */
  private static String tally(int total, Map<String, Integer> counts) {
    return total == 0 ? "0" : total + ": " + orderedCounts(counts);
  }

  private static void writeProblems(ScanResult result, Writer out) throws IOException {
    out.write("Problems (" + result.problems().size() + ")" + NL);
    for (Problem problem : ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS)) {
      out.write("  " + problem.kind() + " " + problem.path() + ": " + problem.message() + NL);
    }
  }

  private static void writeSummaryLine(ScanResult result, Writer out) throws IOException {
    ScanSummary summary = result.summary();
    int problems = result.problems().size();
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
        .append(count(result.markers().size(), "marker", "markers"));
    if (!result.markers().isEmpty()) {
      line.append(" (").append(orderedCounts(verdictCounts(result))).append(')');
    }
    int accepted = (int) result.findings().stream().filter(Finding::accepted).count();
    int open = result.findings().size() - accepted;
    line.append(", ").append(count(open, "finding", "findings"));
    if (open > 0) {
      line.append(" (").append(orderedCounts(findingCounts(result))).append(')');
    }
    if (accepted > 0) {
      line.append(", ").append(accepted).append(" accepted");
    }
    line.append(", ").append(count(problems, "problem", "problems"));
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

  /** {@code REQUIRED 1, FIXABLE 0, ...}: in the map's own order, zeros included. */
  private static String orderedCounts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((name, n) -> parts.add(name + " " + n));
    return String.join(", ", parts);
  }

  private static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
