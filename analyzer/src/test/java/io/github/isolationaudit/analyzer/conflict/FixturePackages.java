package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A scan of one fixtures package alone, for the tests of one fixture family each. */
final class FixturePackages {
  private FixturePackages() {}

  /** Scans the package's compiled fixtures (under the {@code fixtures.classes} directory). */
  static ScanResult scan(String pkg) {
    return IsolationAudit.scan(ScanOptions.of(directory(pkg)));
  }

  /** The package's directory of compiled fixtures, or a failure that says what is missing. */
  static Path directory(String pkg) {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    Path root = Path.of(property).toAbsolutePath().normalize();
    Path dir = root.resolve(pkg.replace('.', '/'));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no fixtures of " + pkg + " under " + root);
    }
    return dir;
  }

  /** The tests as {@code Class#method}, the package left out, sorted. */
  static List<String> names(String pkg, List<TestId> tests) {
    return tests.stream()
        .map(t -> t.className().replace(pkg + ".", "") + "#" + t.methodName())
        .sorted()
        .toList();
  }
}
