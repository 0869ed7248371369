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
import io.github.isolationaudit.model.Edit;
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
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a scan result as pretty-printed JSON in the shape of {@value #SCHEMA_RESOURCE}.
 *
 * <p>What repeats is stored once (schema version 2): each distinct access (resource, key, mode,
 * ...) once in {@code accesses}, each distinct evidence step once in {@code steps}, and each call
 * chain as links in {@code chains} whose tails are shared. A test lists its accesses as pairs of an
 * access id and the id of the chain link its evidence starts at. Ids equal indexes in their table
 * and are numbered in order of first use while walking the sorted tests and their sorted accesses.
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
    ReportView view = ReportView.of(result);
    SourcePaths paths = result.sourcePaths();
    List<Footprint> footprints = ReportOrder.sorted(result.footprints(), ReportOrder.FOOTPRINTS);
    AccessTables tables = new AccessTables();
    List<List<int[]>> uses = new ArrayList<>();
    for (Footprint footprint : footprints) {
      List<int[]> used = new ArrayList<>();
      for (Access access : ReportOrder.sorted(footprint.accesses(), ReportOrder.ACCESSES)) {
        used.add(new int[] {tables.access(access), tables.chain(access.evidence())});
      }
      uses.add(used);
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
        writeTest(g, footprints.get(i).test(), uses.get(i), names, paths);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("accesses");
      for (int i = 0; i < tables.accesses.size(); i++) {
        writeAccess(g, i, tables.accesses.get(i));
      }
      g.writeEndArray();

      g.writeArrayFieldStart("chains");
      for (int[] link : tables.chains) {
        // One line a row: "chains" is the longest table, and its rows are two numbers.
        g.writeRawValue(
            "{\"step\": "
                + link[0]
                + ", \"next\": "
                + (link[1] < 0 ? "null" : String.valueOf(link[1]))
                + "}");
      }
      g.writeEndArray();

      g.writeArrayFieldStart("steps");
      for (int i = 0; i < tables.steps.size(); i++) {
        g.writeRawValue(stepRow(i, tables.steps.get(i), paths));
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
        writeMarkerVerdict(g, verdict, names, view);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("findings");
      for (Finding finding : ReportOrder.sorted(result.findings(), ReportOrder.FINDINGS)) {
        writeFinding(g, finding, names, view);
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
      JsonGenerator g, TestMethod test, List<int[]> uses, TestNames names, SourcePaths paths)
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
    if (test.sharesClassState()) {
      g.writeBooleanField("sharesClassState", true);
    }
    writePath(g, ReportView.classPlace(id.className(), paths));
    g.writeFieldName("accesses");
    // Written raw so a test's accesses stay on one line; only integers go in.
    StringBuilder line = new StringBuilder("[");
    for (int[] use : uses) {
      if (line.length() > 1) {
        line.append(", ");
      }
      line.append("{\"access\": ").append(use[0]).append(", \"evidence\": ").append(use[1]);
      line.append('}');
    }
    g.writeRawValue(line.append(']').toString());
    g.writeEndObject();
  }

  /**
   * A step as one line: {"id": 3, "class": "a.B", "method": "m", "file": "a/B.java", "line": 7}.
   */
  private static String stepRow(int id, EvidenceStep step, SourcePaths paths) {
    return "{\"id\": "
        + id
        + ", \"class\": "
        + quoted(step.className())
        + ", \"method\": "
        + quoted(step.methodName())
        + ", \"file\": "
        + quoted(step.sourceFile())
        + ", \"line\": "
        + step.line()
        + ", \"path\": "
        + (paths.located(step.sourceFile()) ? quoted(paths.of(step.sourceFile())) : "null")
        + "}";
  }

  private static String quoted(String text) {
    return '"'
        + new String(
            com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text))
        + '"';
  }

  private static void writeAccess(JsonGenerator g, int id, Access access) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", id);
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
    g.writeEndObject();
  }

  /**
   * The report's shared tables, numbered in order of first use while walking the sorted tests and
   * their sorted accesses: accesses without their evidence, evidence steps, and chain links. A
   * chain is a linked list from the test to the sink whose tails are shared: many tests reach the
   * same sink through the same helpers. A link's {@code next} always has a smaller id, so a reader
   * resolves every chain in one pass.
   */
  private static final class AccessTables {
    private final List<Access> accesses = new ArrayList<>();
    private final Map<AccessShape, Integer> accessIds = new HashMap<>();
    private final List<EvidenceStep> steps = new ArrayList<>();
    private final Map<EvidenceStep, Integer> stepIds = new HashMap<>();
    private final List<int[]> chains = new ArrayList<>();
    private final Map<Long, Integer> chainIds = new HashMap<>();
    private final Map<io.github.isolationaudit.model.Evidence, Integer> chainOfNode =
        new java.util.IdentityHashMap<>();

    /** An access without its evidence: what tests share. */
    private record AccessShape(
        String resource,
        Key key,
        io.github.isolationaudit.model.AccessMode mode,
        io.github.isolationaudit.model.Scope scope,
        io.github.isolationaudit.model.Reach reach,
        io.github.isolationaudit.model.Confidence confidence,
        io.github.isolationaudit.model.Sensitivity sensitivity,
        String sink,
        String note) {}

    int access(Access a) {
      AccessShape shape =
          new AccessShape(
              a.resourceName(),
              a.key(),
              a.mode(),
              a.scope(),
              a.reach(),
              a.confidence(),
              a.sensitivity(),
              a.sinkId(),
              a.note());
      Integer id = accessIds.get(shape);
      if (id == null) {
        id = accesses.size();
        accessIds.put(shape, id);
        accesses.add(a);
      }
      return id;
    }

    /** The id of the chain link that starts this evidence, from the test to the sink. */
    int chain(io.github.isolationaudit.model.Evidence evidence) {
      // Tests share the tails of their chains as objects: a tail numbered once is not walked
      // again. The new head is numbered as a whole chain would be: its steps from the test on,
      // its links from the tail on.
      List<io.github.isolationaudit.model.Evidence> fresh = new ArrayList<>();
      int next = -1;
      for (var e = evidence; e != null; e = e.next()) {
        Integer known = chainOfNode.get(e);
        if (known != null) {
          next = known;
          break;
        }
        fresh.add(e);
      }
      int[] stepOf = new int[fresh.size()];
      for (int i = 0; i < fresh.size(); i++) {
        EvidenceStep step = fresh.get(i).step();
        Integer id = stepIds.get(step);
        if (id == null) {
          id = steps.size();
          stepIds.put(step, id);
          steps.add(step);
        }
        stepOf[i] = id;
      }
      for (int i = fresh.size() - 1; i >= 0; i--) {
        long link = ((long) stepOf[i] << 32) | (next & 0xffffffffL);
        Integer id = chainIds.get(link);
        if (id == null) {
          id = chains.size();
          chainIds.put(link, id);
          chains.add(new int[] {stepOf[i], next});
        }
        chainOfNode.put(fresh.get(i), id);
        next = id;
      }
      return next;
    }
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
    writeTestNames(g, "readers", conflict.writerPartners(), names);
    g.writeNumberField("possibleReaders", conflict.possibleReaders());
    List<TestId> sample = ReportOrder.sorted(conflict.possibleReadersSample(), ReportOrder.TESTS);
    writeTestNames(
        g, "possibleReadersSample", sample.subList(0, Math.min(SAMPLE_SIZE, sample.size())), names);
    g.writeStringField("reason", conflict.reason());
    writeTestNames(g, "readingWriters", conflict.readingWriters(), names);
    writeTestNames(g, "readerOnlyWriters", conflict.readerOnlyWriters(), names);
    g.writeArrayFieldStart("classWideReaders");
    for (String c : conflict.classWideReaders()) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeMarkerVerdict(
      JsonGenerator g, MarkerVerdict verdict, TestNames names, ReportView view) throws IOException {
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
    writePath(g, view.place(marker));
    g.writeStringField("via", marker.via());
    g.writeStringField("statedReason", marker.statedReason());
    g.writeStringField("verdict", verdict.verdict().name());
    g.writeStringField("reason", verdict.reason());
    g.writeStringField("confidence", verdict.confidence().name());
    g.writeStringField("confidenceNote", verdict.confidenceNote());
    g.writeStringField("recommendation", verdict.recommendation());
    writeTestNames(g, "partners", verdict.partners(), names);
    writeEdits(g, verdict.edits());
    writeTestNames(g, "covered", verdict.covered(), names);
    g.writeBooleanField("oneThread", verdict.oneThread());
    g.writeStringField("cause", verdict.cause().name());
    g.writeEndObject();
  }

  private static void writeFinding(
      JsonGenerator g, Finding finding, TestNames names, ReportView view) throws IOException {
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
      ReportView.Place place = view.place(finding.marker());
      writePath(g, place);
      writeLine(g, place.line());
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
    g.writeArrayFieldStart("locations");
    for (ReportView.Site site : view.entryOf(finding).sites()) {
      g.writeStartObject();
      g.writeStringField("test", names.name(site.test()));
      if (site.mode() == null) {
        g.writeNullField("mode");
      } else {
        g.writeStringField("mode", site.mode().name());
      }
      ReportView.Place place = site.place();
      if (place.file().isEmpty()) {
        g.writeNullField("file");
      } else {
        g.writeStringField("file", place.file());
      }
      writePath(g, place);
      writeLine(g, place.line());
      g.writeEndObject();
    }
    g.writeEndArray();
    writeTestNames(g, "writers", finding.writers(), names);
    writeTestNames(g, "readers", finding.readers(), names);
    writeEdits(g, finding.edits());
    g.writeArrayFieldStart("merged");
    for (Finding.Merged other : finding.merged()) {
      g.writeStartObject();
      g.writeStringField("resource", other.resourceName());
      writeKey(g, other.key());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code "path"}: the project path of a source-root-relative file, or null. */
  private static void writePath(JsonGenerator g, ReportView.Place place) throws IOException {
    if (place.located()) {
      g.writeStringField("path", place.path());
    } else {
      g.writeNullField("path");
    }
  }

  private static void writeLine(JsonGenerator g, int line) throws IOException {
    if (line > 0) {
      g.writeNumberField("line", line);
    } else {
      g.writeNullField("line");
    }
  }

  private static void writeKey(JsonGenerator g, Key key) throws IOException {
    g.writeStringField("key", key.value());
    g.writeStringField("keyKind", key.kind().name());
    if (key.isEntry()) {
      g.writeStringField("entry", key.entry().value());
      g.writeStringField("entryKind", key.entry().kind().name());
    }
  }

  /** Edits in the order the advice gives them: the order to apply them in. */
  private static void writeEdits(JsonGenerator g, List<Edit> edits) throws IOException {
    g.writeArrayFieldStart("edits");
    for (Edit e : edits) {
      g.writeStartObject();
      g.writeStringField("action", e.action().name());
      g.writeStringField("file", e.file());
      g.writeNumberField("line", e.line());
      g.writeStringField("class", e.className());
      g.writeStringField("method", e.methodName());
      g.writeStringField("text", e.text());
      g.writeArrayFieldStart("imports");
      for (String i : e.imports()) {
        g.writeString(i);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * A list of test names on one line, as a test's accesses are: the writers and readers of
   * conflicts and findings are the longest lists of a report, and a line each cost their
   * indentation again per name (0.6 MB of hadoop-common's report).
   */
  private static void writeTestNames(
      JsonGenerator g, String field, List<TestId> tests, TestNames names) throws IOException {
    g.writeFieldName(field);
    StringBuilder line = new StringBuilder("[");
    for (TestId id : ReportOrder.sorted(tests, ReportOrder.TESTS)) {
      if (line.length() > 1) {
        line.append(", ");
      }
      line.append(quoted(names.name(id)));
    }
    g.writeRawValue(line.append(']').toString());
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
