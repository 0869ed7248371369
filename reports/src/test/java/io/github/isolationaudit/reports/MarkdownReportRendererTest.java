package io.github.isolationaudit.reports;

import static io.github.isolationaudit.model.AccessMode.WRITE;
import static io.github.isolationaudit.reports.Scenarios.SYS;
import static io.github.isolationaudit.reports.Scenarios.VOID;
import static io.github.isolationaudit.reports.Scenarios.access;
import static io.github.isolationaudit.reports.Scenarios.chain;
import static io.github.isolationaudit.reports.Scenarios.id;
import static io.github.isolationaudit.reports.Scenarios.step;
import static io.github.isolationaudit.reports.Scenarios.test;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

  @Test
  void aCommentStartsWithTheStickyMarkerAndASummaryTable() throws IOException {
    String md = render(new MarkdownReportRenderer(), Scenarios.verdicts());

    assertThat(md)
        .startsWith(
            "<!-- isolation-audit -->\n## 🔴 isolation-audit: 2 findings to fix, 2 race today\n\n"
                + "| Findings to fix | Race today | Accepted | Markers to remove | to change | to keep"
                + " | Runs in parallel today |\n"
                + "|--:|--:|--:|--:|--:|--:|:--|\n"
                + "| **2** | 2 | 1 | 3 | 3 | 1 | yes |\n\n"
                + "<sub>Scanned 18 tests in 12 test classes (31 class files); findings: 1 UNPROTECTED,"
                + " 1 INSUFFICIENT; conflicts: 4 definite, 0 possible; 1 problem. Parallel execution:"
                + " JUnit parallel execution enabled (src/test/resources/junit-platform.properties,"
                + " pom.xml).</sub>\n\n");
    // Each test of a finding with what it does and where.
    assertThat(md)
        .contains(
            "- **writes** `ReceiptTest#printsGermanReceipt` at"
                + " `shop/src/test/java/com/example/shop/ReceiptTest.java:18`\n"
                + "- reads `InvoiceTest#formatsDueDate` at"
                + " `shop/src/test/java/com/example/shop/InvoiceTest.java:26`\n");
    // Every <details> is closed, and its Markdown starts after a blank line, as GitHub needs.
    assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>")).isEqualTo(7);
    assertThat(md).doesNotContain("</summary>\n-").doesNotContain("</summary>\n|");
  }

  @Test
  void aJobSummaryHasNoStickyMarker() throws IOException {
    String md =
        render(MarkdownReportRenderer.jobSummary(RenderOptions.defaults()), Scenarios.verdicts());

    assertThat(md).startsWith("## 🔴 isolation-audit").doesNotContain("<!-- isolation-audit -->");
  }

  @Test
  void annotationsNeverBecomeMentionsAndMarkupIsEscaped() {
    assertThat(MarkdownReportRenderer.text("Add @ResourceLock(value = \"a|b\", mode = READ) to x"))
        .isEqualTo("Add `@ResourceLock(value = \"a|b\", mode = READ)` to x");
    assertThat(MarkdownReportRenderer.text("mail me@example.org <b>*now*</b> a_b [x](y)"))
        .isEqualTo("mail me`@example.org` &lt;b&gt;\\*now\\*&lt;/b&gt; a\\_b \\[x\\](y)");
    assertThat(MarkdownReportRenderer.code("a`b")).isEqualTo("``a`b``");
    assertThat(MarkdownReportRenderer.code("`x")).isEqualTo("`` `x ``");
    assertThat(MarkdownReportRenderer.html("<@Isolated & co>"))
        .isEqualTo("&lt;&#64;Isolated &amp; co&gt;");
  }

  @Test
  void aKeyWithMarkupStaysCode() throws IOException {
    String cls = "com.example.PipeTest";
    TestId writer = id(cls, "writes", VOID);
    ScanResult result =
        Scenarios.with(
            Scenarios.result(
                List.of("t"),
                1,
                List.of(
                    new Footprint(
                        test(writer, Engine.JUNIT_JUPITER, TestKind.TEST),
                        List.of(access(SYS, "a|b", WRITE, "s", chain(step(cls, "writes", 3)))))),
                List.of(),
                List.of()),
            BuildConfiguration.unknown(),
            List.of(),
            List.of(
                new Finding(
                    Finding.Kind.UNPROTECTED,
                    SYS,
                    "",
                    Key.exact("a|b"),
                    List.of(writer),
                    1,
                    null,
                    false,
                    "r",
                    "x")));

    String md = render(new MarkdownReportRenderer(), result);

    assertThat(md)
        .contains("<code>a|b</code>")
        .contains("- **writes** `PipeTest#writes` at `com/example/PipeTest.java:3`\n");
  }

  @Test
  void pathsBecomeLinksOnlyWithALinkBaseAndALocatedFile() throws IOException {
    RenderOptions linked =
        new RenderOptions(100, false, false, "https://github.com/acme/shop/blob/abc/");
    String md =
        render(
            new MarkdownReportRenderer(linked, MarkdownReportRenderer.COMMENT_LIMIT),
            Scenarios.verdicts());

    assertThat(md)
        // a test's place: the file's name as the text, so that the line stays short
        .contains(
            "- **writes** `ReceiptTest#printsGermanReceipt` at [`ReceiptTest.java:18`](https://github.com/acme/shop/blob/abc/shop/src/test/java/com/example/shop/ReceiptTest.java#L18)")
        // a marker's or an edit's place: the whole path
        .contains(
            "Marker: `@Tag on ExportTest` at [`shop/src/test/java/com/example/shop/ExportTest.java:11`](https://github.com/acme/shop/blob/abc/shop/src/test/java/com/example/shop/ExportTest.java#L11)")
        // not located: no link to a path that is not in the repository
        .contains(" at `com/example/shop/DiscountTest.java` (DEFENSIVE");
  }

  @Test
  void aLargeReportShowsTheFirstFindingsInFullTheNextInOneLineAndCountsTheRest()
      throws IOException {
    ScanResult result = propertyFindings(400);

    String md = render(new MarkdownReportRenderer(), result);

    assertThat(md.length())
        .isLessThanOrEqualTo(MarkdownReportRenderer.COMMENT_LIMIT)
        .isGreaterThan(60_000);
    assertThat(md).startsWith("<!-- isolation-audit -->\n").contains("| **400** | 200 | 0 |");
    assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>"));
    int full = count(md, "<details>\n<summary>🔴") + count(md, "<details>\n<summary>🟡");
    int brief = count(md, "\n- 🔴 <b>UNPROTECTED</b>") + count(md, "\n- 🟡 <b>UNPROTECTED</b>");
    assertThat(full).isGreaterThan(5);
    assertThat(brief).isGreaterThan(100);
    assertThat(md)
        .contains("<details>\n<summary><b>" + brief + " more findings, one line each</b></summary>")
        .containsPattern(
            "\n- 🔴 <b>UNPROTECTED</b> SYSTEM_PROPERTY <code>p(\\d+)</code> in"
                + " <code>SomeRatherLongNamedIntegrationTest</code>: 2 tests, first writes at"
                + " `com/example/m\\1/SomeRatherLongNamedIntegrationTest.java:9`\n")
        .contains(
            "> [!NOTE]\n> Cut short to stay within 65,536 characters: "
                + (400 - full - brief)
                + " findings not shown.")
        .endsWith("</sub>\n");
    // The live races come first, so they are the ones shown in full.
    assertThat(md).doesNotContain("<summary>🟡 <b>UNPROTECTED");
    // A job summary has room for all of them.
    String summary = render(MarkdownReportRenderer.jobSummary(RenderOptions.defaults()), result);
    assertThat(count(summary, "<details>")).isEqualTo(400);
    assertThat(summary).doesNotContain("Cut short").doesNotContain("one line each");
  }

  @Test
  void findingsThatDoNotFitInFullAreAllNamedInOneLineEach() throws IOException {
    // hadoop-common 3.4.1: 162 findings, of which 21 fitted in full and 141 went unnamed.
    ScanResult result = propertyFindings(150);

    String md = render(new MarkdownReportRenderer(), result);

    assertThat(md.length()).isLessThanOrEqualTo(MarkdownReportRenderer.COMMENT_LIMIT);
    int full = count(md, "<details>\n<summary>🔴") + count(md, "<details>\n<summary>🟡");
    int brief = count(md, "\n- 🔴 <b>UNPROTECTED</b>") + count(md, "\n- 🟡 <b>UNPROTECTED</b>");
    assertThat(full).isGreaterThan(5);
    assertThat(full + brief).isEqualTo(150);
    assertThat(md).doesNotContain("Cut short").contains("<code>p149</code>");
  }

  /** Findings on n System properties, the live ones (even n) first. */
  private static ScanResult propertyFindings(int n) {
    List<Footprint> footprints = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cls = "com.example.m" + i + ".SomeRatherLongNamedIntegrationTest";
      TestId writer = id(cls, "writesTheProperty", VOID);
      TestId reader = id(cls, "readsTheProperty", VOID);
      footprints.add(
          new Footprint(
              test(writer, Engine.JUNIT_JUPITER, TestKind.TEST),
              List.of(access(SYS, "p" + i, WRITE, "s", chain(step(cls, "writesTheProperty", 9))))));
      findings.add(
          new Finding(
              Finding.Kind.UNPROTECTED,
              SYS,
              "",
              Key.exact("p" + i),
              List.of(writer, reader),
              2,
              null,
              i % 2 == 0,
              "SomeRatherLongNamedIntegrationTest#writesTheProperty sets p"
                  + i
                  + " while SomeRatherLongNamedIntegrationTest#readsTheProperty reads it.",
              "Add @ResourceLock(Resources.SYSTEM_PROPERTIES) to both."));
    }
    return Scenarios.with(
        Scenarios.result(List.of("target"), n, footprints, List.of(), List.of()),
        BuildConfiguration.unknown(),
        List.of(),
        findings);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String render(ReportRenderer renderer, ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(result, out);
    return out.toString();
  }
}
