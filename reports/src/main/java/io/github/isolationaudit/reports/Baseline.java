package io.github.isolationaudit.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerts a project has decided to live with for now, by fingerprint: a team adopts the audit on
 * a legacy suite by writing a baseline, and from then on fails only on new alerts. Fingerprints are
 * those of SARIF's {@code partialFingerprints}, so a baseline survives moved code and renamed
 * lines, and a new test joining a conflict makes it new again.
 *
 * <p>The file is JSON, sorted by rule, label and fingerprint, so that it diffs well in review:
 *
 * <pre>{@code
 * {
 *   "tool": "isolation-audit",
 *   "baselineVersion": 1,
 *   "alerts": [
 *     {"fingerprint": "3f0c...", "rule": "unprotected-conflict", "label": "SYSTEM_PROPERTY a: a.FooTest#x, a.BarTest#y"}
 *   ]
 * }
 * }</pre>
 *
 * @param entries the alerts, sorted, one per fingerprint
 */
public record Baseline(List<Entry> entries) {

  /** The version of the file's shape. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::rule, Comparator.comparing(Baseline::ruleRank))
          .thenComparing(Entry::label)
          .thenComparing(Entry::fingerprint);

  /**
   * One baselined alert.
   *
   * @param rule the rule id, {@code unprotected-conflict}
   * @param label the alert as people read it; only the fingerprint is matched
   */
  public record Entry(String fingerprint, String rule, String label) {
    public Entry {
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(label, "label");
    }
  }

  public Baseline {
    Map<String, Entry> byFingerprint = new TreeMap<>();
    for (Entry e : entries) {
      byFingerprint.putIfAbsent(e.fingerprint(), e);
    }
    List<Entry> sorted = new ArrayList<>(byFingerprint.values());
    sorted.sort(ORDER);
    entries = List.copyOf(sorted);
  }

  /**
   * A baseline of these alerts. Accepted alerts are left out: their acceptance already keeps them
   * from failing a build, and says why.
   */
  public static Baseline of(List<Alert> alerts) {
    List<Entry> entries = new ArrayList<>();
    for (Alert a : alerts) {
      if (!a.accepted()) {
        entries.add(new Entry(a.fingerprint(), a.rule().id(), a.label()));
      }
    }
    return new Baseline(entries);
  }

  /**
   * Reads a baseline file.
   *
   * @throws BaselineException when the file is missing, unreadable or not a baseline
   */
  public static Baseline read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BaselineException(file + ": no such baseline file", e);
    } catch (IOException e) {
      throw new BaselineException(file + ": cannot be read: " + e.getMessage(), e);
    }
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BaselineException(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not JSON: "
              + e.getOriginalMessage(),
          e);
    }
    if (root == null
        || !root.isObject()
        || !"isolation-audit".equals(root.path("tool").asText())
        || !root.path("alerts").isArray()) {
      throw new BaselineException(
          file
              + ": not an isolation-audit baseline (expected an object with \"tool\":"
              + " \"isolation-audit\" and \"alerts\"; write one with --write-baseline)",
          null);
    }
    int version = root.path("baselineVersion").asInt(-1);
    if (version != VERSION) {
      throw new BaselineException(
          file + ": baselineVersion " + root.path("baselineVersion") + " is not " + VERSION, null);
    }
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    for (com.fasterxml.jackson.databind.JsonNode alert : root.get("alerts")) {
      String fingerprint = alert.path("fingerprint").asText("");
      if (!alert.isObject() || !fingerprint.matches("[0-9a-f]{32}")) {
        throw new BaselineException(
            file + ": alerts[" + i + "] has no fingerprint of 32 hex digits", null);
      }
      entries.add(
          new Entry(fingerprint, alert.path("rule").asText(""), alert.path("label").asText("")));
      i++;
    }
    return new Baseline(entries);
  }

  /** Writes the baseline as JSON, the same bytes for the same alerts. */
  public void write(Writer out) throws IOException {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("tool", JsonReportRenderer.TOOL);
    root.put("baselineVersion", VERSION);
    ArrayNode alerts = root.putArray("alerts");
    for (Entry e : entries) {
      alerts
          .addObject()
          .put("fingerprint", e.fingerprint())
          .put("rule", e.rule())
          .put("label", e.label());
    }
    out.write(MAPPER.writer(JsonReportRenderer.prettyPrinter()).writeValueAsString(root));
    out.write('\n');
    out.flush();
  }

  /**
   * How the alerts of a scan compare with this baseline.
   *
   * @param baselined the fingerprints of alerts the baseline holds
   * @param fresh how many alerts are not in the baseline
   * @param fixed baseline entries no alert matches any more
   */
  public record Comparison(Set<String> baselined, int fresh, List<Entry> fixed) {
    public Comparison {
      baselined = Set.copyOf(baselined);
      fixed = List.copyOf(fixed);
    }

    /** Whether this alert is in the baseline. */
    public boolean contains(Alert alert) {
      return baselined.contains(alert.fingerprint());
    }

    /**
     * What the comparison says, for people: how many alerts the baseline holds, how many are new,
     * and each entry that matches nothing any more. Lines end with {@code \n}.
     */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("Baseline: ")
          .append(count(baselined.size(), "alert"))
          .append(baselined.size() == 1 ? " is" : " are")
          .append(" in the baseline and not counted for --fail-on; ")
          .append(fresh)
          .append(" new.\n");
      if (!fixed.isEmpty()) {
        sb.append("  ")
            .append(count(fixed.size(), "baseline entry", "baseline entries"))
            .append(fixed.size() == 1 ? " matches" : " match")
            .append(" no alert any more (fixed, or changed; write the baseline again to drop ")
            .append(fixed.size() == 1 ? "it" : "them")
            .append("):\n");
        for (Entry e : fixed) {
          sb.append("    fixed: ").append(e.rule()).append(' ').append(e.label()).append('\n');
        }
      }
      return sb.toString();
    }

    private static String count(int n, String one) {
      return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
      return n + " " + (n == 1 ? one : many);
    }
  }

  /** Compares the alerts of a scan with this baseline. */
  public Comparison compare(List<Alert> alerts) {
    Set<String> known = new LinkedHashSet<>();
    entries.forEach(e -> known.add(e.fingerprint()));
    Set<String> seen = new LinkedHashSet<>();
    int fresh = 0;
    for (Alert a : alerts) {
      if (known.contains(a.fingerprint())) {
        seen.add(a.fingerprint());
      } else if (!a.accepted()) {
        // An accepted alert is not new: its acceptance already speaks for it.
        fresh++;
      }
    }
    List<Entry> fixed = entries.stream().filter(e -> !seen.contains(e.fingerprint())).toList();
    return new Comparison(seen, fresh, fixed);
  }

  private static int ruleRank(String id) {
    for (ReportRule rule : ReportRule.values()) {
      if (rule.id().equals(id)) {
        return rule.ordinal();
      }
    }
    return ReportRule.values().length;
  }

  /** A baseline file that cannot be used; the message names the file and the mistake. */
  public static final class BaselineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BaselineException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
