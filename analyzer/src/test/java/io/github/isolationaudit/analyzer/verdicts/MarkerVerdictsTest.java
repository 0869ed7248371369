package io.github.isolationaudit.analyzer.verdicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.ExpectedVerdict;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.FindingLabel;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.Labels;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.Target;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.VerdictLabel;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scans the fixtures and matches the verdicts and findings of the {@code markers} family against
 * the {@code // VERDICT:} and {@code // FINDING:} labels in their sources, both ways. A failure
 * lists every disagreement of the family at once: the label line, what it expects, and what the
 * scan found with its reason.
 */
class MarkerVerdictsTest {

  static final String PACKAGE = "io.github.isolationaudit.fixtures.markers";
  static final String PACKAGE_PATH = PACKAGE.replace('.', '/');

  private static final String LEGEND =
      """
      Legend: WRONG VERDICT = the marker was found with another verdict; NO MARKER = no marker with \
      that annotation on that class or method; NOT SHORT = a marker labelled INSUFFICIENT that no \
      INSUFFICIENT finding names or covers, or that is called REQUIRED/FIXABLE; UNLABELLED MARKER = \
      a marker of the family with no VERDICT label; MISSING FINDING = a labelled test in no finding \
      of that kind; UNEXPECTED FINDING = a test of the family in a finding that its labels do not \
      expect.""";

  private static final class Scan {
    static final Path ROOT = fixturesRoot();
    // Only the markers family: other families write every System property at once
    // (System.setProperties), which is a real conflict with every property these fixtures use.
    static final ScanResult RESULT =
        IsolationAudit.scan(ScanOptions.of(ROOT.resolve(PACKAGE_PATH)).withAllReads());
  }

  @Test
  void singleThreadedIsKeptWhereTheSharedInstanceChangesAndRemovedWhereNothingDoes() {
    java.util.Map<String, io.github.isolationaudit.model.MarkerVerdict> byClass =
        new java.util.HashMap<>();
    for (io.github.isolationaudit.model.MarkerVerdict v : Scan.RESULT.markers()) {
      byClass.put(v.marker().className(), v);
    }
    io.github.isolationaudit.model.MarkerVerdict keep =
        byClass.get(PACKAGE + ".defensive.SetUpStateTestNgTestCase");
    org.assertj.core.api.Assertions.assertThat(keep.recommendation()).startsWith("Keep ");
    org.assertj.core.api.Assertions.assertThat(keep.edits()).isEmpty();
    io.github.isolationaudit.model.MarkerVerdict remove =
        byClass.get(PACKAGE + ".defensive.SingleThreadedTestNgTestCase");
    org.assertj.core.api.Assertions.assertThat(remove.recommendation()).startsWith("Remove ");
    // What only the constructor sets runs once for the instance, before every test.
    io.github.isolationaudit.model.MarkerVerdict once =
        byClass.get(PACKAGE + ".defensive.ConstructorStateTestNgTestCase");
    org.assertj.core.api.Assertions.assertThat(once.recommendation()).startsWith("Remove ");
  }

  @Test
  void markerVerdictsAndFindingsMatchTheLabels() {
    Labels labels = MarkerLabels.readAll(Scan.ROOT, PACKAGE_PATH);
    assertThat(labels.verdicts())
        .as("the markers family has no VERDICT labels (is %s there?)", PACKAGE_PATH)
        .isNotEmpty();
    List<String> mismatches = mismatches(labels, Scan.RESULT);
    if (!mismatches.isEmpty()) {
      long familyMarkers = Scan.RESULT.markers().stream().filter(v -> inFamily(v.marker())).count();
      long familyFindings =
          Scan.RESULT.findings().stream()
              .filter(f -> f.tests().stream().anyMatch(t -> inFamily(t.className())))
              .count();
      fail(
          "fixture family 'markers': "
              + mismatches.size()
              + " mismatch(es) ("
              + labels.verdicts().size()
              + " VERDICT and "
              + labels.findings().size()
              + " FINDING labels; the scan found "
              + familyMarkers
              + " markers and "
              + familyFindings
              + " findings in the family, "
              + Scan.RESULT.markers().size()
              + " markers in all)\n"
              + LEGEND
              + "\n\n"
              + String.join("\n", mismatches)
              + "\n");
    }
  }

  /** Every mismatch between the labels of the family and a scan, one readable entry each. */
  static List<String> mismatches(Labels labels, ScanResult result) {
    List<String> out = new ArrayList<>();
    for (MarkerLabels.LabelProblem p : labels.problems()) {
      out.add(shortPath(p.sourceFile()) + ":" + p.line() + "  BAD LABEL: " + p.message());
    }
    List<MarkerVerdict> verdicts = result.markers();
    List<Finding> insufficient =
        result.findings().stream().filter(f -> f.kind() == Finding.Kind.INSUFFICIENT).toList();
    Set<MarkerVerdict> labelled = new LinkedHashSet<>();
    Set<String> labelledFindingMarkers = new LinkedHashSet<>();

    for (VerdictLabel label : labels.verdicts()) {
      List<MarkerVerdict> found =
          verdicts.stream().filter(v -> matches(label, v.marker())).toList();
      labelled.addAll(found);
      String where = shortPath(label.sourceFile()) + ":" + label.line();
      String head = where + "  VERDICT " + label.expected() + "  " + shortName(label.toString());
      if (label.expected() == ExpectedVerdict.INSUFFICIENT) {
        List<Finding> naming =
            insufficient.stream()
                .filter(f -> f.marker() != null && matches(label, f.marker()))
                .toList();
        naming.forEach(f -> labelledFindingMarkers.add(markerKey(f.marker())));
        List<Finding> covering =
            insufficient.stream()
                .filter(f -> f.tests().stream().anyMatch(t -> covers(label.target(), t)))
                .toList();
        List<String> details = new ArrayList<>();
        if (found.isEmpty() && naming.isEmpty()) {
          details.add("NO MARKER found" + othersOn(label.target(), verdicts));
        }
        if (naming.isEmpty() && covering.isEmpty()) {
          details.add("NOT SHORT: no INSUFFICIENT finding names this marker or covers its tests");
        }
        for (MarkerVerdict v : found) {
          if (v.verdict() == Verdict.REQUIRED || v.verdict() == Verdict.FIXABLE) {
            details.add("NOT SHORT: found " + describe(v));
          }
        }
        if (!details.isEmpty()) {
          out.add(head + details.stream().map(d -> "\n      " + d).collect(Collectors.joining()));
        }
        continue;
      }
      Verdict expected = label.expected().verdict().orElseThrow();
      if (found.isEmpty()) {
        out.add(head + "\n      NO MARKER found" + othersOn(label.target(), verdicts));
        continue;
      }
      List<String> wrong =
          found.stream()
              .filter(v -> v.verdict() != expected)
              .map(v -> "WRONG VERDICT: found " + describe(v))
              .toList();
      if (!wrong.isEmpty()) {
        out.add(head + wrong.stream().map(d -> "\n      " + d).collect(Collectors.joining()));
      }
    }

    for (MarkerVerdict v : verdicts) {
      if (inFamily(v.marker()) && !labelled.contains(v)) {
        out.add(
            locationOf(v.marker())
                + "  UNLABELLED MARKER "
                + shortName(v.marker().display())
                + "\n      found "
                + describe(v));
      }
    }
    Set<String> reported = new LinkedHashSet<>();
    for (Finding f : insufficient) {
      Marker m = f.marker();
      if (m != null
          && inFamily(m)
          && !labelledFindingMarkers.contains(markerKey(m))
          && labels.verdicts().stream().noneMatch(l -> matches(l, m))
          && reported.add(markerKey(m))) {
        out.add(
            locationOf(m)
                + "  UNLABELLED MARKER "
                + shortName(m.display())
                + " (named by an INSUFFICIENT finding)\n      "
                + f.reason());
      }
    }

    for (FindingLabel label : labels.findings()) {
      boolean found =
          result.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == label.kind()
                          && f.tests().stream().anyMatch(t -> isTest(label.target(), t)));
      if (!found) {
        List<String> others =
            result.findings().stream()
                .filter(f -> f.tests().stream().anyMatch(t -> isTest(label.target(), t)))
                .map(f -> f.kind() + ": " + f.reason() + conflictOf(f, result))
                .toList();
        out.add(
            shortPath(label.sourceFile())
                + ":"
                + label.line()
                + "  FINDING "
                + label.kind()
                + "  "
                + shortName(label.target().toString())
                + "\n      MISSING FINDING: the test is in "
                + (others.isEmpty()
                    ? "no finding"
                    : others.stream()
                        .map(o -> "\n        " + o)
                        .collect(Collectors.joining("", "these findings only:", ""))));
      }
    }
    TreeMap<String, List<String>> unexpected = new TreeMap<>();
    for (Finding f : result.findings()) {
      for (TestId t : f.tests()) {
        if (!inFamily(t.className())) {
          continue;
        }
        boolean expected =
            labels.findings().stream().anyMatch(l -> l.kind() == f.kind() && isTest(l.target(), t));
        if (!expected) {
          unexpected
              .computeIfAbsent(shortName(t.display()) + "  " + f.kind(), k -> new ArrayList<>())
              .add(f.reason() + conflictOf(f, result));
        }
      }
    }
    unexpected.forEach(
        (test, reasons) ->
            out.add(
                "UNEXPECTED FINDING "
                    + test
                    + reasons.stream().map(r -> "\n      " + r).collect(Collectors.joining())));
    return out;
  }

  /** The conflict groups behind a finding: certainty, writers and readers, for the message. */
  private static String conflictOf(Finding f, ScanResult result) {
    return result.conflicts().stream()
        .filter(c -> c.resource() == f.resource() && c.key().equals(f.key()))
        .map(
            c ->
                "\n        conflict "
                    + c.certainty()
                    + " writers "
                    + names(c.writers())
                    + " readers "
                    + names(c.readers())
                    + (c.possibleReaders() > 0 ? " +" + c.possibleReaders() + " possible" : ""))
        .collect(Collectors.joining());
  }

  private static List<String> names(List<TestId> tests) {
    return tests.stream().map(t -> shortName(t.display())).toList();
  }

  /** Whether a marker is the one a label describes: same class, method and annotation name. */
  static boolean matches(VerdictLabel label, Marker marker) {
    return marker.className().equals(label.target().className())
        && marker.methodName().equals(label.target().methodName())
        && simpleName(marker.annotation()).equals(label.annotation());
  }

  /** {@code org.junit.jupiter.api.parallel.Isolated} -> {@code Isolated}. */
  static String simpleName(String annotation) {
    String name = annotation;
    for (char stop : new char[] {'(', '#', '[', ' '}) {
      int at = name.indexOf(stop);
      if (at >= 0) {
        name = name.substring(0, at);
      }
    }
    name = name.substring(name.lastIndexOf('.') + 1);
    return name.substring(name.lastIndexOf('$') + 1);
  }

  /** Whether a test is the labelled test method (run in that class, or declared there). */
  private static boolean isTest(Target target, TestId test) {
    return test.methodName().equals(target.methodName())
        && (test.className().equals(target.className())
            || test.declaringClass().equals(target.className()));
  }

  /** Whether a test runs within what a marker sits on (a class and its nested classes). */
  private static boolean covers(Target target, TestId test) {
    if (!target.onClass()) {
      return isTest(target, test);
    }
    String c = target.className();
    return test.className().equals(c)
        || test.className().startsWith(c + "$")
        || test.declaringClass().equals(c);
  }

  private static String othersOn(Target target, List<MarkerVerdict> verdicts) {
    List<String> others =
        verdicts.stream()
            .filter(
                v ->
                    v.marker().className().equals(target.className())
                        && v.marker().methodName().equals(target.methodName()))
            .map(v -> "@" + simpleName(v.marker().annotation()) + " " + v.verdict())
            .toList();
    return others.isEmpty()
        ? " (none on " + shortName(target.toString()) + ")"
        : "; on it: " + others;
  }

  private static String describe(MarkerVerdict v) {
    Marker m = v.marker();
    String via = m.via().isEmpty() ? "" : " via " + m.via();
    return v.verdict()
        + " ("
        + m.effect()
        + via
        + ", "
        + v.confidence()
        + ") "
        + v.reason()
        + (v.confidenceNote().isEmpty() ? "" : " [" + v.confidenceNote() + "]");
  }

  private static String markerKey(Marker m) {
    return m.className() + "#" + m.methodName() + "@" + m.annotation();
  }

  private static String locationOf(Marker m) {
    if (m.location() != null && m.location().line() > 0) {
      return shortPath(m.location().file()) + ":" + m.location().line();
    }
    return shortName(m.className()) + (m.onClass() ? "" : "#" + m.methodName());
  }

  static boolean inFamily(Marker m) {
    return inFamily(m.className());
  }

  static boolean inFamily(String className) {
    return className.startsWith(PACKAGE + ".");
  }

  private static String shortPath(String file) {
    String prefix = "io/github/isolationaudit/fixtures/";
    return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
  }

  private static String shortName(String name) {
    return name.replace("io.github.isolationaudit.fixtures.", "");
  }

  /** The path of the fixtures' classes (and sources), from the build. */
  static Path fixturesRoot() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(
        property,
        "system property fixtures.classes is not set; the analyzer's surefire configuration sets it");
    Path root = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve(PACKAGE_PATH))) {
      throw new IllegalStateException(
          "no markers fixtures under " + root + "; build them: mvn -q -B -o install -pl fixtures");
    }
    return root;
  }
}
