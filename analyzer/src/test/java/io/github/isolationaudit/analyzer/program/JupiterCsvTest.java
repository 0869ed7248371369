package io.github.isolationaudit.analyzer.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code @CsvSource} dialect as JUnit documents it, record by record. */
class JupiterCsvTest {

  private static List<List<String>> read(JupiterCsv.Dialect d, String... lines) {
    return JupiterCsv.records(List.of(lines), d).orElseThrow();
  }

  private static List<List<String>> read(String... lines) {
    return read(JupiterCsv.Dialect.DEFAULT, lines);
  }

  @Test
  void columnsAreTrimmedOutsideQuotes() {
    assertThat(read("  apple ,  1 ", "dataSourceName,   java:comp/env/jdbc/x"))
        .containsExactly(List.of("apple", "1"), List.of("dataSourceName", "java:comp/env/jdbc/x"));
  }

  @Test
  void aQuotedColumnKeepsDelimitersWhitespaceAndDoubledQuotes() {
    assertThat(read("'lemon, lime', 0xF1", "' padded ', 'it''s'"))
        .containsExactly(List.of("lemon, lime", "0xF1"), List.of(" padded ", "it's"));
  }

  @Test
  void anEmptyUnquotedColumnIsNullAndAnEmptyQuotedOneIsTheEmptyValue() {
    assertThat(read("a, , ''", "b,"))
        .containsExactly(Arrays.asList("a", null, ""), Arrays.asList("b", null));
    JupiterCsv.Dialect empty = new JupiterCsv.Dialect(",", '\'', true, "EMPTY", List.of(), false);
    assertThat(read(empty, "''")).containsExactly(List.of("EMPTY"));
  }

  @Test
  void nullValuesBecomeNull() {
    JupiterCsv.Dialect nil =
        new JupiterCsv.Dialect(",", '\'', true, "", List.of("N/A", "nil"), false);
    assertThat(read(nil, "N/A, x, nil")).containsExactly(Arrays.asList(null, "x", null));
  }

  @Test
  void commentsAndBlankLinesAreNoRecords() {
    assertThat(read("# header comment", "  ", "a, b", "  # indented comment"))
        .containsExactly(List.of("a", "b"));
  }

  @Test
  void aTextBlockIsSplitIntoLines() {
    assertThat(read(JupiterCsv.textBlockLines("a, 1\n# c\r\nb, 2\n").toArray(String[]::new)))
        .containsExactly(List.of("a", "1"), List.of("b", "2"));
  }

  @Test
  void otherDelimitersQuotesAndUntrimmedColumns() {
    JupiterCsv.Dialect pipes = new JupiterCsv.Dialect("||", '"', false, "", List.of(), false);
    assertThat(read(pipes, " a || \"b||c\"")).containsExactly(List.of(" a ", "b||c"));
  }

  @Test
  void theHeaderRecordIsNoInvocation() {
    JupiterCsv.Dialect headers = new JupiterCsv.Dialect(",", '\'', true, "", List.of(), true);
    assertThat(read(headers, "FRUIT, RANK", "apple, 1")).containsExactly(List.of("apple", "1"));
  }

  @Test
  void aQuoteNeverClosedMakesTheSourceUnreadable() {
    assertThat(JupiterCsv.records(List.of("'open, 1"), JupiterCsv.Dialect.DEFAULT)).isEmpty();
  }
}
