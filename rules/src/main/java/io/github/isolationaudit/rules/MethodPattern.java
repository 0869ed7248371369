package io.github.isolationaudit.rules;

import java.util.Objects;

/**
 * A method named as {@code java.lang.System#setProperty(java.lang.String,java.lang.String)}; a
 * pattern without parentheses (or with {@code (**)}) matches every overload.
 *
 * @param owner internal name of the declaring class ({@code java/lang/System})
 * @param parameters the parameter part of the descriptor ({@code (Ljava/lang/String;)}), or empty
 *     for any overload
 */
public record MethodPattern(String owner, String name, String parameters) {

  public MethodPattern {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** Parses the forbiddenapis-style signature form. */
  public static MethodPattern parse(String signature) {
    String s = signature.strip();
    int hash = s.indexOf('#');
    if (hash <= 0 || hash == s.length() - 1) {
      throw new IllegalArgumentException("a method is written as owner#name or owner#name(types)");
    }
    String owner = s.substring(0, hash);
    String rest = s.substring(hash + 1);
    int paren = rest.indexOf('(');
    String name = paren < 0 ? rest : rest.substring(0, paren);
    if (!isJavaName(owner, true) || !(name.equals("<init>") || isJavaName(name, false))) {
      throw new IllegalArgumentException(
          "not a Java class and method name (owner#name, such as java.lang.System#setProperty)");
    }
    String parameters = "";
    if (paren >= 0) {
      if (!rest.endsWith(")")) {
        throw new IllegalArgumentException("the parameter types lack their closing ')'");
      }
      String inner = rest.substring(paren + 1, rest.length() - 1).strip();
      if (!inner.equals("**")) {
        StringBuilder d = new StringBuilder("(");
        if (!inner.isEmpty()) {
          for (String type : inner.split(",")) {
            d.append(descriptorOf(type.strip(), signature));
          }
        }
        parameters = d.append(')').toString();
      }
    }
    return new MethodPattern(owner.replace('.', '/'), name, parameters);
  }

  /** Whether a call to {@code owner.name(desc)} in bytecode is this method. */
  public boolean matches(String callOwner, String callName, String descriptor) {
    return owner.equals(callOwner)
        && name.equals(callName)
        && (parameters.isEmpty() || descriptor.startsWith(parameters));
  }

  private static String descriptorOf(String type, String signature) {
    int dims = 0;
    int end = type.length();
    // Counted in place: cutting a copy per "[]" would take quadratic time on a long run of them.
    while (true) {
      while (end > 0 && Character.isWhitespace(type.charAt(end - 1))) {
        end--;
      }
      if (end >= 2 && type.charAt(end - 1) == ']' && type.charAt(end - 2) == '[') {
        dims++;
        end -= 2;
      } else {
        break;
      }
    }
    if (type.startsWith("...", Math.max(0, end - 3)) && end >= 3) {
      dims++;
      end -= 3;
    }
    if (dims > 255) {
      throw new IllegalArgumentException("an array type has at most 255 dimensions");
    }
    String t = type.substring(0, end).strip();
    String base =
        switch (t) {
          case "boolean" -> "Z";
          case "byte" -> "B";
          case "char" -> "C";
          case "short" -> "S";
          case "int" -> "I";
          case "long" -> "J";
          case "float" -> "F";
          case "double" -> "D";
          default -> {
            if (!isJavaName(t, true)) {
              throw new IllegalArgumentException(
                  "not a parameter type (a primitive or a qualified class name, with [] for"
                      + " arrays)");
            }
            yield "L" + t.replace('.', '/') + ";";
          }
        };
    return "[".repeat(dims) + base;
  }

  private static boolean isJavaName(String s, boolean qualified) {
    if (s.isEmpty()) {
      return false;
    }
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (qualified && (c == '.' || c == '$')) {
        if (start) {
          return false;
        }
        start = true;
      } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
        start = false;
      } else {
        return false;
      }
    }
    return !start;
  }

  /** The signature form this pattern was parsed from, with internal names. */
  @Override
  public String toString() {
    return owner.replace('/', '.') + "#" + name + parameters;
  }
}
