package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a scan result as GitHub-flavoured Markdown for a pull-request comment or a job summary: a
 * hidden marker line ({@value #STICKY_MARKER}) that lets a bot find and update its one comment, a
 * summary table, then the findings (most severe first), the markers by what to do, the accepted
 * findings and the problems, each in a collapsed {@code <details>} section.
 *
 * <p>The whole never exceeds its limit ({@value #COMMENT_LIMIT} characters for a comment, GitHub's
 * maximum): sections are added in that order while they fit, and a closing note says what was left
 * out and how to see it all. Text from the scan is escaped, and annotations such as
 * {@code @Isolated} are set as code, so that GitHub never reads them as mentions of users.
 */
public final class MarkdownReportRenderer implements ReportRenderer {

  /** The first line of a comment, by which a bot finds the comment to update. */
  public static final String STICKY_MARKER = "<!-- isolation-audit -->";

  /** The most characters GitHub accepts in a pull-request comment. */
  public static final int COMMENT_LIMIT = 65_536;

  /**
   * The most characters of a job summary. GitHub accepts 1 MiB of UTF-8 per step; a character takes
   * at most 3 bytes in the text we write outside emoji (4 bytes, 2 chars), so this fits.
   */
  public static final int SUMMARY_LIMIT = 340_000;

  /** Room kept for the closing note and footer, so that they always fit. */
  private static final int RESERVE = 1_200;

  private static final Pattern ANNOTATION = Pattern.compile("@[A-Za-z_][\\w.]*(\\([^()]*\\))?");

  private final RenderOptions options;
  private final int limit;
  private final boolean comment;

  /** A pull-request comment with the default options. */
  public MarkdownReportRenderer() {
    this(RenderOptions.defaults(), COMMENT_LIMIT);
  }

  /**
   * A pull-request comment (with the sticky marker) of at most {@code limit} characters.
   *
   * @param options where {@link RenderOptions#linkBase()} turns paths into links
   */
  public MarkdownReportRenderer(RenderOptions options, int limit) {
    this(options, limit, true);
  }

  private MarkdownReportRenderer(RenderOptions options, int limit, boolean comment) {
    if (limit < 4 * RESERVE) {
      throw new IllegalArgumentException("limit too small: " + limit);
    }
    this.options = options;
    this.limit = limit;
    this.comment = comment;
  }

  /** A job summary: no sticky marker, and GitHub's larger limit for summaries. */
  public static MarkdownReportRenderer jobSummary(RenderOptions options) {
    return new MarkdownReportRenderer(options, SUMMARY_LIMIT, false);
  }

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    out.write(markdown(result));
    out.flush();
  }

  /** The Markdown, within the limit. */
  String markdown(ScanResult result) {
    TestNames names = TestNames.of(result);
    ReportView view = ReportView.of(result);
    StringBuilder md = new StringBuilder();
    if (comment) {
      md.append(STICKY_MARKER).append('\n');
    }
    head(result, view, md);

    List<Section> sections = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<String> briefs = new ArrayList<>();
    for (FindingEntry entry : view.openInOrder()) {
      findings.add(finding(entry, result.configuration(), names, view));
      briefs.add(brief(entry));
    }
    if (!findings.isEmpty()) {
      sections.add(
          new Section(
              "findings",
              "finding",
              "### Findings to fix, most severe first\n\n",
              findings,
              "",
              briefs));
    }
    for (Map.Entry<Action, List<MarkerEntry>> group : view.markers().entrySet()) {
      List<String> items = new ArrayList<>();
      for (MarkerEntry entry : group.getValue()) {
        items.add(marker(entry, names));
      }
      String heading =
          switch (group.getKey()) {
            case REMOVE -> "Markers to remove (" + items.size() + "): they protect nothing today";
            case CHANGE ->
                "Markers to change ("
                    + items.size()
                    + "): fix the code or the marker, as each says, before removing them";
            case KEEP -> "Markers to keep (" + items.size() + "): they protect a real conflict";
          };
      sections.add(
          new Section(
              "marker",
              "marker",
              (sections.isEmpty() || !sections.get(sections.size() - 1).kind.equals("marker")
                      ? "### Markers\n\n"
                      : "")
                  + "<details>\n<summary><b>"
                  + html(heading)
                  + "</b></summary>\n\n",
              items,
              "\n</details>\n\n",
              List.of()));
    }
    if (!view.accepted().isEmpty()) {
      List<String> items = new ArrayList<>();
      for (FindingEntry entry : view.accepted()) {
        items.add(accepted(entry, names));
      }
      sections.add(
          new Section(
              "accepted",
              "accepted finding",
              "<details>\n<summary><b>Accepted findings (" + items.size() + ")</b></summary>\n\n",
              items,
              "\n</details>\n\n",
              List.of()));
    }
    if (!result.problems().isEmpty()) {
      List<String> items = new ArrayList<>();
      for (Problem problem : ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS)) {
        items.add(
            "- "
                + problem.kind()
                + " "
                + code(problem.path())
                + ": "
                + text(problem.message())
                + "\n");
      }
      sections.add(
          new Section(
              "problem",
              "problem",
              "<details>\n<summary><b>Problems (" + items.size() + ")</b></summary>\n\n",
              items,
              "\n</details>\n\n",
              List.of()));
    }

    Map<String, Integer> omitted = new TreeMap<>();
    boolean stopped = false;
    for (Section section : sections) {
      if (!stopped
          && md.length() + section.open.length() + section.close.length() + RESERVE > limit) {
        stopped = true;
      }
      if (stopped) {
        omitted.merge(section.noun, section.items.size(), Integer::sum);
        continue;
      }
      md.append(section.open);
      int[] briefsFrom = section.briefCosts();
      int shown = 0;
      while (shown < section.items.size()) {
        String item = section.items.get(shown);
        // Room for the rest in one line each (at most half the limit), so that every finding is
        // at least named before the first ones are shown in full.
        int rest = Math.min(briefsFrom[shown + 1], limit / 2);
        if (md.length() + item.length() + section.close.length() + RESERVE + rest > limit) {
          break;
        }
        md.append(item);
        shown++;
      }
      if (shown < section.items.size() && !section.briefs.isEmpty()) {
        shown = briefly(section, shown, md);
      }
      if (shown < section.items.size()) {
        stopped = true;
        omitted.merge(section.noun, section.items.size() - shown, Integer::sum);
      }
      md.append(section.close);
    }
    if (!omitted.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String noun : List.of("finding", "marker", "accepted finding", "problem")) {
        Integer n = omitted.get(noun);
        if (n != null) {
          parts.add(n + " " + noun + (n == 1 ? "" : "s"));
        }
      }
      md.append("> [!NOTE]\n> Cut short to stay within ")
          .append(String.format(java.util.Locale.ROOT, "%,d", limit))
          .append(" characters: ")
          .append(joinAnd(parts))
          .append(" not shown. The text report (`isolation-audit scan`) and the JSON report")
          .append(" (`isolation-audit scan -f json`) show everything.\n\n");
    }
    long applicable =
        view.edits().stream()
            .filter(e -> e.action() != io.github.isolationaudit.model.Edit.Action.MANUAL)
            .count();
    md.append(
        "<sub>isolation-audit: static analysis of the compiled tests; nothing was run."
            + (applicable == 0
                ? ""
                : " <code>isolation-audit fix --dry-run</code> shows the "
                    + applicable
                    + (applicable == 1 ? " edit" : " edits")
                    + " as a diff; <code>isolation-audit fix</code> applies them.")
            + " Per-test details: <code>isolation-audit scan --verbose</code> or"
            + " <code>isolation-audit explain CLASS</code>.</sub>\n");
    if (md.length() > limit) {
      // Cannot happen while RESERVE covers the head's overflow; keep the promise regardless.
      md.setLength(limit);
    }
    return md.toString();
  }

  /**
   * Adds the section's items from {@code from} on in one line each, in a collapsed section of their
   * own, as many as fit; returns the index of the first item left out.
   */
  private int briefly(Section section, int from, StringBuilder md) {
    String close = "\n</details>\n\n";
    int room = limit - RESERVE - section.close.length() - close.length() - md.length() - 100;
    int to = from;
    int used = 0;
    while (to < section.briefs.size() && used + section.briefs.get(to).length() <= room) {
      used += section.briefs.get(to).length();
      to++;
    }
    if (to == from) {
      return from;
    }
    md.append("<details>\n<summary><b>")
        .append(
            from == 0
                ? count(to - from, section.noun, section.noun + "s")
                : count(to - from, "more " + section.noun, "more " + section.noun + "s"))
        .append(", one line each</b></summary>\n\n");
    for (int i = from; i < to; i++) {
      md.append(section.briefs.get(i));
    }
    md.append(close);
    return to;
  }

  /**
   * One part of the report: a heading, items that are added while they fit, and a close; with
   * briefs (one line for each item), the items that do not fit in full are listed briefly.
   */
  private record Section(
      String kind,
      String noun,
      String open,
      List<String> items,
      String close,
      List<String> briefs) {

    /** What the briefs from each index on take, with their section; 0 past the end or without. */
    int[] briefCosts() {
      int[] costs = new int[items.size() + 1];
      if (briefs.isEmpty()) {
        return costs;
      }
      for (int i = items.size() - 1; i >= 0; i--) {
        costs[i] = costs[i + 1] + briefs.get(i).length();
      }
      for (int i = 0; i < items.size(); i++) {
        costs[i] += 100;
      }
      return costs;
    }
  }

  // ---------------------------------------------------------------- head

  private void head(ScanResult result, ReportView view, StringBuilder md) {
    int open = view.openFindings();
    int live = view.liveFindings();
    String title;
    if (open == 0) {
      title = "✅ isolation-audit: no findings to fix";
    } else {
      title =
          (live > 0 ? "🔴" : "🟡")
              + " isolation-audit: "
              + count(open, "finding", "findings")
              + " to fix"
              + (live > 0 ? ", " + live + (live == 1 ? " races" : " race") + " today" : "");
    }
    md.append("## ").append(title).append("\n\n");

    // One row of counts reads at a glance; the details follow in a sentence.
    ScanSummary summary = result.summary();
    md.append(
        "| Findings to fix | Race today | Accepted | Markers to remove | to change | to keep"
            + " | Runs in parallel today |\n");
    md.append("|--:|--:|--:|--:|--:|--:|:--|\n");
    md.append("| ")
        .append(open == 0 ? "0" : "**" + open + "**")
        .append(" | ")
        .append(live)
        .append(" | ")
        .append(view.accepted().size())
        .append(" | ")
        .append(view.markerCount(Action.REMOVE))
        .append(" | ")
        .append(view.markerCount(Action.CHANGE))
        .append(" | ")
        .append(view.markerCount(Action.KEEP))
        .append(" | ")
        .append(
            switch (result.configuration().runsInParallel()) {
              case TRUE -> "yes";
              case FALSE -> "no";
              case UNKNOWN -> "unknown";
            })
        .append(" |\n\n");
    List<String> kinds = new ArrayList<>();
    for (Finding.Kind kind : Finding.Kind.values()) {
      long n = result.findings().stream().filter(f -> !f.accepted() && f.kind() == kind).count();
      if (n > 0) {
        kinds.add(n + " " + kind);
      }
    }
    md.append("<sub>")
        .append(
            html(
                "Scanned "
                    + count(summary.tests(), "test", "tests")
                    + " in "
                    + count(summary.testClasses(), "test class", "test classes")
                    + " ("
                    + count(summary.classFiles(), "class file", "class files")
                    + ")"
                    + (kinds.isEmpty() ? "" : "; findings: " + String.join(", ", kinds))
                    + "; conflicts: "
                    + summary.definiteConflicts()
                    + " definite, "
                    + summary.possibleConflicts()
                    + " possible; "
                    + count(result.problems().size(), "problem", "problems")
                    + ". Parallel execution: "
                    + parallelToday(result.configuration())
                    + "."))
        .append("</sub>\n\n");
  }

  /** {@code JUnit parallel execution enabled (from pom.xml in x-tests.jar)}. */
  private static String parallelToday(BuildConfiguration configuration) {
    if (configuration.sources().isEmpty()) {
      return "no configuration found";
    }
    String detail =
        switch (configuration.parallelEnabled()) {
          case TRUE -> "JUnit parallel execution enabled";
          case FALSE -> "JUnit parallel execution disabled";
          case UNKNOWN -> "no JUnit parallel settings";
        };
    List<String> sources = new ArrayList<>();
    for (String source : configuration.sources()) {
      // x.jar!/META-INF/maven/g/a/pom.xml: the jar's name says enough in a comment.
      int bang = source.indexOf("!/");
      if (bang > 0) {
        String jar = source.substring(0, bang);
        String entry = source.substring(bang + 2);
        sources.add(
            entry.substring(entry.lastIndexOf('/') + 1)
                + " in "
                + jar.substring(jar.lastIndexOf('/') + 1));
      } else {
        sources.add(source);
      }
    }
    return detail + " (" + String.join(", ", sources) + ")";
  }

  // ---------------------------------------------------------------- findings

  /** A finding in one line: kind, resource, key, class, test count and its first writer's place. */
  private String brief(FindingEntry entry) {
    Finding finding = entry.finding();
    StringBuilder md = new StringBuilder("- ");
    md.append(finding.live() ? "🔴 " : "🟡 ")
        .append("<b>")
        .append(finding.kind())
        .append("</b> ")
        .append(html(finding.resourceName()));
    String key = keyText(finding.key());
    if (!key.isEmpty()) {
      md.append(" <code>").append(html(key)).append("</code>");
    }
    md.append(" in <code>")
        .append(html(ReportView.simpleClassName(entry.className())))
        .append("</code>: ")
        .append(count(entry.testCount(), "test", "tests"));
    Site primary = entry.primary();
    if (primary != null && !primary.place().display().isEmpty()) {
      md.append(
              primary.mode() == io.github.isolationaudit.model.AccessMode.READ
                  ? ", first reads at "
                  : ", first writes at ")
          .append(place(primary.place()));
    }
    return md.append('\n').toString();
  }

  private String finding(
      FindingEntry entry, BuildConfiguration configuration, TestNames names, ReportView view) {
    Finding finding = entry.finding();
    StringBuilder md = new StringBuilder("<details>\n<summary>");
    md.append(finding.live() ? "🔴 " : "🟡 ")
        .append("<b>")
        .append(finding.kind())
        .append("</b> ")
        .append(html(finding.resourceName()));
    String key = keyText(finding.key());
    if (!key.isEmpty()) {
      md.append(" <code>").append(html(key)).append("</code>");
    }
    md.append(" in <code>")
        .append(html(ReportView.simpleClassName(entry.className())))
        .append("</code>: ")
        .append(count(entry.testCount(), "test", "tests"))
        .append(", ")
        .append(html(liveness(finding, configuration)))
        .append("</summary>\n\n");
    if (finding.marker() != null) {
      md.append("Marker: ")
          .append(code(ReportView.markerName(finding.marker(), names)))
          .append(" at ")
          .append(place(view.place(finding.marker())))
          .append("\n\n");
    }
    List<Site> sites = entry.shown();
    int shown = Math.min(TextReportRenderer.NAMES_PER_FINDING, sites.size());
    // A list, not a table: long paths wrap in a list, and a table would scroll sideways.
    for (Site site : sites.subList(0, shown)) {
      md.append("- ");
      if (site.mode() != null) {
        md.append(
                site.mode() == io.github.isolationaudit.model.AccessMode.WRITE
                    ? "**writes**"
                    : "reads")
            .append(' ');
      }
      md.append(code(ReportView.shortName(names, site.test())));
      String where = siteLink(site.place());
      if (!where.isEmpty()) {
        md.append(" at ").append(where);
      }
      md.append('\n');
    }
    md.append('\n');
    if (entry.testCount() > shown) {
      md.append("and ")
          .append(count(entry.testCount() - shown, "more test", "more tests"))
          .append("\n\n");
    }
    if (!finding.reason().isEmpty()) {
      md.append(text(finding.reason())).append("\n\n");
    }
    if (!finding.recommendation().isEmpty()) {
      md.append("**Fix:** ").append(text(finding.recommendation())).append("\n\n");
    }
    md.append(edits(finding.edits(), "- ", "\n"));
    if (!finding.edits().isEmpty()) {
      md.append('\n');
    }
    md.append("</details>\n\n");
    return md.toString();
  }

  private static String liveness(Finding finding, BuildConfiguration configuration) {
    if (finding.live()) {
      return "races today";
    }
    return switch (configuration.runsInParallel()) {
      case FALSE -> "would race once parallel execution is on";
      case UNKNOWN -> "would race if parallel execution is on";
      case TRUE -> "would race once these tests run concurrently";
    };
  }

  private String accepted(FindingEntry entry, TestNames names) {
    Finding finding = entry.finding();
    StringBuilder md = new StringBuilder("- ");
    md.append(finding.kind()).append(' ').append(text(finding.resourceName()));
    String key = keyText(finding.key());
    if (!key.isEmpty()) {
      md.append(' ').append(code(key));
    }
    md.append(": ");
    List<Site> sites = entry.shown();
    int shown = Math.min(TextReportRenderer.NAMES_PER_FINDING, sites.size());
    for (int i = 0; i < shown; i++) {
      md.append(i == 0 ? "" : ", ").append(code(ReportView.shortName(names, sites.get(i).test())));
    }
    if (entry.testCount() > shown) {
      md.append(" and ").append(entry.testCount() - shown).append(" more");
    }
    md.append(". Accepted at ")
        .append(code(finding.acceptance().acceptedBy()))
        .append(": ")
        .append(text(finding.acceptance().reason()))
        .append('\n');
    return md.toString();
  }

  // ---------------------------------------------------------------- markers

  private String marker(MarkerEntry entry, TestNames names) {
    MarkerVerdict verdict = entry.verdict();
    StringBuilder md = new StringBuilder("- ");
    md.append(code(ReportView.markerName(verdict.marker(), names)));
    if (!entry.place().display().isEmpty()) {
      md.append(" at ").append(place(entry.place()));
    }
    md.append(" (")
        .append(verdict.verdict())
        .append(", ")
        .append(verdict.confidence())
        .append(" confidence)");
    if (!verdict.reason().isEmpty()) {
      // On a line of its own under the marker: a list of markers is read down the left edge.
      md.append("<br>").append(text(verdict.reason()));
    }
    if (!verdict.recommendation().isEmpty()) {
      md.append("<br>**Edit:** ").append(text(verdict.recommendation()));
    }
    String edits = edits(ReportView.extraEdits(verdict), "<br>", "");
    md.append(edits);
    md.append('\n');
    return md.toString();
  }

  /** Each edit as {@code `file:line` add `@X` to FooTest}, a few, then a count. */
  private static String edits(
      List<io.github.isolationaudit.model.Edit> edits, String before, String after) {
    StringBuilder md = new StringBuilder();
    int shown = Math.min(ReportView.EDITS_SHOWN, edits.size());
    for (io.github.isolationaudit.model.Edit e : edits.subList(0, shown)) {
      md.append(before)
          .append(code(e.where()))
          .append(' ')
          .append(text(ReportView.editAction(e)))
          .append(after);
    }
    if (edits.size() > shown) {
      md.append(before)
          .append("and ")
          .append(edits.size() - shown)
          .append(edits.size() - shown == 1 ? " more edit" : " more edits")
          .append(" (all in the JSON report)")
          .append(after);
    }
    return md.toString();
  }

  // ---------------------------------------------------------------- escaping

  /** A place as code, or as a link to it when a link base is set and the file was located. */
  private String place(Place place) {
    String shown = place.display();
    if (shown.isEmpty()) {
      return "";
    }
    if (options.linkBase().isEmpty() || !place.located()) {
      return code(shown);
    }
    String url = options.linkBase() + place.path() + (place.line() > 0 ? "#L" + place.line() : "");
    return "[" + code(shown) + "](" + url.replace(" ", "%20").replace(")", "%29") + ")";
  }

  /**
   * Where a test touches the resource: with a link, the file's name and line as the link's text
   * (the whole path is in the link), so that a test and its place take one line of a comment;
   * without one, the project path.
   */
  private String siteLink(Place place) {
    if (options.linkBase().isEmpty() || !place.located()) {
      return place(place);
    }
    String shown = place.display();
    String name = shown.substring(shown.lastIndexOf('/') + 1);
    String url = options.linkBase() + place.path() + (place.line() > 0 ? "#L" + place.line() : "");
    return "[" + code(name) + "](" + url.replace(" ", "%20").replace(")", "%29") + ")";
  }

  /** Inline code that holds any text: a fence longer than any run of backticks inside. */
  static String code(String s) {
    if (s.isEmpty()) {
      return "";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
    return fence + pad + s.replace('\n', ' ') + pad + fence;
  }

  private static String codes(List<String> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(code(v)));
    return parts.isEmpty() ? "(no inputs)" : String.join(", ", parts);
  }

  /**
   * Prose from the scan as Markdown: annotations become code (never a mention), everything that
   * Markdown or HTML would read as markup is escaped.
   */
  static String text(String s) {
    StringBuilder md = new StringBuilder();
    Matcher m = ANNOTATION.matcher(s);
    int last = 0;
    while (m.find()) {
      md.append(escape(s.substring(last, m.start()))).append(code(m.group()));
      last = m.end();
    }
    md.append(escape(s.substring(last)));
    return md.toString();
  }

  private static String escape(String s) {
    StringBuilder md = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> md.append("&amp;");
        case '<' -> md.append("&lt;");
        case '>' -> md.append("&gt;");
        case '@' -> md.append("&#64;");
        case '\n', '\r' -> md.append(' ');
        case '\\', '`', '*', '_', '[', ']', '#', '|', '~', '!' -> md.append('\\').append(c);
        default -> md.append(c);
      }
    }
    return md.toString();
  }

  /** Text for inside an HTML element. */
  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
  }

  /** A table cell: a pipe, even inside code, would end the cell. */
  private static String cell(String md) {
    return md.replaceAll("(?<!\\\\)\\|", "\\\\|");
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

  private static String joinAnd(List<String> parts) {
    if (parts.size() <= 1) {
      return String.join("", parts);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  private static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
