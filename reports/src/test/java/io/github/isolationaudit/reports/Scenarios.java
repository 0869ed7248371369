package io.github.isolationaudit.reports;

import static io.github.isolationaudit.model.AccessMode.READ;
import static io.github.isolationaudit.model.AccessMode.WRITE;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Scan results built by hand from model records, rendered by the golden and unit tests. */
final class Scenarios {

  static final String VOID_STRING = "(Ljava/lang/String;)V";
  static final String VOID_PATH = "(Ljava/nio/file/Path;)V";
  static final String VOID = "()V";

  private Scenarios() {}

  /** The scenarios that have golden files, by name. */
  static Map<String, ScanResult> all() {
    return Map.of("rich", rich(), "problems-only", problemsOnly(), "clean", clean());
  }

  /**
   * Several classes and engines, an inherited test, a lifecycle write shared by every test of two
   * classes through one helper, overloaded parameterized tests, a nested class, a custom resource
   * kind, shared evidence tails, definite and possible conflicts, and problems.
   */
  static ScanResult rich() {
    // Shared tails: every chain through these helpers points at the same Evidence objects.
    Evidence useDir = chain(step("com.example.config.ConfigFixture", "useDir", 14));
    Evidence load = chain(step("com.example.config.Config", "load", 30));
    Evidence reportWrite = chain(step("com.example.io.ReportWriter", "write", 55));
    Evidence serverBind = chain(step("com.example.net.Server", "start", 41));
    Evidence registryLookup =
        chain(
            step("com.example.net.Server", "start", 43),
            step("com.example.net.Registry", "lookup", 8));

    String json = "com.example.config.JsonConfigTest";
    String yaml = "com.example.config.YamlConfigTest";
    String base = "com.example.config.AbstractConfigTest";
    Access jsonSetUp =
        access(
            SYS,
            "config.dir",
            WRITE,
            "jdk.system-property-write",
            new Evidence(step(json, "setUp", 21), useDir));
    Access yamlSetUp =
        access(
            SYS,
            "config.dir",
            WRITE,
            "jdk.system-property-write",
            new Evidence(step(yaml, "setUp", 19), useDir));
    Access readsDefaults =
        access(
            SYS,
            "config.dir",
            READ,
            "jdk.system-property-read",
            new Evidence(step(base, "readsDefaults", 12), load));

    TestMethod jsonParsesString =
        test(id(json, "parses", VOID_STRING), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED);
    TestMethod jsonParsesPath =
        test(id(json, "parses", VOID_PATH), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED);
    TestMethod jsonReadsDefaults =
        test(inherited(json, "readsDefaults", base), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod jsonRejectsEmpty =
        test(id(json, "rejectsEmpty", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod yamlReadsDefaults =
        test(inherited(yaml, "readsDefaults", base), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod yamlParses = test(id(yaml, "parsesYaml", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);

    String dates = "com.example.i18n.DateFormatTest";
    TestMethod formatsDate = test(id(dates, "formatsDate", VOID), Engine.JUNIT4, TestKind.TEST);
    TestMethod setsLocale = test(id(dates, "setsLocale", VOID), Engine.JUNIT4, TestKind.TEST);
    TestMethod upperCases = test(id(dates, "upperCases", VOID), Engine.JUNIT4, TestKind.TEST);
    TestMethod trims = test(id(dates, "trims", VOID), Engine.JUNIT4, TestKind.TEST);

    String reports = "com.example.io.ReportWriterTest";
    TestMethod writesReport = test(id(reports, "writesReport", VOID), Engine.TESTNG, TestKind.TEST);
    TestMethod writesAllReports =
        new TestMethod(
            id(reports, "writesAllReports", "([Ljava/lang/Object;)V"),
            Engine.TESTNG,
            TestKind.TEST,
            true,
            false);
    TestMethod cleansUp =
        new TestMethod(id(reports, "cleansUp", VOID), Engine.TESTNG, TestKind.TEST, false, true);
    TestMethod noop = test(id(reports, "noop", VOID), Engine.TESTNG, TestKind.TEST);

    String server = "com.example.net.ServerTest";
    String restart = "com.example.net.ServerTest$Restart";
    TestMethod bindsFixedPort =
        test(id(server, "bindsFixedPort", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod bindsEphemeralPort =
        test(id(server, "bindsEphemeralPort", VOID), Engine.JUNIT_JUPITER, TestKind.REPEATED);
    TestMethod registers = test(id(server, "registers", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod publishes = test(id(server, "publishes", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod idles = test(id(server, "idles", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
    TestMethod restartsServer =
        test(id(restart, "restartsServer", VOID), Engine.JUNIT_JUPITER, TestKind.TEST);

    String legacy = "com.example.legacy.OldStyleTest";
    TestMethod legacyOne = test(id(legacy, "testSomething", VOID), Engine.JUNIT3, TestKind.TEST);
    TestMethod legacyTwo = test(id(legacy, "testOther", VOID), Engine.JUNIT3, TestKind.TEST);

    List<Footprint> footprints =
        List.of(
            new Footprint(
                jsonParsesString,
                List.of(
                    jsonSetUp,
                    access(
                        SYS,
                        "config.dir",
                        READ,
                        "jdk.system-property-read",
                        new Evidence(step(json, "parses", 35), load)))),
            new Footprint(
                jsonParsesPath,
                List.of(
                    withConfidence(
                        withNote(
                            access(
                                FILE,
                                Key.pattern("target/config/*.json"),
                                READ,
                                "jdk.files-read",
                                new Evidence(
                                    step(json, "parses", 42),
                                    chain(step("com.example.config.Config", "read", 51)))),
                            "key built from a parameter"),
                        Confidence.MEDIUM),
                    jsonSetUp)),
            new Footprint(jsonReadsDefaults, List.of(readsDefaults, jsonSetUp)),
            new Footprint(jsonRejectsEmpty, List.of(jsonSetUp)),
            new Footprint(yamlReadsDefaults, List.of(yamlSetUp, readsDefaults)),
            new Footprint(yamlParses, List.of(yamlSetUp)),
            new Footprint(
                formatsDate,
                List.of(
                    access(
                        LOCALE,
                        "java.util.Locale",
                        READ,
                        "jdk.date-format-default-locale",
                        chain(step(dates, "formatsDate", 18))))),
            new Footprint(
                setsLocale,
                List.of(
                    access(
                        LOCALE,
                        "java.util.Locale",
                        WRITE,
                        "jdk.locale-set-default",
                        chain(step(dates, "setsLocale", 25))))),
            new Footprint(
                upperCases,
                List.of(
                    withSensitivity(
                        access(
                            LOCALE,
                            "java.util.Locale",
                            READ,
                            "jdk.string-case-default-locale",
                            chain(step(dates, "upperCases", 31))),
                        Sensitivity.LOW))),
            new Footprint(trims, List.of()),
            new Footprint(
                writesReport,
                List.of(
                    access(
                        FILE,
                        "target/reports/out.txt",
                        WRITE,
                        "jdk.files-write",
                        new Evidence(step(reports, "writesReport", 30), reportWrite)))),
            new Footprint(
                writesAllReports,
                List.of(
                    access(
                        FILE,
                        Key.pattern("target/reports/*.txt"),
                        WRITE,
                        "jdk.files-write",
                        new Evidence(step(reports, "writesAllReports", 40), reportWrite)))),
            new Footprint(
                cleansUp,
                List.of(
                    access(
                        FILE,
                        "target/reports",
                        WRITE,
                        "jdk.files-delete",
                        chain(step(reports, "cleansUp", 48))))),
            new Footprint(noop, List.of()),
            new Footprint(
                bindsFixedPort,
                List.of(
                    access(
                        PORT,
                        "8080",
                        WRITE,
                        "jdk.server-socket-bind",
                        new Evidence(step(server, "bindsFixedPort", 22), serverBind)),
                    access(
                        STATIC,
                        "com.example.net.Registry.instances",
                        READ,
                        "project.static-field-read",
                        new Evidence(step(server, "bindsFixedPort", 22), registryLookup)))),
            new Footprint(
                bindsEphemeralPort,
                List.of(
                    withScope(
                        access(
                            PORT,
                            "0",
                            WRITE,
                            "jdk.server-socket-bind",
                            new Evidence(step(server, "bindsEphemeralPort", 30), serverBind)),
                        Scope.PER_TEST),
                    access(
                        STATIC,
                        "com.example.net.Registry.instances",
                        READ,
                        "project.static-field-read",
                        new Evidence(step(server, "bindsEphemeralPort", 30), registryLookup)))),
            new Footprint(
                registers,
                List.of(
                    withNote(
                        withConfidence(
                            access(
                                STATIC,
                                Key.unknown(),
                                WRITE,
                                "jdk.reflect-field-set",
                                chain(
                                    step(server, "registers", 36),
                                    step("com.example.net.Registry", "register", 12))),
                            Confidence.LOW),
                        "field chosen by reflection"))),
            new Footprint(
                publishes,
                List.of(
                    new Access(
                        ResourceKind.CUSTOM,
                        "KAFKA_TOPIC",
                        Key.exact("orders"),
                        WRITE,
                        Scope.SHARED,
                        Reach.EXTERNAL,
                        Confidence.HIGH,
                        Sensitivity.HIGH,
                        "acme.kafka-produce",
                        "",
                        chain(
                            step(server, "publishes", 44),
                            step("com.example.net.Publisher", "send", 19))))),
            new Footprint(idles, List.of()),
            new Footprint(
                restartsServer,
                List.of(
                    access(
                        PORT,
                        "8080",
                        WRITE,
                        "jdk.server-socket-bind",
                        new Evidence(step(restart, "restartsServer", 58), serverBind)),
                    access(
                        STATIC,
                        "com.example.net.Registry.instances",
                        READ,
                        "project.static-field-read",
                        new Evidence(step(restart, "restartsServer", 58), registryLookup)))),
            new Footprint(legacyOne, List.of()),
            new Footprint(legacyTwo, List.of()));

    List<Conflict> conflicts =
        List.of(
            new Conflict(
                SYS,
                "",
                Key.exact("config.dir"),
                Certainty.DEFINITE,
                Reach.JVM,
                Scope.SHARED,
                ids(
                    jsonParsesPath,
                    jsonParsesString,
                    jsonReadsDefaults,
                    jsonRejectsEmpty,
                    yamlParses,
                    yamlReadsDefaults),
                List.of(),
                0,
                List.of(),
                "6 tests set System property config.dir in their @BeforeEach methods."),
            new Conflict(
                LOCALE,
                "",
                Key.exact("java.util.Locale"),
                Certainty.DEFINITE,
                Reach.JVM,
                Scope.SHARED,
                ids(setsLocale),
                ids(formatsDate),
                1,
                ids(upperCases),
                "DateFormatTest#setsLocale changes the default Locale that"
                    + " DateFormatTest#formatsDate formats with."),
            new Conflict(
                PORT,
                "",
                Key.exact("8080"),
                Certainty.DEFINITE,
                Reach.HOST,
                Scope.SHARED,
                ids(bindsFixedPort, restartsServer),
                List.of(),
                0,
                List.of(),
                "2 tests bind port 8080."),
            new Conflict(
                FILE,
                "",
                Key.pattern("target/reports/*.txt"),
                Certainty.POSSIBLE,
                Reach.HOST,
                Scope.SHARED,
                ids(writesAllReports),
                List.of(),
                2,
                ids(cleansUp, writesReport),
                "The path target/reports/*.txt is only a pattern; it may match files that 2 tests"
                    + " write."),
            new Conflict(
                STATIC,
                "",
                Key.unknown(),
                Certainty.POSSIBLE,
                Reach.JVM,
                Scope.SHARED,
                ids(registers),
                List.of(),
                3,
                ids(bindsEphemeralPort, bindsFixedPort, restartsServer),
                "ServerTest#registers writes a static field chosen by reflection; it may be one"
                    + " that 3 tests read."));

    List<Problem> problems =
        List.of(
            new Problem(
                Problem.Kind.INCOMPLETE_ANALYSIS,
                "target/test-classes/com/example/net/ServerTest.class",
                "reflective call in registers() not resolved"),
            new Problem(
                Problem.Kind.CORRUPT_CLASS,
                "target/test-classes/com/example/Broken.class",
                "bad magic number 0xCAFEBABF"),
            new Problem(
                Problem.Kind.UNSUPPORTED_CLASS_VERSION,
                "target/classes/com/example/Future.class",
                "class file version 70 is newer than the supported 69"));

    return result(
        List.of("target/test-classes", "target/classes"), 57, footprints, conflicts, problems);
  }

  /** Nothing could be read: only problems. */
  static ScanResult problemsOnly() {
    return result(
        List.of("build/missing", "lib/not-a-jar.jar"),
        0,
        List.of(),
        List.of(),
        List.of(
            new Problem(Problem.Kind.NOT_A_JAR, "lib/not-a-jar.jar", "zip END header not found"),
            new Problem(Problem.Kind.MISSING_INPUT, "build/missing", "no such file or directory")));
  }

  /** Tests that touch nothing shared, and nothing else to say. */
  static ScanResult clean() {
    String math = "com.example.math.AdderTest";
    String strings = "com.example.text.SplitterTest";
    return result(
        List.of("target/test-classes"),
        4,
        List.of(
            new Footprint(
                test(id(math, "addsTwoNumbers", VOID), Engine.JUNIT_JUPITER, TestKind.TEST),
                List.of()),
            new Footprint(
                test(id(math, "addsMany", "(I)V"), Engine.JUNIT_JUPITER, TestKind.PARAMETERIZED),
                List.of()),
            new Footprint(
                test(id(strings, "splitsOnComma", VOID), Engine.JUNIT4, TestKind.TEST), List.of())),
        List.of(),
        List.of());
  }

  // ---- builders ----

  static final ResourceKind SYS = ResourceKind.SYSTEM_PROPERTY;
  static final ResourceKind FILE = ResourceKind.FILE;
  static final ResourceKind PORT = ResourceKind.PORT;
  static final ResourceKind LOCALE = ResourceKind.LOCALE;
  static final ResourceKind STATIC = ResourceKind.STATIC_FIELD;

  /** A step in the source file that javac records for a top-level or nested class. */
  static EvidenceStep step(String className, String method, int line) {
    String outer =
        className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
    return new EvidenceStep(className, method, outer.replace('.', '/') + ".java", line);
  }

  static Evidence chain(EvidenceStep... steps) {
    Evidence chain = null;
    for (int i = steps.length - 1; i >= 0; i--) {
      chain = new Evidence(steps[i], chain);
    }
    return chain;
  }

  static TestId id(String className, String method, String descriptor) {
    return new TestId(className, method, descriptor, className);
  }

  static TestId inherited(String className, String method, String declaringClass) {
    return new TestId(className, method, VOID, declaringClass);
  }

  static TestMethod test(TestId id, Engine engine, TestKind kind) {
    return new TestMethod(id, engine, kind, kind != TestKind.TEST, false);
  }

  static List<TestId> ids(TestMethod... tests) {
    return java.util.Arrays.stream(tests).map(TestMethod::id).toList();
  }

  /** An access with defaults: SHARED, the kind's reach, HIGH confidence and sensitivity. */
  static Access access(
      ResourceKind resource, String key, AccessMode mode, String sink, Evidence evidence) {
    return access(resource, Key.exact(key), mode, sink, evidence);
  }

  static Access access(
      ResourceKind resource, Key key, AccessMode mode, String sink, Evidence evidence) {
    return new Access(
        resource,
        "",
        key,
        mode,
        Scope.SHARED,
        resource.defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        sink,
        "",
        evidence);
  }

  static Access withNote(Access a, String note) {
    return new Access(
        a.resource(),
        a.customKind(),
        a.key(),
        a.mode(),
        a.scope(),
        a.reach(),
        a.confidence(),
        a.sensitivity(),
        a.sinkId(),
        note,
        a.evidence());
  }

  static Access withConfidence(Access a, Confidence confidence) {
    return new Access(
        a.resource(),
        a.customKind(),
        a.key(),
        a.mode(),
        a.scope(),
        a.reach(),
        confidence,
        a.sensitivity(),
        a.sinkId(),
        a.note(),
        a.evidence());
  }

  static Access withSensitivity(Access a, Sensitivity sensitivity) {
    return new Access(
        a.resource(),
        a.customKind(),
        a.key(),
        a.mode(),
        a.scope(),
        a.reach(),
        a.confidence(),
        sensitivity,
        a.sinkId(),
        a.note(),
        a.evidence());
  }

  static Access withScope(Access a, Scope scope) {
    return new Access(
        a.resource(),
        a.customKind(),
        a.key(),
        a.mode(),
        scope,
        a.reach(),
        a.confidence(),
        a.sensitivity(),
        a.sinkId(),
        a.note(),
        a.evidence());
  }

  /** A result whose summary counts what it holds, as the analyzer would. */
  static ScanResult result(
      List<String> inputs,
      int classFiles,
      List<Footprint> footprints,
      List<Conflict> conflicts,
      List<Problem> problems) {
    Set<String> classes = new HashSet<>();
    Map<String, Integer> byEngine = new TreeMap<>();
    Map<String, Integer> byResource = new TreeMap<>();
    for (Footprint footprint : footprints) {
      classes.add(footprint.test().id().className());
      byEngine.merge(footprint.test().engine().name(), 1, Integer::sum);
      for (Access access : footprint.accesses()) {
        byResource.merge(access.resourceName(), 1, Integer::sum);
      }
    }
    int definite =
        (int) conflicts.stream().filter(c -> c.certainty() == Certainty.DEFINITE).count();
    ScanSummary summary =
        new ScanSummary(
            classFiles,
            classes.size(),
            footprints.size(),
            byEngine,
            byResource,
            definite,
            conflicts.size() - definite,
            0);
    return new ScanResult(inputs, summary, footprints, conflicts, problems);
  }
}
