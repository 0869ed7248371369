package io.github.isolationaudit.analyzer.program;

import java.util.List;

/**
 * One method of a class, with the sites of its body the analysis follows.
 *
 * @param owner internal name of the declaring class
 * @param parameterAnnotations per parameter, its annotations' type names
 * @param returned what every return statement returns, if they agree; else unknown
 * @param line the first line of the body, or 0
 * @param configGuard the configuration key without which the method returns at once, doing nothing
 *     or returning a constant ({@code if (configs.get(KEY) == null) return;} as its first lines),
 *     or empty
 * @param guardedConfig the parameter (0-based) whose configuration the guard looks its key up in,
 *     or -1 (no guard, or a configuration held elsewhere, such as a field)
 * @param switchCases for a static initializer, the entries of the enum switch maps it fills
 *     (javac's synthetic {@code $SwitchMap$} arrays), which tell the constants of an enum switch
 *     elsewhere
 * @param locks the JVM-wide locks the body takes and lets go, line by line
 */
public record MethodInfo(
    String owner,
    String name,
    String descriptor,
    int access,
    List<AnnotationInfo> annotations,
    List<List<String>> parameterAnnotations,
    List<Sites.Call> calls,
    List<Sites.Sink> sinks,
    List<Sites.StaticField> staticFields,
    List<Sites.Lambda> lambdas,
    List<Sites.New> news,
    List<Sites.FieldStore> fieldStores,
    List<Sites.InstanceField> instanceFields,
    Value returned,
    int line,
    String configGuard,
    int guardedConfig,
    List<Sites.SwitchCase> switchCases,
    Sites.LockUse locks) {

  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_ABSTRACT = 0x0400;
  private static final int ACC_PRIVATE = 0x0002;
  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_SYNTHETIC = 0x1000;
  private static final int ACC_BRIDGE = 0x0040;

  public MethodInfo {
    owner = Sites.interned(owner);
    name = Sites.interned(name);
    descriptor = Sites.interned(descriptor);
    configGuard = configGuard == null ? "" : configGuard;
    annotations = List.copyOf(annotations);
    parameterAnnotations = List.copyOf(parameterAnnotations);
    calls = List.copyOf(calls);
    sinks = List.copyOf(sinks);
    staticFields = List.copyOf(staticFields);
    lambdas = List.copyOf(lambdas);
    news = List.copyOf(news);
    fieldStores = List.copyOf(fieldStores);
    instanceFields = List.copyOf(instanceFields);
    switchCases = switchCases == null ? List.of() : List.copyOf(switchCases);
    locks = locks == null ? Sites.LockUse.NONE : locks;
  }

  public boolean isStatic() {
    return (access & ACC_STATIC) != 0;
  }

  /** The descriptors of a method descriptor's parameter types. */
  public static List<String> parameterTypes(String descriptor) {
    List<String> result = new java.util.ArrayList<>();
    int i = 1;
    while (i < descriptor.length() && descriptor.charAt(i) != ')') {
      int start = i;
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      if (descriptor.charAt(i) == 'L') {
        i = descriptor.indexOf(';', i);
      }
      i++;
      result.add(descriptor.substring(start, i));
    }
    return result;
  }

  /**
   * This method with other sinks and, where {@code bodyless}, no calls, lambdas, allocations or
   * stores: a conditional sink's node of its own ({@code CallGraph}).
   */
  public MethodInfo withSinks(List<Sites.Sink> newSinks, boolean bodyless) {
    return new MethodInfo(
        owner,
        name,
        descriptor,
        access,
        annotations,
        parameterAnnotations,
        bodyless ? List.of() : calls,
        newSinks,
        bodyless ? List.of() : staticFields,
        bodyless ? List.of() : lambdas,
        bodyless ? List.of() : news,
        bodyless ? List.of() : fieldStores,
        bodyless ? List.of() : instanceFields,
        bodyless ? Value.UNKNOWN : returned,
        line,
        bodyless ? "" : configGuard,
        bodyless ? -1 : guardedConfig,
        bodyless ? List.of() : switchCases,
        locks);
  }

  /** How many parameters a method descriptor declares (the receiver not counted). */
  public static int parameterCount(String descriptor) {
    int count = 0;
    int i = 1;
    while (i < descriptor.length() && descriptor.charAt(i) != ')') {
      char c = descriptor.charAt(i);
      while (c == '[') {
        c = descriptor.charAt(++i);
      }
      if (c == 'L') {
        i = descriptor.indexOf(';', i);
      }
      i++;
      count++;
    }
    return count;
  }

  public boolean isAbstract() {
    return (access & ACC_ABSTRACT) != 0;
  }

  public boolean isPrivate() {
    return (access & ACC_PRIVATE) != 0;
  }

  public boolean isPublic() {
    return (access & ACC_PUBLIC) != 0;
  }

  public boolean isSynthetic() {
    return (access & (ACC_SYNTHETIC | ACC_BRIDGE)) != 0;
  }

  public boolean isConstructor() {
    return name.equals("<init>");
  }

  /** Whether the method carries an annotation of this type (internal name). */
  public boolean hasAnnotation(String type) {
    return annotation(type) != null;
  }

  /** The annotation of this type, or null. */
  public AnnotationInfo annotation(String type) {
    for (AnnotationInfo a : annotations) {
      if (a.type().equals(type)) {
        return a;
      }
    }
    return null;
  }

  /** {@code owner.name(descriptor)}, as a map key. */
  public String key() {
    return owner + '.' + name + descriptor;
  }

  /**
   * The hash of the method's name alone (owner, name, descriptor): the generated one hashed every
   * site of the body, and methods are map keys on the hot paths. Equal methods still hash alike
   * (equality stays the record's own).
   */
  @Override
  public int hashCode() {
    return (owner.hashCode() * 31 + name.hashCode()) * 31 + descriptor.hashCode();
  }

  @Override
  public String toString() {
    return owner.replace('/', '.') + "." + name + descriptor;
  }
}
