package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
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
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.reports.ReportView.Action;
import io.github.isolationaudit.reports.ReportView.FindingEntry;
import io.github.isolationaudit.reports.ReportView.MarkerEntry;
import io.github.isolationaudit.reports.ReportView.Site;
import io.github.isolationaudit.reports.TextLines.Style;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a scan result as text for a person at a terminal, in the order they need it: a summary
 * (what was scanned, whether the suite runs in parallel today, the counts), then the findings to
 * fix, most severe first and grouped by test class, each test with its project-relative {@code
 * file:line}, then the markers grouped by what to do with them (remove, change, keep), then the
 * problems.
 *
 * <p>Every test's footprint and every conflict are shown only in verbose mode ({@code scan
 * --verbose}, {@code explain}). Paragraphs wrap to {@link RenderOptions#width()}, and so do the
 * lines of tests and edits; paths never break. A finding names {@value #NAMES_UNLESS_VERBOSE} of
 * its tests ({@value #NAMES_PER_FINDING} when verbose) and counts them all in its heading; a
 * conflict names {@value #NAMES_PER_CONFLICT} and counts the rest; JSON lists them all.
 */
public final class TextReportRenderer implements ReportRenderer {

  /** How many tests a conflict names before it only counts the rest. */
  public static final int NAMES_PER_CONFLICT = 5;

  /** How many tests a finding names before it only counts the rest (with --verbose; JSON: all). */
  public static final int NAMES_PER_FINDING = 5;

  /**
   * How many tests a finding names unless verbose: its first writer and a reader (two writers where
   * none reads); its heading counts them all. A finding is then about eight lines, and ten of them
   * fit in about two screens.
   */
  public static final int NAMES_UNLESS_VERBOSE = 2;

  /**
   * How many edits of one finding or marker are listed unless verbose (then {@value
   * ReportView#EDITS_SHOWN}); {@code isolation-audit fix --dry-run} shows them all. An edit takes
   * one line, two where its file, target and annotation do not fit in one.
   */
  public static final int EDITS_UNLESS_VERBOSE = 3;

  /** How many possible conflicts are listed before the rest are only counted. */
  public static final int POSSIBLE_CONFLICTS_LISTED = 20;

  /** How many markers of one action, and how many problems, are listed unless verbose. */
  public static final int LISTED_UNLESS_VERBOSE = 20;

  private final RenderOptions options;

  /** A renderer with the default layout: 100 columns, no colour, not verbose. */
  public TextReportRenderer() {
    this(RenderOptions.defaults());
  }

  public TextReportRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(ScanResult result, Writer writer) throws IOException {
    TestNames names = TestNames.of(result);
    ReportView view = ReportView.of(result);
    TextLines out = new TextLines(writer, options.width(), options.color());
    writeSummary(result, view, out);
    out.blank();
    writeFindings(result, view, names, out);
    writeAccepted(view, names, out);
    writeMarkers(result, view, names, out);
    if (options.verbose()) {
      out.blank();
      out.raw("Tests and what they touch", Style.BOLD);
      out.blank();
      writeTests(result, names, out);
      out.blank();
      writeConflicts(result, names, out);
    }
    writeProblems(result, out);
    writeClosing(result, view, out);
    writer.flush();
  }

  // ---------------------------------------------------------------- summary

  private void writeSummary(ScanResult result, ReportView view, TextLines out) throws IOException {
    ScanSummary summary = result.summary();
    StringBuilder scanned =
        new StringBuilder()
            .append(count(summary.tests(), "test", "tests"))
            .append(" in ")
            .append(count(summary.testClasses(), "test class", "test classes"));
    if (!summary.testsByEngine().isEmpty()) {
      scanned.append(" (").append(counts(summary.testsByEngine())).append(')');
    }
    scanned
        .append(", ")
        .append(count(summary.classFiles(), "class file", "class files"))
        .append(" read from ")
        .append(result.inputs().isEmpty() ? "(no inputs)" : String.join(", ", result.inputs()));
    out.para(0, "isolation-audit: ", Style.BOLD, scanned.toString(), Style.PLAIN);
    out.para(0, "Parallel today: ", Style.BOLD, parallelToday(result.configuration()), Style.PLAIN);

    int accepted = view.accepted().size();
    StringBuilder findings = new StringBuilder();
    if (view.openFindings() == 0) {
      findings.append("none to fix");
    } else {
      findings
          .append(view.openFindings())
          .append(" to fix (")
          .append(nonZeroCounts(findingCounts(result)))
          .append("), ");
      if (view.liveFindings() == view.openFindings()) {
        findings.append(view.openFindings() == 1 ? "it races today" : "all race today");
      } else if (view.liveFindings() == 0) {
        findings.append("none races today");
      } else {
        findings.append(view.liveFindings()).append(" race today");
      }
    }
    if (accepted > 0) {
      findings.append("; ").append(accepted).append(" accepted");
    }
    out.para(
        0,
        "Findings: ",
        Style.BOLD,
        findings.toString(),
        view.liveFindings() > 0 ? Style.RED : Style.PLAIN);

    int markers = result.markers().size();
    String markerText =
        markers == 0
            ? "none found"
            : markers
                + ": remove "
                + view.markerCount(Action.REMOVE)
                + ", change "
                + view.markerCount(Action.CHANGE)
                + ", keep "
                + view.markerCount(Action.KEEP);
    out.para(0, "Markers: ", Style.BOLD, markerText, Style.PLAIN);

    int accesses = summary.accessesByResource().values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder rest =
        new StringBuilder()
            .append(summary.definiteConflicts())
            .append(" definite, ")
            .append(summary.possibleConflicts())
            .append(" possible, among ")
            .append(count(accesses, "access", "accesses"));
    if (!summary.accessesByResource().isEmpty()) {
      rest.append(" (").append(counts(summary.accessesByResource())).append(')');
    }
    rest.append("; ").append(count(result.problems().size(), "problem", "problems"));
    out.para(0, "Conflicts: ", Style.BOLD, rest.toString(), Style.PLAIN);
    String next = next(result, view);
    if (!next.isEmpty()) {
      out.para(0, "Next: ", Style.BOLD, next, Style.PLAIN);
    }
  }

  /**
   * What to do with the edits the findings and markers carry, on the first screen: the command that
   * shows them as a diff, or, when the sources were not found in a directory (only in a jar, or not
   * at all), what {@code fix} needs first. Empty when there is no edit.
   */
  private static String next(ScanResult result, ReportView view) {
    // One edit once: two findings that isolate the same class ask for one annotation (fix applies
    // it once and reports the second as already present).
    List<io.github.isolationaudit.model.Edit> edits =
        new ArrayList<>(new java.util.LinkedHashSet<>(view.edits()));
    long byHand =
        edits.stream()
            .filter(e -> e.action() == io.github.isolationaudit.model.Edit.Action.MANUAL)
            .count();
    int applicable = edits.size() - (int) byHand;
    if (applicable == 0) {
      // JUnit 4 and TestNG honour no lock annotation, so their edits are by hand (run a class
      // apart): a plan keeps those races apart without any.
      return byHand == 0
          ? ""
          : "isolation-audit plan, with this scan's paths and options, shows how to run the suite"
              + " in parallel without these races; the findings' "
              + count((int) byHand, "edit is a change", "edits are changes")
              + " to make by hand.";
    }
    java.util.Collection<String> projectFiles = result.sourcePaths().byFile().values();
    boolean located =
        edits.stream()
            .filter(e -> e.action() != io.github.isolationaudit.model.Edit.Action.MANUAL)
            .anyMatch(e -> projectFiles.contains(e.file()));
    String what =
        count(applicable, "edit", "edits")
            + (byHand == 0 ? "" : " (and " + byHand + " to make by hand)");
    String apply =
        located
            ? "isolation-audit fix --dry-run, with this scan's paths and options, shows the "
                + what
                + " as a diff; isolation-audit fix applies them."
            : "isolation-audit fix, with this scan's paths and --sources DIR, applies the "
                + what
                + " to the test sources unpacked in DIR: they were found only in a jar, or not at"
                + " all.";
    int alone = isolatedTests(result, edits);
    int all = result.footprints().size();
    if (alone > 0 && alone * 10 >= all) {
      // commons-dbcp2: @Isolated on five classes runs 396 of 1,573 tests one after another (2.5x
      // naive parallel); the plan's locks keep them in the parallel run (1.35x).
      apply +=
          " They run "
              + count(alone, "test", "tests")
              + " of "
              + all
              + " alone; isolation-audit fix --locks-provider applies the plan's finer locks"
              + " instead (JUnit 5.12+).";
    }
    return apply;
  }

  /**
   * The tests that the isolating edits ({@code @Isolated}, JUnit's global lock) run alone: every
   * test of their top-level classes, as JUnit lifts a method's global lock to its top-level class.
   */
  private static int isolatedTests(
      ScanResult result, List<io.github.isolationaudit.model.Edit> edits) {
    java.util.Set<String> classes = new java.util.HashSet<>();
    for (io.github.isolationaudit.model.Edit e : edits) {
      if (e.action() == io.github.isolationaudit.model.Edit.Action.ADD_ANNOTATION
          && (e.text().startsWith("@Isolated") || e.text().contains("Resources.GLOBAL"))) {
        classes.add(io.github.isolationaudit.model.TestId.topLevelClass(e.className()));
      }
    }
    if (classes.isEmpty()) {
      return 0;
    }
    return (int)
        result.footprints().stream()
            .filter(
                f ->
                    classes.contains(
                        io.github.isolationaudit.model.TestId.topLevelClass(
                            f.test().id().className())))
            .count();
  }

  /** {@code yes (JUnit parallel execution enabled, classes concurrent, ...; from ...)}. */
  private static String parallelToday(BuildConfiguration configuration) {
    String answer =
        switch (configuration.runsInParallel()) {
          case TRUE -> "yes";
          case FALSE -> "no";
          case UNKNOWN -> "unknown";
        };
    String junit = junitParallel(configuration);
    String build = buildSettings(configuration);
    StringBuilder text = new StringBuilder(answer).append(" (").append(junit);
    if (!build.isEmpty()) {
      text.append("; ").append(build);
    }
    text.append(')');
    if (configuration.runsInParallel() != Tristate.TRUE) {
      text.append("; findings say what would race once it does");
    }
    return text.toString();
  }

  /** {@code JUnit parallel execution enabled, classes concurrent, methods same_thread; from X}. */
  private static String junitParallel(BuildConfiguration configuration) {
    Tristate enabled = configuration.parallelEnabled();
    if (configuration.sources().isEmpty()
        && enabled == Tristate.UNKNOWN
        && configuration.classesConcurrent() == Tristate.UNKNOWN
        && configuration.methodsConcurrent() == Tristate.UNKNOWN) {
      return "no configuration found";
    }
    if (enabled == Tristate.UNKNOWN
        && configuration.classesConcurrent() == Tristate.UNKNOWN
        && configuration.methodsConcurrent() == Tristate.UNKNOWN) {
      return "no JUnit parallel settings in " + sources(configuration.sources());
    }
    StringBuilder text =
        new StringBuilder("JUnit parallel execution ")
            .append(
                switch (enabled) {
                  case TRUE -> "enabled";
                  case FALSE -> "disabled";
                  case UNKNOWN -> "unknown";
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
            ? "; no configuration file found"
            : "; from " + sources(configuration.sources()));
    return text.toString();
  }

  /**
   * The build files read, each once: every jar of a Maven build carries its pom, so a tests jar
   * with its main and sources jars names three copies of one file, each a long path; the first
   * stands for the others.
   */
  private static String sources(List<String> sources) {
    Map<String, List<String>> byEntry = new LinkedHashMap<>();
    for (String source : sources) {
      int inJar = source.indexOf("!/");
      String entry = inJar < 0 ? source : source.substring(inJar);
      byEntry.computeIfAbsent(entry, e -> new ArrayList<>()).add(source);
    }
    List<String> shown = new ArrayList<>();
    for (List<String> copies : byEntry.values()) {
      shown.add(
          copies.get(0)
              + (copies.size() == 1
                  ? ""
                  : " (the same file in "
                      + count(copies.size() - 1, "more jar", "more jars")
                      + ")"));
    }
    return String.join(", ", shown);
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

  // ---------------------------------------------------------------- findings

  private void writeFindings(ScanResult result, ReportView view, TestNames names, TextLines out)
      throws IOException {
    if (view.openFindings() == 0) {
      return;
    }
    out.raw("Findings to fix (" + view.openFindings() + "), most severe first", Style.BOLD);
    boolean compact = !options.verbose() && view.openFindings() > LISTED_UNLESS_VERBOSE;
    if (compact) {
      // A large suite has hundreds: the most severe in full, the rest one line each, so the
      // report stays readable and still names every finding.
      out.para(
          0,
          "The first "
              + LISTED_UNLESS_VERBOSE
              + " in full, the other "
              + (view.openFindings() - LISTED_UNLESS_VERBOSE)
              + " one line each (--verbose shows them all in full; isolation-audit explain CLASS"
              + " shows one class).",
          Style.DIM);
    }
    int written = 0;
    for (ReportView.ClassGroup group : view.groups()) {
      out.blank();
      // The class, and its file where the line has room for both: each test and edit below
      // names its own file:line.
      String where = group.place().display();
      boolean roomy =
          !where.isEmpty() && group.className().length() + 2 + where.length() <= options.width();
      out.raw(out.styled(group.className(), Style.BOLD) + (roomy ? "  " + where : ""));
      boolean spaced = false;
      for (FindingEntry entry : group.findings()) {
        if (compact && written >= LISTED_UNLESS_VERBOSE) {
          writeFindingLine(entry, out);
        } else {
          if (spaced) {
            out.blank();
          }
          spaced = true;
          writeFinding(entry, group.className(), result.configuration(), view, names, out);
        }
        written++;
      }
    }
    out.blank();
  }

  /** {@code UNPROTECTED FILE /tmp/x: 3 tests, first writes src/.../FooTest.java:42}. */
  private static void writeFindingLine(FindingEntry entry, TextLines out) throws IOException {
    Finding finding = entry.finding();
    StringBuilder text = new StringBuilder(what(finding));
    text.append(": ").append(count(entry.testCount(), "test", "tests"));
    Site primary = entry.primary();
    if (primary != null && !primary.place().display().isEmpty()) {
      text.append(primary.mode() == AccessMode.READ ? ", first reads " : ", first writes ")
          .append(primary.place().display());
    }
    out.para(
        2,
        finding.kind().name() + " ",
        finding.live() ? Style.RED : Style.YELLOW,
        text.toString(),
        Style.PLAIN);
  }

  /**
   * A finding in a few lines: a heading with what conflicts and how many tests take part, two of
   * its tests with their {@code file:line}, the reason where it adds to the heading, the fix and
   * its edits.
   *
   * @param className the class whose heading the finding is under: its tests go by their method
   */
  private void writeFinding(
      FindingEntry entry,
      String className,
      BuildConfiguration configuration,
      ReportView view,
      TestNames names,
      TextLines out)
      throws IOException {
    Finding finding = entry.finding();
    StringBuilder header = new StringBuilder(what(finding));
    header.append(": ").append(count(entry.testCount(), "test", "tests"));
    String liveness = liveness(finding, configuration);
    if (!liveness.isEmpty()) {
      header.append(", ").append(liveness);
    }
    Style kindStyle = finding.live() ? Style.RED : Style.YELLOW;
    out.para(2, finding.kind().name() + " ", kindStyle, header.toString(), Style.PLAIN);
    if (finding.marker() != null) {
      String markerWhere = view.place(finding.marker()).display();
      out.para(
          4,
          "marker: ",
          Style.DIM,
          ReportView.markerName(finding.marker(), names)
              + (markerWhere.isEmpty() ? "" : " at " + markerWhere),
          Style.PLAIN);
    }
    writeSites(
        entry, options.verbose() ? NAMES_PER_FINDING : NAMES_UNLESS_VERBOSE, className, names, out);
    if (!finding.reason().isEmpty() && reasonAddsToHeading(finding)) {
      out.para(4, finding.reason(), Style.PLAIN);
    }
    if (!finding.recommendation().isEmpty()) {
      out.para(4, "Fix: ", Style.GREEN, finding.recommendation(), Style.PLAIN);
    }
    writeEdits(finding.edits(), editsShown(), out);
  }

  /**
   * Whether a finding's reason says more than its heading. An UNPROTECTED finding's reason puts in
   * words its test count, resource, key, liveness and the conflicts it stands for ({@link
   * Finding#merged()}), all of which the heading shows; an INSUFFICIENT finding's adds why its
   * marker falls short.
   */
  static boolean reasonAddsToHeading(Finding finding) {
    return switch (finding.kind()) {
      case UNPROTECTED -> false;
      case INSUFFICIENT -> true;
    };
  }

  /**
   * {@code JVM_GLOBAL jndi:jdbc}, then the conflicts it stands for: {@code , jndi:jdbc/ds} for the
   * same kind of resource, {@code , FILE /tmp/x} for another.
   */
  private static String what(Finding finding) {
    StringBuilder what = new StringBuilder(finding.resourceName());
    String key = keyText(finding.key());
    if (!key.isEmpty()) {
      what.append(' ').append(key);
    }
    for (Finding.Merged other : finding.merged()) {
      what.append(", ");
      if (!other.resourceName().equals(finding.resourceName())) {
        what.append(other.resourceName()).append(' ');
      }
      what.append(keyText(other.key()));
    }
    return what.toString();
  }

  private int editsShown() {
    return options.verbose() ? ReportView.EDITS_SHOWN : EDITS_UNLESS_VERBOSE;
  }

  /**
   * {@code src/test/java/.../FooTest.java:42 #bar + @Isolated}: a few, then a count. An annotation
   * that does not fit beside its place comes first, whole, with the places of the edits in a row
   * that add (or remove) the same annotation beneath it, one a line; a change by hand that the edit
   * before already describes is "the same".
   */
  private void writeEdits(List<io.github.isolationaudit.model.Edit> edits, int limit, TextLines out)
      throws IOException {
    int shown = Math.min(limit, edits.size());
    List<io.github.isolationaudit.model.Edit> listed = edits.subList(0, shown);
    int i = 0;
    while (i < listed.size()) {
      io.github.isolationaudit.model.Edit e = listed.get(i);
      if (e.action() == io.github.isolationaudit.model.Edit.Action.MANUAL) {
        // A JUnit 4 suite's classes each get the same paragraph: it is written once.
        String text = i > 0 && sameChange(listed.get(i - 1), e) ? "the same" : e.text();
        String target = editTarget(e);
        out.para(
            6,
            e.where() + "  ",
            Style.DIM,
            target.isEmpty() ? text : target + ": " + text,
            Style.PLAIN);
        i++;
        continue;
      }
      int end = i + 1;
      while (end < listed.size() && sameChange(e, listed.get(end))) {
        end++;
      }
      List<io.github.isolationaudit.model.Edit> run = listed.subList(i, end);
      String change = change(e);
      boolean fits =
          run.stream().allMatch(r -> 6 + place(r).length() + change.length() <= options.width());
      if (fits) {
        for (io.github.isolationaudit.model.Edit r : run) {
          out.raw("      " + out.styled(place(r), Style.DIM) + change);
        }
      } else {
        out.para(6, change, Style.PLAIN);
        for (io.github.isolationaudit.model.Edit r : run) {
          String target = editTarget(r);
          if (target.isEmpty()) {
            out.raw("        " + out.styled(r.where(), Style.DIM));
          } else {
            out.para(8, r.where() + "  ", Style.DIM, target, Style.DIM);
          }
        }
      }
      i = end;
    }
    if (edits.size() > shown) {
      out.para(
          6,
          "... and "
              + count(edits.size() - shown, "more edit", "more edits")
              + " (isolation-audit fix --dry-run shows them all)",
          Style.DIM);
    }
  }

  /** {@code + @Isolated} or {@code - @Isolated}. */
  private static String change(io.github.isolationaudit.model.Edit e) {
    return (e.action() == io.github.isolationaudit.model.Edit.Action.ADD_ANNOTATION ? "+ " : "- ")
        + e.text();
  }

  private static boolean sameChange(
      io.github.isolationaudit.model.Edit a, io.github.isolationaudit.model.Edit b) {
    return a.action() == b.action() && a.text().equals(b.text());
  }

  /** {@code src/test/java/.../FooTest.java:42 #bar }: where an edit goes, before its change. */
  private static String place(io.github.isolationaudit.model.Edit e) {
    String target = editTarget(e);
    return e.where() + "  " + (target.isEmpty() ? "" : target + "  ");
  }

  /**
   * What an edit is on, short: nothing for the class its file is named after, {@code #bar} for one
   * of its methods, {@code Outer$Inner#bar} for another class; nothing when the edit has no file
   * (its place then names the class and method).
   */
  static String editTarget(io.github.isolationaudit.model.Edit e) {
    if (e.file().isEmpty()) {
      return "";
    }
    String simple = ReportView.simpleClassName(e.className());
    String fileName = e.file().substring(e.file().lastIndexOf('/') + 1);
    boolean named = fileName.equals(simple + ".java");
    String method = e.onClass() ? "" : "#" + e.methodName();
    return named ? method : simple + method;
  }

  /**
   * {@code writes src/test/java/.../FooTest.java:42 #bar}, the writer first, then a reader; tests
   * that touch the resource at the same place share its line ({@code #bar, #baz}). A test of the
   * class under whose heading the finding stands goes by its method. Names that do not fit beside
   * the place go on the next line, under it.
   */
  private void writeSites(
      FindingEntry entry, int limit, String className, TestNames names, TextLines out)
      throws IOException {
    // Each verb and place once, with its tests' names, in the order shown (writers first).
    Map<String, List<String>> byPlace = new LinkedHashMap<>();
    for (Site site : entry.shown(limit)) {
      String verb =
          site.mode() == null ? "      " : site.mode() == AccessMode.WRITE ? "writes" : "reads ";
      String place = site.place().display();
      String name =
          site.test().className().equals(className)
              ? names.memberName(site.test())
              : ReportView.shortName(names, site.test());
      String at = verb + " " + place;
      byPlace.computeIfAbsent(at, p -> new ArrayList<>()).add(name);
    }
    int placeWidth = 0;
    for (String at : byPlace.keySet()) {
      placeWidth = Math.max(placeWidth, at.length());
    }
    for (Map.Entry<String, List<String>> e : byPlace.entrySet()) {
      String at = e.getKey();
      String tests = String.join(", ", e.getValue());
      String line = "    " + at + " ".repeat(placeWidth - at.length() + 2) + tests;
      if (line.length() <= options.width() || at.isBlank()) {
        out.raw(line);
        continue;
      }
      out.raw("    " + at);
      String under = " ".repeat("    writes ".length());
      int room = options.width() - under.length();
      for (String part : TextLines.wrap(tests, room, room)) {
        out.raw(under + part);
      }
    }
  }

  /** Accepted findings, short: what, who, and why; only when there are some. */
  private static void writeAccepted(ReportView view, TestNames names, TextLines out)
      throws IOException {
    if (view.accepted().isEmpty()) {
      return;
    }
    out.raw("Accepted findings (" + view.accepted().size() + ")", Style.BOLD);
    for (FindingEntry entry : view.accepted()) {
      Finding finding = entry.finding();
      StringBuilder header =
          new StringBuilder().append(finding.kind()).append(' ').append(finding.resourceName());
      String key = keyText(finding.key());
      if (!key.isEmpty()) {
        header.append(' ').append(key);
      }
      int tests = entry.testCount();
      List<Site> sites = entry.shown();
      int shown = Math.min(NAMES_PER_FINDING, sites.size());
      header.append(": ");
      for (int i = 0; i < shown; i++) {
        header.append(i == 0 ? "" : ", ").append(ReportView.shortName(names, sites.get(i).test()));
      }
      if (tests > shown) {
        header.append(" and ").append(tests - shown).append(" more");
      }
      out.para(2, header.toString(), Style.PLAIN);
      out.para(
          4,
          "accepted at " + finding.acceptance().acceptedBy() + ": " + finding.acceptance().reason(),
          Style.DIM);
    }
    out.blank();
  }

  /**
   * A live race, or a trap that is not live although the suite runs in parallel; empty for a trap
   * in a suite that does not (or may not) run in parallel, which the summary already says of every
   * finding ("Parallel today: no (...); findings say what would race once it does").
   */
  private static String liveness(Finding finding, BuildConfiguration configuration) {
    if (finding.live()) {
      return "races today";
    }
    return switch (configuration.runsInParallel()) {
      case FALSE, UNKNOWN -> "";
      // Parallel execution is on, but not for these tests (one thread, one class, ...).
      case TRUE -> "not in parallel today; would race once these tests run concurrently";
    };
  }

  // ---------------------------------------------------------------- markers

  private void writeMarkers(ScanResult result, ReportView view, TestNames names, TextLines out)
      throws IOException {
    if (result.markers().isEmpty()) {
      return;
    }
    out.raw(
        "Markers ("
            + result.markers().size()
            + "): remove "
            + view.markerCount(Action.REMOVE)
            + ", change "
            + view.markerCount(Action.CHANGE)
            + ", keep "
            + view.markerCount(Action.KEEP),
        Style.BOLD);
    for (Map.Entry<Action, List<MarkerEntry>> group : view.markers().entrySet()) {
      out.blank();
      List<MarkerEntry> entries = group.getValue();
      String heading =
          switch (group.getKey()) {
            case REMOVE -> "Remove (" + entries.size() + "): they protect nothing today";
            case CHANGE ->
                "Change ("
                    + entries.size()
                    + "): fix the code or the marker, as each says, before removing them";
            case KEEP -> "Keep (" + entries.size() + "): they protect a real conflict";
          };
      Style style =
          switch (group.getKey()) {
            case REMOVE -> Style.YELLOW;
            case CHANGE -> Style.CYAN;
            case KEEP -> Style.GREEN;
          };
      out.para(0, heading, style);
      int shown =
          options.verbose() ? entries.size() : Math.min(LISTED_UNLESS_VERBOSE, entries.size());
      for (MarkerEntry entry : entries.subList(0, shown)) {
        writeMarker(entry, names, out);
      }
      if (entries.size() > shown) {
        out.raw(
            "  and "
                + count(entries.size() - shown, "more marker", "more markers")
                + " (--verbose lists them all)");
      }
    }
    out.blank();
  }

  private void writeMarker(MarkerEntry entry, TestNames names, TextLines out) throws IOException {
    MarkerVerdict verdict = entry.verdict();
    Marker marker = verdict.marker();
    String where = entry.place().display();
    // The place is a label, so the blanks that set it apart survive wrapping.
    out.para(
        2,
        where.isEmpty() ? "" : where + "  ",
        Style.PLAIN,
        ReportView.markerName(marker, names),
        Style.BOLD);
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
    out.para(4, String.join("; ", facts), Style.DIM);
    if (!verdict.reason().isEmpty() && !saysAlready(verdict.recommendation(), verdict.reason())) {
      out.para(4, verdict.reason(), Style.PLAIN);
    }
    if (!verdict.recommendation().isEmpty()) {
      out.para(4, "Edit: ", Style.GREEN, verdict.recommendation(), Style.PLAIN);
    }
    writeEdits(ReportView.extraEdits(verdict), editsShown(), out);
  }

  /**
   * Whether the edit's text already holds the reason, as a LEGACY marker's does ("Remove @Category
   * on X (X.java:28): the build configuration found (...) runs no group apart for the tag ..."):
   * then the reason is not written twice (hbase-common 2.6.1: four lines of each of its 91
   * markers).
   */
  static boolean saysAlready(String recommendation, String reason) {
    String sentence = reason.strip();
    if (sentence.endsWith(".")) {
      sentence = sentence.substring(0, sentence.length() - 1);
    }
    return !sentence.isEmpty() && recommendation.contains(sentence);
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

  // ---------------------------------------------------------------- problems and the end

  private void writeProblems(ScanResult result, TextLines out) throws IOException {
    if (result.problems().isEmpty()) {
      return;
    }
    if (options.verbose()) {
      out.blank();
    }
    List<Problem> problems = ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS);
    out.raw("Problems (" + problems.size() + ")", Style.BOLD);
    int shown =
        options.verbose() ? problems.size() : Math.min(LISTED_UNLESS_VERBOSE, problems.size());
    for (Problem problem : problems.subList(0, shown)) {
      out.para(2, problem.kind() + " " + problem.path() + ": " + problem.message(), Style.PLAIN);
    }
    if (problems.size() > shown) {
      out.raw(
          "  and "
              + count(problems.size() - shown, "more problem", "more problems")
              + " (--verbose lists them all)");
    }
    out.blank();
  }

  private void writeClosing(ScanResult result, ReportView view, TextLines out) throws IOException {
    List<String> notes = new ArrayList<>();
    if (!options.verbose() && !result.footprints().isEmpty()) {
      // Name a class of this suite, the one most worth a look, so the hint can be copied as is.
      String example =
          view.groups().isEmpty()
              ? ReportOrder.sorted(result.footprints(), ReportOrder.FOOTPRINTS)
                  .get(0)
                  .test()
                  .id()
                  .className()
              : view.groups().get(0).className();
      notes.add(
          "Every test's footprint and every conflict: --verbose. The whole reasoning for one test"
              + " or class: isolation-audit explain "
              + example);
    }
    if (result.summary().readsOmitted() > 0) {
      notes.add(
          count(result.summary().readsOmitted(), "read", "reads")
              + " of resources no test writes are left out (--all-reads shows them).");
    }
    for (String note : notes) {
      out.para(0, note, Style.DIM);
    }
  }

  // ---------------------------------------------------------------- verbose: tests, conflicts

  private static void writeTests(ScanResult result, TestNames names, TextLines out)
      throws IOException {
    if (result.footprints().isEmpty()) {
      out.raw("No tests found.");
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
        out.blank();
      }
      first = false;
      writeClass(entry.getKey(), tests, touching, names, result.sourcePaths(), out);
    }
    if (untouched > 0) {
      if (!first) {
        out.blank();
      }
      out.raw(count(untouched, "test touches", "tests touch") + " nothing shared");
    }
  }

  private static void writeClass(
      String className,
      List<Footprint> tests,
      int touching,
      TestNames names,
      SourcePaths paths,
      TextLines out)
      throws IOException {
    Set<Engine> engines = EnumSet.noneOf(Engine.class);
    tests.forEach(f -> engines.add(f.test().engine()));
    List<String> engineNames = engines.stream().map(Engine::name).toList();
    out.raw(
        className
            + " ("
            + String.join(", ", engineNames)
            + "): "
            + touching
            + " of "
            + count(tests.size(), "test", "tests")
            + (touching == 1 ? " touches" : " touch")
            + " shared resources");

    Set<Access> everyTest = accessesOfEveryTest(tests);
    if (!everyTest.isEmpty()) {
      out.raw("  every test (lifecycle):");
      for (Access access : ReportOrder.sorted(everyTest, ReportOrder.ACCESSES)) {
        writeAccess(access, "    ", paths, out);
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
      out.raw("  " + names.memberName(footprint.test().id()) + qualifiers(footprint.test()));
      for (Access access : ReportOrder.sorted(own, ReportOrder.ACCESSES)) {
        writeAccess(access, "    ", paths, out);
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

  private static void writeAccess(Access access, String indent, SourcePaths paths, TextLines out)
      throws IOException {
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
    out.raw(line.toString());
    for (EvidenceStep step : access.evidence().steps()) {
      out.raw(indent + "  at " + stepDisplay(step, paths));
    }
  }

  private static void writeConflicts(ScanResult result, TestNames names, TextLines out)
      throws IOException {
    List<Conflict> definite = new ArrayList<>();
    List<Conflict> possible = new ArrayList<>();
    for (Conflict conflict : ReportOrder.sorted(result.conflicts(), ReportOrder.CONFLICTS)) {
      (conflict.certainty() == Certainty.DEFINITE ? definite : possible).add(conflict);
    }
    out.raw("Conflicts (" + definite.size() + " definite, " + possible.size() + " possible)");
    for (Conflict conflict : definite) {
      out.raw("  " + conflictHeader(conflict));
      if (!conflict.reason().isEmpty()) {
        out.raw("    " + conflict.reason());
      }
      List<String> named = new ArrayList<>();
      for (TestId id : ReportOrder.sorted(conflict.writers(), ReportOrder.TESTS)) {
        named.add("writes " + names.name(id));
      }
      for (TestId id : ReportOrder.sorted(conflict.readers(), ReportOrder.TESTS)) {
        named.add("reads  " + names.name(id));
      }
      for (String line : named.subList(0, Math.min(NAMES_PER_CONFLICT, named.size()))) {
        out.raw("    " + line);
      }
      if (named.size() > NAMES_PER_CONFLICT) {
        out.raw("    and " + (named.size() - NAMES_PER_CONFLICT) + " more");
      }
    }
    if (!possible.isEmpty()) {
      out.raw("  possible:");
      for (Conflict conflict :
          possible.subList(0, Math.min(POSSIBLE_CONFLICTS_LISTED, possible.size()))) {
        out.raw("    " + conflictHeader(conflict));
        if (!conflict.reason().isEmpty()) {
          out.raw("      " + conflict.reason());
        }
      }
      if (possible.size() > POSSIBLE_CONFLICTS_LISTED) {
        out.raw(
            "    and "
                + count(
                    possible.size() - POSSIBLE_CONFLICTS_LISTED,
                    "more possible conflict",
                    "more possible conflicts"));
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

  /**
   * {@code com.example.FooTest.bar src/test/java/com/example/FooTest.java:42} where the file is
   * located in the project, else the stack-trace form.
   */
  private static String stepDisplay(EvidenceStep step, SourcePaths paths) {
    if (!paths.located(step.sourceFile())) {
      return step.display();
    }
    return step.className()
        + "."
        + step.methodName()
        + "  "
        + paths.of(step.sourceFile())
        + (step.line() > 0 ? ":" + step.line() : "");
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

  private static String keyText(Key key) {
    if (key.isEntry()) {
      // One entry of a map a static field holds: the field, then the entry's key.
      return key.value()
          + "["
          + (key.entry().kind() == Key.Kind.UNKNOWN ? "<unknown entry>" : key.entry().value())
          + "]";
    }
    return key.kind() == Key.Kind.UNKNOWN ? "<unknown key>" : key.value();
  }

  private static String counts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((name, n) -> parts.add(name + " " + n));
    return String.join(", ", parts);
  }

  /** {@code UNPROTECTED 1, INSUFFICIENT 2}: in the map's own order, zeros left out. */
  private static String nonZeroCounts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (name, n) -> {
          if (n > 0) {
            parts.add(name + " " + n);
          }
        });
    return String.join(", ", parts);
  }

  private static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
