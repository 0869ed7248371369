package io.github.isolationaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * One change to a test source that a finding or a marker verdict asks for, as data: what {@code
 * isolation-audit fix} applies and what every report shows.
 *
 * @param action what to do at the place
 * @param file the source file, relative to the project root where it is known ({@code
 *     src/test/java/com/example/FooTest.java}), else to its source root ({@code
 *     com/example/FooTest.java}); empty when no source of the class was given
 * @param line the 1-based line of the declaration the edit sits on: its first modifier, or its type
 *     or name, below the annotations already written there, so a new annotation goes on a line of
 *     its own just above it; without a parsed source, the first line of the method's body as the
 *     class file has it. For {@link Action#REMOVE_ANNOTATION}, the annotation's line; for a {@link
 *     Action#MANUAL} fix of an access, the access's line. 0 when unknown
 * @param className the binary name of the class the edit applies to ({@code com.x.FooTest$Inner})
 * @param methodName the method the edit applies to, or empty for the class itself
 * @param text for {@link Action#ADD_ANNOTATION}, the annotation exactly as it is to be written
 *     ({@code @ResourceLock("jdbc:h2:mem:test")}); for {@link Action#REMOVE_ANNOTATION}, the
 *     annotation's simple name ({@code @Isolated}; its arguments are not repeated); for {@link
 *     Action#MANUAL}, one sentence saying what to change by hand
 * @param imports the imports the text needs, fully qualified ({@code
 *     org.junit.jupiter.api.parallel.ResourceLock}; static ones as {@code static a.b.C.NAME})
 */
public record Edit(
    Action action,
    String file,
    int line,
    String className,
    String methodName,
    String text,
    List<String> imports) {

  /** What an edit does. */
  public enum Action {
    /** Write an annotation on the class or method (nothing happens when it is already there). */
    ADD_ANNOTATION,
    /** Delete an annotation from the class or method. */
    REMOVE_ANNOTATION,
    /** A change no tool makes safely (a {@code @TempDir} for a fixed path, port 0, ...). */
    MANUAL
  }

  public Edit {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(text, "text");
    imports = List.copyOf(imports);
    if (line < 0) {
      throw new IllegalArgumentException("line " + line);
    }
  }

  /** Whether the edit is on the class rather than on one method. */
  public boolean onClass() {
    return methodName.isEmpty();
  }

  /** {@code file:line}, {@code file}, or the class (and method) where no source is known. */
  public String where() {
    if (file.isEmpty()) {
      return className + (onClass() ? "" : "#" + methodName);
    }
    return line > 0 ? file + ":" + line : file;
  }
}
