package io.github.isolationaudit.analyzer;

import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.conflict.ConflictFinder;
import io.github.isolationaudit.analyzer.discovery.ClassFile;
import io.github.isolationaudit.analyzer.discovery.InputResolver;
import io.github.isolationaudit.analyzer.discovery.InputSet;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.discovery.TestDiscovery;
import io.github.isolationaudit.analyzer.footprint.FootprintAnalysis;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.source.CodeAcceptances;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.ScanSummary;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.ProjectConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The library entry point: scans compiled tests and reports, for every test, the shared resources
 * it touches and the conflicts between tests. Nothing under audit is loaded or run.
 */
public final class IsolationAudit {
  private IsolationAudit() {}

  /**
   * Scans the inputs.
   *
   * @throws io.github.isolationaudit.rules.CatalogException when a user catalog cannot be used
   */
  public static ScanResult scan(ScanOptions options) {
    return scan(options, Runtime.getRuntime().availableProcessors());
  }

  /** A scan whose footprints are computed on this many threads: the result is the same. */
  static ScanResult scan(ScanOptions options, int threads) {
    ScanOptions.Progress progress = options.progress();
    List<Problem> configProblems = new ArrayList<>();
    ProjectConfig config = projectConfig(options, configProblems);
    if (config.present()) {
      progress.report("using the configuration in " + config.file());
    }
    Catalog catalog = config.catalog(options.userCatalogs());

    InputSet inputs = new InputResolver().read(options.inputs(), options.classpath());
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>(inputs.problems()));
    problems.addAll(configProblems);
    long projectFiles = inputs.classFiles().stream().filter(f -> !f.library()).count();
    progress.report(
        "reading " + projectFiles + " class files from " + inputs.elements().size() + " inputs");

    List<ClassInfo> classes = parseAll(inputs.classFiles(), catalog, problems);
    List<io.github.isolationaudit.analyzer.discovery.TextResource> resources = inputs.resources();
    // The class files' bytes are not needed past here. A method that runs once stays interpreted,
    // and an interpreted frame keeps its dead locals reachable: dropped by hand, or the bytes stay
    // in memory until the report is made.
    inputs = null;
    Program program =
        new Program(
            classes, new io.github.isolationaudit.analyzer.bytecode.JdkSignatures()::methods);

    program.useLoggers(
        io.github.isolationaudit.analyzer.program.ProjectLoggers.of(
            program, firstByName(resources)));
    List<TestClass> testClasses = new TestDiscovery(program).discover();
    int testCount = testClasses.stream().mapToInt(t -> t.tests().size()).sum();
    progress.report("found " + testCount + " tests in " + testClasses.size() + " test classes");

