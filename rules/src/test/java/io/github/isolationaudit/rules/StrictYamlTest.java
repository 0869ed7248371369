package io.github.isolationaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration and catalog files are read strictly, and a mistake is said in our words at its line
 * and column, never quoting the file.
 */
class StrictYamlTest {

  /** Words that only a library's or the platform's own message would carry. */
  private static final List<String> FOREIGN =
      List.of("com.fasterxml", "jackson", "Exception", "snakeyaml", "java.lang");

  private static CatalogException config(Path dir, byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve(ProjectConfig.FILE_NAME), bytes);
    try {
      ProjectConfig.load(file, "cfg.yaml").catalog(List.of());
    } catch (CatalogException e) {
      assertOurWords(e);
      return e;
    }
    throw new AssertionError("no mistake found");
  }

  private static CatalogException config(Path dir, String text) throws IOException {
    return config(dir, text.getBytes(StandardCharsets.UTF_8));
  }

  private static CatalogException catalog(Path dir, String text) throws IOException {
    Path file = Files.writeString(dir.resolve("mine.yaml"), text);
    try {
      CatalogLoader.withUserFiles(List.of(file));
    } catch (CatalogException e) {
      assertOurWords(e);
      return e;
    }
    throw new AssertionError("no mistake found");
  }

  private static void assertOurWords(CatalogException e) {
    for (String foreign : FOREIGN) {
      assertThat(e.getMessage()).doesNotContainIgnoringCase(foreign);
    }
    assertThat(e.getMessage()).doesNotContain("Cannot ").doesNotContain("Unrecognized");
  }

  @Test
  void aDuplicateKeyIsAMistakeAtTheSecondOne(@TempDir Path dir) throws IOException {
    CatalogException e = config(dir, "serialTags: [a]\nrules: []\nserialTags: [b]\n");
    assertThat(e.getMessage())
        .isEqualTo("cfg.yaml:3:1: duplicate key: this mapping has it already at line 1");
    e =
        catalog(
            dir,
            "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n"
                + "    mode: READ\n    mode: WRITE\n    methods: [a.B#c]\n");
    assertThat(e.getMessage())
        .endsWith("mine.yaml:7:5: duplicate key: this mapping has it already at line 6");
  }

  @Test
  void aNumberIsNoTruthValue(@TempDir Path dir) throws IOException {
    CatalogException e = config(dir, "serialTags: [db]\nreplaceDefaultSerialTags: 5\n");
    assertThat(e.getMessage())
        .isEqualTo("cfg.yaml:2:1: expected true or false, found a whole number");
    e = config(dir, "serialTags: [db]\nreplaceDefaultSerialTags: 'true'\n");
    assertThat(e.getMessage()).isEqualTo("cfg.yaml:2:1: expected true or false, found text");
  }

  @Test
  void aNumberIsNoChoiceAndTextIsNoNumber(@TempDir Path dir) throws IOException {
    CatalogException e = config(dir, "markers:\n  - annotation: a.B\n    effect: 1\n");
    assertThat(e.getMessage()).startsWith("cfg.yaml:3:5: ").contains("marker effect");
    e =
        catalog(
            dir,
            "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n"
                + "    mode: READ\n    key: {arg: '1'}\n    methods: [a.B#c]\n");
    assertThat(e.getMessage()).endsWith("mine.yaml:7:11: expected a whole number, found text");
  }

  @Test
  void anEmptyListItemIsAMistakeWhereItIs(@TempDir Path dir) throws IOException {
    CatalogException e = config(dir, "serialTags:\n  - db\n  -\n");
    assertThat(e.getMessage())
        .matches("cfg\\.yaml:3:\\d+: an empty list item: write a value or remove the '-'");
    e = config(dir, "markers:\n  -\n");
    assertThat(e.getMessage())
        .matches("cfg\\.yaml:2:\\d+: an empty list item: write a value or remove the '-'");
    e = config(dir, "accept:\n  - resource: FILE\n    reason: r\n    tests:\n      - a\n      -\n");
    assertThat(e.getMessage()).startsWith("cfg.yaml:6:").contains("an empty list item");
  }

  @Test
  void aByteThatIsNotUtf8IsReportedAtItsOwnPlace(@TempDir Path dir) throws IOException {
    byte[] latin1 = "serialTags: [db]\n# caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1);
    CatalogException e = config(dir, latin1);
    assertThat(e.getMessage())
        .isEqualTo(
            "cfg.yaml:2:6: not UTF-8 text here: configuration and catalog files are read as UTF-8");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(6);
  }

  @Test
  void anOversizeFileIsRejectedAtOnce(@TempDir Path dir) throws IOException {
    byte[] big = new byte[20 << 20];
    java.util.Arrays.fill(big, (byte) 'a');
    byte[] head = "serialTags: [".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, big, 0, head.length);
    long start = System.nanoTime();
    CatalogException e = config(dir, big);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.getMessage())
        .isEqualTo(
            "cfg.yaml: is 20971520 bytes; configuration and catalog files are read up to 262144"
                + " bytes (256 KiB)");
    assertThat(millis).isLessThan(2_000);
  }

  @Test
  void aNegativeArgumentIndexIsAMistakeAtItsEntry(@TempDir Path dir) throws IOException {
    CatalogException e =
        catalog(
            dir,
            "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n"
                + "    mode: READ\n    key: {arg: -5}\n    methods: [a.B#c]\n");
    assertThat(e.getMessage())
        .endsWith(
            "mine.yaml:7:5: 'arg' is the index of a parameter: 0 for the first, 1 for the"
                + " second, ...");
  }

  @Test
  void theWrongShapeSaysWhatWasExpectedAndFound(@TempDir Path dir) throws IOException {
    assertThat(config(dir, "serialTags: db\n").getMessage())
        .isEqualTo("cfg.yaml:1:1: expected a list, found text");
    assertThat(config(dir, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n"))
        .hasMessage("cfg.yaml:1:1: expected a mapping of keys to values, found text");
  }

  @Test
  void unknownKeysAndChoicesSuggestTheNearestOne(@TempDir Path dir) throws IOException {
    assertThat(config(dir, "serialTag: [db]\n").getMessage())
        .startsWith("cfg.yaml:1:1: unknown key; did you mean 'serialTags'?")
        .contains("the keys here: accept, markers, replaceDefaultSerialTags, rules, serialTags");
    assertThat(config(dir, "markers:\n  - annotation: a.B\n    effect: isolate\n").getMessage())
        .startsWith("cfg.yaml:3:5: not a marker effect; did you mean ISOLATES? (one of ");
    assertThat(config(dir, "completelyDifferent: 1\n").getMessage())
        .startsWith("cfg.yaml:1:1: unknown key (the keys here: ");
  }

  @Test
  void aSyntaxErrorNeverQuotesTheFile(@TempDir Path dir) throws IOException {
    CatalogException e = config(dir, "serialTags: [db\nsecret-token: 'hunter2\n");
    assertThat(e.line()).isPositive();
    assertThat(e.getMessage()).startsWith("cfg.yaml:").contains("not valid YAML");
    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("secret");
    e = config(dir, "serialTags: [db]\n\tsecret: hunter2\n");
    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("secret");
  }

  @Test
  void noMessageQuotesAFileThatIsNoConfiguration(@TempDir Path dir) throws IOException {
    // Shapes a file named by mistake may have: key-value secrets, a list, a scalar, a document of
    // flow mappings. Whatever the mistake, the file's words never reach the message.
    List<String> files =
        List.of(
            "aws_secret_access_key: AKIAVERYSECRET\n",
            "- hunter2-item\n- AKIAVERYSECRET\n",
            "AKIAVERYSECRET hunter2\n",
            "{hunter2: AKIAVERYSECRET}\n",
            "rules: [hunter2]\n",
            "markers: [{annotation: hunter2.AKIAVERYSECRET, effect: LOCKS}]\n",
            "accept: [{resource: AKIAVERYSECRET, reason: hunter2}]\n",
            "serialTags: [a]\nserialTags: [hunter2]\n");
    for (String text : files) {
      CatalogException e = config(dir, text);
      assertThat(e.getMessage()).as(text).doesNotContain("hunter2").doesNotContain("AKIA");
      Path secret = Files.writeString(dir.resolve("secret.yaml"), text);
      assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(secret)))
          .as(text)
          .isInstanceOf(CatalogException.class)
          .hasMessageNotContaining("hunter2")
          .hasMessageNotContaining("AKIA");
    }
  }

  @Test
  void aFileFoundAutomaticallyNamesOnlyCatalogsInsideItsDirectory(@TempDir Path dir)
      throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path outside = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Path config =
        Files.writeString(project.resolve(ProjectConfig.FILE_NAME), "rules: [" + outside + "]\n");
    assertThatThrownBy(() -> ProjectConfig.loadFound(config, "p/.isolation-audit.yaml"))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("p/.isolation-audit.yaml:1:9: names a file outside ")
        .hasMessageContaining("found automatically")
        .hasMessageNotContaining("root:x");
    Files.writeString(config, "rules: [../passwd]\n");
    assertThatThrownBy(() -> ProjectConfig.loadFound(config, "p/.isolation-audit.yaml"))
        .hasMessageContaining("names a file outside ");
    // A link inside the project that leads out is outside too.
    Files.createSymbolicLink(project.resolve("rules.yaml"), outside);
    Files.writeString(config, "rules: [rules.yaml]\n");
    assertThatThrownBy(() -> ProjectConfig.loadFound(config, "p/.isolation-audit.yaml"))
        .hasMessageContaining("names a file outside ");
    // Named by the user, the same configuration may name it; its content is still not shown.
    assertThatThrownBy(() -> ProjectConfig.load(config, "cfg.yaml").catalog(List.of()))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("expected a mapping of keys to values, found text")
        .hasMessageNotContaining("root:x");
    // A catalog inside the project is fine.
    Files.writeString(project.resolve("mine.yaml"), "serialTags: [db]\n");
    Files.writeString(config, "rules: [mine.yaml]\n");
    assertThat(ProjectConfig.loadFound(config, "p/.isolation-audit.yaml").rules())
        .containsExactly(project.resolve("mine.yaml").toRealPath());
  }

  @Test
  void aFileFoundAutomaticallyThatLinksOutsideIsNotRead(@TempDir Path dir) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path outside = Files.writeString(dir.resolve("elsewhere.yaml"), "serialTags: [db]\n");
    Path config = Files.createSymbolicLink(project.resolve(ProjectConfig.FILE_NAME), outside);
    assertThatThrownBy(() -> ProjectConfig.loadFound(config, "p/.isolation-audit.yaml"))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("p/.isolation-audit.yaml: is a link to a file outside ");
    assertThat(ProjectConfig.load(config, "given.yaml").present()).isTrue();
  }

  @Test
  void aFifoOrDirectoryIsNoConfiguration(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("d.yaml"));
    assertThatThrownBy(() -> ProjectConfig.load(sub, "d.yaml"))
        .hasMessage("d.yaml: is a directory, not a file");
    Path fifo = dir.resolve("fifo.yaml");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (p.waitFor() == 0) {
      assertThatThrownBy(() -> CatalogLoader.withUserFiles(List.of(fifo)))
          .hasMessageEndingWith("fifo.yaml: is not a regular file");
    }
  }

  @Test
  void aLongQualifiedNameIsCheckedWithoutRecursion(@TempDir Path dir) throws IOException {
    String name = "a" + ".a".repeat(100_000);
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"),
            "markers:\n  - annotation: " + name + "\n    effect: ISOLATES\n");
    assertThat(ProjectConfig.load(file, "c.yaml").present()).isTrue();
  }

  @Test
  void aMethodWithManyArrayDimensionsIsRejected(@TempDir Path dir) throws IOException {
    String type = "int" + "[]".repeat(100_000);
    CatalogException e =
        catalog(
            dir,
            "sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n"
                + "    mode: READ\n    methods: ['a.B#c("
                + type
                + ")']\n");
    assertThat(e.getMessage()).endsWith("mine.yaml:7:15: an array type has at most 255 dimensions");
  }

  @Test
  void aCatalogOfCommentsOnlyAddsNothing(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("later.yaml"), "# sinks to come\n");
    assertThat(CatalogLoader.withUserFiles(List.of(file)).ids()).isEqualTo(Catalog.builtIn().ids());
  }

  @Test
  void editDistanceIsLevenshtein() {
    assertThat(StrictYaml.Suggestion.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(StrictYaml.Suggestion.distance("", "abc")).isEqualTo(3);
    assertThat(StrictYaml.Suggestion.closest("mdoe", List.of("mode", "methods"))).isEqualTo("mode");
    assertThat(StrictYaml.Suggestion.closest("zzzzzz", List.of("mode"))).isNull();
  }
}
