package io.github.isolationaudit.analyzer.program;

/**
 * JDK methods that change an object handed to them as an argument, in place: {@code
 * Arrays.sort(a)}, {@code Collections.shuffle(l)}, the destination of {@code System.arraycopy}. A
 * static field's array or list handed to one is changed as if a mutator had been called on it.
 */
public final class ArgumentMutators {
  private ArgumentMutators() {}

  /** Which argument the method (owner as an internal name) changes in place, or -1. */
  public static int changedArgument(String owner, String name) {
    return switch (owner) {
      case "java/util/Arrays" ->
          switch (name) {
            case "sort", "parallelSort", "fill", "setAll", "parallelSetAll", "parallelPrefix" -> 0;
            default -> -1;
          };
      case "java/util/Collections" ->
          switch (name) {
            case "sort", "shuffle", "reverse", "swap", "fill", "rotate", "addAll", "copy" -> 0;
            default -> -1;
          };
      case "java/lang/System" -> name.equals("arraycopy") ? 2 : -1;
      default -> -1;
    };
  }
}
