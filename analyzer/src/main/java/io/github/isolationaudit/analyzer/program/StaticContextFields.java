package io.github.isolationaudit.analyzer.program;

import java.util.HashSet;
import java.util.Set;

/**
 * The static fields of test classes that code without a test instance uses: a static method, a
 * static nested class (a deserializer or callback handler the code under test makes by its class
 * name), another class. Such a field cannot simply become an instance field of the test: the code
 * that uses it has no test to read it from, and the change would not compile.
 *
 * <p>Code of the owning class and its subclasses with a {@code this} may use it: instance methods
 * and constructors, inner (non-static) classes, lambdas in instance methods; and the owner's static
 * initializer, whose assignment becomes the field's initializer.
 */
public final class StaticContextFields {
  private StaticContextFields() {}

  /**
   * The fields (as {@code a.b.Owner.name}, the owner's binary name) among those of these classes
   * that code without a test instance reads or writes.
   *
   * @param owners binary names of the classes whose static fields matter (the test classes)
   */
  public static Set<String> of(Program program, Set<String> owners) {
    Set<String> tied = new HashSet<>();
    for (ClassInfo c : program.classes()) {
      if (c.library()) {
        continue;
      }
      for (MethodInfo m : c.methods()) {
        for (Sites.StaticField f : m.staticFields()) {
          String owner = f.owner().replace('/', '.');
          if (!owners.contains(owner)) {
            continue;
          }
          if (!withInstance(program, c, m, f.owner())) {
            tied.add(owner + '.' + f.name());
          }
        }
      }
    }
    return tied;
  }

  /** Whether a method using a static field of {@code owner} runs with an instance of it at hand. */
  private static boolean withInstance(Program program, ClassInfo c, MethodInfo m, String owner) {
    if (m.name().equals("<clinit>")) {
      return c.name().equals(owner);
    }
    if (m.isStatic()) {
      // A lambda's body is static where it captures nothing; written in an instance method of the
      // class, it would capture this once the field is an instance field.
      MethodInfo in = m.isSynthetic() && m.name().startsWith("lambda$") ? enclosing(c, m) : null;
      return in != null && withInstance(program, c, in, owner);
    }
    ClassInfo k = c;
    while (k != null) {
      if (k.name().equals(owner) || program.isSubtype(k.name(), owner)) {
        return true;
      }
      // An inner class reaches its enclosing instance's fields.
      k = k.innerNonStatic() && k.outerClass() != null ? program.get(k.outerClass()) : null;
    }
    return false;
  }

  /**
   * The method with an instance that a lambda body {@code lambda$name$n} was written in ({@code
   * new}: a constructor), or null when the class has none of that name.
   */
  private static MethodInfo enclosing(ClassInfo c, MethodInfo lambda) {
    String rest = lambda.name().substring("lambda$".length());
    int end = rest.lastIndexOf('$');
    String name = end < 0 ? rest : rest.substring(0, end);
    String method = name.equals("new") ? "<init>" : name;
    for (MethodInfo m : c.methods()) {
      if (m.name().equals(method) && !m.isStatic()) {
        return m;
      }
    }
    return null;
  }
}
