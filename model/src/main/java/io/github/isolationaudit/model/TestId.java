package io.github.isolationaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Identifies a test: the concrete class it runs in, its method name and erased descriptor; the
 * declaring class is kept beside it for inherited tests. Class names are binary names with {@code
 * .} between packages and {@code $} for nested classes.
 */
public record TestId(String className, String methodName, String descriptor, String declaringClass)
    implements Comparable<TestId> {

  public TestId {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(declaringClass, "declaringClass");
    // Interned: otherwise each test of a class has its own copy of the class's name and of its
    // declaring class's (tens of MB at 20,000 test classes).
    className = className.intern();
    methodName = methodName.intern();
    descriptor = descriptor.intern();
    declaringClass = declaringClass.intern();
  }

  /** The human form, {@code com.example.FooTest#bar}. */
  public String display() {
    return className + "#" + methodName;
  }

  /** The human form with parameter types, {@code com.example.FooTest#bar(String, int)}. */
  public String displayWithParameters() {
    return display() + "(" + String.join(", ", parameterTypeNames(descriptor)) + ")";
  }

  /**
   * The top-level class of a class name, binary ({@code a.B$C}) or internal ({@code a/B$C}): the
   * class a runner selects, with its nested classes.
   */
  public static String topLevelClass(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  /** Whether the test is declared in a superclass of the class it runs in. */
  public boolean inherited() {
    return !className.equals(declaringClass);
  }

  @Override
  public int compareTo(TestId o) {
    // The names are interned: equal ones are the same object, and tests of one class (long names
    // that share long prefixes with their neighbours) are compared often in sorted sets.
    int c = className == o.className ? 0 : className.compareTo(o.className);
    if (c == 0) {
      c = methodName == o.methodName ? 0 : methodName.compareTo(o.methodName);
    }
    if (c == 0) {
      c = descriptor == o.descriptor ? 0 : descriptor.compareTo(o.descriptor);
    }
    return c;
  }

  /** Simple names of the parameter types of a method descriptor. */
  static List<String> parameterTypeNames(String descriptor) {
    List<String> names = new ArrayList<>();
    int i = descriptor.indexOf('(') + 1;
    int end = descriptor.indexOf(')');
    while (i > 0 && i < end) {
      int dims = 0;
      while (descriptor.charAt(i) == '[') {
        dims++;
        i++;
      }
      String name;
      char c = descriptor.charAt(i);
      if (c == 'L') {
        int semi = descriptor.indexOf(';', i);
        String internal = descriptor.substring(i + 1, semi);
        name = internal.substring(internal.lastIndexOf('/') + 1).replace('$', '.');
        i = semi + 1;
      } else {
        name = primitiveName(c);
        i++;
      }
      names.add(name + "[]".repeat(dims));
    }
    return names;
  }

  private static String primitiveName(char c) {
    return switch (c) {
      case 'Z' -> "boolean";
      case 'B' -> "byte";
      case 'C' -> "char";
      case 'S' -> "short";
      case 'I' -> "int";
      case 'J' -> "long";
      case 'F' -> "float";
      case 'D' -> "double";
      default -> String.valueOf(c);
    };
  }

  @Override
  public String toString() {
    return display();
  }
}
