package io.github.isolationaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.isolationaudit.analyzer.discovery.ClassFile;
import io.github.isolationaudit.analyzer.discovery.InputResolver;
import io.github.isolationaudit.analyzer.discovery.InputSet;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Input crafted to hang, crash or mislead the scan (named pipes, links to devices and out of the
 * input, files and jar entries of any size, class-path tricks, duplicate classes): each becomes a
 * precise problem, quickly, and the rest is analysed.
 */
class HostileInputTest {
  private static final Path FIXTURES = Path.of(System.getProperty("fixtures.classes"));
  private static final String SAMPLE = "io/github/isolationaudit/fixtures/sysprop/";
  private static final Duration QUICKLY = Duration.ofSeconds(60);
  private static byte[] goodClass;
  private static String goodName;
  private static byte[] otherClass;

  @BeforeAll
  static void pickFixtureClasses() throws IOException {
    try (Stream<Path> s = Files.walk(FIXTURES.resolve(SAMPLE))) {
      List<Path> found =
          s.filter(f -> f.toString().endsWith("TestCase.class")).sorted().limit(2).toList();
      goodClass = Files.readAllBytes(found.get(0));
      goodName = FIXTURES.relativize(found.get(0)).toString();
      otherClass = Files.readAllBytes(found.get(1));
    }
  }

  private static Path projectWith(Path dir) throws IOException {
    Path good = dir.resolve(goodName);
    Files.createDirectories(good.getParent());
    Files.write(good, goodClass);
    Files.createDirectories(dir.resolve("com"));
    return dir;
  }

  private static void assertGoodClassStillAnalysed(ScanResult result) {
    assertThat(result.summary().testClasses()).isEqualTo(1);
    assertThat(result.footprints()).anySatisfy(f -> assertThat(f.accesses()).isNotEmpty());
  }

  private static ScanResult scan(Path... inputs) {
    return assertTimeoutPreemptively(QUICKLY, () -> IsolationAudit.scan(ScanOptions.of(inputs)));
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo failed");
  }

