package io.github.isolationaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.ScanResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The footprints are computed per test class on several threads: the report must not show it. */
class ThreadsTest {
  @Test
  void aScanOnOneThreadEqualsAScanOnFour() {
    ScanOptions options =
        ScanOptions.of(Path.of(System.getProperty("fixtures.classes"))).withAllReads();
    ScanResult one = IsolationAudit.scan(options, 1);
    ScanResult four = IsolationAudit.scan(options, 4);
    assertThat(one.footprints()).hasSizeGreaterThan(100);
    assertThat(four.footprints()).isEqualTo(one.footprints());
    assertThat(four).isEqualTo(one);
  }
}
