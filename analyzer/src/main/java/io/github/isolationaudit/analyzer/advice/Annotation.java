package io.github.isolationaudit.analyzer.advice;

import java.util.List;
import java.util.Objects;

/**
 * An annotation as a maintainer writes it, with the imports it needs.
 *
 * @param text the source text, {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)}
 * @param imports fully qualified names the text needs
 */
public record Annotation(String text, List<String> imports) {
  public Annotation {
    Objects.requireNonNull(text, "text");
    imports = List.copyOf(imports);
  }
}
