package io.github.isolationaudit.analyzer.discovery;

import io.github.isolationaudit.model.Problem;
import java.util.List;

/**
 * Everything read from the inputs: class files of the project and of libraries, and the problems
 * met while reading.
 *
 * @param elements the class-path elements that were read (directories and jars), for display
 * @param resources build and test configuration files found with the project inputs
 */
public record InputSet(
    List<String> elements,
    List<ClassFile> classFiles,
    List<TextResource> resources,
    List<Problem> problems) {
  public InputSet {
    resources = List.copyOf(resources);
    elements = List.copyOf(elements);
    classFiles = List.copyOf(classFiles);
    problems = List.copyOf(problems);
  }
}
