package io.github.isolationaudit.reports.export;

import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.model.plan.Plan.Lane;
import io.github.isolationaudit.model.plan.Plan.Shard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Renders an execution plan as files a build uses as they are: JUnit configuration, a lock
 * provider, Surefire executions, source edits, a CI matrix and shard selections.
 *
 * <p>Every method is deterministic: the same plan and options give the same text, byte for byte
 * (sorted, {@code \n} line ends, no dates). Multi-file exports return file names relative to where
 * the files go, with {@code /} separators, sorted.
 */
public final class PlanExports {

  private final ExportOptions options;

  /** Exports with {@link ExportOptions#defaults()}. */
  public PlanExports() {
    this(ExportOptions.defaults());
  }

  public PlanExports(ExportOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options these exports use. */
  public ExportOptions options() {
    return options;
  }

  /**
   * The files of one export, by file name: what {@code --emit NAME} writes.
   *
   * @throws IllegalArgumentException when the plan lacks what the export needs (shards for {@link
   *     Export#GITHUB_MATRIX} and {@link Export#SHARD_SELECTION}, or the selected shard)
   */
  public SortedMap<String, String> files(Export export, Plan plan) {
    SortedMap<String, String> files = new TreeMap<>();
    switch (export) {
      case JUNIT_PROPERTIES ->
          files.put("junit-platform.properties", junitPlatformProperties(plan));
      case LOCKS_PROVIDER -> files.put(locksProviderFileName(), locksProvider(plan));
      case CLASS_ORDER -> files.put(classOrderFileName(), classOrder(plan));
      case SUREFIRE -> files.putAll(surefire(plan));
      case ANNOTATION_EDITS -> files.put("annotation-edits.txt", annotationEdits(plan));
      case GITHUB_MATRIX -> files.put("matrix.json", githubMatrix(plan));
      case SHARD_SELECTION -> {
        if (options.shard() > 0) {
          files.putAll(shardSelection(plan, options.shard()));
        } else {
          requireShards(plan);
          for (Shard shard : plan.shards()) {
            files.putAll(shardSelection(plan, shard.index()));
          }
        }
      }
    }
    return files;
  }

  // ---------------------------------------------------------------- junit-platform.properties

  /**
   * A {@code junit-platform.properties} for the parallel lane: parallel execution on, classes and
   * methods concurrent, a fixed pool of the plan's workers, under a comment header that says what
   * it assumes. Without a parallel lane in the plan, parallel execution is off.
   */
  public String junitPlatformProperties(Plan plan) {
    Lane lane = parallelLane(plan);
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Text.GENERATED).append("; regenerate it rather than edit it.\n");
    out.append("# Goes to src/test/resources/junit-platform.properties.\n");
    if (lane == null) {
      out.append("# The plan has no parallel lane: every test runs one at a time.\n");
      out.append("junit.jupiter.execution.parallel.enabled=false\n");
      return out.toString();
    }
    int workers = Math.max(1, plan.workers());
    out.append("# Runs the lane '")
        .append(oneLine(lane.name()))
        .append("' (")
        .append(lane.classes().size())
        .append(lane.classes().size() == 1 ? " class, " : " classes, ")
        .append(lane.tests().size())
        .append(" tests, ")
        .append(Text.seconds(lane.seconds()))
        .append(" s of tests) on ")
        .append(workers)
        .append(workers == 1 ? " worker" : " workers")
        .append(".\n");
    out.append("# It assumes:\n");
    List<String> others = new ArrayList<>();
    for (Lane other : Text.lanesInRunOrder(plan)) {
      if (other != lane) {
        others.add(oneLine(other.name()));
      }
    }
    if (others.isEmpty()) {
      out.append("# - the plan has no other lane: every test may run in parallel;\n");
    } else {
      out.append("# - the other lanes (")
          .append(String.join(", ", others))
          .append(") run in JVMs of their own, with the\n")
          .append("#   configuration parameters --emit surefire gives each, which override this")
          .append(" file;\n");
    }
    out.append(
            "# - the locks the plan relies on are declared: markers in the sources and the plan's")
        .append(" lock\n")
        .append("#   assignments, through --emit locks-provider or --emit annotation-edits")
        .append(plan.lockAssignments().isEmpty() ? " (this plan has none)" : "")
        .append(";\n");
    out.append("# - the machine has ")
        .append(workers)
        .append(workers == 1 ? " core" : " cores")
        .append(" for the tests (the plan's workers).\n");
    if (!lane.locks().isEmpty()) {
      out.append("# Lock keys the lane's tests hold: ")
          .append(oneLine(String.join(", ", lane.locks())))
          .append(".\n");
    }
    for (Map.Entry<String, String> parameter : parallelParameters(workers).entrySet()) {
      out.append(parameter.getKey()).append('=').append(parameter.getValue()).append('\n');
    }
    if (!plan.classOrder().isEmpty()) {
      out.append("# The plan's class order, longest chain first (--emit class-order writes the")
          .append(" class;\n")
          .append("# without it JUnit logs a warning and keeps its own order).\n");
      out.append("junit.jupiter.testclass.order.default=")
          .append(options.ordererClass())
          .append('\n');
    }
    return out.toString();
  }

