package io.github.isolationaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never aborts a scan: each becomes a precise problem and the rest is analysed. */
class BadInputTest {
  private static final Path FIXTURES = Path.of(System.getProperty("fixtures.classes"));
  private static final String SAMPLE = "io/github/isolationaudit/fixtures/sysprop/";
  private static byte[] goodClass;
  private static String goodName;

  @BeforeAll
  static void pickAFixtureClass() throws IOException {
    try (Stream<Path> s = Files.walk(FIXTURES.resolve(SAMPLE))) {
      Path p =
          s.filter(f -> f.toString().endsWith("TestCase.class")).sorted().findFirst().orElseThrow();
      goodClass = Files.readAllBytes(p);
      goodName = FIXTURES.relativize(p).toString();
    }
  }

  private static Path projectWith(Path dir, String name, byte[] bytes) throws IOException {
    Path good = dir.resolve(goodName);
    Files.createDirectories(good.getParent());
    Files.write(good, goodClass);
    Path bad = dir.resolve(name);
    Files.createDirectories(bad.getParent());
    Files.write(bad, bytes);
    return dir;
  }

  private static void assertGoodClassStillAnalysed(ScanResult result) {
    assertThat(result.summary().testClasses()).isEqualTo(1);
    assertThat(result.footprints()).isNotEmpty();
    assertThat(result.footprints()).anySatisfy(f -> assertThat(f.accesses()).isNotEmpty());
  }

  @Test
  void aTruncatedClassFileIsAProblemAndTheRestIsAnalysed(@TempDir Path dir) throws IOException {
    Path input =
        projectWith(
            dir, "com/example/Broken.class", Arrays.copyOf(goodClass, goodClass.length / 2));
    ScanResult result = IsolationAudit.scan(ScanOptions.of(input));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.CORRUPT_CLASS);
              assertThat(p.path()).endsWith("Broken.class");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aFileThatIsNoClassFileIsAProblem(@TempDir Path dir) throws IOException {
    Path input = projectWith(dir, "com/example/Text.class", "hello".getBytes());
    ScanResult result = IsolationAudit.scan(ScanOptions.of(input));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.CORRUPT_CLASS);
              assertThat(p.message()).contains("CAFEBABE");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aClassFileNewerThanTheReaderIsAProblem(@TempDir Path dir) throws IOException {
    byte[] future = goodClass.clone();
    future[6] = 0;
    future[7] = (byte) 99; // major version 99: Java 55
    Path input = projectWith(dir, "com/example/Future.class", future);
    ScanResult result = IsolationAudit.scan(ScanOptions.of(input));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNSUPPORTED_CLASS_VERSION);
              assertThat(p.message()).contains("99").contains("newer");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aJarThatIsNotAZipIsAProblem(@TempDir Path dir) throws IOException {
    Path fake = dir.resolve("fake-tests.jar");
    Files.writeString(fake, "this is not a zip");
    Path classes = projectWith(dir.resolve("classes"), "com/example/Nothing.txt", new byte[0]);
    ScanResult result = IsolationAudit.scan(ScanOptions.of(fake, classes));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_A_JAR);
              assertThat(p.path()).endsWith("fake-tests.jar");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aMissingAndAnEmptyInputAreProblems(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    ScanResult result = IsolationAudit.scan(ScanOptions.of(dir.resolve("nope"), empty));
    assertThat(result.problems())
        .extracting(Problem::kind)
        .containsExactlyInAnyOrder(Problem.Kind.MISSING_INPUT, Problem.Kind.EMPTY_INPUT);
    assertThat(result.summary().classFiles()).isZero();
    assertThat(result.footprints()).isEmpty();
  }

  @Test
  void aSourcesJarIsNoEmptyInputButAJarOfNeitherIs(@TempDir Path dir) throws IOException {
    Path sources = dir.resolve("x-test-sources.jar");
    Path text = dir.resolve("x-docs.jar");
    for (Path jar : List.of(sources, text)) {
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
        zip.putNextEntry(
            new ZipEntry(jar == sources ? "com/example/FooTest.java" : "com/example/notes.txt"));
        zip.write("class FooTest {}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }

    ScanResult result = IsolationAudit.scan(ScanOptions.of(sources, text));

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY_INPUT);
              assertThat(p.path()).endsWith("x-docs.jar");
            });
  }

  @Test
  void aCorruptEntryInsideAJarIsAProblemAndTheJarsOtherClassesAreRead(@TempDir Path dir)
      throws IOException {
    Path jar = dir.resolve("x-tests.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(goodName));
      zip.write(goodClass);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("com/example/Broken.class"));
      zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 0, 3});
      zip.closeEntry();
    }
    ScanResult result = IsolationAudit.scan(ScanOptions.of(jar));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.CORRUPT_CLASS);
              assertThat(p.path()).isEqualTo(jar + "!/com/example/Broken.class");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aClassFileThatCannotBeReadIsAProblem(@TempDir Path dir) throws IOException {
    // Tests run as root in CI, where permissions cannot make a file unreadable; a link to
    // nothing is a file the listing shows and no read can open.
    Path input = projectWith(dir, "com/example/readme.txt", new byte[0]);
    Files.createSymbolicLink(
        input.resolve("com/example/Gone.class"), dir.resolve("nowhere/Gone.class"));
    ScanResult result = IsolationAudit.scan(ScanOptions.of(input));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE_INPUT);
              assertThat(p.path()).endsWith("Gone.class");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aGradleBuildDirectoryIsExpandedToItsClassDirectories(@TempDir Path dir) throws IOException {
    projectWith(dir.resolve("build/classes/java/test"), "com/example/readme.txt", new byte[0]);
    ScanResult result = IsolationAudit.scan(ScanOptions.of(dir.resolve("build")));
    assertThat(result.problems()).isEmpty();
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aMavenTargetDirectoryIsExpandedToTestClassesAndClasses(@TempDir Path dir)
      throws IOException {
    projectWith(dir.resolve("target/test-classes"), "com/example/readme.txt", new byte[0]);
    ScanResult result = IsolationAudit.scan(ScanOptions.of(dir.resolve("target")));
    assertThat(result.problems()).isEmpty();
    assertGoodClassStillAnalysed(result);
    assertThat(List.of(result.inputs().get(0))).containsExactly(dir.resolve("target").toString());
  }
}
