package io.github.isolationaudit.analyzer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan cache answers an unchanged scan with the very result a fresh scan gives, misses on any
 * change of what the result depends on, and shrugs off damaged entries.
 */
class ScanCacheTest {
  private static final Path FIXTURES = Path.of(System.getProperty("fixtures.classes"));

  @TempDir static Path project;

  private static ScanResult fresh;

  @BeforeAll
  static void scanOnce() throws IOException {
    copy(FIXTURES, project.resolve("target/test-classes"));
    fresh = IsolationAudit.scan(options(false));
  }

  private static ScanOptions options(boolean allReads) {
    ScanOptions o = ScanOptions.of(project.resolve("target"));
    return allReads ? o.withAllReads() : o;
  }

  @Test
  void aSecondScanOfTheSameTreeIsAnsweredWithAnEqualResult(@TempDir Path dir) {
    List<String> notices = new ArrayList<>();
    ScanCache cache = new ScanCache(dir, notices::add);

    ScanCache.Outcome first = cache.scan(options(false));
    ScanCache.Outcome second = cache.scan(options(false));

    assertThat(first.hit()).isFalse();
    assertThat(second.hit()).isTrue();
    assertThat(second.key()).isEqualTo(first.key()).hasSize(64);
    assertThat(first.result()).isEqualTo(fresh);
    assertThat(second.result()).isEqualTo(fresh);
    assertThat(second.result().footprints()).isNotEmpty();
    assertThat(second.result().conflicts()).isNotEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void theLastScanOfAWorkingDirectoryIsFoundWithoutScanning(@TempDir Path dir) throws IOException {
    List<String> notices = new ArrayList<>();
    ScanCache cache = new ScanCache(dir, notices::add);
    Path here = Path.of("").toAbsolutePath();
    assertThat(cache.latest(here)).as("nothing scanned yet").isEmpty();

    cache.scan(options(false));
    ScanCache.Latest latest = cache.latest(here).orElseThrow();

    assertThat(latest.result()).isEqualTo(fresh);
    assertThat(latest.entry().getFileName().toString()).endsWith(".scan");
    assertThat(cache.latest(dir)).as("another working directory").isEmpty();

    // The last scan wins: an --all-reads scan is the newest now.
    ScanCache.Outcome allReads = cache.scan(options(true));
    assertThat(cache.latest(here).orElseThrow().result()).isEqualTo(allReads.result());
    assertThat(allReads.result()).isNotEqualTo(fresh);

    // Its entry gone (pruned): no last scan, and no failure.
    Files.delete(cache.latest(here).orElseThrow().entry());
    assertThat(cache.latest(here)).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void aChangedClassFileOrOptionMisses(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("project");
    copy(FIXTURES, copy.resolve("target/test-classes"));
    ScanCache cache = new ScanCache(dir.resolve("cache"), n -> {});
    ScanOptions options = ScanOptions.of(copy.resolve("target"));
    assertThat(cache.scan(options).hit()).isFalse();
    assertThat(cache.scan(options).hit()).isTrue();
    assertThat(cache.scan(options.withAllReads()).hit()).as("another option").isFalse();

    // Same size, same name, one byte changed: content, not the listing, is the key.
    Path some;
    try (Stream<Path> files = Files.walk(copy)) {
      some = files.filter(p -> p.toString().endsWith(".class")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(some);
    bytes[bytes.length - 1] ^= 1;
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(some);
    Files.write(some, bytes);
    Files.setLastModifiedTime(some, time);
    ScanCache.Outcome changed = cache.scan(options);
    assertThat(changed.hit()).isFalse();
    assertThat(cache.scan(options).hit()).isTrue();

    // A configuration file appears beside the inputs.
    Files.writeString(copy.resolve(".isolation-audit.yaml"), "serialTags: [slow]\n");
    Files.writeString(copy.resolve("pom.xml"), "<project/>\n");
    assertThat(cache.scan(options).hit()).as("a configuration and a build file").isFalse();
  }

  @Test
  void aDamagedEntryIsIgnoredWithANoticeAndWrittenAgain(@TempDir Path dir) throws IOException {
    List<String> notices = new ArrayList<>();
    ScanCache cache = new ScanCache(dir, notices::add);
    ScanCache.Outcome first = cache.scan(options(false));
    Path entry = dir.resolve(first.key() + ".scan");
    byte[] bytes = Files.readAllBytes(entry);

    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    ScanCache.Outcome cut = cache.scan(options(false));
    assertThat(cut.hit()).isFalse();
    assertThat(cut.result()).isEqualTo(fresh);
    assertThat(notices).singleElement().asString().contains("ignoring a damaged cache entry");

    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(entry, bytes);
    assertThat(cache.scan(options(false)).hit()).isFalse();
    assertThat(notices).hasSize(2);
    // Written again whole.
    assertThat(cache.scan(options(false)).hit()).isTrue();
  }

  @Test
  void aRenderedReportIsKeptBesideItsScanAndCheckedWhenRead(@TempDir Path dir) throws IOException {
    List<String> notices = new ArrayList<>();
    ScanCache cache = new ScanCache(dir, notices::add);
    ScanCache.Outcome miss = cache.scan(options(false));
    assertThat(cache.output(miss, "json")).as("nothing is read on a miss").isEmpty();
    java.util.Optional<ScanCache.Report> stored =
        cache.storeOutput(miss, "json", out -> out.write("{\"a\": \"ü\"}\n"));
    assertThat(stored.map(ScanCacheTest::text))
        .as("given back as kept")
        .contains("{\"a\": \"ü\"}\n");
    ScanCache.Outcome hit = cache.scan(options(false));
    assertThat(cache.output(hit, "json").map(ScanCacheTest::text)).contains("{\"a\": \"ü\"}\n");
    assertThat(cache.output(hit, "text")).isEmpty();

    try (Stream<Path> files = Files.list(dir)) {
      Path report = files.filter(p -> p.toString().endsWith(".report")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(report);
      bytes[bytes.length - 2] ^= 1;
      Files.write(report, bytes);
    }
    assertThat(cache.output(hit, "json")).isEmpty();
    assertThat(notices).singleElement().asString().contains("ignoring a damaged cache entry");
  }

  @Test
  void aLargeReportIsStreamedInAndOutUnchanged(@TempDir Path dir) {
    ScanCache cache = new ScanCache(dir, notice -> {});
    ScanCache.Outcome miss = cache.scan(options(false));
    // Longer than every buffer on the way, with two- and four-byte characters across their ends.
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      big.append(i).append("ü\uD83D\uDE00\"").append(i % 7 == 0 ? "\n" : "");
    }
    String report = big.toString();
    java.util.Optional<ScanCache.Report> stored =
        cache.storeOutput(
            miss,
            "json",
            out -> {
              for (int i = 0; i < report.length(); i += 1000) {
                out.write(report, i, Math.min(1000, report.length() - i));
              }
            });
    assertThat(stored.map(ScanCacheTest::text)).contains(report);
    assertThat(cache.output(cache.scan(options(false)), "json").map(ScanCacheTest::text))
        .contains(report);
  }

  private static String text(ScanCache.Report report) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      report.writeTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }

  @Test
  void concurrentRunsLeaveOneWholeEntry(@TempDir Path dir) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<String> notices = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 3; i++) {
      Thread t = new Thread(() -> new ScanCache(dir, notices::add).scan(options(false)));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(notices).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      // One entry, and the note of which one the working directory's last scan is.
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .hasSize(2)
          .anySatisfy(name -> assertThat(name).endsWith(".scan"))
          .anySatisfy(name -> assertThat(name).endsWith(".latest"));
    }
    ScanCache.Outcome again = new ScanCache(dir, notices::add).scan(options(false));
    assertThat(again.hit()).isTrue();
    assertThat(again.result()).isEqualTo(fresh);
  }

  @Test
  void theDefaultDirectoryFollowsXdgThenHome() {
    assertThat(ScanCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")))
        .contains(Path.of("/c/isolation-audit"));
    assertThat(ScanCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")))
        .contains(Path.of("/h/.cache/isolation-audit"));
    assertThat(ScanCache.defaultDirectory(Map.of())).isEmpty();
  }

  @Test
  void theCodecKeepsSharingAndMakesOnlyModelClasses() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ResultCodec.write(fresh, new DataOutputStream(bytes));
    ScanResult back = (ScanResult) ResultCodec.read(bytes.toByteArray());
    assertThat(back).isEqualTo(fresh);
    // The same test id object in two footprints' accesses stays one object.
    var a = back.conflicts().get(0).writers().get(0);
    var same =
        back.footprints().stream()
            .map(f -> f.test().id())
            .filter(id -> id.equals(a))
            .findFirst()
            .orElseThrow();
    assertThat(same).isSameAs(a);

    // A record tag naming a class outside the model.
    ByteArrayOutputStream hostile = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(hostile);
    out.writeByte(14);
    out.writeByte(1);
    byte[] name = "java.lang.ProcessBuilder".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(name.length);
    out.write(name);
    out.writeInt(0);
    assertThatThrownBy(() -> ResultCodec.read(hostile.toByteArray()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a class of the model");
    assertThatThrownBy(() -> ResultCodec.read(new byte[] {1, 0x7f, 0, 0, 0}))
        .isInstanceOf(IOException.class);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
