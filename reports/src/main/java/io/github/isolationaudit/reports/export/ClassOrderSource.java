package io.github.isolationaudit.reports.export;

import java.util.List;

/**
 * The Java source of a JUnit Jupiter {@code ClassOrderer} that runs the test classes in the plan's
 * order.
 *
 * <p>What it relies on: {@code junit.jupiter.testclass.order.default} names a {@code ClassOrderer}
 * that Jupiter (5.8+) applies to the top-level classes it discovered; a class the plan does not
 * know (new since the plan) goes last, in the order JUnit gave it, since {@code List.sort} is
 * stable. With parallel execution on, JUnit submits the classes in this order: the ones that decide
 * the wall time start first.
 */
final class ClassOrderSource {

  private ClassOrderSource() {}

  static String render(ExportOptions options, List<String> classOrder) {
    String simpleName = options.ordererSimpleName();
    StringBuilder out = new StringBuilder();
    out.append("// ").append(Text.GENERATED).append("; regenerate it rather than edit it.\n");
    out.append("package ").append(options.providerPackage()).append(";\n\n");
    out.append("import java.util.Comparator;\n");
    out.append("import java.util.HashMap;\n");
    out.append("import java.util.List;\n");
    out.append("import java.util.Map;\n");
    out.append("import org.junit.jupiter.api.ClassDescriptor;\n");
    out.append("import org.junit.jupiter.api.ClassOrderer;\n");
    out.append("import org.junit.jupiter.api.ClassOrdererContext;\n\n");
    out.append("/**\n");
    out.append(
        " * Runs the test classes in the plan's order: the longest chain first (a class that\n");
    out.append(
        " * holds a lock counts the classes that lock serializes), then the longest class.\n");
    out.append(" *\n");
    out.append(" * <p>Put this file under {@code src/test/java/")
        .append(options.ordererClass().replace('.', '/'))
        .append(".java} and set\n");
    out.append(" * {@code junit.jupiter.testclass.order.default=")
        .append(options.ordererClass())
        .append("} in\n");
    out.append(
        " * {@code junit-platform.properties} (--emit junit-properties does). Classes the\n");
    out.append(" * plan does not know run last, in JUnit's order.\n");
    out.append(" */\n");
    out.append("public final class ").append(simpleName).append(" implements ClassOrderer {\n\n");
    out.append("  private static final List<String> ORDER =\n");
    if (classOrder.isEmpty()) {
      out.append("      List.of();\n\n");
    } else {
      out.append("      List.of(");
      for (int i = 0; i < classOrder.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n");
        out.append("          \"").append(Text.javaString(classOrder.get(i))).append('"');
      }
      out.append(");\n\n");
    }
    out.append("  private static final Map<String, Integer> RANK = new HashMap<>();\n\n");
    out.append("  static {\n");
    out.append("    for (int i = 0; i < ORDER.size(); i++) {\n");
    out.append("      RANK.put(ORDER.get(i), i);\n");
    out.append("    }\n");
    out.append("  }\n\n");
    out.append("  @Override\n");
    out.append("  public void orderClasses(ClassOrdererContext context) {\n");
    out.append("    context\n");
    out.append("        .getClassDescriptors()\n");
    out.append("        .sort(\n");
    out.append("            Comparator.comparingInt(\n");
    out.append("                (ClassDescriptor d) ->\n");
    out.append(
        "                    RANK.getOrDefault(d.getTestClass().getName(), Integer.MAX_VALUE)));\n");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }
}
