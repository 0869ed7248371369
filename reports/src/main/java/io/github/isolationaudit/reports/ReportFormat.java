package io.github.isolationaudit.reports;

import java.util.Locale;

/** The report formats this module renders; {@link #TEXT} is the default. */
public enum ReportFormat {
  /** Plain text for a terminal. */
  TEXT,
  /** JSON for tools, in the shape of the published {@code report.schema.json}. */
  JSON,
  /** SARIF 2.1.0 for code scanning. */
  SARIF;

  /** The format a user gets when they ask for none. */
  public static ReportFormat defaultFormat() {
    return TEXT;
  }

  /**
   * The format of a name as users type it ({@code text}, {@code JSON}), ignoring case.
   *
   * @throws IllegalArgumentException when no format has that name
   */
  public static ReportFormat fromName(String name) {
    for (ReportFormat format : values()) {
      if (format.name().equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown report format '" + name + "'; expected one of " + names());
  }

  /** A new renderer for this format. */
  public ReportRenderer renderer() {
    return switch (this) {
      case TEXT -> new TextReportRenderer();
      case JSON -> new JsonReportRenderer();
      case SARIF -> new SarifReportRenderer();
    };
  }

  /** The usual file name extension of this format, without the dot. */
  public String fileExtension() {
    return switch (this) {
      case TEXT -> "txt";
      case JSON -> "json";
      case SARIF -> "sarif";
    };
  }

  private static String names() {
    StringBuilder sb = new StringBuilder();
    for (ReportFormat format : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(format.name().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
