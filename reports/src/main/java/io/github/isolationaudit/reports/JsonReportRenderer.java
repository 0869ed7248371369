package io.github.isolationaudit.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a scan result as pretty-printed JSON in the shape of {@value #SCHEMA_RESOURCE}.
 *
 * <p>Evidence is stored once: every distinct {@link EvidenceStep} appears once in {@code steps},
 * numbered in order of first use while walking the sorted tests and their sorted accesses, and each
 * access lists the numbers of its chain from the test to the sink. Step numbers equal their index
 * in {@code steps}.
 *
 * <p>Marker verdicts and findings have a fixed shape: every field is always written, an empty
 * string where there is nothing to say, and {@code null} for a source location that is not known or
 * a finding without a marker.
 */
public final class JsonReportRenderer implements ReportRenderer {

  /** The classpath location of the JSON Schema that every rendered report conforms to. */
  public static final String SCHEMA_RESOURCE =
      "/io/github/isolationaudit/reports/report.schema.json";

  /** The value of the report's {@code tool} field. */
  public static final String TOOL = "isolation-audit";

  /** The most tests a conflict's {@code possibleReadersSample} names. */
  static final int SAMPLE_SIZE = 5;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    render(result, null, out);
  }

  /** Renders the result with the execution plan made from it ({@code scan --plan}) as "plan". */
  public void render(ScanResult result, io.github.isolationaudit.model.plan.Plan plan, Writer out)
      throws IOException {
    TestNames names = TestNames.of(result);
    List<Footprint> footprints = ReportOrder.sorted(result.footprints(), ReportOrder.FOOTPRINTS);
    List<List<Access>> accesses = new ArrayList<>();
    Map<EvidenceStep, Integer> stepIds = new LinkedHashMap<>();
    for (Footprint footprint : footprints) {
      List<Access> sorted = ReportOrder.sorted(footprint.accesses(), ReportOrder.ACCESSES);
      accesses.add(sorted);
      for (Access access : sorted) {
        for (EvidenceStep step : access.evidence().steps()) {
          stepIds.putIfAbsent(step, stepIds.size());
        }
      }
    }

    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(prettyPrinter());
      g.writeStartObject();
      g.writeNumberField("schemaVersion", ScanResult.SCHEMA_VERSION);
      g.writeStringField("tool", TOOL);
      g.writeArrayFieldStart("inputs");
      for (String input : result.inputs()) {
        g.writeString(input);
      }
      g.writeEndArray();
      writeConfiguration(g, result.configuration());
      writeSummary(g, result);

      g.writeArrayFieldStart("tests");
      for (int i = 0; i < footprints.size(); i++) {
        writeTest(g, footprints.get(i).test(), accesses.get(i), names, stepIds);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("steps");
      for (Map.Entry<EvidenceStep, Integer> entry : stepIds.entrySet()) {
        EvidenceStep step = entry.getKey();
        g.writeStartObject();
        g.writeNumberField("id", entry.getValue());
        g.writeStringField("class", step.className());
        g.writeStringField("method", step.methodName());
        g.writeStringField("file", step.sourceFile());
        g.writeNumberField("line", step.line());
        g.writeEndObject();
      }
      g.writeEndArray();

      g.writeArrayFieldStart("conflicts");
      for (Conflict conflict : ReportOrder.sorted(result.conflicts(), ReportOrder.CONFLICTS)) {
        writeConflict(g, conflict, names);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("markers");
      for (MarkerVerdict verdict :
          ReportOrder.sorted(result.markers(), ReportOrder.MARKER_VERDICTS)) {
        writeMarkerVerdict(g, verdict, names);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("findings");
      for (Finding finding : ReportOrder.sorted(result.findings(), ReportOrder.FINDINGS)) {
        writeFinding(g, finding, names);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("problems");
      for (Problem problem : ReportOrder.sorted(result.problems(), ReportOrder.PROBLEMS)) {
        g.writeStartObject();
        g.writeStringField("kind", problem.kind().name());
        g.writeStringField("path", problem.path());
        g.writeStringField("message", problem.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (plan != null) {
        g.writeFieldName("plan");
        g.setCodec(new com.fasterxml.jackson.databind.ObjectMapper());
        g.writeObject(PlanRenderer.body(plan));
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
    out.flush();
  }

  private static void writeConfiguration(JsonGenerator g, BuildConfiguration configuration)
      throws IOException {
    g.writeObjectFieldStart("configuration");
    g.writeStringField("parallelEnabled", configuration.parallelEnabled().name());
    g.writeStringField("methodsConcurrent", configuration.methodsConcurrent().name());
    g.writeStringField("classesConcurrent", configuration.classesConcurrent().name());
    g.writeStringField("forks", configuration.forks().name());
    g.writeStringField("runsInParallel", configuration.runsInParallel().name());
    // Lists keep the order the configuration gave them in; only the unordered map is sorted.
    writeStrings(g, "includedGroups", configuration.includedGroups());
    writeStrings(g, "excludedGroups", configuration.excludedGroups());
    g.writeStringField("testngParallel", configuration.testngParallel());
    writeStrings(g, "sources", configuration.sources());
    g.writeObjectFieldStart("settings");
    for (Map.Entry<String, String> entry : new TreeMap<>(configuration.settings()).entrySet()) {
      g.writeStringField(entry.getKey(), entry.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  private static void writeSummary(JsonGenerator g, ScanResult result) throws IOException {
    ScanSummary summary = result.summary();
    g.writeObjectFieldStart("summary");
    g.writeNumberField("classFiles", summary.classFiles());
    g.writeNumberField("testClasses", summary.testClasses());
    g.writeNumberField("tests", summary.tests());
    writeCounts(g, "testsByEngine", summary.testsByEngine());
    writeCounts(g, "accessesByResource", summary.accessesByResource());
    g.writeNumberField("definiteConflicts", summary.definiteConflicts());
    g.writeNumberField("possibleConflicts", summary.possibleConflicts());
    g.writeNumberField("readsOmitted", summary.readsOmitted());
    // Every verdict and finding kind is written, zero or not, in the order of the enums.
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      verdicts.put(verdict, 0);
    }
    result.markers().forEach(v -> verdicts.merge(v.verdict(), 1, Integer::sum));
    g.writeObjectFieldStart("verdicts");
    for (Map.Entry<Verdict, Integer> entry : verdicts.entrySet()) {
      g.writeNumberField(entry.getKey().name(), entry.getValue());
    }
    g.writeEndObject();
    Map<Finding.Kind, Integer> findings = new EnumMap<>(Finding.Kind.class);
    for (Finding.Kind kind : Finding.Kind.values()) {
      findings.put(kind, 0);
    }
    // Accepted findings are counted apart: the kinds count what still needs attention.
    result.findings().stream()
        .filter(f -> !f.accepted())
        .forEach(f -> findings.merge(f.kind(), 1, Integer::sum));
    g.writeObjectFieldStart("findings");
    for (Map.Entry<Finding.Kind, Integer> entry : findings.entrySet()) {
      g.writeNumberField(entry.getKey().name(), entry.getValue());
    }
    g.writeEndObject();
    g.writeNumberField(
        "acceptedFindings", (int) result.findings().stream().filter(Finding::accepted).count());
    g.writeEndObject();
  }

  private static void writeCounts(JsonGenerator g, String field, Map<String, Integer> counts)
      throws IOException {
    // The summary's maps are unordered; a TreeMap gives the stable key order the contract needs.
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, Integer> entry : new TreeMap<>(counts).entrySet()) {
      g.writeNumberField(entry.getKey(), entry.getValue());
    }
    g.writeEndObject();
  }

  private static void writeTest(
      JsonGenerator g,
      TestMethod test,
      List<Access> accesses,
      TestNames names,
      Map<EvidenceStep, Integer> stepIds)
      throws IOException {
    TestId id = test.id();
    g.writeStartObject();
    g.writeStringField("id", names.name(id));
    g.writeStringField("class", id.className());
    g.writeStringField("method", id.methodName());
    g.writeStringField("descriptor", id.descriptor());
    g.writeStringField("declaringClass", id.declaringClass());
    g.writeStringField("engine", test.engine().name());
    g.writeStringField("kind", test.kind().name());
    g.writeBooleanField("multipleInvocations", test.multipleInvocations());
    g.writeBooleanField("disabled", test.disabled());
    g.writeArrayFieldStart("accesses");
    for (Access access : accesses) {
      g.writeStartObject();
      g.writeStringField("resource", access.resourceName());
      writeKey(g, access.key());
      g.writeStringField("mode", access.mode().name());
      g.writeStringField("scope", access.scope().name());
      g.writeStringField("reach", access.reach().name());
      g.writeStringField("confidence", access.confidence().name());
      g.writeStringField("sensitivity", access.sensitivity().name());
      g.writeStringField("sink", access.sinkId());
      if (!access.note().isEmpty()) {
        g.writeStringField("note", access.note());
      }
      g.writeFieldName("evidence");
      // Written raw so a chain stays on one line: "evidence": [3, 4, 9]. Only integers go in.
      List<String> ids = new ArrayList<>();
      for (EvidenceStep step : access.evidence().steps()) {
        ids.add(String.valueOf(stepIds.get(step)));
      }
      g.writeRawValue("[" + String.join(", ", ids) + "]");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeConflict(JsonGenerator g, Conflict conflict, TestNames names)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("resource", conflict.resourceName());
    writeKey(g, conflict.key());
    g.writeStringField("certainty", conflict.certainty().name());
    g.writeStringField("reach", conflict.reach().name());
    g.writeStringField("scope", conflict.scope().name());
    writeTestNames(g, "writers", conflict.writers(), names);
    writeTestNames(g, "readers", conflict.readers(), names);
    g.writeNumberField("possibleReaders", conflict.possibleReaders());
    List<TestId> sample = ReportOrder.sorted(conflict.possibleReadersSample(), ReportOrder.TESTS);
    writeTestNames(
        g, "possibleReadersSample", sample.subList(0, Math.min(SAMPLE_SIZE, sample.size())), names);
    g.writeStringField("reason", conflict.reason());
    g.writeEndObject();
  }

  private static void writeMarkerVerdict(JsonGenerator g, MarkerVerdict verdict, TestNames names)
      throws IOException {
    Marker marker = verdict.marker();
    g.writeStartObject();
    g.writeStringField("annotation", marker.annotation());
    g.writeStringField("family", marker.family());
    g.writeStringField("effect", marker.effect().name());
    g.writeArrayFieldStart("locks");
    for (Lock lock : ReportOrder.sorted(marker.locks(), Comparator.<Lock>naturalOrder())) {
      g.writeStartObject();
      g.writeStringField("key", lock.key());
      g.writeStringField("mode", lock.mode().name());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("tag", marker.tag());
    g.writeStringField("target", names.target(marker));
    g.writeStringField("class", marker.className());
    g.writeStringField("method", marker.methodName());
    if (marker.location() == null) {
      g.writeNullField("file");
      g.writeNullField("line");
    } else {
      g.writeStringField("file", marker.location().file());
      if (marker.location().line() > 0) {
        g.writeNumberField("line", marker.location().line());
      } else {
        g.writeNullField("line");
      }
    }
    g.writeStringField("via", marker.via());
    g.writeStringField("statedReason", marker.statedReason());
    g.writeStringField("verdict", verdict.verdict().name());
    g.writeStringField("reason", verdict.reason());
    g.writeStringField("confidence", verdict.confidence().name());
    g.writeStringField("confidenceNote", verdict.confidenceNote());
    g.writeStringField("recommendation", verdict.recommendation());
    writeTestNames(g, "partners", verdict.partners(), names);
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding finding, TestNames names)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", finding.kind().name());
    g.writeStringField("resource", ReportOrder.resourceName(finding));
    writeKey(g, finding.key());
    writeTestNames(g, "tests", finding.tests(), names);
    g.writeNumberField("testCount", finding.testCount());
    if (finding.marker() == null) {
      g.writeNullField("marker");
    } else {
      g.writeObjectFieldStart("marker");
      g.writeStringField("target", names.target(finding.marker()));
      g.writeStringField("annotation", finding.marker().annotation());
      g.writeEndObject();
    }
    g.writeBooleanField("live", finding.live());
    g.writeStringField("reason", finding.reason());
    g.writeStringField("recommendation", finding.recommendation());
    g.writeBooleanField("accepted", finding.accepted());
    if (finding.accepted()) {
      g.writeStringField("acceptedReason", finding.acceptance().reason());
      g.writeStringField("acceptedBy", finding.acceptance().acceptedBy());
    } else {
      g.writeNullField("acceptedReason");
      g.writeNullField("acceptedBy");
    }
    g.writeEndObject();
  }

  private static void writeKey(JsonGenerator g, Key key) throws IOException {
    g.writeStringField("key", key.value());
    g.writeStringField("keyKind", key.kind().name());
  }

  private static void writeTestNames(
      JsonGenerator g, String field, List<TestId> tests, TestNames names) throws IOException {
    g.writeArrayFieldStart(field);
    for (TestId id : ReportOrder.sorted(tests, ReportOrder.TESTS)) {
      g.writeString(names.name(id));
    }
    g.writeEndArray();
  }

  static DefaultPrettyPrinter prettyPrinter() {
    // Fixed "\n" rather than the platform line separator, so reports are the same bytes anywhere.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("")
            .withRootSeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
