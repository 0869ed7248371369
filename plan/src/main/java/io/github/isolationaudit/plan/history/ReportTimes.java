package io.github.isolationaudit.plan.history;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Durations and timestamps as the report formats write them. */
final class ReportTimes {

  /** Java's and JavaScript's plain decimal forms, with an optional exponent. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** {@code 1,234.5}: grouping commas, as {@code NumberFormat} in an English locale writes. */
  private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

  private ReportTimes() {}

  /** A parsed duration in seconds, or why it is not one. */
  record Seconds(double value, String error) {
    boolean valid() {
      return error == null;
    }
  }

  /**
   * Seconds as written in a JUnit XML {@code time} attribute: {@code 0.021}, {@code 0}, {@code
   * 1.0E-4}, or {@code 1,234.5} with grouping commas. Negative, NaN, infinite and other text are
   * errors; zero is a valid duration.
   */
  static Seconds seconds(String text) {
    if (text == null) {
      return new Seconds(0, "has no time");
    }
    String s = text.strip();
    if (GROUPED.matcher(s).matches()) {
      s = s.replace(",", "");
    }
    if (!DECIMAL.matcher(s).matches()) {
      return new Seconds(0, "has time '" + text + "', which is not a number of seconds");
    }
    double value = Double.parseDouble(s);
    if (Double.isInfinite(value)) {
      return new Seconds(0, "has time '" + text + "', which is out of range");
    }
    if (value < 0) {
      return new Seconds(0, "has a negative time '" + text + "'");
    }
    return new Seconds(value, null);
  }

  /**
   * A report timestamp: ISO-8601 with an offset ({@code 2026-11-23T13:56:51.88Z}) or without one
   * ({@code 2026-11-23T13:56:52}, as Surefire, Gradle and the JUnit console launcher write it in
   * the machine's local time), which is read as UTC: reports of one machine compare correctly.
   */
  static Optional<Instant> timestamp(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      // No offset: fall through to the local form.
    }
    try {
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
