package io.github.isolationaudit.rules;

/**
 * A field named as {@code java.lang.System#out}.
 *
 * @param owner internal name of the declaring class
 */
public record FieldPattern(String owner, String name) {

  /** Parses {@code owner#field}. */
  public static FieldPattern parse(String signature) {
    int hash = signature.indexOf('#');
    if (hash <= 0 || hash == signature.length() - 1 || signature.indexOf('(') >= 0) {
      throw new IllegalArgumentException("a field is written as owner#name");
    }
    return new FieldPattern(
        signature.substring(0, hash).strip().replace('.', '/'),
        signature.substring(hash + 1).strip());
  }

  @Override
  public String toString() {
    return owner.replace('/', '.') + "#" + name;
  }
}
