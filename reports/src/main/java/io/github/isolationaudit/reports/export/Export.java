package io.github.isolationaudit.reports.export;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The files an execution plan can be exported as, by the names the CLI offers as {@code --emit
 * NAME}.
 *
 * <ul>
 *   <li>{@code junit-properties}: {@code junit-platform.properties} that runs the parallel lane in
 *       parallel on the plan's workers.
 *   <li>{@code locks-provider}: the Java source of a JUnit {@code ResourceLocksProvider} that hands
 *       out the plan's lock assignments, to be enabled by one {@code @ResourceLock(providers =
 *       ...)} on a common base class.
 *   <li>{@code class-order}: the Java source of a JUnit {@code ClassOrderer} that runs the classes
 *       in the plan's order, named by {@code junit.jupiter.testclass.order.default} in the {@code
 *       junit-properties} export.
 *   <li>{@code surefire}: a {@code maven-surefire-plugin} snippet with one execution per lane, and
 *       one includes file per lane.
 *   <li>{@code annotation-edits}: the {@code @ResourceLock} annotations that would encode the lock
 *       assignments in the sources, one edit a line.
 *   <li>{@code github-matrix}: a GitHub Actions {@code strategy.matrix} as JSON, one entry a shard.
 *   <li>{@code shard-selection}: for each shard, a Surefire includes file, the {@code -Dtest=}
 *       value and a console launcher argument file.
 * </ul>
 */
public enum Export {
  /** {@code junit-platform.properties} for the parallel lane. */
  JUNIT_PROPERTIES("junit-properties"),
  /** A {@code ResourceLocksProvider} holding the plan's lock assignments, as Java source. */
  LOCKS_PROVIDER("locks-provider"),
  /** A {@code ClassOrderer} that runs the classes in the plan's order, as Java source. */
  CLASS_ORDER("class-order"),
  /** A Surefire plugin snippet with one execution per lane, and the lanes' includes files. */
  SUREFIRE("surefire"),
  /** The {@code @ResourceLock} edits that encode the lock assignments in the sources. */
  ANNOTATION_EDITS("annotation-edits"),
  /** A GitHub Actions matrix with one entry per shard. */
  GITHUB_MATRIX("github-matrix"),
  /** Per shard: a Surefire includes file, the {@code -Dtest=} value, launcher arguments. */
  SHARD_SELECTION("shard-selection");

  private final String cliName;

  Export(String cliName) {
    this.cliName = cliName;
  }

  /** The name users type after {@code --emit}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The export of a name as users type it ({@code surefire}, {@code GitHub-Matrix}), ignoring case.
   *
   * @throws IllegalArgumentException when no export has that name
   */
  public static Export fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Export export : values()) {
      if (export.cliName.equals(wanted)) {
        return export;
      }
    }
    throw new IllegalArgumentException("unknown export '" + name + "'; expected one of " + names());
  }

  /** The names of all exports, comma-separated, in declaration order. */
  public static String names() {
    StringJoiner joiner = new StringJoiner(", ");
    for (Export export : values()) {
      joiner.add(export.cliName);
    }
    return joiner.toString();
  }

  @Override
  public String toString() {
    return cliName;
  }
}
