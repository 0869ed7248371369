package io.github.isolationaudit.analyzer.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One class as read from its class file.
 *
 * @param name internal name ({@code com/example/FooTest$Inner})
 * @param superName internal name of the superclass, or null for {@code java/lang/Object}
 * @param sourceFile the source path relative to a source root, or empty
 * @param outerClass for an inner class (static or not), its enclosing class; else null
 * @param innerNonStatic whether instances need an enclosing instance
 * @param library whether the class came from {@code --classpath}: matched, never followed
 * @param origin the input the class file came from, for problem entries
 */
public record ClassInfo(
    String name,
    int access,
    String superName,
    List<String> interfaces,
    String sourceFile,
    List<AnnotationInfo> annotations,
    List<FieldInfo> fields,
    List<MethodInfo> methods,
    String outerClass,
    boolean innerNonStatic,
    boolean library,
    String origin) {

  public ClassInfo {
    interfaces = List.copyOf(interfaces);
    annotations = List.copyOf(annotations);
    fields = List.copyOf(fields);
    methods = List.copyOf(methods);
  }

  public boolean isInterface() {
    return (access & 0x0200) != 0;
  }

  public boolean isAbstract() {
    return (access & 0x0400) != 0;
  }

  public boolean isAnnotation() {
    return (access & 0x2000) != 0;
  }

  public boolean isPublic() {
    return (access & 0x0001) != 0;
  }

  /** The binary name, {@code com.example.FooTest$Inner}. */
  public String binaryName() {
    return name.replace('/', '.');
  }

  /** Whether the class carries an annotation of this type. */
  public boolean hasAnnotation(String type) {
    return annotation(type) != null;
  }

  public AnnotationInfo annotation(String type) {
    for (AnnotationInfo a : annotations) {
      if (a.type().equals(type)) {
        return a;
      }
    }
    return null;
  }

  /** The method declared here with this name and descriptor, or null. */
  public MethodInfo method(String methodName, String descriptor) {
    for (MethodInfo m : methods) {
      if (m.name().equals(methodName) && m.descriptor().equals(descriptor)) {
        return m;
      }
    }
    return null;
  }

  /** The field declared here with this name, or null. */
  public FieldInfo field(String fieldName) {
    for (FieldInfo f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    return null;
  }

  /** Methods by name and descriptor. */
  public Map<String, MethodInfo> methodsBySignature() {
    Map<String, MethodInfo> map = new LinkedHashMap<>();
    for (MethodInfo m : methods) {
      map.put(m.name() + m.descriptor(), m);
    }
    return map;
  }
}
