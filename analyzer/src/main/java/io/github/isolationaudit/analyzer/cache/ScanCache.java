package io.github.isolationaudit.analyzer.cache;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.discovery.InputResolver;
import io.github.isolationaudit.analyzer.source.SourceRoots;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogException;
import io.github.isolationaudit.rules.ProjectConfig;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Answers a scan of an unchanged tree from a file written by an earlier scan of it. The key is a
 * hash of everything the result depends on (see {@link ScanKey}): the content of every input, class
 * path entry, source root, catalog, configuration and build file; the options; the working
 * directory (reports name paths relative to it); the tool's own build; the JDK. The entry is the
 * whole {@link ScanResult}, so every format, gate, baseline and plan is made from it as from a
 * fresh scan.
 *
 * <p>Entries are written to a temporary file and moved into place, so concurrent runs never see
 * half an entry; a damaged entry is named in a notice and scanned again, never a failure. The
 * {@value #KEEP_ENTRIES} entries used last are kept, none unused for {@value #KEEP_DAYS} days.
 */
public final class ScanCache {
  private static final byte[] MAGIC = "isolation-audit scan cache 1\n".getBytes();
  private static final String SUFFIX = ".scan";
  private static final String OUTPUT_SUFFIX = ".report";
  private static final String LATEST_SUFFIX = ".latest";
  private static final int KEEP_ENTRIES = 16;
  private static final int KEEP_DAYS = 14;

  private final Path directory;
  private final Consumer<String> notices;

  /**
   * @param directory where entries are kept; made when first written
   * @param notices where a damaged or unwritable entry is told (one line each)
   */
  public ScanCache(Path directory, Consumer<String> notices) {
    this.directory = directory;
    this.notices = notices;
  }

  /**
   * The default directory: {@code $XDG_CACHE_HOME/isolation-audit}, or else {@code
   * $HOME/.cache/isolation-audit}; empty when neither variable is set to an absolute path.
   */
  public static java.util.Optional<Path> defaultDirectory(Map<String, String> environment) {
    for (String[] base : new String[][] {{"XDG_CACHE_HOME", ""}, {"HOME", ".cache"}}) {
      String value = environment.get(base[0]);
      if (value != null && !value.isBlank()) {
        try {
          Path p = Path.of(value);
          if (p.isAbsolute()) {
            return java.util.Optional.of(p.resolve(base[1]).resolve("isolation-audit").normalize());
          }
        } catch (java.nio.file.InvalidPathException e) {
          // Not a path: as if unset.
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Where entries are kept. */
  public Path directory() {
    return directory;
  }

  /**
   * A scan's result and whether it came from the cache.
   *
   * @param key the cache key of the scan, for {@link #output} and {@link #storeOutput}; empty when
   *     the scan could not be keyed (nothing is cached for it)
   */
  public record Outcome(ScanResult result, boolean hit, String key) {}

  /** What writes a report's characters. */
  @FunctionalInterface
  public interface Report {
    void writeTo(java.io.Writer out) throws IOException;
  }

  /**
   * A report rendered earlier from the cached result of this scan, in a way {@code variant} names
   * (format and every option that changes the bytes): empty when there is none. Its checksum is
   * checked before it is given; it is then read from the file as it is written out.
   */
  public java.util.Optional<Report> output(Outcome scan, String variant) {
    if (!scan.hit() || scan.key().isEmpty()) {
      return java.util.Optional.empty();
    }
    return kept(outputFile(scan.key(), variant));
  }

  /**
   * Keeps a report rendered from this scan's result, for {@link #output}, and gives it back as kept
   * (empty when it could not be kept). The report goes into the cache file as it is rendered: a
   * large suite's JSON is hundreds of MB, and held as one string (twice, while a buffer grows, and
   * once more as bytes) it took more memory than the scan itself.
   */
  public java.util.Optional<Report> storeOutput(Outcome scan, String variant, Report report) {
    if (scan.key().isEmpty()) {
      return java.util.Optional.empty();
    }
    Path file = outputFile(scan.key(), variant);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    boolean stored =
        writeAtomically(
            file,
            out -> {
              out.write(MAGIC);
              // The checksum of the text comes first: a placeholder, filled in below.
              out.write(new byte[8]);
              java.io.Writer text =
                  new java.io.OutputStreamWriter(
                      new BufferedOutputStream(
                          new java.util.zip.CheckedOutputStream(out, crc), 1 << 16),
                      java.nio.charset.StandardCharsets.UTF_8);
              report.writeTo(text);
              text.flush();
            },
            temp -> {
              try (java.nio.channels.FileChannel channel =
                  java.nio.channels.FileChannel.open(
                      temp, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer sum =
                    java.nio.ByteBuffer.allocate(8).putLong(0, crc.getValue());
                long at = MAGIC.length;
                while (sum.hasRemaining()) {
                  at += channel.write(sum, at);
                }
              }
            });
    return stored ? kept(file) : java.util.Optional.empty();
  }

  /** The report kept in a file, once its checksum and its UTF-8 are checked; else empty. */
  private java.util.Optional<Report> kept(Path file) {
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] magic = in.readNBytes(MAGIC.length);
      byte[] sum = in.readNBytes(8);
      if (!java.util.Arrays.equals(magic, MAGIC) || sum.length < 8) {
        throw new IOException("not a cached report of this version");
      }
      // The report's checksum closes it: a file cut short or changed is no report.
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      java.io.Reader text =
          new java.io.InputStreamReader(new java.util.zip.CheckedInputStream(in, crc), strict());
      char[] chars = new char[1 << 14];
      while (text.read(chars) >= 0) {
        // Read through for the checksum and the UTF-8 check.
      }
      if (crc.getValue() != java.nio.ByteBuffer.wrap(sum).getLong()) {
        throw new IOException("its content does not match its checksum");
      }
    } catch (IOException | RuntimeException e) {
      notices.accept("ignoring a damaged cache entry " + file + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        out -> {
          try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(MAGIC.length + 8L);
            new java.io.InputStreamReader(in, strict()).transferTo(out);
          }
        });
  }

  private static java.nio.charset.CharsetDecoder strict() {
    return java.nio.charset.StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
  }

  private Path outputFile(String key, String variant) {
    ContentHash h = new ContentHash();
    h.text(variant);
    return directory.resolve(key + "." + h.hex().substring(0, 16) + OUTPUT_SUFFIX);
  }

  /**
   * The result of {@link IsolationAudit#scan} with these options: read from the cache when an entry
   * of the same key is there, else scanned and stored.
   *
   * @throws io.github.isolationaudit.rules.CatalogException as the scan does
   */
  public Outcome scan(ScanOptions options) {
    String key;
    try {
      key = ScanKey.of(options);
    } catch (CatalogException e) {
      // The scan reports the mistake as it always does.
      return new Outcome(IsolationAudit.scan(options), false, "");
    } catch (IOException | RuntimeException e) {
      notices.accept("cache not used: cannot hash the inputs: " + e.getMessage());
      return new Outcome(IsolationAudit.scan(options), false, "");
    }
    Path entry = directory.resolve(key + SUFFIX);
    ScanResult cached = read(entry);
    if (cached != null) {
      options.progress().report("answered from the cache (" + entry + ")");
      touch(entry);
      remember(key);
      return new Outcome(cached, true, key);
    }
    ScanResult result = IsolationAudit.scan(options);
    write(entry, result);
    remember(key);
    return new Outcome(result, false, key);
  }

  /**
   * The last scan made from this working directory, while its entry is kept: what {@code
   * isolation-audit check} takes the partners of changed tests from, without scanning.
   *
   * @param workingDirectory the directory the scan ran in (its reports name paths relative to it)
   * @return the result and when it was scanned (the entry's time); empty when there is none
   */
  public java.util.Optional<Latest> latest(Path workingDirectory) {
    Path pointer = latestFile(workingDirectory);
    if (!Files.isRegularFile(pointer)) {
      return java.util.Optional.empty();
    }
    try {
      String key = Files.readString(pointer, java.nio.charset.StandardCharsets.US_ASCII).strip();
      if (!key.matches("[0-9a-f]{64}")) {
        throw new IOException("not a cache key");
      }
      Path entry = directory.resolve(key + SUFFIX);
      ScanResult result = Files.isRegularFile(entry) ? read(entry) : null;
      return result == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(new Latest(result, entry, modified(pointer)));
    } catch (IOException | RuntimeException e) {
      notices.accept("ignoring a damaged cache entry " + pointer + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /**
   * The last scan of a working directory.
   *
   * @param entry the cache entry it was read from
   * @param scannedAt when that scan ran (or was answered from the cache), in epoch milliseconds
   */
  public record Latest(ScanResult result, Path entry, long scannedAt) {}

  /** Notes that the scan of this key is the last one made from the working directory. */
  private void remember(String key) {
    Path here = Path.of("").toAbsolutePath().normalize();
    writeAtomically(
        latestFile(here),
        out -> out.write((key + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private Path latestFile(Path workingDirectory) {
    ContentHash h = new ContentHash();
    h.text("cwd=" + workingDirectory.toAbsolutePath().normalize());
    return directory.resolve(h.hex().substring(0, 32) + LATEST_SUFFIX);
  }

  private ScanResult read(Path entry) {
    if (!Files.isRegularFile(entry)) {
      return null;
    }
    try (InputStream file = Files.newInputStream(entry)) {
      byte[] magic = file.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a cache entry of this version");
      }
      // Inflated whole, then decoded from memory: a stream's per-byte calls cost more than it.
      byte[] bytes =
          new InflaterInputStream(file, new java.util.zip.Inflater(), 1 << 16).readAllBytes();
      Object value = ResultCodec.read(bytes);
      if (!(value instanceof ScanResult result)) {
        throw new IOException("not a whole scan result");
      }
      return result;
    } catch (IOException | RuntimeException e) {
      notices.accept("ignoring a damaged cache entry " + entry + ": " + e.getMessage());
      return null;
    } catch (StackOverflowError e) {
      notices.accept("ignoring a damaged cache entry " + entry + ": nested too deeply");
      return null;
    }
  }

  private void write(Path entry, ScanResult result) {
    writeAtomically(
        entry,
        file -> {
          file.write(MAGIC);
          DeflaterOutputStream deflate =
              new DeflaterOutputStream(file, new java.util.zip.Deflater(1), 1 << 16);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(deflate, 1 << 16));
          ResultCodec.write(result, out);
          out.flush();
          deflate.finish();
        });
  }

  /** What writes a file's bytes. */
  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What completes a written temporary file before it is moved into place. */
  @FunctionalInterface
  private interface Completion {
    void complete(Path temp) throws IOException;
  }

  /**
   * Writes a temporary file beside the target and moves it into place, so that a concurrent run
   * sees the whole file or none; a failure is told, never thrown. Whether the file is in place.
   */
  private boolean writeAtomically(Path target, Content content) {
    return writeAtomically(target, content, temp -> {});
  }

  private boolean writeAtomically(Path target, Content content, Completion completion) {
    Path temp = null;
    boolean moved = false;
    try {
      Files.createDirectories(directory);
      temp = Files.createTempFile(directory, "entry", ".tmp");
      try (OutputStream file = Files.newOutputStream(temp)) {
        content.writeTo(file);
      }
      completion.complete(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      moved = true;
      prune();
    } catch (IOException | RuntimeException e) {
      notices.accept("cannot write the cache entry " + target + ": " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A stray temporary file costs disk space, not correctness.
        }
      }
    }
    return moved;
  }

  private static void touch(Path entry) {
    try {
      Files.setLastModifiedTime(
          entry, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // Only the pruning order depends on it.
    }
  }

  /** Removes entries beyond the newest few that were not used for days, and old temporary files. */
  private void prune() throws IOException {
    long now = System.currentTimeMillis();
    long old = now - KEEP_DAYS * 24L * 3600 * 1000;
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(entries::add);
    }
    entries.sort(Comparator.comparingLong(ScanCache::modified).reversed());
    int kept = 0;
    Set<String> live = new java.util.HashSet<>();
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (name.endsWith(SUFFIX)) {
        if (++kept > KEEP_ENTRIES || modified(p) < old) {
          Files.deleteIfExists(p);
        } else {
          live.add(name.substring(0, name.length() - SUFFIX.length()));
        }
      }
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (name.endsWith(OUTPUT_SUFFIX)
          && !live.contains(name.substring(0, Math.max(name.indexOf('.'), 0)))) {
        // A report of an entry that is gone.
        Files.deleteIfExists(p);
      } else if (name.endsWith(LATEST_SUFFIX) && modified(p) < old) {
        // The last scan of a directory not scanned for days: its entry is gone as well.
        Files.deleteIfExists(p);
      } else if (name.endsWith(".tmp") && modified(p) < now - 24L * 3600 * 1000) {
        // Left by a run that was killed while writing.
        Files.deleteIfExists(p);
      }
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The files and facts a scan's result depends on, hashed. */
  static final class ScanKey {
    private ScanKey() {}

    static String of(ScanOptions options) throws IOException {
      ContentHash h = new ContentHash();
      h.text("isolation-audit scan cache key 1");
      // The tool's own build: the code and the built-in catalogs.
      Set<Path> code = new LinkedHashSet<>();
      for (Class<?> c : List.of(IsolationAudit.class, Catalog.class, ScanResult.class)) {
        code.add(codeSource(c));
      }
      for (Path p : code) {
        h.text("tool");
        h.tree(p);
      }
      for (String property :
          List.of("java.version", "java.vendor", "java.vm.version", "java.home", "os.name")) {
        h.text(property + "=" + System.getProperty(property));
      }
      Path here = Path.of("").toAbsolutePath().normalize();
      h.text("cwd=" + here);
      h.text("allReads=" + options.allReads());
      h.paths("input", options.inputs());
      h.paths("classpath", options.classpath());
      h.paths("rules", options.userCatalogs());
      h.paths("sources", options.sources());
      h.text("config=" + options.config());
      if (options.config() != null) {
        h.tree(options.config());
      }
      for (Path found : ProjectConfig.find(options.inputs(), here)) {
        h.text("found config " + found);
        h.tree(found);
      }
      // The catalogs a configuration names.
      ProjectConfig config = IsolationAudit.configuration(options);
      h.paths("config rules", config.rules());
      List<Path> absolute =
          InputResolver.inPathOrder(options.inputs()).stream()
              .map(p -> p.toAbsolutePath().normalize())
              .toList();
      h.paths("source roots", SourceRoots.find(absolute, options.sources()));
      // Build files beside the inputs (a target/ directory's pom.xml).
      for (Path input : absolute) {
        Path parent = input.getParent();
        for (Path dir : parent == null ? List.of(input) : List.of(input, parent)) {
          for (String name : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
              h.text("build file " + f);
              h.tree(f);
            }
          }
        }
      }
      return h.hex();
    }

    private static Path codeSource(Class<?> c) throws IOException {
      try {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException | RuntimeException e) {
        throw new IOException("cannot find the tool's own code: " + e.getMessage(), e);
      }
    }
  }

  /** A running SHA-256 over facts and file trees. */
  static final class ContentHash {
    private final java.security.MessageDigest digest;
    private static final long MAX_FILE = 512L << 20;
    private final byte[] buffer = new byte[1 << 16];

    ContentHash() {
      try {
        digest = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    void text(String s) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      digest.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
      digest.update(b);
    }

    void paths(String what, List<Path> paths) throws IOException {
      for (Path p : paths) {
        text(what + " " + p + " = " + p.toAbsolutePath().normalize());
        tree(p);
      }
    }

    /** A file's content, or every file below a directory with its relative name. */
    void tree(Path root) throws IOException {
      if (!Files.exists(root)) {
        text("missing");
        return;
      }
      if (!Files.isDirectory(root)) {
        file(root);
        return;
      }
      List<Path> files = new ArrayList<>();
      Files.walkFileTree(
          root,
          Set.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(
                Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
              files.add(file);
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
              files.add(file);
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
      files.sort(Comparator.comparing(Path::toString));
      text("directory of " + files.size());
      for (Path f : files) {
        text(root.relativize(f).toString());
        file(f);
      }
    }

    private void file(Path f) throws IOException {
      if (!Files.isRegularFile(f)) {
        // A pipe, a device, a loop of links: the scan reads none of them as content.
        text(Files.exists(f) ? "not a regular file" : "missing");
        return;
      }
      long size = Files.size(f);
      if (size > MAX_FILE) {
        // Hashing it would cost more than the scan, which reads no file this large whole.
        throw new IOException(f + " is larger than " + (MAX_FILE >> 20) + " MiB");
      }
      text("file " + size);
      try (InputStream in = Files.newInputStream(f)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        text("unreadable: " + e.getClass().getName());
      }
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
