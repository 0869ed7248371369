package io.github.isolationaudit.reports.export;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the exports need to know beyond the plan.
 *
 * @param providerClass the fully qualified name of the generated {@code ResourceLocksProvider}
 *     ({@code isolationaudit.PlanLocks}); it needs a package, since test classes in named packages
 *     cannot name a class of the default package
 * @param includesDirectory where the Surefire includes files go, relative to the module's base
 *     directory, with {@code /} separators ({@code isolation-audit/lanes})
 * @param shard the one shard {@code shard-selection} writes (1-based), or 0 for every shard
 * @param plugin the plugin the {@code surefire} export configures
 */
public record ExportOptions(
    String providerClass, String includesDirectory, int shard, TestPlugin plugin) {

  /** The generated provider's name when none is given. */
  public static final String DEFAULT_PROVIDER_CLASS = "isolationaudit.PlanLocks";

  /** Where the includes files go when nothing else is given. */
  public static final String DEFAULT_INCLUDES_DIRECTORY = "isolation-audit/lanes";

  private static final Pattern QUALIFIED_NAME =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)+");

  private static final Pattern RELATIVE_PATH =
      Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  public ExportOptions {
    Objects.requireNonNull(providerClass, "providerClass");
    Objects.requireNonNull(includesDirectory, "includesDirectory");
    Objects.requireNonNull(plugin, "plugin");
    if (!QUALIFIED_NAME.matcher(providerClass).matches()) {
      throw new IllegalArgumentException(
          "not a fully qualified Java class name with a package: '" + providerClass + "'");
    }
    if (!RELATIVE_PATH.matcher(includesDirectory).matches()
        || includesDirectory.equals("..")
        || includesDirectory.startsWith("../")
        || includesDirectory.contains("/../")
        || includesDirectory.endsWith("/..")) {
      throw new IllegalArgumentException(
          "not a relative directory with / separators: '" + includesDirectory + "'");
    }
    if (shard < 0) {
      throw new IllegalArgumentException("shard must be 0 (all) or a 1-based index: " + shard);
    }
  }

  /**
   * The defaults: {@value #DEFAULT_PROVIDER_CLASS}, {@value #DEFAULT_INCLUDES_DIRECTORY}, all
   * shards.
   */
  public static ExportOptions defaults() {
    return new ExportOptions(
        DEFAULT_PROVIDER_CLASS, DEFAULT_INCLUDES_DIRECTORY, 0, TestPlugin.SUREFIRE);
  }

  /** These options with another provider class name. */
  public ExportOptions withProviderClass(String name) {
    return new ExportOptions(name, includesDirectory, shard, plugin);
  }

  /** These options with another directory for includes files. */
  public ExportOptions withIncludesDirectory(String directory) {
    return new ExportOptions(providerClass, directory, shard, plugin);
  }

  /** These options selecting one shard (1-based), or every shard with 0. */
  public ExportOptions withShard(int index) {
    return new ExportOptions(providerClass, includesDirectory, index, plugin);
  }

  /** These options configuring another plugin in the {@code surefire} export. */
  public ExportOptions withPlugin(TestPlugin testPlugin) {
    return new ExportOptions(providerClass, includesDirectory, shard, testPlugin);
  }

  /** The provider's package. */
  public String providerPackage() {
    return providerClass.substring(0, providerClass.lastIndexOf('.'));
  }

  /** The provider's simple name. */
  /**
   * The {@code ClassOrderer} that {@code --emit class-order} writes: {@code PlanOrder} in the
   * provider's package.
   */
  public String ordererClass() {
    return providerPackage() + "." + ordererSimpleName();
  }

  /**
   * The simple name of {@link #ordererClass()}: {@code PlanOrder}, or {@code PlanOrder2} when the
   * provider is itself called {@code PlanOrder}.
   */
  public String ordererSimpleName() {
    return providerSimpleName().equals("PlanOrder") ? "PlanOrder2" : "PlanOrder";
  }

  public String providerSimpleName() {
    return providerClass.substring(providerClass.lastIndexOf('.') + 1);
  }
}
