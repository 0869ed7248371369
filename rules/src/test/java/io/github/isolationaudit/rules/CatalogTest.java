package io.github.isolationaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Sensitivity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class CatalogTest {

  private final Catalog catalog = Catalog.builtIn();

  @Test
  void everyMethodAndFieldTheCatalogNamesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    for (SinkRule rule : catalog.sinks()) {
      for (MethodPattern m : rule.methods()) {
        if (!methodExists(m.owner(), m.name(), m.parameters())) {
          missing.add(rule.id() + ": " + m);
        }
      }
      for (FieldPattern f : rule.fields()) {
        if (!fieldExists(f.owner(), f.name())) {
          missing.add(rule.id() + ": " + f);
        }
      }
      if (rule.receiverFrom() != null
          && !methodExists(
              rule.receiverFrom().owner(),
              rule.receiverFrom().name(),
              rule.receiverFrom().parameters())) {
        missing.add(rule.id() + ": receiverFrom " + rule.receiverFrom());
      }
    }
    for (PerTestSource s : catalog.perTestSources()) {
      for (MethodPattern m : s.methods()) {
        if (!methodExists(m.owner(), m.name(), m.parameters())) {
          missing.add(s.id() + ": " + m);
        }
      }
    }
    for (Handle h : catalog.handles()) {
      if (!methodExists(h.method().owner(), h.method().name(), h.method().parameters())) {
        missing.add("handle: " + h.method());
      }
    }
    for (MutableType t : catalog.mutableTypes()) {
      for (String type : t.types()) {
        if (read(type) == null) {
          missing.add(t.id() + ": " + type);
        }
      }
    }
    for (String a : catalog.perTestAnnotations()) {
      if (read(a) == null) {
        missing.add("annotation: " + a);
      }
    }
    assertThat(missing).as("catalog entries that name nothing on the classpath").isEmpty();
  }

  @Test
  void markerRulesCarryTheirConditionsTargetsProvidersAndOrder() {
    List<MarkerRule> testng = catalog.markersFor("org/testng/annotations/Test");
    MarkerRule dependsOn =
        testng.stream().filter(r -> r.id().equals("testng.depends-on-methods")).findFirst().get();
    assertThat(dependsOn.whenSet()).containsExactly("dependsOnMethods");
    assertThat(dependsOn.orderFrom()).isEqualTo("dependsOnMethods");
    MarkerRule priority =
        testng.stream().filter(r -> r.id().equals("testng.priority")).findFirst().get();
    assertThat(priority.orderFrom()).isEmpty();
    MarkerRule lock = catalog.markersFor("org/junit/jupiter/api/parallel/ResourceLock").get(0);
    assertThat(lock.lockTargetElement()).isEqualTo("target");
    assertThat(lock.lockProvidersElement()).isEqualTo("providers");
    // JUnit's Resources.LOCALE, as JUnit 6.1's and junit-pioneer's class files spell it.
    assertThat(catalog.markersFor("org/junit/jupiter/api/util/DefaultLocale").get(0).locks())
        .containsExactly(
            new io.github.isolationaudit.model.Lock(
                "java.util.Locale.default", io.github.isolationaudit.model.LockMode.READ_WRITE));
    assertThat(
            catalog.containedIn("org/junit/jupiter/api/util/SetSystemProperty$SetSystemProperties"))
        .isEqualTo("org/junit/jupiter/api/util/SetSystemProperty");
  }

  @Test
  void idsAreUniqueAndWellFormed() {
    assertThat(catalog.ids()).allMatch(id -> id.matches("[a-z0-9][a-z0-9.\\-]*"));
    assertThat(catalog.ids())
        .contains("jdk.system-property-write", "jdk.file-write", "forbiddenapis.default-locale");
  }

  @Test
  void callsAreMatchedByOwnerNameAndParameters() {
    assertThat(
            catalog.sinksForCall(
                "java/lang/System",
                "setProperty",
                "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"))
        .extracting(SinkRule::id)
        .containsExactly("jdk.system-property-write");
    assertThat(
            catalog.sinksForCall(
                "java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;"))
        .extracting(SinkRule::mode)
        .containsExactly(AccessMode.READ);
    assertThat(catalog.sinksForCall("java/io/File", "renameTo", "(Ljava/io/File;)Z"))
        .extracting(SinkRule::id)
        .containsExactlyInAnyOrder("jdk.file-mutate", "jdk.file-rename-target");
    assertThat(catalog.sinksForCall("java/lang/System", "setProperty", "(Ljava/lang/String;)V"))
        .isEmpty();
  }

  /**
   * The JDK's implicit readers of the default Locale and TimeZone that DESIGN.md names: their
   * constructors as well as their factories, which forbiddenapis' lists must cover.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}.{1}{2}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "java/text/SimpleDateFormat|<init>|(Ljava/lang/String;)V|LOCALE TIME_ZONE",
        "java/text/SimpleDateFormat|<init>|()V|LOCALE TIME_ZONE",
        "java/text/SimpleDateFormat|<init>|(Ljava/lang/String;Ljava/util/Locale;)V|TIME_ZONE",
        "java/text/DateFormat|getDateInstance|()Ljava/text/DateFormat;|LOCALE TIME_ZONE",
        "java/text/DateFormat|getDateTimeInstance|(II)Ljava/text/DateFormat;|LOCALE TIME_ZONE",
        "java/text/DateFormat|getInstance|()Ljava/text/DateFormat;|LOCALE TIME_ZONE",
        "java/util/Calendar|getInstance|()Ljava/util/Calendar;|LOCALE TIME_ZONE",
        "java/util/GregorianCalendar|<init>|()V|LOCALE TIME_ZONE",
        "java/util/GregorianCalendar|<init>|(III)V|LOCALE TIME_ZONE",
        "java/text/MessageFormat|<init>|(Ljava/lang/String;)V|LOCALE",
        "java/text/MessageFormat|format|(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;|LOCALE",
        "java/util/Formatter|<init>|()V|LOCALE",
        "java/lang/String|format|(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;|LOCALE",
      })
  void implicitReadersIncludeConstructorsAndFactories(
      String owner, String name, String descriptor, String resources) {
    assertThat(catalog.sinksForCall(owner, name, descriptor))
        .extracting(SinkRule::resource)
        .map(ResourceKind::name)
        .containsExactlyInAnyOrder(resources.split(" "));
  }

  @Test
  void implicitReadsComeFromForbiddenApisWithTheirSensitivity() {
    List<SinkRule> upper =
        catalog.sinksForCall("java/lang/String", "toUpperCase", "()Ljava/lang/String;");
    assertThat(upper)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.resource()).isEqualTo(ResourceKind.LOCALE);
              assertThat(r.sensitivity()).isEqualTo(Sensitivity.LOW);
            });
    List<SinkRule> calendar =
        catalog.sinksForCall("java/util/Calendar", "getInstance", "()Ljava/util/Calendar;");
    assertThat(calendar)
        .extracting(SinkRule::resource)
        .containsExactlyInAnyOrder(ResourceKind.LOCALE, ResourceKind.TIME_ZONE);
    assertThat(calendar).allMatch(r -> r.sensitivity() == Sensitivity.HIGH);
    assertThat(catalog.sinksForCall("java/time/LocalDate", "now", "()Ljava/time/LocalDate;"))
        .extracting(SinkRule::resource)
        .containsExactly(ResourceKind.TIME_ZONE);
    // Default-charset reads are deliberately not taken: nothing can change the charset at run time.
    assertThat(catalog.sinksForCall("java/lang/String", "getBytes", "()[B")).isEmpty();
  }

  @Test
  void aTypoInAUserCatalogIsReportedWithItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my-rules.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "sinks:",
            "  - id: acme.cache-reset",
            "    summary: Resets the shared cache.",
            "    remedy: Lock acme.cache.",
            "    resource: JVM_GLOBAL",
            "    mdoe: WRITE",
            "    methods: [com.acme.Cache#reset()]",
            ""),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(file)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("my-rules.yaml:6:5: unknown key; did you mean 'mode'?")
        .hasMessageNotContaining("mdoe");
  }

  @Test
  void anUnknownResourceKindIsReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: FILES\n    mode: WRITE\n    methods: [a.B#c]\n");
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(file)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("bad.yaml:5:5: not a resource kind; did you mean FILE?")
        .hasMessageNotContaining("FILES");
  }

  @Test
  void aMalformedMethodAndAMissingFieldAreReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n    mode: READ\n    methods: [java.lang.System.getenv]\n");
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(file)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("owner#name");
    Files.writeString(
        file,
        "sinks:\n  - id: acme.x\n    summary: s\n    resource: ENV\n    mode: READ\n    methods: [a.B#c]\n");
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(file)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("'remedy' is required");
  }

  @Test
  void aUserCatalogAddsSinksAndMayNotReuseAnId(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(
        file,
        "sinks:\n  - id: acme.cache-reset\n    summary: s\n    remedy: r\n    resource: CUSTOM\n    customKind: ACME_CACHE\n"
            + "    mode: WRITE\n    key: {constant: acme}\n    methods: ['com.acme.Cache#reset()']\n");
    Catalog merged = CatalogLoader.withUserFiles(List.of(file));
    assertThat(merged.sinksForCall("com/acme/Cache", "reset", "()V"))
        .extracting(SinkRule::customKind)
        .containsExactly("ACME_CACHE");
    Files.writeString(
        file,
        "sinks:\n  - id: jdk.file-write\n    summary: s\n    remedy: r\n    resource: FILE\n    mode: WRITE\n    methods: ['a.B#c']\n");
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(file)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("mine.yaml:2:5: this id is already used by the built-in catalog");
  }

  @Test
  void aMissingUserCatalogIsReported(@TempDir Path dir) {
    assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(dir.resolve("nope.yaml"))))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("no such file");
  }

  // Reads class files as bytes; nothing named by the catalog is loaded.
  private static byte[] read(String internalName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      if (in != null) {
        return in.readAllBytes();
      }
    }
    // JDK classes are in modules, still readable as resources through the boot layer.
    try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static boolean methodExists(String owner, String name, String parameters)
      throws IOException {
    List<String> todo = new ArrayList<>(List.of(owner));
    while (!todo.isEmpty()) {
      byte[] bytes = read(todo.remove(0));
      if (bytes == null) {
        continue;
      }
      boolean[] found = {false};
      ClassReader reader = new ClassReader(bytes);
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
              if (n.equals(name) && (parameters.isEmpty() || d.startsWith(parameters))) {
                found[0] = true;
              }
              return null;
            }
          },
          ClassReader.SKIP_CODE);
      if (found[0]) {
        return true;
      }
      if (reader.getSuperName() != null) {
        todo.add(reader.getSuperName());
      }
      todo.addAll(List.of(reader.getInterfaces()));
    }
    return false;
  }

  private static boolean fieldExists(String owner, String name) throws IOException {
    byte[] bytes = read(owner);
    if (bytes == null) {
      return false;
    }
    boolean[] found = {false};
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public FieldVisitor visitField(int access, String n, String d, String s, Object v) {
                found[0] |= n.equals(name);
                return null;
              }
            },
            ClassReader.SKIP_CODE);
    return found[0];
  }
}
