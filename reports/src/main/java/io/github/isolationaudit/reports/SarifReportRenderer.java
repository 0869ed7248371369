package io.github.isolationaudit.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.SourcePaths;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a scan result as SARIF 2.1.0 for code scanning (GitHub's among others): one run whose
 * driver lists every {@link ReportRule} with its descriptions and help, and one result per {@link
 * Alert}, most severe first.
 *
 * <p>Locations are relative to the repository root ({@code uriBaseId} {@code %SRCROOT%}) when the
 * source file was found in the project; {@code partialFingerprints} carry the alert's fingerprint,
 * which never depends on a line. Accepted findings are {@code suppressions} ({@code external} for
 * the configuration file, {@code inSource} for a comment next to the code). Problems with the input
 * are tool execution notifications. GitHub's limits are kept: at most {@value #MAX_RESULTS} results
 * and {@value #MAX_BYTES} bytes; above them the most severe results are kept and a notification
 * says how many were left out.
 */
public final class SarifReportRenderer implements ReportRenderer {

  /** The results GitHub accepts in one run. */
  public static final int MAX_RESULTS = 25_000;

  /** The size of a SARIF file GitHub accepts (after gzip, but we do not rely on compression). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** The key of our fingerprint in {@code partialFingerprints}. */
  public static final String FINGERPRINT_KEY = "isolationAudit/v1";

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

  private static final String SRCROOT = "%SRCROOT%";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RuleSettings settings;
  private final Baseline baseline;
  private final String toolVersion;
  private final int maxResults;
  private final int maxBytes;

  /** Every rule at its default level, no baseline, no version. */
  public SarifReportRenderer() {
    this(RuleSettings.defaults(), null, null);
  }

  /**
   * @param settings the level of each rule
   * @param baseline the baseline to mark results against ({@code baselineState}), or null
   * @param toolVersion the tool's version for {@code driver.semanticVersion}, or null when unknown
   */
  public SarifReportRenderer(RuleSettings settings, Baseline baseline, String toolVersion) {
    this(settings, baseline, toolVersion, MAX_RESULTS, MAX_BYTES);
  }

  SarifReportRenderer(
      RuleSettings settings, Baseline baseline, String toolVersion, int maxResults, int maxBytes) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.baseline = baseline;
    this.toolVersion = toolVersion;
    this.maxResults = maxResults;
    this.maxBytes = maxBytes;
  }

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    List<Alert> alerts = Alerts.of(result, settings);
    Baseline.Comparison comparison = baseline == null ? null : baseline.compare(alerts);
    int keep = Math.min(alerts.size(), maxResults);
    String text = text(result, alerts, keep, comparison);
    // Over the size limit: keep a proportionally smaller share of the most severe results.
    while (text.getBytes(StandardCharsets.UTF_8).length > maxBytes && keep > 0) {
      long size = text.getBytes(StandardCharsets.UTF_8).length;
      keep = (int) Math.max(0, Math.min(keep - 1, (long) keep * maxBytes * 9 / 10 / size));
      text = text(result, alerts, keep, comparison);
    }
    out.write(text);
    out.flush();
  }

  private String text(
      ScanResult result, List<Alert> alerts, int keep, Baseline.Comparison comparison)
      throws IOException {
    ObjectNode log = JsonNodeFactory.instance.objectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", JsonReportRenderer.TOOL);
    if (toolVersion != null) {
      driver.put("semanticVersion", toolVersion);
    }
    ArrayNode rules = driver.putArray("rules");
    for (ReportRule rule : ReportRule.values()) {
      rules.add(rule(rule));
    }
    run.putObject("originalUriBaseIds")
        .putObject(SRCROOT)
        .putObject("description")
        .put(
            "text",
            "The root of the project (the repository): paths of results are relative to it.");

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (Problem problem : ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS)) {
      ObjectNode n = notifications.addObject();
      n.put("level", "warning");
      n.putObject("message")
          .put("text", problem.kind() + ": " + problem.path() + ": " + problem.message());
      n.putObject("descriptor")
          .put("id", problem.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    if (keep < alerts.size()) {
      ObjectNode n = notifications.addObject();
      n.put("level", "warning");
      n.putObject("message")
          .put(
              "text",
              "Only the "
                  + keep
                  + " most severe of "
                  + alerts.size()
                  + " results are included, to stay within code scanning's limits ("
                  + maxResults
                  + " results, "
                  + maxBytes
                  + " bytes); the JSON report has them all.");
      n.putObject("descriptor").put("id", "results-truncated");
    }
    if (comparison != null && !comparison.fixed().isEmpty()) {
      ObjectNode n = notifications.addObject();
      n.put("level", "note");
      StringBuilder text =
          new StringBuilder()
              .append(comparison.fixed().size())
              .append(" baseline entries match no alert any more (fixed or changed):");
      for (Baseline.Entry e : comparison.fixed()) {
        text.append("\n").append(e.rule()).append(" ").append(e.label());
      }
      n.putObject("message").put("text", text.toString());
      n.putObject("descriptor").put("id", "baseline-fixed");
    }

    ArrayNode results = run.putArray("results");
    for (Alert alert : alerts.subList(0, keep)) {
      results.add(result(alert, result.sourcePaths(), comparison));
    }
    return MAPPER.writer(JsonReportRenderer.prettyPrinter()).writeValueAsString(log) + "\n";
  }

  private ObjectNode rule(ReportRule rule) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", rule.id());
    node.put("name", rule.ruleName());
    node.putObject("shortDescription").put("text", rule.shortDescription());
    node.putObject("fullDescription").put("text", rule.fullDescription());
    node.putObject("help").put("text", rule.helpText()).put("markdown", rule.helpMarkdown());
    RuleLevel level = settings.levelOf(rule);
    ObjectNode configuration = node.putObject("defaultConfiguration");
    if (level == RuleLevel.OFF) {
      configuration.put("enabled", false);
      configuration.put("level", rule.defaultLevel().id());
    } else {
      configuration.put("level", level.id());
    }
    ArrayNode tags = node.putObject("properties").putArray("tags");
    rule.tags().forEach(tags::add);
    return node;
  }

  private static ObjectNode result(Alert alert, SourcePaths paths, Baseline.Comparison comparison) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("ruleId", alert.rule().id());
    node.put("ruleIndex", alert.rule().ordinal());
    node.put("level", alert.level().id());
    node.putObject("message").put("text", alert.message());
    node.putArray("locations").add(location(alert.file(), alert.located(), alert.line()));
    if (!alert.edits().isEmpty()) {
      // Where the recommendation's edits go: code scanning shows them beside the result.
      java.util.Set<String> projectFiles = new java.util.HashSet<>(paths.byFile().values());
      ArrayNode related = node.putArray("relatedLocations");
      int id = 1;
      for (io.github.isolationaudit.model.Edit e : alert.edits()) {
        if (e.file().isEmpty()) {
          continue;
        }
        ObjectNode where = location(e.file(), projectFiles.contains(e.file()), e.line());
        where.put("id", id++);
        where.putObject("message").put("text", ReportView.editAction(e));
        related.add(where);
      }
    }
    node.putObject("partialFingerprints").put(FINGERPRINT_KEY, alert.fingerprint());
    if (alert.accepted()) {
      ObjectNode suppression = node.putArray("suppressions").addObject();
      suppression.put("kind", alert.acceptedInSource() ? "inSource" : "external");
      suppression.put("status", "accepted");
      suppression.put("justification", alert.acceptance().reason());
      String by = alert.acceptance().acceptedBy();
      int colon = by.lastIndexOf(':');
      if (alert.acceptedInSource() && colon > 0) {
        String file = by.substring(0, colon);
        int line = parseLine(by.substring(colon + 1));
        suppression.set("location", location(paths.of(file), paths.located(file), line));
      }
      suppression.putObject("properties").put("acceptedBy", by);
    }
    if (comparison != null) {
      node.put("baselineState", comparison.contains(alert) ? "unchanged" : "new");
    }
    ObjectNode properties = node.putObject("properties");
    if (!alert.resource().isEmpty()) {
      properties.put("resource", alert.resource());
      properties.put("key", alert.key());
      properties.put("live", alert.live());
    }
    if (!alert.marker().isEmpty()) {
      properties.put("marker", alert.marker());
    }
    ArrayNode tests = properties.putArray("tests");
    alert.tests().forEach(tests::add);
    return node;
  }

  private static ObjectNode location(String file, boolean located, int line) {
    ObjectNode location = JsonNodeFactory.instance.objectNode();
    ObjectNode physical = location.putObject("physicalLocation");
    ObjectNode artifact = physical.putObject("artifactLocation");
    artifact.put("uri", uri(file));
    if (located) {
      artifact.put("uriBaseId", SRCROOT);
    }
    if (line > 0) {
      physical.putObject("region").put("startLine", line);
    }
    return location;
  }

  /** A relative path as a URI reference: spaces and other characters a URI cannot hold escaped. */
  static String uri(String path) {
    try {
      return new java.net.URI(null, null, path, null).getRawPath();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a relative path: " + path, e);
    }
  }

  private static int parseLine(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
