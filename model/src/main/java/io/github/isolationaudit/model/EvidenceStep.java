package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * One place in an evidence chain: a method and the line in it where the next step is called or the
 * resource is touched.
 *
 * @param className binary class name ({@code com.example.FooTest$Inner})
 * @param sourceFile the source path relative to a source root ({@code com/example/FooTest.java}),
 *     or empty when the class file does not say
 * @param line the line number, or 0 when the class file carries none
 */
public record EvidenceStep(String className, String methodName, String sourceFile, int line) {

  public EvidenceStep {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(sourceFile, "sourceFile");
    if (line < 0) {
      throw new IllegalArgumentException("line < 0: " + line);
    }
  }

  /** The stack-trace form: {@code com.example.FooTest.bar(FooTest.java:42)}. */
  public String display() {
    String file =
        sourceFile.isEmpty()
            ? "Unknown Source"
            : sourceFile.substring(sourceFile.lastIndexOf('/') + 1);
    return className + "." + methodName + "(" + file + (line > 0 ? ":" + line : "") + ")";
  }
}
