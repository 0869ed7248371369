package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.reports.ReportView.Action;
import io.github.isolationaudit.reports.ReportView.FindingEntry;
import io.github.isolationaudit.reports.ReportView.MarkerEntry;
import io.github.isolationaudit.reports.ReportView.Place;
import io.github.isolationaudit.reports.ReportView.Site;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a scan result as GitHub Actions workflow commands, which GitHub shows as annotations on
 * the files of a pull request: {@code ::error} for a finding that races today, {@code ::warning}
 * for one that would race once parallel execution is on, {@code ::notice} for a marker to remove or
 * change; most severe first, as GitHub shows only the first few of each kind per step. A last plain
 * line sums up.
 *
 * <p>An annotation names a file only where the scan located it in the project (a path relative to
 * the project root, which in a workflow is the repository's checkout); otherwise it belongs to the
 * run as a whole. Values are escaped as GitHub's toolkit does: {@code %}, CR and LF in messages,
 * and also {@code :} and {@code ,} in properties.
 *
 * <p>Given the {@link ChangedLines} of a pull request, annotations go only to the lines it changed:
 * a finding at the first of its tests' sites on a changed line, a marker or an edit when its line
 * changed; the rest is left out (and counted on the last line), for the job summary has it all.
 */
public final class GithubReportRenderer implements ReportRenderer {
  private final ChangedLines changed;

  /** Annotations for every finding and marker to change. */
  public GithubReportRenderer() {
    this.changed = null;
  }

  /** Annotations only on these changed lines. */
  public GithubReportRenderer(ChangedLines changed) {
    this.changed = java.util.Objects.requireNonNull(changed, "changed");
  }

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    TestNames names = TestNames.of(result);
    ReportView view = ReportView.of(result);
    int leftOut = 0;
    for (FindingEntry entry : view.openInOrder()) {
      Finding finding = entry.finding();
      Place place = place(entry, view);
      String title =
          finding.kind()
              + " "
              + finding.resourceName()
              + keySuffix(finding.key())
              + (finding.live() ? " (races today)" : " (would race in parallel)");
      List<String> message = new ArrayList<>();
      message.add(finding.reason());
      if (!finding.recommendation().isEmpty()) {
        message.add("Fix: " + finding.recommendation());
      }
      message.add("Tests: " + tests(entry, names));
      message.addAll(editLines(finding.edits()));
      if (place == null) {
        leftOut++;
      } else {
        command(out, finding.live() ? "error" : "warning", place, title, message);
      }
      leftOut += edits(out, finding.edits(), result.sourcePaths(), title, place != null);
    }
    for (Map.Entry<Action, List<MarkerEntry>> group : view.markers().entrySet()) {
      if (group.getKey() == Action.KEEP) {
        continue;
      }
      for (MarkerEntry entry : group.getValue()) {
        MarkerVerdict verdict = entry.verdict();
        String annotation = verdict.marker().annotation();
        String shown =
            verdict.marker().family().equals("build")
                ? annotation
                : "@" + annotation.substring(annotation.lastIndexOf('.') + 1);
        String title =
            (group.getKey() == Action.REMOVE ? "Remove " : "Change ")
                + shown
                + " ("
                + verdict.verdict()
                + ")";
        List<String> message = new ArrayList<>();
        message.add(verdict.reason());
        if (!verdict.recommendation().isEmpty()) {
          message.add("Edit: " + verdict.recommendation());
        }
        message.addAll(editLines(ReportView.extraEdits(verdict)));
        if (!onChangedLine(entry.place())) {
          leftOut++;
          continue;
        }
        command(out, "notice", entry.place(), title, message);
      }
    }
    out.write(
        "isolation-audit: "
            + (view.openFindings() == 0
                ? "no findings to fix"
                : view.openFindings()
                    + (view.openFindings() == 1 ? " finding" : " findings")
                    + " to fix, "
                    + view.liveFindings()
                    + " racing today")
            + (view.accepted().isEmpty() ? "" : ", " + view.accepted().size() + " accepted")
            + "; markers: remove "
            + view.markerCount(Action.REMOVE)
            + ", change "
            + view.markerCount(Action.CHANGE)
            + ", keep "
            + view.markerCount(Action.KEEP)
            + (changed == null
                ? ""
                : "; annotations on the "
                    + changed.lines()
                    + " changed lines of "
                    + changed.files()
                    + (changed.files() == 1 ? " file" : " files")
                    + " only, "
                    + leftOut
                    + " elsewhere (see the job summary)")
            + "\n");
    out.flush();
  }

  /**
   * Where a finding's annotation goes: its first writer's site; with changed lines, the first of
   * its sites (or its marker) on a changed line, or null for none.
   */
  private Place place(FindingEntry entry, ReportView view) {
    Site primary = entry.primary();
    if (changed == null) {
      return primary == null ? Place.NOWHERE : primary.place();
    }
    for (Site site : changedLineCandidates(entry)) {
      if (onChangedLine(site.place())) {
        return site.place();
      }
    }
    if (entry.finding().marker() != null) {
      Place marker = view.place(entry.finding().marker());
      if (onChangedLine(marker)) {
        return marker;
      }
    }
    return null;
  }

  /** The places a finding can be annotated at: those the reports show, then the sample's. */
  private static List<Site> changedLineCandidates(FindingEntry entry) {
    List<Site> candidates = new ArrayList<>(entry.shown());
    candidates.addAll(entry.sites());
    return candidates;
  }

  /** Whether a place is on a changed line; always, without changed lines. */
  private boolean onChangedLine(Place place) {
    return changed == null || (place.located() && changed.contains(place.path(), place.line()));
  }

  private static void command(
      Writer out, String level, Place place, String title, List<String> message)
      throws IOException {
    List<String> properties = new ArrayList<>();
    if (place.located()) {
      properties.add("file=" + property(place.path()));
      if (place.line() > 0) {
        properties.add("line=" + place.line());
      }
    }
    properties.add("title=" + property(title));
    List<String> lines = new ArrayList<>();
    message.stream().filter(m -> !m.isEmpty()).forEach(lines::add);
    out.write(
        "::"
            + level
            + " "
            + String.join(",", properties)
            + "::"
            + data(String.join("\n", lines))
            + "\n");
  }

  /** {@code file:line add @X to FooTest}, a few, then a count. */
  private static List<String> editLines(List<Edit> edits) {
    List<String> lines = new ArrayList<>();
    int shown = Math.min(ReportView.EDITS_SHOWN, edits.size());
    for (Edit e : edits.subList(0, shown)) {
      lines.add("- " + e.where() + "  " + ReportView.editAction(e));
    }
    if (edits.size() > shown) {
      lines.add("- and " + (edits.size() - shown) + " more edits (all in the JSON report)");
    }
    return lines;
  }

  /**
   * A notice at each place a finding's edits add or change something, where the file is in the
   * project, so the pull request shows the line to change; a few per finding. Returns how many of
   * those were left out: not on a changed line, or the finding itself was.
   */
  private int edits(
      Writer out, List<Edit> edits, SourcePaths paths, String finding, boolean findingShown)
      throws IOException {
    java.util.Set<String> projectFiles = new java.util.HashSet<>(paths.byFile().values());
    int written = 0;
    int leftOut = 0;
    for (Edit e : edits) {
      if (written + leftOut == ReportView.EDITS_SHOWN) {
        break;
      }
      if (e.action() == Edit.Action.REMOVE_ANNOTATION || !projectFiles.contains(e.file())) {
        continue;
      }
      if (!findingShown || (changed != null && !changed.contains(e.file(), e.line()))) {
        leftOut++;
        continue;
      }
      command(
          out,
          "notice",
          new Place(e.file(), e.file(), e.line()),
          "Edit for " + finding,
          List.of(ReportView.editAction(e)));
      written++;
    }
    return leftOut;
  }

  /** Up to five tests with what they do and where, then a count. */
  private static String tests(FindingEntry entry, TestNames names) {
    List<String> parts = new ArrayList<>();
    List<Site> sites = entry.shown();
    int shown = Math.min(TextReportRenderer.NAMES_PER_FINDING, sites.size());
    for (Site site : sites.subList(0, shown)) {
      StringBuilder part = new StringBuilder(ReportView.shortName(names, site.test()));
      List<String> details = new ArrayList<>();
      if (site.mode() != null) {
        details.add(
            site.mode() == io.github.isolationaudit.model.AccessMode.WRITE ? "writes" : "reads");
      }
      if (!site.place().display().isEmpty()) {
        details.add(site.place().display());
      }
      if (!details.isEmpty()) {
        part.append(" (").append(String.join(", ", details)).append(')');
      }
      parts.add(part.toString());
    }
    String text = String.join("; ", parts);
    if (entry.testCount() > shown) {
      text += "; and " + (entry.testCount() - shown) + " more";
    }
    return text;
  }

  private static String keySuffix(Key key) {
    return key.kind() == Key.Kind.UNKNOWN
        ? " <unknown key>"
        : key.value().isEmpty() ? "" : " " + key.value();
  }

  /** A message as GitHub's toolkit escapes it ({@code escapeData}). */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value as GitHub's toolkit escapes it ({@code escapeProperty}). */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
