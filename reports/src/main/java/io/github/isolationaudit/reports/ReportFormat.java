package io.github.isolationaudit.reports;

import java.util.Locale;

/** The report formats this module renders; {@link #TEXT} is the default. */
public enum ReportFormat {
  /** Plain text for a terminal. */
  TEXT,
  /** JSON for tools, in the shape of the published {@code report.schema.json}. */
  JSON,
  /** Markdown for a pull-request comment: a sticky-comment marker, a summary, collapsed details. */
  MARKDOWN,
  /** GitHub Actions workflow commands: an annotation per finding and per marker to change. */
  GITHUB,
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

  /** A new renderer for this format, with the default layout. */
  public ReportRenderer renderer() {
    return renderer(RenderOptions.defaults());
  }

  /** A new renderer for this format; formats for tools ignore the layout. */
  public ReportRenderer renderer(RenderOptions options) {
    return switch (this) {
      case TEXT -> new TextReportRenderer(options);
      case JSON -> new JsonReportRenderer();
      case MARKDOWN -> new MarkdownReportRenderer(options, MarkdownReportRenderer.COMMENT_LIMIT);
      case GITHUB -> new GithubReportRenderer();
      case SARIF -> new SarifReportRenderer();
    };
  }

  /** The usual file name extension of this format, without the dot. */
  public String fileExtension() {
    return switch (this) {
      case TEXT -> "txt";
      case JSON -> "json";
      case MARKDOWN -> "md";
      case GITHUB -> "github.txt";
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