  /** The configuration parameters of a parallel lane on some workers, in a fixed order. */
  static Map<String, String> parallelParameters(int workers) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put(
        "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(workers));
    return parameters;
  }

  private static Lane parallelLane(Plan plan) {
    Lane parallel = null;
    for (Lane lane : Text.lanesInRunOrder(plan)) {
      if (lane.mode() == Plan.Mode.PARALLEL) {
        if (lane.jvm() == Plan.Jvm.SHARED) {
          return lane;
        }
        if (parallel == null) {
          parallel = lane;
        }
      }
    }
    return parallel;
  }

  // ---------------------------------------------------------------- ResourceLocksProvider

  /**
   * The Java source of a JUnit 5.12+ {@code ResourceLocksProvider} named by {@link
   * ExportOptions#providerClass()} that returns the plan's lock assignments: class-level ones from
   * {@code provideForClass} and {@code provideForNestedClass}, method-level ones from {@code
   * provideForMethod}, looked up by the test class's binary name and the method's name.
   */
  public String locksProvider(Plan plan) {
    return LocksProviderSource.render(options, LockTable.of(plan.lockAssignments()));
  }

  /**
   * Where the provider's source goes below {@code src/test/java}: {@code
   * isolationaudit/PlanLocks.java}.
   */
  public String locksProviderFileName() {
    return options.providerClass().replace('.', '/') + ".java";
  }

  /**
   * The annotation that enables the provider, with a comment saying where it goes: on a common base
   * class or interface of the test classes, whose subclasses then all use it.
   */
  public String locksProviderAnnotation() {
    return LocksProviderSource.annotation(options);
  }

  // ---------------------------------------------------------------- ClassOrderer

  /**
   * The Java source of a JUnit Jupiter {@code ClassOrderer} named by {@link
   * ExportOptions#ordererClass()} that runs the classes in the plan's {@link Plan#classOrder()}.
   */
  public String classOrder(Plan plan) {
    return ClassOrderSource.render(options, plan.classOrder());
  }

  /** Where the orderer's source goes below {@code src/test/java}. */
  public String classOrderFileName() {
    return options.ordererClass().replace('.', '/') + ".java";
  }

  // ---------------------------------------------------------------- Surefire

  /**
   * A {@code maven-surefire-plugin} snippet ({@code surefire-plugin.xml}), or with {@link
   * TestPlugin#FAILSAFE} a {@code maven-failsafe-plugin} one ({@code failsafe-plugin.xml}), with
   * one execution per lane in run order, and one includes file per lane under {@link
   * ExportOptions#includesDirectory()}.
   */
  public SortedMap<String, String> surefire(Plan plan) {
    return SurefireExecutions.render(plan, options);
  }

  // ---------------------------------------------------------------- annotation edits

  /**
   * The edits that would put the lock assignments in the sources, one a line: {@code File.java:12:
   * add @ResourceLock(value = "key", mode = READ) to method a.B#m}, or {@code a.B#m: add ...} where
   * the plan has no source.
   */
  public String annotationEdits(Plan plan) {
    return AnnotationEdits.render(LockTable.of(plan.lockAssignments()));
  }

  // ---------------------------------------------------------------- shards

  /**
   * A GitHub Actions matrix, {@code {"include":[{"shard":1,...}]}} on one line, for {@code
   * strategy.matrix: ${{ fromJSON(...) }}}.
   *
   * @throws IllegalArgumentException when the plan has no shards
   */
  public String githubMatrix(Plan plan) {
    requireShards(plan);
    return ShardExports.githubMatrix(plan);
  }

  /**
   * What selects one shard: {@code shard-N/includes.txt} (a Surefire includes file), {@code
   * shard-N/surefire-test.txt} (the {@code -Dtest=} value), {@code shard-N/launcher-args.txt} (a
   * console launcher argument file, used as {@code @shard-N/launcher-args.txt}), and {@code
   * shard-N/lanes/LANE.txt}: the shard's part of each lane, to put in place of the {@code surefire}
   * export's includes files on that machine.
   *
   * @param index the shard, 1-based
   * @throws IllegalArgumentException when the plan has no shard of that index
   */
  public SortedMap<String, String> shardSelection(Plan plan, int index) {
    requireShards(plan);
    for (Shard shard : plan.shards()) {
      if (shard.index() == index) {
        return ShardExports.selection(plan, shard);
      }
    }
    StringJoiner indexes = new StringJoiner(", ");
    for (Shard shard : plan.shards()) {
      indexes.add(Integer.toString(shard.index()));
    }
    throw new IllegalArgumentException(
        "the plan has no shard " + index + "; its shards are " + indexes);
  }

  private static void requireShards(Plan plan) {
    if (plan.shards().isEmpty()) {
      throw new IllegalArgumentException(
          "the plan has no shards; make a plan for several machines to export shards");
    }
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
