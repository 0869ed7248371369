package io.github.isolationaudit.cli;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.cache.ScanCache;
import io.github.isolationaudit.model.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every command that scans shares: what to read, with which rules and configuration,
 * and how chatty to be. A command takes them with {@code @Mixin InputOptions input;} and builds its
 * {@link ScanOptions} with {@link #scanOptions}.
 *
 * <p>The {@code PATH...} parameters take every positional parameter. A command with positional
 * parameters of its own before them ({@code explain TEST [PATH...]}) names {@link PathsAfter} as
 * its {@code modelTransformer}, which moves the paths behind them: picocli gives multi-value
 * positional parameters of a mixin no automatic index.
 */
final class InputOptions {

  private static final String PATHS_LABEL = "PATH";

  @Parameters(
      paramLabel = PATHS_LABEL,
      index = "0..*",
      arity = "0..*",
      description =
          "Project code to analyse: a Maven target/ (test-classes and classes), a Gradle build/"
              + " (classes/java/test and main), a class directory, or jars such as x-tests.jar"
              + " and x.jar. Default: ./target")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      description =
          "Libraries (jars or directories) whose calls are matched against the catalog but not followed.")
  List<Path> classpath = new ArrayList<>();

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "A catalog file of your own sinks (YAML, same format as the built-in catalog); repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--sources",
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      description =
          "Source directories or source jars, besides src/test/java next to target/ and x-test-sources.jar next to"
              + " x-tests.jar, which are found automatically; they give markers their lines and stated reasons.")
  List<Path> sources = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The project configuration file (serial tags, custom markers, extra catalogs, accepted findings)."
              + " Without it, the nearest .isolation-audit.yaml above each input, up to the project root,"
              + " or in the working directory is used.")
  Path config;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress messages or problem lines on standard error.")
  boolean quiet;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Keep the scan cache in DIR. Default: $XDG_CACHE_HOME/isolation-audit, else"
              + " ~/.cache/isolation-audit. A scan of an unchanged tree (same content of every input,"
              + " class path entry, source, catalog and configuration file, same options, tool and JDK)"
              + " is answered from it.")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the scan cache.")
  boolean noCache;

  /** The scan cache these flags and the environment ask for; null when it is off. */
  ScanCache cache(CommandSpec spec) {
    Path directory =
        noCache
            ? null
            : cacheDir != null
                ? cacheDir
                : ScanCache.defaultDirectory(IsolationAuditCommand.environment(spec).variables())
                    .orElse(null);
    if (directory == null) {
      return null;
    }
    PrintWriter err = spec.commandLine().getErr();
    return new ScanCache(
        directory,
        notice -> {
          if (!quiet) {
            err.println("isolation-audit: " + notice);
          }
        });
  }

  /**
   * Scans, or answers from the scan cache when it holds this scan: the same result either way.
   *
   * @throws io.github.isolationaudit.rules.CatalogException as {@link IsolationAudit#scan} does
   */
  ScanResult scan(ScanOptions options, CommandSpec spec) {
    ScanCache cache = cache(spec);
    return cache == null ? IsolationAudit.scan(options) : cache.scan(options).result();
  }

  /** The inputs as given, or {@code ./target} when none are. */
  List<Path> inputs() {
    return paths.isEmpty() ? List.of(Path.of("target")) : List.copyOf(paths);
  }

  /**
   * The scan options these flags describe.
   *
   * @param allReads whether every read is reported (a command-specific choice)
   * @param err where progress goes unless {@code -q} was given; null for a command that shows no
   *     progress
   */
  ScanOptions scanOptions(boolean allReads, PrintWriter err) {
    ScanOptions.Progress progress =
        quiet || err == null
            ? ScanOptions.Progress.SILENT
            : message -> err.println("isolation-audit: " + message);
    return new ScanOptions(inputs(), classpath, rules, progress, allReads, sources, config);
  }

  /** Moves the {@code PATH...} parameters behind the command's own positional parameters. */
  static final class PathsAfter implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      PositionalParamSpec paths = null;
      int own = 0;
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (PATHS_LABEL.equals(p.paramLabel())) {
          paths = p;
        } else {
          own++;
        }
      }
      if (paths == null || own == 0) {
        return spec;
      }
      spec.remove(paths);
      spec.addPositional(PositionalParamSpec.builder(paths).index(own + "..*").build());
      return spec;
    }
  }

  /** A catalog or configuration mistake as the command line reports it. */
  String describe(io.github.isolationaudit.rules.CatalogException e) {
    String file = e.file();
    boolean config =
        file.endsWith(io.github.isolationaudit.rules.ProjectConfig.FILE_NAME)
            || this.config != null && file.equals(this.config.toString());
    return (config ? "bad configuration: " : "bad catalog: ") + e.getMessage();
  }
}
