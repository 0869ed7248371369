package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * A place in a source file.
 *
 * @param file the source path relative to a source root ({@code com/example/FooTest.java})
 * @param line 1-based; 0 when only the file is known
 */
public record SourceLocation(String file, int line) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }
}
