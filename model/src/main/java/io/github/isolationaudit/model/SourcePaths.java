package io.github.isolationaudit.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the scanned project's source files are, as paths an editor or a code-scanning service can
 * open: relative to the project root ({@code src/test/java/com/example/FooTest.java}, with the
 * module directory in a multi-module build, {@code core/src/test/java/...}).
 *
 * <p>Class files and evidence name a source file relative to its source root ({@code
 * com/example/FooTest.java}); this maps such a name to the file found in a source directory of the
 * project. Files read from source jars, or not found at all, have no project path.
 *
 * @param byFile project-relative paths ({@code /}-separated) keyed by source-root-relative file
 */
public record SourcePaths(Map<String, String> byFile) {

  private static final SourcePaths NONE = new SourcePaths(Map.of());

  public SourcePaths {
    Objects.requireNonNull(byFile, "byFile");
    byFile = java.util.Collections.unmodifiableMap(new TreeMap<>(byFile));
  }

  /** No source file located. */
  public static SourcePaths none() {
    return NONE;
  }

  /**
   * The project-relative path of a source-root-relative file, or the file as given when its place
   * in the project is not known.
   */
  public String of(String file) {
    return byFile.getOrDefault(file, file);
  }

  /** Whether this file was found in one of the project's source directories. */
  public boolean located(String file) {
    return byFile.containsKey(file);
  }

  /**
   * The project-relative path of a test class's source file, or empty when it is not known. The
   * class's binary name ({@code com.example.FooTest$Inner}) is mapped through its top-level class.
   */
  public java.util.Optional<String> ofClass(String binaryName) {
    String top = binaryName;
    int dollar = top.indexOf('$');
    if (dollar > 0) {
      top = top.substring(0, dollar);
    }
    String file = top.replace('.', '/') + ".java";
    return java.util.Optional.ofNullable(byFile.get(file));
  }
}