    // The constant writes read only the program: made beside the footprints, on the core their
    // single-threaded phases (call graph, summaries) leave free.
    java.util.concurrent.FutureTask<io.github.isolationaudit.analyzer.footprint.ConstantWrites>
        constantWrites =
            new java.util.concurrent.FutureTask<>(
                () ->
                    io.github.isolationaudit.analyzer.footprint.ConstantWrites.of(
                        program, catalog, testClasses));
    Thread beside = null;
    if (threads > 1) {
      beside = new Thread(constantWrites, "constant-writes");
      beside.setDaemon(true);
      beside.start();
    } else {
      constantWrites.run();
    }
    FootprintAnalysis analysis = new FootprintAnalysis(program, catalog, threads);
    List<Footprint> footprints = analysis.analyse(testClasses);
    progress.report("computed footprints");
    var configuration =
        io.github.isolationaudit.analyzer.config.BuildConfigurationReader.read(resources);
    problems.addAll(configuration.problems());
    List<Path> sourceRoots =
        io.github.isolationaudit.analyzer.source.SourceRoots.find(
            InputResolver.inPathOrder(options.inputs()).stream()
                .map(p -> p.toAbsolutePath().normalize())
                .toList(),
            options.sources());
    // One index for the markers' lines, the acceptances and the edits' lines: a file the three
    // need is read and parsed once.
    io.github.isolationaudit.analyzer.source.SourceIndex sourceIndex =
        sourceRoots.isEmpty()
            ? null
            : io.github.isolationaudit.analyzer.source.SourceIndex.open(sourceRoots);
    var markerDiscovery =
        new io.github.isolationaudit.analyzer.marker.MarkerDiscovery(program, catalog);
    List<io.github.isolationaudit.analyzer.marker.MarkerScope> markerScopes =
        locate(markerDiscovery.discover(testClasses), sourceRoots, sourceIndex, problems, progress);
    problems.addAll(markerDiscovery.problems());
    // Set-up annotations (@SetSystemProperty, @DefaultLocale ...) write what they set around their
    // tests: accesses of their own, before the conflicts are grouped.
    var setups = new io.github.isolationaudit.analyzer.marker.SetupAccesses(program, markerScopes);
    footprints = setups.addTo(footprints);
    java.util.Set<Access> oncePerClass =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    oncePerClass.addAll(analysis.oncePerClass());
    oncePerClass.addAll(setups.oncePerClass());
    List<Conflict> conflicts =
        new ConflictFinder(oncePerClass)
            .withClassWide(analysis.classWide())
            .withOneInvocation(analysis.oneInvocation())
            .withHeldLocks(program)
            .withConstantWrites(done(constantWrites, beside))
            .find(footprints);
    java.util.Set<String> testClassNames = new java.util.HashSet<>();
    for (TestClass tc : testClasses) {
      testClassNames.add(tc.type().binaryName());
      program.superclasses(tc.type().name()).forEach(c -> testClassNames.add(c.binaryName()));
    }
    var judged =
        new io.github.isolationaudit.analyzer.verdict.VerdictEngine(
                configuration.configuration(), footprints, conflicts, markerScopes, testClassNames)
            .withOutsideCalls(analysis.outsideCalls())
            .withStaticContextFields(
                io.github.isolationaudit.analyzer.program.StaticContextFields.of(
                    program, testClassNames))
            .withOncePerClass(oncePerClass)
            .judge();
    java.util.Set<io.github.isolationaudit.model.TestId> disabled = new java.util.HashSet<>();
    for (Footprint f : footprints) {
      if (f.test().disabled()) {
        disabled.add(f.test().id());
      }
    }
    judged =
        io.github.isolationaudit.analyzer.verdict.MarkerCaveats.review(
            markerScopes, disabled, judged);
    judged = io.github.isolationaudit.analyzer.verdict.Coverage.of(markerScopes, judged);
    List<io.github.isolationaudit.model.MarkerCoverage> coverage =
        io.github.isolationaudit.analyzer.verdict.Coverage.schedule(markerScopes);
    progress.report(
        "judged "
            + judged.verdicts().size()
            + " markers; "
            + judged.findings().size()
            + " findings");
    List<io.github.isolationaudit.model.Finding> findings = judged.findings();
    if (!config.accepts().isEmpty() || !sourceRoots.isEmpty()) {
      var inCode =
          sourceRoots.isEmpty()
              ? new CodeAcceptances(List.of(), List.of())
              : sourceIndex.acceptances();
      problems.addAll(inCode.problems());
      var accepted =
          new FindingAcceptance(config, inCode.acceptances(), footprints, conflicts)
              .apply(findings);
      findings = accepted.findings();
      problems.addAll(accepted.problems());
    }
    int fullCount = footprints.stream().mapToInt(f -> f.accesses().size()).sum();
    if (!options.allReads()) {
      footprints = new ReadFilter(footprints).withoutUnwrittenReads();
    }
    int readsOmitted = fullCount - footprints.stream().mapToInt(f -> f.accesses().size()).sum();

