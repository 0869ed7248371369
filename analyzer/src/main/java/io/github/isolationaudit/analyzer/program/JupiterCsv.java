package io.github.isolationaudit.analyzer.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CSV dialect of JUnit Jupiter's {@code @CsvSource}, read from the annotation's own strings:
 * JUnit parses it with a shaded univocity parser inside junit-jupiter-params, which the audited
 * project brings and which is never loaded here. What it implements is only what JUnit documents:
 *
 * <ul>
 *   <li>each {@code value} string, or each line of {@code textBlock}, is one record; a line whose
 *       first non-blank character is {@code #} is a comment, and a blank line is no record;
 *   <li>columns are split at the delimiter character or string ({@code ,} by default);
 *   <li>outside a quoted string, leading and trailing whitespace of a column is dropped (unless
 *       {@code ignoreLeadingAndTrailingWhitespace = false});
 *   <li>a quoted string ({@code '} by default) keeps its delimiters and whitespace, and a doubled
 *       quote inside it stands for one quote;
 *   <li>an empty unquoted column is null, whatever {@code nullValues} says; an empty quoted column
 *       is {@code emptyValue} ({@code ""} by default); a column equal to one of {@code nullValues}
 *       is null.
 * </ul>
 *
 * A record it cannot read (a quote never closed) makes the whole source unreadable: {@link
 * Optional#empty()}, so that the caller keeps the arguments unknown rather than guess.
 */
public final class JupiterCsv {

  /** The settings of one {@code @CsvSource}, defaults as JUnit's. */
  public record Dialect(
      String delimiter,
      char quote,
      boolean trim,
      String emptyValue,
      List<String> nullValues,
      boolean headers) {

    public Dialect {
      nullValues = List.copyOf(nullValues);
    }

    /** JUnit's defaults: comma, single quote, trimmed, empty string, no null values. */
    public static final Dialect DEFAULT = new Dialect(",", '\'', true, "", List.of(), false);
  }

  private JupiterCsv() {}

  /**
   * The records of a {@code @CsvSource}: each a list of columns, a column null where JUnit passes
   * null. The header record is left out when {@code useHeadersInDisplayName} is set.
   *
   * @param lines the {@code value} strings, or the lines of the {@code textBlock}
   */
  public static Optional<List<List<String>>> records(List<String> lines, Dialect dialect) {
    List<List<String>> records = new ArrayList<>();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      List<String> record = record(line, dialect);
      if (record == null) {
        return Optional.empty();
      }
      records.add(record);
    }
    if (dialect.headers() && !records.isEmpty()) {
      records.remove(0);
    }
    return Optional.of(records);
  }

  /** The lines of a {@code textBlock}, as JUnit splits it. */
  public static List<String> textBlockLines(String textBlock) {
    return List.of(textBlock.split("\\r\\n|\\r|\\n", -1));
  }

  private static List<String> record(String line, Dialect d) {
    List<String> columns = new ArrayList<>();
    String delimiter = d.delimiter().isEmpty() ? "," : d.delimiter();
    int i = 0;
    int n = line.length();
    while (true) {
      // One column from i up to the next delimiter outside quotes, or the end of the line.
      StringBuilder text = new StringBuilder();
      boolean quoted = false;
      int j = i;
      while (j < n && Character.isWhitespace(line.charAt(j)) && !line.startsWith(delimiter, j)) {
        j++;
      }
      if (j < n && line.charAt(j) == d.quote()) {
        quoted = true;
        j++;
        while (true) {
          if (j >= n) {
            return null;
          }
          char c = line.charAt(j);
          if (c == d.quote()) {
            if (j + 1 < n && line.charAt(j + 1) == d.quote()) {
              text.append(c);
              j += 2;
              continue;
            }
            j++;
            break;
          }
          text.append(c);
          j++;
        }
        // After the closing quote only whitespace may come before the delimiter; anything else is
        // read as part of the value, as a lenient parser does.
        int after = j;
        while (after < n && !line.startsWith(delimiter, after)) {
          after++;
        }
        String rest = line.substring(j, after);
        if (!rest.isBlank()) {
          text.append(rest.strip());
        }
        j = after;
      } else {
        j = i;
        while (j < n && !line.startsWith(delimiter, j)) {
          text.append(line.charAt(j));
          j++;
        }
      }
      columns.add(column(text.toString(), quoted, d));
      if (j >= n) {
        return columns;
      }
      i = j + delimiter.length();
    }
  }

  private static String column(String text, boolean quoted, Dialect d) {
    String value = quoted || !d.trim() ? text : text.strip();
    if (!quoted && value.isEmpty()) {
      return null;
    }
    if (quoted && value.isEmpty()) {
      value = d.emptyValue();
    }
    return d.nullValues().contains(value) ? null : value;
  }
}
