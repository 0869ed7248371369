package io.github.isolationaudit.reports.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java source of a {@code ResourceLocksProvider} that holds lock assignments as table data.
 *
 * <p>How JUnit Jupiter (5.12+) asks a provider, which the generated class relies on: the engine
 * finds {@code @ResourceLock} with {@code findRepeatableAnnotations}, which looks through
 * superclasses and interfaces because the annotation is {@code @Inherited}; so one annotation on a
 * common base class gives every test class below it the provider. It then calls {@code
 * provideForClass(testClass)} for a top-level class, {@code provideForNestedClass(enclosing,
 * testClass)} for a {@code @Nested} class, and {@code provideForMethod(enclosing, testClass,
 * method)} for each test method, with the concrete test class even for inherited methods; the
 * providers of enclosing classes are asked for the nested class and its methods too. A lock a
 * provider returns twice counts once.
 */
final class LocksProviderSource {

  private LocksProviderSource() {}

  static String annotation(ExportOptions options) {
    return "// On a common base class (or interface) of the test classes. JUnit finds @ResourceLock on\n"
        + "// superclasses and interfaces, so the tests of every class below it get the provider's"
        + " locks.\n"
        + "// import org.junit.jupiter.api.parallel.ResourceLock;\n"
        + "@ResourceLock(providers = "
        + options.providerClass()
        + ".class)\n";
  }

  static String render(ExportOptions options, LockTable table) {
    String simpleName = options.providerSimpleName();
    StringBuilder out = new StringBuilder();
    out.append("// ").append(Text.GENERATED).append("; regenerate it rather than edit it.\n");
    out.append("package ").append(options.providerPackage()).append(";\n\n");
    out.append("import java.lang.reflect.Method;\n");
    out.append("import java.util.HashMap;\n");
    out.append("import java.util.HashSet;\n");
    out.append("import java.util.List;\n");
    out.append("import java.util.Map;\n");
    out.append("import java.util.Set;\n");
    out.append("import org.junit.jupiter.api.parallel.ResourceAccessMode;\n");
    out.append("import org.junit.jupiter.api.parallel.ResourceLocksProvider;\n\n");
    out.append("/**\n");
    out.append(
        " * The locks that let the plan's tests run in its parallel lane (JUnit 5.12 or newer).\n");
    out.append(" *\n");
    out.append(" * <p>Put this file under {@code src/test/java/")
        .append(options.providerClass().replace('.', '/'))
        .append(".java} and annotate a common\n");
    out.append(" * base class (or interface) of the test classes with\n");
    out.append(" * {@code @ResourceLock(providers = ")
        .append(simpleName)
        .append(".class)}. JUnit finds the annotation on\n");
    out.append(
        " * superclasses and interfaces, so every test class below it asks this provider;\n");
    out.append(" * locks are looked up by the test class's binary name, and method locks by the\n");
    out.append(" * method's name (overloads share them).\n");
    out.append(" */\n");
    out.append("public final class ")
        .append(simpleName)
        .append(" implements ResourceLocksProvider {\n\n");
    out.append("  private static final Map<String, Set<Lock>> CLASS_LOCKS = new HashMap<>();\n");
    out.append("  private static final Map<String, Set<Lock>> METHOD_LOCKS = new HashMap<>();\n\n");
    List<String> fillers = new ArrayList<>();
    StringBuilder methods = new StringBuilder();
    appendTable(methods, fillers, "CLASS_LOCKS", table.byClass());
    appendTable(methods, fillers, "METHOD_LOCKS", table.byMethod());
    out.append("  static {\n");
    for (String filler : fillers) {
      out.append("    ").append(filler).append("();\n");
    }
    out.append("  }\n\n");
    out.append(methods);
    out.append("  @Override\n");
    out.append("  public Set<Lock> provideForClass(Class<?> testClass) {\n");
    out.append("    return CLASS_LOCKS.getOrDefault(testClass.getName(), Set.of());\n");
    out.append("  }\n\n");
    out.append("  @Override\n");
    out.append("  public Set<Lock> provideForNestedClass(\n");
    out.append("      List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {\n");
    out.append("    return CLASS_LOCKS.getOrDefault(testClass.getName(), Set.of());\n");
    out.append("  }\n\n");
    out.append("  @Override\n");
    out.append("  public Set<Lock> provideForMethod(\n");
    out.append(
        "      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {\n");
    out.append("    return METHOD_LOCKS.getOrDefault(\n");
    out.append("        testClass.getName() + \"#\" + testMethod.getName(), Set.of());\n");
    out.append("  }\n\n");
    out.append("  private static void add(\n");
    out.append(
        "      Map<String, Set<Lock>> table, String target, String key, ResourceAccessMode mode) {\n");
    out.append(
        "    table.computeIfAbsent(target, t -> new HashSet<>()).add(new Lock(key, mode));\n");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }

  /**
   * One statement per lock, in methods of at most {@link #PER_METHOD} statements: javac compiles
   * statements in linear time (one {@code Map.ofEntries} expression of a thousand generic calls
   * took it minutes), and no method reaches the class file's 64 KB limit.
   */
  private static void appendTable(
      StringBuilder out,
      List<String> fillers,
      String name,
      Map<String, List<LockTable.Entry>> groups) {
    int count = 0;
    for (Map.Entry<String, List<LockTable.Entry>> group : groups.entrySet()) {
      for (LockTable.Entry entry : group.getValue()) {
        if (count % PER_METHOD == 0) {
          if (count > 0) {
            out.append("  }\n\n");
          }
          String filler = "fill" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
          filler = filler.replace("_locks", "Locks") + (count / PER_METHOD + 1);
          fillers.add(filler);
          out.append("  private static void ").append(filler).append("() {\n");
        }
        out.append("    add(")
            .append(name)
            .append(", \"")
            .append(Text.javaString(group.getKey()))
            .append("\", \"")
            .append(Text.javaString(entry.key()))
            .append("\", ResourceAccessMode.")
            .append(entry.readOnly() ? "READ" : "READ_WRITE")
            .append(");\n");
        count++;
      }
    }
    if (count > 0) {
      out.append("  }\n\n");
    }
  }

  /** Statements per generated method: about 20 bytes of bytecode each, far below 64 KB. */
  static final int PER_METHOD = 1000;
}