  @Test
  void aNamedPipeNamedLikeAClassFileIsAProblemAndNeverOpened(@TempDir Path dir) throws Exception {
    Path input = projectWith(dir);
    mkfifo(input.resolve("com/Pipe.class"));
    ScanResult result = scan(input);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE_INPUT);
              assertThat(p.path()).endsWith("Pipe.class");
              assertThat(p.message()).contains("not a regular file");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aNamedPipeNamedLikeAJarIsAProblemAndTheOtherJarsAreRead(@TempDir Path dir) throws Exception {
    Path jars = Files.createDirectories(dir.resolve("libs"));
    jarWith(jars.resolve("good-tests.jar"), null, goodName, goodClass);
    mkfifo(jars.resolve("pipe.jar"));
    ScanResult result = scan(jars);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).endsWith("pipe.jar");
              assertThat(p.message()).contains("not a regular file");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aClassFileLinkedToDevZeroIsAProblem(@TempDir Path dir) throws IOException {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.exists(zero));
    Path input = projectWith(dir);
    Files.createSymbolicLink(input.resolve("com/Zero.class"), zero);
    ScanResult result = scan(input);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.LINK_OUTSIDE_INPUT);
              assertThat(p.path()).endsWith("Zero.class");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aLinkInsideTheInputToADeviceIsAProblemToo(@TempDir Path dir) throws Exception {
    Path input = projectWith(dir);
    mkfifo(input.resolve("com/pipe"));
    Files.createSymbolicLink(input.resolve("com/Piped.class"), input.resolve("com/pipe"));
    ScanResult result = scan(input);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).endsWith("Piped.class");
              assertThat(p.message()).contains("not a regular file");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aClassFileOverTheCapIsAProblemAndIsNotRead(@TempDir Path dir) throws IOException {
    Path input = projectWith(dir);
    // Sparse: 65 MiB that take no disk and, unread, no memory.
    try (RandomAccessFile big =
        new RandomAccessFile(input.resolve("com/Big.class").toFile(), "rw")) {
      big.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
      big.setLength(65L << 20);
    }
    ScanResult result = scan(input);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.OVERSIZE_INPUT);
              assertThat(p.path()).endsWith("Big.class");
              assertThat(p.message()).contains("64 MiB");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void highlyCompressedHugeJarEntriesAreProblemsAndTheJarsOtherClassesAreRead(@TempDir Path dir)
      throws IOException {
    Path jar = dir.resolve("bomb-tests.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(goodName));
      zip.write(goodClass);
      zip.closeEntry();
      byte[] zeros = new byte[1 << 20];
      for (String name : List.of("com/Bomb1.class", "com/Bomb2.class")) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        for (int i = 0; i < 65; i++) {
          zip.write(zeros);
        }
        zip.closeEntry();
      }
    }
    assertThat(Files.size(jar)).isLessThan(1 << 20);
    ScanResult result = scan(jar);
    assertThat(result.problems())
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.OVERSIZE_INPUT);
              assertThat(p.path()).contains("!/com/Bomb");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aSourceFileOverTheCapIsAProblemAndTheOtherSourcesAreRead(@TempDir Path dir)
      throws IOException {
    Path target = projectWith(dir.resolve("target/test-classes")).getParent();
    Path sources = Files.createDirectories(dir.resolve("src/test/java/com"));
    try (RandomAccessFile big = new RandomAccessFile(sources.resolve("Huge.java").toFile(), "rw")) {
      big.setLength(3L << 30);
    }
    Files.writeString(
        sources.resolve("Stale.java"),
        "package com;\nclass Stale {\n  // isolation-audit:accept nothing races here\n  void m() {}\n}\n");
    ScanResult result = scan(target);
    assertThat(result.problems())
        .extracting(Problem::kind, p -> p.path().endsWith("Huge.java"))
        .contains(org.assertj.core.groups.Tuple.tuple(Problem.Kind.OVERSIZE_INPUT, true));
    // The other source was still read: its acceptance of nothing is reported as stale.
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.STALE_ACCEPTANCE));
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aSourceNestedDeeperThanTheStackIsAProblemForThatFileAlone(@TempDir Path dir)
      throws IOException {
    Path target = projectWith(dir.resolve("target/test-classes")).getParent();
    Path sources = Files.createDirectories(dir.resolve("src/test/java/com"));
    // Blocks nested 20,000 deep: the parser itself recurses per level. (A 4,000-term
    // concatenation parses: its tree is left-deep but built in a loop, and without the
    // language-level validators no walk of it recurses that deep.)
    StringBuilder deep = new StringBuilder("package com;\nclass Deep {\n");
    deep.append("  // isolation-audit:accept a reason\n  void m() ");
    deep.append("{".repeat(20_000)).append("}".repeat(20_000));
    deep.append("\n}\n");
    Files.writeString(sources.resolve("Deep.java"), deep);
    Files.writeString(
        sources.resolve("Stale.java"),
        "package com;\nclass Stale {\n  // isolation-audit:accept nothing races here\n  void m() {}\n}\n");
    ScanResult result = scan(target);
    assertThat(result.problems())
        .anySatisfy(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNPARSABLE_SOURCE);
              assertThat(p.path()).endsWith("Deep.java");
              assertThat(p.message()).contains("stack overflow");
            });
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.STALE_ACCEPTANCE));
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void anUnreadableSubdirectoryIsAProblemAndTheRestOfItsDirectoryIsAnalysed(@TempDir Path dir)
      throws IOException {
    Path input = projectWith(dir.resolve("target/test-classes")).getParent();
    Path locked = Files.createDirectories(input.resolve("test-classes/org/locked"));
    Files.write(locked.resolve("Hidden.class"), otherClass);
    InputSet read =
        new InputResolver(
                d -> {
                  if (d.equals(locked)) {
                    throw new AccessDeniedException(d.toString());
                  }
                  return Files.newDirectoryStream(d);
                })
            .read(List.of(input), List.of());
    assertThat(read.classFiles())
        .extracting(ClassFile::path)
        .singleElement()
        .asString()
        .endsWith(goodName);
    assertThat(read.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE_INPUT);
              assertThat(p.path()).isEqualTo(locked.toString());
              assertThat(p.message()).contains("permission denied");
            });
  }

  @Test
  void aSubdirectoryWithoutPermissionsIsAProblemWhereTheFileSystemSaysSo(@TempDir Path dir)
      throws IOException {
    Path input = projectWith(dir);
    Path locked = Files.createDirectories(input.resolve("org/locked"));
    Files.write(locked.resolve("Hidden.class"), otherClass);
    locked.toFile().setReadable(false, false);
    locked.toFile().setExecutable(false, false);
    try {
      Assumptions.assumeFalse(
          Files.isReadable(locked), "running as root: permissions cannot keep the scan out");
      ScanResult result = scan(input);
      assertThat(result.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.path()).isEqualTo(locked.toString()));
      assertGoodClassStillAnalysed(result);
    } finally {
      locked.toFile().setReadable(true, false);
      locked.toFile().setExecutable(true, false);
    }
  }

  @Test
  void aLinkToTheRootDirectoryIsNotFollowed(@TempDir Path dir) throws IOException {
    Path input = projectWith(dir);
    Files.createSymbolicLink(input.resolve("com/root"), Path.of("/"));
    ScanResult result = scan(input);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.LINK_OUTSIDE_INPUT);
              assertThat(p.path()).endsWith("com/root");
            });
    assertGoodClassStillAnalysed(result);
  }

  @Test
  void aLinkToAClassFileOutsideTheInputIsNotFollowedButOneInsideIs(@TempDir Path dir)
      throws IOException {
    Path input = projectWith(dir.resolve("in"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.write(elsewhere.resolve("Other.class"), otherClass);
    Files.createSymbolicLink(input.resolve("com/Other.class"), elsewhere.resolve("Other.class"));
    Files.createDirectories(input.resolve("org"));
    Files.createSymbolicLink(input.resolve("org/Same.class"), input.resolve(goodName));
    InputSet read = new InputResolver().read(List.of(input), List.of());
    assertThat(read.classFiles())
        .extracting(ClassFile::path)
        .containsExactlyInAnyOrder(
            input.resolve(goodName).toString(), input.resolve("org/Same.class").toString());
    assertThat(read.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.LINK_OUTSIDE_INPUT));
  }

  @Test
  void aManifestClassPathIsNotFollowed(@TempDir Path dir) throws IOException {
    Path other = dir.resolve("other.jar");
    jarWith(other, null, goodName, goodClass);
    Path jar = dir.resolve("x-tests.jar");
    jarWith(jar, "other.jar", "com/Placeholder.class", otherClass);
    InputSet read = new InputResolver().read(List.of(jar), List.of());
    assertThat(read.classFiles())
        .extracting(ClassFile::path)
        .containsExactly(jar + "!/com/Placeholder.class");
  }

  @Test
  void duplicateClassesAreAProblemNamingBothAndTheReportDoesNotDependOnTheInputOrder(
      @TempDir Path dir) throws IOException {
    Path a = projectWith(dir.resolve("a"));
    Path b = dir.resolve("b");
    Files.createDirectories(b.resolve(goodName).getParent());
    // The same binary name with another class's code: which copy wins shows in the footprints.
    Files.write(b.resolve(goodName), renamed(otherClass, goodName.replace(".class", "")));
    ScanResult ab = scan(a, b);
    ScanResult ba = scan(b, a);
    assertThat(footprintsOf(ab)).isEqualTo(footprintsOf(ba));
    assertThat(ab.problems()).isEqualTo(ba.problems());
    assertThat(ab.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.DUPLICATE_CLASS);
              assertThat(p.path()).isEqualTo(b.resolve(goodName).toString());
              assertThat(p.message()).contains(a.resolve(goodName).toString());
            });
  }

  @Test
  void aClassFileVersionOf0x8000OrMoreIsRejected(@TempDir Path dir) throws IOException {
    byte[] signed = goodClass.clone();
    signed[6] = (byte) 0x80;
    signed[7] = 0;
    Path input = projectWith(dir);
    Files.write(input.resolve("com/Negative.class"), signed);
    byte[] ancient = goodClass.clone();
    ancient[6] = 0;
    ancient[7] = 44;
    Files.write(input.resolve("com/Ancient.class"), ancient);
    ScanResult result = scan(input);
    assertThat(result.problems())
        .extracting(Problem::kind)
        .containsExactly(
            Problem.Kind.UNSUPPORTED_CLASS_VERSION, Problem.Kind.UNSUPPORTED_CLASS_VERSION);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("32768"));
    assertGoodClassStillAnalysed(result);
  }

  private static List<String> footprintsOf(ScanResult result) {
    return result.footprints().stream().map(Footprint::toString).sorted().toList();
  }

  private static byte[] renamed(byte[] classFile, String newName) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version, int access, String name, String sig, String sup, String[] itfs) {
            super.visit(version, access, newName, sig, sup, itfs);
          }
        },
        0);
    return writer.toByteArray();
  }

  private static void jarWith(Path jar, String classPath, String entry, byte[] bytes)
      throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, manifest)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(bytes);
      zip.closeEntry();
    }
  }
}
