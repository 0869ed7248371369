package io.github.isolationaudit.analyzer.fix;

import io.github.isolationaudit.analyzer.source.SourceEditor;
import io.github.isolationaudit.analyzer.source.SourceEditor.Outcome;
import io.github.isolationaudit.analyzer.source.SourceEditor.Status;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@link Edit}s to the test sources under some source roots: finds each edit's file, edits
 * it with {@link SourceEditor}, and writes it back atomically in its own encoding.
 *
 * <p>Only regular files under the test source roots are ever read or written; an edit whose file
 * lies elsewhere (a main source, another directory, a link that leads out) is refused with a
 * message that says so. A {@link #plan} changes nothing; {@link #write} writes what it planned.
 */
public final class EditApplier {

  /** Files larger than this are not edited (the scan does not read such sources either). */
  private static final long MAX_SOURCE_BYTES = 8L << 20;

  private final List<Path> roots;
  private final List<Path> realRoots;

  /**
   * @param testRoots the test source directories, as the user named them (their spelling is the one
   *     messages and diffs show)
   */
  public EditApplier(List<Path> testRoots) {
    this.roots = List.copyOf(testRoots);
    List<Path> real = new ArrayList<>();
    for (Path r : roots) {
      try {
        real.add(r.toRealPath());
      } catch (IOException e) {
        real.add(r.toAbsolutePath().normalize());
      }
    }
    this.realRoots = List.copyOf(real);
  }

  /** The test source roots. */
  public List<Path> roots() {
    return roots;
  }

  /** What one edit came to, with the file it was applied to (null when none was found). */
  public record Applied(Edit edit, Status status, Path file, String message) {
    public Applied {
      Objects.requireNonNull(edit, "edit");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(message, "message");
    }
  }

  /** One file's text before and after, and how to write it back. */
  public record FileChange(Path file, String before, String after, Charset charset, boolean bom) {
    public FileChange {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(charset, "charset");
    }

    /** Whether the file does not exist yet. */
    public boolean created() {
      return before == null;
    }
  }

  /** The outcome of every edit, in order, and the files that change. */
  public record Plan(List<Applied> outcomes, List<FileChange> changes) {
    public Plan {
      outcomes = List.copyOf(outcomes);
      changes = List.copyOf(changes);
    }

    /** How many edits have this status. */
    public long count(Status status) {
      return outcomes.stream().filter(a -> a.status() == status).count();
    }
  }

  /**
   * The edits a scan asks for: those of the findings that are not accepted, then those of the
   * marker verdicts, each once, in report order.
   */
  public static List<Edit> editsOf(ScanResult result) {
    Set<Edit> edits = new LinkedHashSet<>();
    for (Finding f : result.findings()) {
      if (!f.accepted()) {
        edits.addAll(f.edits());
      }
    }
    for (MarkerVerdict v : result.markers()) {
      edits.addAll(v.edits());
    }
    return List.copyOf(edits);
  }

  /**
   * What the edits would do, without writing anything.
   *
   * @param edits the edits, in order
   * @param created whole files to create or replace, by path relative to the first test root
   *     ({@code isolationaudit/PlanLocks.java}), written before the edits are applied
   */
  public Plan plan(List<Edit> edits, Map<String, String> created) {
    List<Applied> outcomes = new ArrayList<>();
    List<FileChange> changes = new ArrayList<>();
    for (Map.Entry<String, String> c : created.entrySet()) {
      if (roots.isEmpty()) {
        throw new IllegalStateException("no test source root to write " + c.getKey() + " into");
      }
      Path file = roots.get(0).resolve(c.getKey()).normalize();
      if (!under(file)) {
        throw new IllegalArgumentException(c.getKey() + " is not a path inside the test sources");
      }
      Source existing = Files.exists(file) ? read(file).orElse(null) : null;
      if (existing == null) {
        changes.add(new FileChange(file, null, c.getValue(), StandardCharsets.UTF_8, false));
      } else if (!existing.text().equals(c.getValue())) {
        changes.add(
            new FileChange(
                file, existing.text(), c.getValue(), existing.charset(), existing.bom()));
      }
    }
    // Group the edits by file, keeping the first appearance's order.
    Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
    Applied[] done = new Applied[edits.size()];
    for (int i = 0; i < edits.size(); i++) {
      Edit e = edits.get(i);
      Located where = locate(e);
      if (where.file() == null) {
        done[i] =
            new Applied(
                e,
                e.action() == Edit.Action.MANUAL ? Status.MANUAL : Status.FAILED,
                null,
                where.why());
      } else {
        byFile.computeIfAbsent(where.file(), f -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<Path, List<Integer>> f : byFile.entrySet()) {
      Path file = f.getKey();
      List<Edit> fileEdits = f.getValue().stream().map(edits::get).toList();
      Optional<Source> source;
      String why = "cannot be read";
      try {
        source = read(file);
      } catch (IllegalArgumentException ex) {
        source = Optional.empty();
        why = ex.getMessage();
      }
      if (source.isEmpty()) {
        for (int i : f.getValue()) {
          Edit e = edits.get(i);
          done[i] =
              new Applied(
                  e,
                  e.action() == Edit.Action.MANUAL ? Status.MANUAL : Status.FAILED,
                  file,
                  e.action() == Edit.Action.MANUAL ? "" : file + " " + why);
        }
        continue;
      }
      SourceEditor.Result result = SourceEditor.apply(source.get().text(), fileEdits);
      for (int k = 0; k < fileEdits.size(); k++) {
        Outcome o = result.outcomes().get(k);
        done[f.getValue().get(k)] = new Applied(o.edit(), o.status(), file, o.message());
      }
      if (!result.text().equals(source.get().text())) {
        changes.add(
            new FileChange(
                file,
                source.get().text(),
                result.text(),
                source.get().charset(),
                source.get().bom()));
      }
    }
    outcomes.addAll(List.of(done));
    return new Plan(outcomes, changes);
  }

  /** Writes the changes of a plan, each file atomically. */
  public static void write(Plan plan) throws IOException {
    for (FileChange c : plan.changes()) {
      write(c);
    }
  }

  private static void write(FileChange change) throws IOException {
    Path file = change.file();
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] body = change.after().getBytes(change.charset());
    byte[] bytes = body;
    if (change.bom()) {
      bytes = new byte[body.length + 3];
      bytes[0] = (byte) 0xEF;
      bytes[1] = (byte) 0xBB;
      bytes[2] = (byte) 0xBF;
      System.arraycopy(body, 0, bytes, 3, body.length);
    }
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".isolation-audit.tmp");
    try {
      Files.write(temp, bytes);
      if (!change.created()) {
        copyPermissions(file, temp);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void copyPermissions(Path from, Path to) {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      Files.setPosixFilePermissions(to, permissions);
    } catch (IOException | UnsupportedOperationException e) {
      // The temp file keeps the default permissions; the content is what matters.
    }
  }

  // ------------------------------------------------------------------------------ locating

  /** The file an edit is about, or why there is none. */
  private record Located(Path file, String why) {}

  private Located locate(Edit e) {
    if (e.action() == Edit.Action.MANUAL && e.file().isEmpty()) {
      return new Located(null, "");
    }
    List<Path> candidates = new ArrayList<>();
    if (!e.file().isEmpty()) {
      String file = e.file().replace('\\', '/');
      Path given = Path.of(file);
      if (given.isAbsolute()
          || file.equals("..")
          || file.startsWith("../")
          || file.contains("/../")) {
        return refuse(e.file());
      }
      if (file.startsWith("src/main/") || file.contains("/src/main/")) {
        return new Located(
            null,
            "refused: "
                + e.file()
                + " is a main source; fix edits only the test sources under "
                + rootNames());
      }
      String[] parts = file.split("/");
      for (int i = 0; i < parts.length; i++) {
        String suffix = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
        for (Path root : roots) {
          Path p = root.resolve(suffix);
          if (Files.isRegularFile(p)) {
            candidates.add(p);
          }
        }
        if (!candidates.isEmpty()) {
          break;
        }
      }
    }
    if (candidates.isEmpty()) {
      String top = e.className();
      int dollar = top.indexOf('$');
      if (dollar > 0) {
        top = top.substring(0, dollar);
      }
      String relative = top.replace('.', '/') + ".java";
      for (Path root : roots) {
        Path p = root.resolve(relative);
        if (Files.isRegularFile(p)) {
          candidates.add(p);
          break;
        }
      }
    }
    if (candidates.isEmpty()) {
      if (!e.file().isEmpty() && Files.exists(Path.of(e.file()))) {
        return refuse(e.file());
      }
      return new Located(
          null,
          "no source of "
              + e.className()
              + (e.file().isEmpty() ? "" : " (" + e.file() + ")")
              + " under the test sources "
              + rootNames());
    }
    Path file = candidates.get(0);
    if (!under(file)) {
      return refuse(file.toString());
    }
    return new Located(file, "");
  }

  private Located refuse(String file) {
    return new Located(
        null,
        "refused: "
            + file
            + " is not under the test sources "
            + rootNames()
            + "; fix edits nothing else");
  }

  private String rootNames() {
    return roots.isEmpty() ? "(none found)" : roots.toString();
  }

  /** Whether the file, its links followed, lies inside one of the test source roots. */
  private boolean under(Path file) {
    Path real;
    try {
      real =
          Files.exists(file, LinkOption.NOFOLLOW_LINKS)
              ? file.toRealPath()
              : file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
    } catch (IOException e) {
      real = file.toAbsolutePath().normalize();
    }
    for (Path root : realRoots) {
      if (real.startsWith(root) && !real.equals(root)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------ reading

  /** A source's text and how it was encoded. */
  private record Source(String text, Charset charset, boolean bom) {}

  /** The file's text (UTF-8, else ISO-8859-1, which keeps every byte), or empty. */
  private static Optional<Source> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("is not a regular file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_SOURCE_BYTES) {
        throw new IllegalArgumentException("is larger than 8 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    boolean bom =
        bytes.length >= 3
            && (bytes[0] & 0xFF) == 0xEF
            && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF;
    ByteBuffer body = ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0));
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(body)
              .toString();
      return Optional.of(new Source(text, StandardCharsets.UTF_8, bom));
    } catch (CharacterCodingException e) {
      // Not UTF-8: every byte maps to one ISO-8859-1 char and back, so the bytes we do not
      // touch come out exactly as they went in.
      return Optional.of(
          new Source(
              new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1, false));
    }
  }
}
