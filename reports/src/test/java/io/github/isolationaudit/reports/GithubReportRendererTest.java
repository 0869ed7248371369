package io.github.isolationaudit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubReportRendererTest {

  @Test
  void valuesAreEscapedAsGithubsToolkitDoes() {
    assertThat(GithubReportRenderer.data("100% done\r\nnext: a, b"))
        .isEqualTo("100%25 done%0D%0Anext: a, b");
    assertThat(GithubReportRenderer.property("src/A.java: 100%, b\n"))
        .isEqualTo("src/A.java%3A 100%25%2C b%0A");
  }

  @Test
  void findingsAreErrorsOrWarningsAndMarkersToChangeNotices() throws IOException {
    StringWriter out = new StringWriter();
    new GithubReportRenderer().render(Scenarios.verdicts(), out);
    List<String> lines = out.toString().lines().toList();

    // Most severe first; one line per annotation; the last line sums up.
    assertThat(lines.get(0))
        .startsWith(
            "::error file=shop/src/test/java/com/example/shop/ReceiptTest.java,line=18,"
                + "title=UNPROTECTED LOCALE java.util.Locale (races today)::");
    assertThat(lines).filteredOn(l -> l.startsWith("::error ")).hasSize(2);
    // Six markers to change, and the one edit of a finding that sits in a project file.
    assertThat(lines).filteredOn(l -> l.startsWith("::notice ")).hasSize(7);
    assertThat(lines)
        .contains(
            "::notice file=shop/src/test/java/com/example/shop/ReceiptTest.java,line=17,"
                + "title=Edit for UNPROTECTED LOCALE java.util.Locale (races today)::add @Isolated"
                + " to ReceiptTest");
    // A marker to keep is no annotation; a file the scan did not locate is no file property.
    assertThat(lines).noneMatch(l -> l.contains("@Isolated (REQUIRED)"));
    assertThat(lines)
        .contains(
            "::notice title=Remove @SerialTest (DEFENSIVE)::DiscountTest#appliesCoupon touches"
                + " nothing shared.%0AEdit: Remove @SerialTest from method appliesCoupon of class"
                + " com.example.shop.DiscountTest.");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "isolation-audit: 2 findings to fix, 2 racing today, 1 accepted; markers: remove 3,"
                + " change 3, keep 1");
  }

  @Test
  void withChangedLinesOnlyTheirAnnotationsAreWrittenAndTheRestCounted() throws IOException {
    StringWriter all = new StringWriter();
    new GithubReportRenderer().render(Scenarios.verdicts(), all);
    String receipt = "shop/src/test/java/com/example/shop/ReceiptTest.java";
    // The pull request changed lines 17 and 18 of ReceiptTest: the racing test and its class.
    ChangedLines changed =
        ChangedLines.ofUnifiedDiff(
            "--- a/" + receipt + "\n+++ b/" + receipt + "\n@@ -16,0 +17,2 @@\n+a\n+b\n");

    StringWriter out = new StringWriter();
    new GithubReportRenderer(changed).render(Scenarios.verdicts(), out);
    List<String> lines = out.toString().lines().toList();

    List<String> annotations = lines.subList(0, lines.size() - 1);
    assertThat(annotations)
        .isNotEmpty()
        .allMatch(l -> l.contains("file=" + receipt + ",line=17,") || l.contains(",line=18,"));
    assertThat(annotations)
        .filteredOn(l -> l.startsWith("::error "))
        .singleElement()
        .asString()
        .contains("line=18,title=UNPROTECTED LOCALE");
    // Every annotation of the full output is either written or counted as left out.
    long before = all.toString().lines().filter(l -> l.startsWith("::")).count();
    assertThat(lines.get(lines.size() - 1))
        .endsWith(
            "; annotations on the 2 changed lines of 1 file only, "
                + (before - annotations.size())
                + " elsewhere (see the job summary)");

    StringWriter none = new StringWriter();
    new GithubReportRenderer(ChangedLines.ofUnifiedDiff("")).render(Scenarios.verdicts(), none);
    assertThat(none.toString().lines()).singleElement().asString().startsWith("isolation-audit: ");
  }
}
