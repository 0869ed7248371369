package io.github.isolationaudit.reports;

import static io.github.isolationaudit.model.AccessMode.READ;
import static io.github.isolationaudit.model.AccessMode.WRITE;

import io.github.isolationaudit.model.Acceptance;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
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
    return Map.of(
        "rich", rich(), "verdicts", verdicts(), "problems-only", problemsOnly(), "clean", clean());
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

  /**
   * A known configuration (JUnit parallel execution on, classes concurrent, methods on one thread,
   * one JVM, a group excluded) and markers of every verdict: a REQUIRED {@code @Isolated} with a
   * stated reason and a narrowing recommendation, two FIXABLE locks on a fixed port (one found only
   * in bytecode), a DEFENSIVE {@code @Execution(SAME_THREAD)} with lowered confidence, a DEFENSIVE
   * project annotation that isolates through a meta-annotation (no source), a LEGACY
   * {@code @NotThreadSafe} that Jupiter ignores and a LEGACY tag that no build runs apart; then an
   * UNPROTECTED race on the default Locale among seven tests and an INSUFFICIENT marker on a file
   * race. The footprints and conflicts are the ones those verdicts rest on.
   */
  static ScanResult verdicts() {
    String checkout = "com.example.shop.CheckoutTest";
    String invoice = "com.example.shop.InvoiceTest";
    String receipt = "com.example.shop.ReceiptTest";
    String label = "com.example.shop.PriceLabelTest";
    String shipping = "com.example.shop.ShippingTest";
    String payment = "com.example.shop.PaymentServerTest";
    String webhook = "com.example.shop.WebhookTest";
    String calculator = "com.example.shop.PriceCalculatorTest";
    String discount = "com.example.shop.DiscountTest";
    String legacyOrder = "com.example.shop.LegacyOrderTest";
    String export = "com.example.shop.ExportTest";
    String importer = "com.example.shop.ImportTest";

    TestMethod setsCurrency = jupiter(checkout, "setsCurrency");
    TestMethod formatsPrice = jupiter(checkout, "formatsPrice");
    TestMethod printsTotal = jupiter(invoice, "printsTotal");
    TestMethod formatsDueDate = jupiter(invoice, "formatsDueDate");
    TestMethod printsGermanReceipt = jupiter(receipt, "printsGermanReceipt");
    TestMethod rendersLabel = jupiter(label, "rendersLabel");
    TestMethod rendersSaleLabel = jupiter(label, "rendersSaleLabel");
    TestMethod estimatesDate = jupiter(shipping, "estimatesDate");
    TestMethod formatsWeight = jupiter(shipping, "formatsWeight");
    TestMethod startsServer = jupiter(payment, "startsServer");
    TestMethod stopsServer = jupiter(payment, "stopsServer");
    TestMethod receivesWebhook = jupiter(webhook, "receivesWebhook");
    TestMethod roundsHalfUp = jupiter(calculator, "roundsHalfUp");
    TestMethod addsTax = jupiter(calculator, "addsTax");
    TestMethod appliesCoupon = jupiter(discount, "appliesCoupon");
    TestMethod placesOrder = jupiter(legacyOrder, "placesOrder");
    TestMethod exportsCsv = jupiter(export, "exportsCsv");
    TestMethod importsCsv = jupiter(importer, "importsCsv");

    Evidence moneyCurrency = chain(step("com.example.shop.Money", "currency", 40));
    Evidence labelRender = chain(step("com.example.shop.PriceLabel", "render", 33));
    Evidence listen = chain(step("com.example.shop.PaymentServer", "listen", 52));
    Access paymentSetUp =
        access(
            PORT,
            "8443",
            WRITE,
            "jdk.server-socket-bind",
            new Evidence(step(payment, "setUp", 20), listen));
    String locale = "java.util.Locale";

    List<Footprint> footprints =
        List.of(
            new Footprint(
                setsCurrency,
                List.of(
                    access(
                        SYS,
                        "shop.currency",
                        WRITE,
                        "jdk.system-property-write",
                        chain(step(checkout, "setsCurrency", 22))))),
            new Footprint(formatsPrice, List.of()),
            new Footprint(
                printsTotal,
                List.of(
                    access(
                        SYS,
                        "shop.currency",
                        READ,
                        "jdk.system-property-read",
                        new Evidence(step(invoice, "printsTotal", 17), moneyCurrency)),
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.number-format-default-locale",
                        chain(step(invoice, "printsTotal", 18))))),
            new Footprint(
                formatsDueDate,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.date-format-default-locale",
                        chain(step(invoice, "formatsDueDate", 26))))),
            new Footprint(
                printsGermanReceipt,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        WRITE,
                        "jdk.locale-set-default",
                        chain(step(receipt, "printsGermanReceipt", 18))))),
            new Footprint(
                rendersLabel,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.number-format-default-locale",
                        new Evidence(step(label, "rendersLabel", 15), labelRender)))),
            new Footprint(
                rendersSaleLabel,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.number-format-default-locale",
                        new Evidence(step(label, "rendersSaleLabel", 23), labelRender)))),
            new Footprint(
                estimatesDate,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.date-format-default-locale",
                        chain(step(shipping, "estimatesDate", 20))))),
            new Footprint(
                formatsWeight,
                List.of(
                    access(
                        LOCALE,
                        locale,
                        READ,
                        "jdk.number-format-default-locale",
                        chain(step(shipping, "formatsWeight", 29))))),
            new Footprint(startsServer, List.of(paymentSetUp)),
            new Footprint(stopsServer, List.of(paymentSetUp)),
            new Footprint(
                receivesWebhook,
                List.of(
                    access(
                        PORT,
                        "8443",
                        WRITE,
                        "jdk.server-socket-bind",
                        new Evidence(step(webhook, "receivesWebhook", 30), listen)))),
            new Footprint(roundsHalfUp, List.of()),
            new Footprint(addsTax, List.of()),
            new Footprint(appliesCoupon, List.of()),
            new Footprint(placesOrder, List.of()),
            new Footprint(
                exportsCsv,
                List.of(
                    access(
                        FILE,
                        "target/shop/export.csv",
                        WRITE,
                        "jdk.files-write",
                        chain(step(export, "exportsCsv", 24))))),
            new Footprint(
                importsCsv,
                List.of(
                    access(
                        FILE,
                        "target/shop/export.csv",
                        READ,
                        "jdk.files-read",
                        chain(step(importer, "importsCsv", 19))))));

    List<Conflict> conflicts =
        List.of(
            definite(
                SYS,
                "shop.currency",
                ids(setsCurrency),
                ids(printsTotal),
                "CheckoutTest#setsCurrency sets System property shop.currency that"
                    + " InvoiceTest#printsTotal reads."),
            definite(
                LOCALE,
                locale,
                ids(printsGermanReceipt),
                ids(
                    formatsDueDate,
                    printsTotal,
                    rendersLabel,
                    rendersSaleLabel,
                    estimatesDate,
                    formatsWeight),
                "ReceiptTest#printsGermanReceipt changes the default Locale that 6 tests format"
                    + " numbers and dates with."),
            definite(
                PORT,
                "8443",
                ids(receivesWebhook, startsServer, stopsServer),
                List.of(),
                "3 tests bind port 8443."),
            definite(
                FILE,
                "target/shop/export.csv",
                ids(exportsCsv),
                ids(importsCsv),
                "ExportTest#exportsCsv writes target/shop/export.csv while ImportTest#importsCsv"
                    + " reads it."));

    String isolated = "org.junit.jupiter.api.parallel.Isolated";
    String resourceLock = "org.junit.jupiter.api.parallel.ResourceLock";
    Lock global = new Lock(Lock.GLOBAL, LockMode.READ_WRITE);
    Lock port = new Lock("port-8443", LockMode.READ_WRITE);
    Marker checkoutIsolated =
        new Marker(
            isolated,
            "junit-jupiter",
            MarkerEffect.ISOLATES,
            List.of(global),
            "",
            checkout,
            "",
            "",
            new SourceLocation("com/example/shop/CheckoutTest.java", 14),
            "flaky, see JIRA-123",
            "");
    Marker paymentLock =
        new Marker(
            resourceLock,
            "junit-jupiter",
            MarkerEffect.LOCKS,
            List.of(port),
            "",
            payment,
            "",
            "",
            new SourceLocation("com/example/shop/PaymentServerTest.java", 12),
            "",
            "");
    Marker webhookLock =
        new Marker(
            resourceLock,
            "junit-jupiter",
            MarkerEffect.LOCKS,
            List.of(port),
            "",
            webhook,
            "receivesWebhook",
            VOID,
            null,
            "",
            "");
    Marker calculatorSameThread =
        new Marker(
            "org.junit.jupiter.api.parallel.Execution",
            "junit-jupiter",
            MarkerEffect.SAME_THREAD,
            List.of(),
            "",
            calculator,
            "",
            "",
            new SourceLocation("com/example/shop/PriceCalculatorTest.java", 9),
            "",
            "");
    Marker couponSerial =
        new Marker(
            "com.example.shop.SerialTest",
            "project",
            MarkerEffect.ISOLATES,
            List.of(global),
            "",
            discount,
            "appliesCoupon",
            VOID,
            null,
            "",
            "com.example.shop.SerialTest -> " + isolated);
    Marker notThreadSafe =
        new Marker(
            "net.jcip.annotations.NotThreadSafe",
            "jcip",
            MarkerEffect.IGNORED,
            List.of(),
            "",
            legacyOrder,
            "",
            "",
            new SourceLocation("com/example/shop/LegacyOrderTest.java", 8),
            "",
            "");
    Marker exportTag =
        new Marker(
            "org.junit.jupiter.api.Tag",
            "tag",
            MarkerEffect.SERIAL_GROUP,
            List.of(),
            "serial",
            export,
            "",
            "",
            new SourceLocation("com/example/shop/ExportTest.java", 11),
            "",
            "");

    List<MarkerVerdict> markers =
        List.of(
            new MarkerVerdict(
                checkoutIsolated,
                Verdict.REQUIRED,
                "Without it CheckoutTest#setsCurrency sets System property shop.currency while"
                    + " InvoiceTest#printsTotal reads it; a System property is JVM-global and"
                    + " cannot be made per-test. It states why: flaky, see JIRA-123.",
                Confidence.HIGH,
                "",
                "Keep it, or narrow it: replace @Isolated (CheckoutTest.java:14) with"
                    + " @ResourceLock(Resources.SYSTEM_PROPERTIES) and add"
                    + " @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = READ) to"
                    + " com.example.shop.InvoiceTest#printsTotal, which @Isolated keeps out today.",
                ids(printsTotal)),
            new MarkerVerdict(
                paymentLock,
                Verdict.FIXABLE,
                "It keeps PaymentServerTest's 2 tests and WebhookTest#receivesWebhook from binding"
                    + " port 8443 at the same time; a fixed port can be made per-test.",
                Confidence.HIGH,
                "",
                "Bind port 0 in PaymentServerTest.setUp (PaymentServerTest.java:20) and in"
                    + " WebhookTest#receivesWebhook (WebhookTest.java:30) and read the port the"
                    + " server got; then remove @ResourceLock(\"port-8443\")"
                    + " (PaymentServerTest.java:12).",
                ids(receivesWebhook)),
            new MarkerVerdict(
                webhookLock,
                Verdict.FIXABLE,
                "It keeps WebhookTest#receivesWebhook and PaymentServerTest's 2 tests from binding"
                    + " port 8443 at the same time; a fixed port can be made per-test.",
                Confidence.HIGH,
                "",
                "Bind port 0 in WebhookTest#receivesWebhook and read the port the server got;"
                    + " then remove @ResourceLock(\"port-8443\") from method receivesWebhook of"
                    + " class com.example.shop.WebhookTest.",
                ids(startsServer, stopsServer)),
            new MarkerVerdict(
                calculatorSameThread,
                Verdict.DEFENSIVE,
                "PriceCalculatorTest's 2 tests touch nothing shared.",
                Confidence.MEDIUM,
                "a call in PriceCalculatorTest#roundsHalfUp was resolved by class hierarchy only",
                "Remove @Execution(SAME_THREAD) (PriceCalculatorTest.java:9).",
                List.of()),
            new MarkerVerdict(
                couponSerial,
                Verdict.DEFENSIVE,
                "DiscountTest#appliesCoupon touches nothing shared.",
                Confidence.HIGH,
                "",
                "Remove @SerialTest from method appliesCoupon of class"
                    + " com.example.shop.DiscountTest.",
                List.of(),
                List.of(
                    new Edit(
                        Edit.Action.REMOVE_ANNOTATION,
                        "",
                        0,
                        discount,
                        "appliesCoupon",
                        "@SerialTest",
                        List.of()))),
            new MarkerVerdict(
                notThreadSafe,
                Verdict.LEGACY,
                "JUnit Jupiter ignores @NotThreadSafe; LegacyOrderTest's tests run like any"
                    + " other.",
                Confidence.HIGH,
                "",
                "Remove @NotThreadSafe (LegacyOrderTest.java:8).",
                List.of(),
                List.of(
                    new Edit(
                        Edit.Action.REMOVE_ANNOTATION,
                        "shop/src/test/java/com/example/shop/LegacyOrderTest.java",
                        8,
                        legacyOrder,
                        "",
                        "@NotThreadSafe",
                        List.of()))),
            new MarkerVerdict(
                exportTag,
                Verdict.LEGACY,
                "No build configuration runs tag serial apart (pom.xml excludes only slow).",
                Confidence.HIGH,
                "",
                "Remove @Tag(\"serial\") (ExportTest.java:11), or run the tag in a serial lane.",
                List.of()));

    List<Finding> findings =
        List.of(
            new Finding(
                Finding.Kind.UNPROTECTED,
                LOCALE,
                "",
                Key.exact(locale),
                ids(
                    printsGermanReceipt,
                    formatsDueDate,
                    printsTotal,
                    rendersLabel,
                    rendersSaleLabel,
                    estimatesDate,
                    formatsWeight),
                7,
                null,
                true,
                "ReceiptTest#printsGermanReceipt changes the default Locale while 6 tests in 3"
                    + " other classes format numbers and dates with it, and nothing keeps them"
                    + " apart.",
                "@Isolated on the writers (1 edit; 1 test then runs alone) is cheaper than"
                    + " locking java.util.Locale.default on writers and readers (5 edits): a lock"
                    + " held only by the writers does not keep out readers that hold none.",
                null,
                null,
                List.of(
                    new Edit(
                        Edit.Action.ADD_ANNOTATION,
                        "shop/src/test/java/com/example/shop/ReceiptTest.java",
                        17,
                        receipt,
                        "",
                        "@Isolated",
                        List.of("org.junit.jupiter.api.parallel.Isolated")),
                    new Edit(
                        Edit.Action.MANUAL,
                        "",
                        0,
                        "com.example.shop.LegacyReceiptTest",
                        "",
                        "JUnit 4 honours no lock annotation: run this class apart from the"
                            + " parallel run.",
                        List.of())),
                ids(printsGermanReceipt),
                ids(
                    formatsDueDate,
                    printsTotal,
                    rendersLabel,
                    rendersSaleLabel,
                    estimatesDate,
                    formatsWeight)),
            new Finding(
                Finding.Kind.INSUFFICIENT,
                FILE,
                "",
                Key.exact("target/shop/export.csv"),
                ids(exportsCsv, importsCsv),
                2,
                exportTag,
                true,
                "ExportTest#exportsCsv writes target/shop/export.csv while ImportTest#importsCsv"
                    + " reads it; @Tag(\"serial\") on ExportTest keeps them apart only in a build"
                    + " that runs the tag alone, and this one does not.",
                "Write the export to a @TempDir in ExportTest#exportsCsv (ExportTest.java:24) and"
                    + " let ImportTest#importsCsv (ImportTest.java:19) read a file it writes"
                    + " itself."),
            // Accepted in .isolation-audit.yaml: stays in the report, counted apart.
            new Finding(
                    Finding.Kind.UNPROTECTED,
                    SYS,
                    "",
                    Key.exact("shop.currency"),
                    ids(setsCurrency, printsTotal),
                    2,
                    null,
                    true,
                    "CheckoutTest#setsCurrency sets shop.currency while InvoiceTest#printsTotal reads"
                        + " it, and nothing keeps them apart.",
                    "hold @ResourceLock(\"java.lang.System.properties\") on the writers.")
                .accept(
                    new Acceptance(
                        "every test sets EUR; the build passes the same value",
                        ".isolation-audit.yaml:7")));

    Map<String, String> settings = new TreeMap<>();
    settings.put("junit.jupiter.execution.parallel.enabled", "true");
    settings.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
    settings.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    settings.put("surefire.forkCount", "1");
    settings.put("surefire.excludedGroups", "slow");
    BuildConfiguration configuration =
        new BuildConfiguration(
            Tristate.TRUE,
            Tristate.FALSE,
            Tristate.TRUE,
            Tristate.FALSE,
            List.of(),
            List.of("slow"),
            "",
            List.of("src/test/resources/junit-platform.properties", "pom.xml"),
            settings);

    List<Problem> problems =
        List.of(
            new Problem(
                Problem.Kind.STALE_ACCEPTANCE,
                ".isolation-audit.yaml",
                "12: accepts no finding (FILE target/shop/*.tmp)"));
    return locatedIn(
        "shop/",
        with(
            result(List.of("target/test-classes"), 31, footprints, conflicts, problems),
            configuration,
            markers,
            findings),
        "com/example/shop/DiscountTest.java");
  }

  /**
   * The result with its source files located in a project module: test classes ({@code *Test})
   * under {@code src/test/java}, the rest under {@code src/main/java}; except the files given,
   * which stay unlocated (as when a source is missing).
   */
  static ScanResult locatedIn(String module, ScanResult result, String... missing) {
    Set<String> files = new HashSet<>();
    for (Footprint footprint : result.footprints()) {
      files.add(footprint.test().id().className().replace('.', '/') + ".java");
      for (Access access : footprint.accesses()) {
        for (EvidenceStep step : access.evidence().steps()) {
          files.add(step.sourceFile());
        }
      }
    }
    for (MarkerVerdict verdict : result.markers()) {
      files.add(verdict.marker().className().replace('.', '/') + ".java");
      if (verdict.marker().location() != null) {
        files.add(verdict.marker().location().file());
      }
    }
    files.removeAll(Set.of(missing));
    files.remove("");
    Map<String, String> byFile = new TreeMap<>();
    for (String file : files) {
      String root = file.endsWith("Test.java") ? "src/test/java/" : "src/main/java/";
      byFile.put(file, module + root + file);
    }
    return new ScanResult(
        result.inputs(),
        result.summary(),
        result.footprints(),
        result.conflicts(),
        result.problems(),
        result.configuration(),
        result.markers(),
        result.findings(),
        new SourcePaths(byFile));
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

  static TestMethod jupiter(String className, String method) {
    return test(id(className, method, VOID), Engine.JUNIT_JUPITER, TestKind.TEST);
  }

  /** A definite conflict on a shared key with the kind's reach and no possible readers. */
  static Conflict definite(
      ResourceKind resource,
      String key,
      List<TestId> writers,
      List<TestId> readers,
      String reason) {
    return new Conflict(
        resource,
        "",
        Key.exact(key),
        Certainty.DEFINITE,
        resource.defaultReach(),
        Scope.SHARED,
        writers,
        readers,
        0,
        List.of(),
        reason);
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

  /** The result with another configuration, markers and findings. */
  static ScanResult with(
      ScanResult result,
      BuildConfiguration configuration,
      List<MarkerVerdict> markers,
      List<Finding> findings) {
    return new ScanResult(
        result.inputs(),
        result.summary(),
        result.footprints(),
        result.conflicts(),
        result.problems(),
        configuration,
        markers,
        findings,
        result.sourcePaths());
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
