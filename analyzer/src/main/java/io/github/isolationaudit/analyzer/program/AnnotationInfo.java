package io.github.isolationaudit.analyzer.program;

import java.util.List;
import java.util.Map;

/**
 * An annotation as the class file records it.
 *
 * @param type internal name of the annotation type
 * @param values element values: String, Integer, Boolean, ... as ASM gives them; class literals as
 *     {@link Value.ClassConst}; enum constants as {@code "NAME"}; arrays as lists; nested
 *     annotations as {@link AnnotationInfo}
 */
public record AnnotationInfo(String type, Map<String, Object> values) {

  public AnnotationInfo {
    type = Sites.interned(type);
    values = Map.copyOf(values);
  }

  /** A class-literal element (or the elements of a class-literal array) as internal names. */
  public List<String> classes(String element) {
    Object v = values.get(element);
    if (v instanceof Value.ClassConst c) {
      return List.of(c.internalName());
    }
    if (v instanceof List<?> list) {
      return list.stream()
          .filter(Value.ClassConst.class::isInstance)
          .map(o -> ((Value.ClassConst) o).internalName())
          .toList();
    }
    return List.of();
  }
}
