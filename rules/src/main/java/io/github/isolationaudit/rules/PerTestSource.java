package io.github.isolationaudit.rules;

import java.util.List;

/** Calls that return a fresh value for each call: a path built from one is private to its test. */
public record PerTestSource(String id, String summary, List<MethodPattern> methods) {

  public PerTestSource {
    methods = List.copyOf(methods);
  }
}
