package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reports for people (text, Markdown, GitHub annotations) show, decided once: the open
 * findings, most severe first, grouped by the test class they are about, each test with the place
 * in the project where it touches the resource; and the marker verdicts grouped by what to do.
 *
 * <p>Places are project-relative ({@code src/test/java/com/example/FooTest.java:42}) where the scan
 * located the source file ({@link ScanResult#sourcePaths()}), else the source-root-relative file.
 */
final class ReportView {

  /** What to do with a marker, which is what a reader of a report wants to know first. */
  enum Action {
    /** It protects nothing (DEFENSIVE, LEGACY): take it out. */
    REMOVE,
    /** Fix the code, then take it out (FIXABLE), or it is aimed at a conflict it does not cover. */
    CHANGE,
    /** It protects a real conflict (REQUIRED). */
    KEEP
  }

  /**
   * Where something sits: its source-root-relative file ({@code com/example/FooTest.java}, empty
   * when not even that is known), its project path ({@code src/test/java/com/example/FooTest.java},
   * empty when the scan did not locate the file in the project), and its line (0 when unknown).
   */
  record Place(String file, String path, int line) {
    static final Place NOWHERE = new Place("", "", 0);

    static Place of(String file, int line, SourcePaths paths) {
      return new Place(file, paths.located(file) ? paths.of(file) : "", line);
    }

    /** Whether the file was found in the project, so that its path opens in an editor. */
    boolean located() {
      return !path.isEmpty();
    }

    /** {@code path:line} with the project path where known, else the file; or empty. */
    String display() {
      String shown = located() ? path : file;
      return shown.isEmpty() ? "" : line > 0 ? shown + ":" + line : shown;
    }
  }

  /** One test of a finding, with what it does to the resource (null when unknown) and where. */
  record Site(TestId test, AccessMode mode, Place place) {}

  /**
   * An open or accepted finding with its tests' sites (writers first), the class it is about and
   * how severe it is (0 most severe).
   *
   * @param sites where each test of the finding's {@code tests} touches the resource, writers first
   *     (the JSON report's {@code locations})
   * @param shown the tests that reports for people name: the first writers and then readers of the
   *     whole finding (its {@code tests} may be a sample that holds no writer), with their sites
   */
  record FindingEntry(
      Finding finding, String className, int severity, List<Site> sites, List<Site> shown) {
    /** How many tests take part, sampled or not. */
    int testCount() {
      return Math.max(finding.testCount(), finding.tests().size());
    }

    /**
     * At most {@code limit} of the sites shown, writers first, and a reader among them when there
     * is one (it takes the last place).
     */
    List<Site> shown(int limit) {
      if (shown.size() <= limit) {
        return shown;
      }
      int reader = 0;
      while (reader < shown.size() && shown.get(reader).mode() == AccessMode.WRITE) {
        reader++;
      }
      if (reader < limit || reader == shown.size()) {
        return shown.subList(0, limit);
      }
      List<Site> some = new ArrayList<>(shown.subList(0, limit - 1));
      some.add(shown.get(reader));
      return some;
    }

    /** The first site shown: the writer the finding is about. */
    Site primary() {
      return shown.isEmpty() ? null : shown.get(0);
    }
  }

  /** The findings about one top-level test class. */
  record ClassGroup(String className, Place place, List<FindingEntry> findings) {}

  /** A marker's verdict, what to do with it, and where it sits. */
  record MarkerEntry(MarkerVerdict verdict, Action action, Place place) {}

  private final List<ClassGroup> groups;
  private final List<FindingEntry> accepted;
  private final Map<Action, List<MarkerEntry>> markers;
  private final int openFindings;
  private final int liveFindings;
  private final SourcePaths paths;
  private final Map<Finding, FindingEntry> entries = new HashMap<>();

  private ReportView(
      List<ClassGroup> groups,
      List<FindingEntry> accepted,
      Map<Action, List<MarkerEntry>> markers,
      int openFindings,
      int liveFindings,
      SourcePaths paths) {
    this.paths = paths;
    groups.forEach(g -> g.findings().forEach(e -> entries.put(e.finding(), e)));
    accepted.forEach(e -> entries.put(e.finding(), e));
    this.groups = groups;
    this.accepted = accepted;
    this.markers = markers;
    this.openFindings = openFindings;
    this.liveFindings = liveFindings;
  }

  static ReportView of(ScanResult result) {
    SourcePaths paths = result.sourcePaths();
    Map<TestId, Footprint> footprints = new HashMap<>();
    for (Footprint footprint : result.footprints()) {
      footprints.putIfAbsent(footprint.test().id(), footprint);
    }
    Set<io.github.isolationaudit.model.Marker> flagged = new HashSet<>();
    List<FindingEntry> open = new ArrayList<>();
    List<FindingEntry> accepted = new ArrayList<>();
    int live = 0;
    for (Finding finding : ReportOrder.sorted(result.findings(), ReportOrder.FINDINGS)) {
      FindingEntry entry = entry(finding, footprints, paths);
      if (finding.accepted()) {
        accepted.add(entry);
      } else {
        open.add(entry);
        live += finding.live() ? 1 : 0;
        if (finding.marker() != null) {
          flagged.add(finding.marker());
        }
      }
    }
    Map<String, List<FindingEntry>> byClass = new LinkedHashMap<>();
    open.sort(Comparator.comparingInt(FindingEntry::severity)); // stable: ReportOrder within
    for (FindingEntry entry : open) {
      byClass.computeIfAbsent(entry.className(), c -> new ArrayList<>()).add(entry);
    }
    List<ClassGroup> groups = new ArrayList<>();
    for (Map.Entry<String, List<FindingEntry>> e : byClass.entrySet()) {
      groups.add(new ClassGroup(e.getKey(), classPlace(e.getKey(), paths), e.getValue()));
    }
    // Most severe group first; then by name, so that equal groups keep a stable order.
    groups.sort(
        Comparator.<ClassGroup>comparingInt(g -> g.findings().get(0).severity())
            .thenComparing(ClassGroup::className));

    Map<Action, List<MarkerEntry>> markers = new EnumMap<>(Action.class);
    for (MarkerVerdict verdict :
        ReportOrder.sorted(result.markers(), ReportOrder.MARKER_VERDICTS)) {
      Action action =
          switch (verdict.verdict()) {
            case REQUIRED -> Action.KEEP;
            case FIXABLE -> Action.CHANGE;
            // A marker that an open finding says falls short is not simply removed.
            case DEFENSIVE, LEGACY ->
                flagged.contains(verdict.marker()) ? Action.CHANGE : Action.REMOVE;
          };
      markers
          .computeIfAbsent(action, a -> new ArrayList<>())
          .add(new MarkerEntry(verdict, action, markerPlace(verdict.marker(), paths)));
    }
    return new ReportView(
        List.copyOf(groups), List.copyOf(accepted), markers, open.size(), live, paths);
  }

  /** The entry of a finding of this result. */
  FindingEntry entryOf(Finding finding) {
    FindingEntry entry = entries.get(finding);
    if (entry == null) {
      throw new IllegalArgumentException("not a finding of this result: " + finding);
    }
    return entry;
  }

  /** Where a marker sits in the project. */
  Place place(io.github.isolationaudit.model.Marker marker) {
    return markerPlace(marker, paths);
  }

  /** The open findings by class, the class with the most severe finding first. */
  List<ClassGroup> groups() {
    return groups;
  }

  /**
   * The edits of the findings to fix and of the markers to remove or change, in report order: what
   * {@code isolation-audit fix} applies (all but the MANUAL ones).
   */
  List<io.github.isolationaudit.model.Edit> edits() {
    List<io.github.isolationaudit.model.Edit> edits = new ArrayList<>();
    openInOrder().forEach(entry -> edits.addAll(entry.finding().edits()));
    for (Map.Entry<Action, List<MarkerEntry>> group : markers().entrySet()) {
      if (group.getKey() != Action.KEEP) {
        group.getValue().forEach(entry -> edits.addAll(entry.verdict().edits()));
      }
    }
    return edits;
  }

  /** The accepted findings, in report order. */
  List<FindingEntry> accepted() {
    return accepted;
  }

  /** The markers to remove, to change and to keep, in that order; absent actions have none. */
  Map<Action, List<MarkerEntry>> markers() {
    return markers;
  }

  int markerCount(Action action) {
    return markers.getOrDefault(action, List.of()).size();
  }

  int openFindings() {
    return openFindings;
  }

  int liveFindings() {
    return liveFindings;
  }

  /** Every open finding, most severe first, in the order of the groups. */
  List<FindingEntry> openInOrder() {
    List<FindingEntry> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.findings()));
    return all;
  }

  /**
   * 0 for a race that runs today and that nothing protects, 1 for a live race a marker fails to
   * cover, 2 and 3 for the same once parallel execution is on.
   */
  static int severity(Finding finding) {
    int kind = finding.kind() == Finding.Kind.UNPROTECTED ? 0 : 1;
    return (finding.live() ? 0 : 2) + kind;
  }

  private static FindingEntry entry(
      Finding finding, Map<TestId, Footprint> footprints, SourcePaths paths) {
    List<Site> writers = new ArrayList<>();
    List<Site> others = new ArrayList<>();
    for (TestId test : ReportOrder.sorted(finding.tests(), ReportOrder.TESTS)) {
      Site site = site(finding, test, footprints.get(test), paths);
      (site.mode() == AccessMode.WRITE ? writers : others).add(site);
    }
    List<Site> sites = new ArrayList<>(writers);
    sites.addAll(others);
    List<Site> shown = shown(finding, sites, footprints, paths);
    String className;
    if (finding.marker() != null) {
      className = TestId.topLevelClass(finding.marker().className());
    } else if (!shown.isEmpty()) {
      className = TestId.topLevelClass(shown.get(0).test().className());
    } else {
      className = "";
    }
    return new FindingEntry(
        finding, className, severity(finding), List.copyOf(sites), List.copyOf(shown));
  }

  /**
   * The sites reports for people show. A finding's {@code tests} is a sample for a large group,
   * sorted by name, and may hold readers only (kafka-clients: 946 tests, the first five of them
   * readers, the 25 writers further down): when the finding tells its writers and readers apart,
   * the first writers come first, then readers, so the finding is listed under the class that
   * writes and names a reader when there is one.
   */
  private static List<Site> shown(
      Finding finding, List<Site> sites, Map<TestId, Footprint> footprints, SourcePaths paths) {
    if (finding.writers().isEmpty()) {
      return sites;
    }
    int readers = finding.readers().isEmpty() ? 0 : 1;
    List<TestId> tests = new ArrayList<>();
    for (TestId writer : ReportOrder.sorted(finding.writers(), ReportOrder.TESTS)) {
      if (tests.size() >= TextReportRenderer.NAMES_PER_FINDING - readers) {
        break;
      }
      tests.add(writer);
    }
    for (TestId reader : ReportOrder.sorted(finding.readers(), ReportOrder.TESTS)) {
      if (tests.size() >= TextReportRenderer.NAMES_PER_FINDING) {
        break;
      }
      tests.add(reader);
    }
    List<Site> shown = new ArrayList<>();
    for (TestId test : tests) {
      shown.add(site(finding, test, footprints.get(test), paths));
    }
    return shown;
  }

  /** The test's access to the finding's resource (a write if it has one) and its first step. */
  private static Site site(Finding finding, TestId test, Footprint footprint, SourcePaths paths) {
    Access best = null;
    if (footprint != null) {
      String resource = finding.resourceName();
      for (Access access : ReportOrder.sorted(footprint.accesses(), ReportOrder.ACCESSES)) {
        if (!access.resourceName().equals(resource)) {
          continue;
        }
        int rank = rank(access, finding);
        if (best == null || rank < rank(best, finding)) {
          best = access;
        }
      }
    }
    if (best == null) {
      return new Site(test, null, classPlace(test.className(), paths));
    }
    for (EvidenceStep step : best.evidence().steps()) {
      if (!step.sourceFile().isEmpty()) {
        return new Site(test, best.mode(), Place.of(step.sourceFile(), step.line(), paths));
      }
    }
    return new Site(test, best.mode(), classPlace(test.className(), paths));
  }

  /** Lower is better: the finding's own key before another, a write before a read. */
  private static int rank(Access access, Finding finding) {
    return (access.key().equals(finding.key()) ? 0 : 2)
        + (access.mode() == AccessMode.WRITE ? 0 : 1);
  }

  /** The source file of a class: located in the project, or the file its name implies. */
  static Place classPlace(String className, SourcePaths paths) {
    if (className.isEmpty()) {
      return Place.NOWHERE;
    }
    String file = TestId.topLevelClass(className).replace('.', '/') + ".java";
    return new Place(file, paths.ofClass(className).orElse(""), 0);
  }

  private static Place markerPlace(
      io.github.isolationaudit.model.Marker marker, SourcePaths paths) {
    SourceLocation location = marker.location();
    if (location == null) {
      return classPlace(marker.className(), paths);
    }
    return Place.of(location.file(), location.line(), paths);
  }

  /** {@code @Isolated on FooTest#bar}; a build setting keeps its own name. */
  static String markerName(io.github.isolationaudit.model.Marker marker, TestNames names) {
    String annotation = marker.annotation();
    String shown =
        marker.family().equals("build")
            ? annotation
            : "@" + annotation.substring(annotation.lastIndexOf('.') + 1);
    String target = names.target(marker);
    int hash = target.indexOf('#');
    String owner = hash < 0 ? target : target.substring(0, hash);
    return shown + " on " + target.substring(owner.lastIndexOf('.') + 1);
  }

  /** How many edits of one finding or verdict the text and Markdown reports list. */
  static final int EDITS_SHOWN = 8;

  /**
   * The edits of a verdict worth listing beside its recommendation: none when they only remove the
   * marker, which the recommendation already says with its place.
   */
  static List<io.github.isolationaudit.model.Edit> extraEdits(
      io.github.isolationaudit.model.MarkerVerdict verdict) {
    return verdict.edits().stream()
            .allMatch(
                e -> e.action() == io.github.isolationaudit.model.Edit.Action.REMOVE_ANNOTATION)
        ? List.of()
        : verdict.edits();
  }

  /**
   * What an edit does, in words: {@code add @Isolated to FooTest}, {@code remove @Isolated from
   * FooTest#bar}, or a manual change's sentence.
   */
  static String editAction(io.github.isolationaudit.model.Edit e) {
    String cls = e.className().substring(e.className().lastIndexOf('.') + 1);
    String target = e.onClass() ? cls : cls + "#" + e.methodName();
    return switch (e.action()) {
      case ADD_ANNOTATION -> "add " + e.text() + " to " + target;
      case REMOVE_ANNOTATION -> "remove " + e.text() + " from " + target;
      case MANUAL -> "in " + target + ": " + e.text();
    };
  }

  /** {@code FooTest#bar}: the test's name without its package, as people scan a list of them. */
  static String shortName(TestNames names, TestId test) {
    String full = names.name(test);
    int hash = full.indexOf('#');
    String owner = hash < 0 ? full : full.substring(0, hash);
    return full.substring(owner.lastIndexOf('.') + 1);
  }

  /** {@code FooTest$Inner} for {@code com.example.FooTest$Inner}. */
  static String simpleClassName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