    Map<String, Integer> byEngine = new TreeMap<>();
    Map<String, Integer> byResource = new TreeMap<>();
    for (Footprint f : footprints) {
      byEngine.merge(f.test().engine().name(), 1, Integer::sum);
      for (Access a : f.accesses()) {
        byResource.merge(a.resourceName(), 1, Integer::sum);
      }
    }
    int definite =
        (int) conflicts.stream().filter(c -> c.certainty() == Certainty.DEFINITE).count();
    ScanSummary summary =
        new ScanSummary(
            (int) projectFiles,
            testClasses.size(),
            footprints.size(),
            byEngine,
            byResource,
            definite,
            conflicts.size() - definite,
            readsOmitted);
    // Distinct: a source root's problem is met by the marker lookup and the acceptances alike.
    List<Problem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    Collections.sort(sorted);
    List<String> shown =
        InputResolver.inPathOrder(options.inputs()).stream().map(Path::toString).toList();
    java.util.Set<String> sourceFiles = new java.util.TreeSet<>();
    for (ClassInfo c : classes) {
      if (!c.library() && !c.sourceFile().isEmpty()) {
        sourceFiles.add(c.sourceFile());
      }
    }
    io.github.isolationaudit.model.SourcePaths sourcePaths =
        io.github.isolationaudit.analyzer.source.ProjectPaths.locate(
            sourceRoots, sourceFiles, Path.of(""));
    // Edits were planned on classes and methods; now they get their files and lines.
    List<io.github.isolationaudit.model.Edit> edits = new ArrayList<>();
    findings.forEach(f -> edits.addAll(f.edits()));
    judged.verdicts().forEach(v -> edits.addAll(v.edits()));
    var placement =
        io.github.isolationaudit.analyzer.advice.EditPlacement.of(
            edits, sourceIndex, program, sourcePaths);
    List<io.github.isolationaudit.model.Finding> placedFindings =
        findings.stream()
            .map(f -> f.edits().isEmpty() ? f : f.withEdits(placement.place(f.edits())))
            .toList();
    List<io.github.isolationaudit.model.MarkerVerdict> placedVerdicts =
        judged.verdicts().stream()
            .map(v -> v.edits().isEmpty() ? v : v.withEdits(placement.place(v.edits())))
            .toList();
    return new ScanResult(
        shown,
        summary,
        footprints,
        conflicts,
        sorted,
        configuration.configuration(),
        placedVerdicts,
        placedFindings,
        sourcePaths,
        coverage);
  }

  /**
   * The value of a task that ran beside the scan (on {@code thread}, or null where it ran on this
   * one), its failure thrown as the scan's own. A thread that died without completing the task (an
   * error thrown while recording another) fails the scan rather than leaving it waiting.
   */
  private static <T> T done(java.util.concurrent.FutureTask<T> task, Thread thread) {
    try {
      if (thread != null) {
        thread.join();
        if (!task.isDone()) {
          throw new OutOfMemoryError(
              "the thread computing constant writes ended without finishing");
        }
      }
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + task, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * The project configuration a scan with these options uses: the file named by the options, or
   * else the first one found next to the inputs or in the working directory.
   *
   * @throws io.github.isolationaudit.rules.CatalogException when the file has a mistake
   */
  public static ProjectConfig configuration(ScanOptions options) {
    return projectConfig(options, new ArrayList<>());
  }

  /**
   * The configuration named by the options, or else the one found next to the inputs or in the
   * working directory; several found: the first is used and the others are named as problems.
   */
  private static ProjectConfig projectConfig(ScanOptions options, List<Problem> problems) {
    if (options.config() != null) {
      return ProjectConfig.load(options.config(), options.config().toString());
    }
    Path here = Path.of("").toAbsolutePath();
    List<Path> found = ProjectConfig.find(options.inputs(), here);
    if (found.isEmpty()) {
      return ProjectConfig.none();
    }
    for (Path other : found.subList(1, found.size())) {
      problems.add(
          new Problem(
              Problem.Kind.CONFIGURATION,
              shown(other, here),
              "not used: "
                  + shown(found.get(0), here)
                  + " was found first; name the one to use with --config"));
    }
    return ProjectConfig.loadFound(found.get(0), shown(found.get(0), here));
  }

  /** A found file as reports name it: relative to the working directory when it is below it. */
  private static String shown(Path file, Path workingDirectory) {
    return file.startsWith(workingDirectory)
        ? workingDirectory.relativize(file).toString().replace(java.io.File.separatorChar, '/')
        : file.toString();
  }

  /** Gives markers their source lines and stated reasons, where sources are found. */
  private static List<io.github.isolationaudit.analyzer.marker.MarkerScope> locate(
      List<io.github.isolationaudit.analyzer.marker.MarkerScope> scopes,
      List<Path> roots,
      io.github.isolationaudit.analyzer.source.SourceIndex index,
      List<Problem> problems,
      ScanOptions.Progress progress) {
    if (roots.isEmpty() || scopes.isEmpty()) {
      return scopes;
    }
    progress.report(
        "reading the sources of "
            + scopes.size()
            + " markers from "
            + roots.size()
            + " source roots");
    java.util.Map<
            io.github.isolationaudit.analyzer.marker.MarkerScope,
            io.github.isolationaudit.analyzer.source.SourceIndex.Query>
        queries = new java.util.LinkedHashMap<>();
    for (var s : scopes) {
      queries.put(
          s,
          new io.github.isolationaudit.analyzer.source.SourceIndex.Query(
              s.marker().className(), s.marker().methodName(), s.marker().annotation()));
    }
    var lookup = index.locate(new ArrayList<>(new java.util.LinkedHashSet<>(queries.values())));
    problems.addAll(lookup.problems());
    List<io.github.isolationaudit.analyzer.marker.MarkerScope> located = new ArrayList<>();
    for (var s : scopes) {
      var where = lookup.found().get(queries.get(s));
      located.add(
          where == null ? s : s.withMarker(s.marker().at(where.location(), where.statedReason())));
    }
    return located;
  }

  /** The content of each resource by its name at a class-path root; the first found wins. */
  private static Map<String, byte[]> firstByName(
      List<io.github.isolationaudit.analyzer.discovery.TextResource> resources) {
    Map<String, byte[]> byName = new java.util.HashMap<>();
    for (var r : resources) {
      byName.putIfAbsent(r.name(), r.bytes());
    }
    return byName;
  }

  /**
   * The classes of the class files, parsed in parallel and kept in the resolver's order (inputs by
   * path, then the class path): when two inputs hold the same class, the first wins and the other
   * is named as a problem. The parser (and the library methods it indexed) ends here.
   */
  private static List<ClassInfo> parseAll(
      List<ClassFile> files, Catalog catalog, List<Problem> problems) {
    ClassFileParser parser =
        new ClassFileParser(
            catalog, io.github.isolationaudit.analyzer.bytecode.InheritedLibraryMethods.of(files));
    ClassInfo[] parsed = new ClassInfo[files.size()];
    java.util.stream.IntStream.range(0, files.size())
        .parallel()
        .forEach(i -> parsed[i] = parse(parser, files.get(i), problems));
    List<ClassInfo> classes = new ArrayList<>();
    Map<String, ClassInfo> projectClasses = new java.util.HashMap<>();
    for (ClassInfo c : parsed) {
      if (c != null) {
        ClassInfo first = c.library() ? null : projectClasses.putIfAbsent(c.name(), c);
        if (first != null) {
          problems.add(
              new Problem(
                  Problem.Kind.DUPLICATE_CLASS,
                  c.origin(),
                  "the same class as " + first.origin() + ", which is analysed instead"));
        }
        classes.add(c);
      }
    }
    return classes;
  }

  private static ClassInfo parse(ClassFileParser parser, ClassFile f, List<Problem> problems) {
    try {
      return parser.parse(f.bytes(), f.library(), f.path());
    } catch (ClassFileParser.UnreadableClassException e) {
      problems.add(
          new Problem(
              e.unsupportedVersion()
                  ? Problem.Kind.UNSUPPORTED_CLASS_VERSION
                  : Problem.Kind.CORRUPT_CLASS,
              f.path(),
              e.getMessage()));
    } catch (RuntimeException e) {
      // One class the analyzer cannot follow must not cost the user the rest of the report.
      problems.add(
          new Problem(Problem.Kind.INCOMPLETE_ANALYSIS, f.path(), "could not be analysed: " + e));
    } catch (StackOverflowError e) {
      // Nesting deeper than the stack: this class's problem, not the scan's.
      problems.add(
          new Problem(
              Problem.Kind.INCOMPLETE_ANALYSIS,
              f.path(),
              "could not be analysed: nested too deeply (stack overflow)"));
    }
    return null;
  }
}
