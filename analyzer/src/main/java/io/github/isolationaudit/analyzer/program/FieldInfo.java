package io.github.isolationaudit.analyzer.program;

import java.util.List;

/**
 * A field declaration.
 *
 * @param constant the ConstantValue attribute of a static final field, or null
 */
public record FieldInfo(
    String name, String descriptor, int access, List<AnnotationInfo> annotations, Object constant) {

  public FieldInfo {
    annotations = List.copyOf(annotations);
  }

  public boolean isStatic() {
    return (access & 0x0008) != 0;
  }

  public boolean isFinal() {
    return (access & 0x0010) != 0;
  }

  public boolean isSynthetic() {
    return (access & 0x1000) != 0;
  }

  public boolean hasAnnotation(String type) {
    for (AnnotationInfo a : annotations) {
      if (a.type().equals(type)) {
        return true;
      }
    }
    return false;
  }
}
