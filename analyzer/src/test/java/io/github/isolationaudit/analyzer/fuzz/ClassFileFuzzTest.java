package io.github.isolationaudit.analyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.bytecode.JdkSignatures;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.discovery.TestDiscovery;
import io.github.isolationaudit.analyzer.footprint.FootprintAnalysis;
import io.github.isolationaudit.analyzer.marker.MarkerDiscovery;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a class file are read into a class or rejected with an {@link
 * ClassFileParser.UnreadableClassException} (which the scan turns into a problem entry), and a
 * class that is read goes through test discovery, marker discovery and footprints without an
 * exception. Nothing else may escape: no other exception, no {@link Error}, no hang (the time
 * bound).
 *
 * <p>In every build this replays the committed inputs in {@code ClassFileFuzzTestInputs/}: fixture
 * class files, a few class files of real suites and the reproducers of crashes found. {@code
 * scripts/fuzz.sh} fuzzes it.
 */
class ClassFileFuzzTest {
  private static final Catalog CATALOG = CatalogLoader.builtIn();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void classFile(byte[] bytes) {
    ClassFileParser parser = new ClassFileParser(CATALOG);
    ClassInfo project;
    try {
      project = parser.parse(bytes, false, "fuzzed/Fuzzed.class");
    } catch (ClassFileParser.UnreadableClassException e) {
      requireMessage(e);
      // What cannot be read as project code may still be read as a library's declarations.
      try {
        parser.parse(bytes, true, "fuzzed/Fuzzed.class");
      } catch (ClassFileParser.UnreadableClassException again) {
        requireMessage(again);
      }
      return;
    }
    Program program = new Program(List.of(project), new JdkSignatures()::methods);
    List<TestClass> tests = new TestDiscovery(program).discover();
    new MarkerDiscovery(program, CATALOG).discover(tests);
    new FootprintAnalysis(program, CATALOG).analyse(tests);
  }

  private static void requireMessage(Exception e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("a rejected class file must say why", e);
    }
  }
}
