package io.github.isolationaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} needs of the last full scan: each test's accesses, the findings and the marker
 * verdicts. Made from the scan cache's result of the working directory's last scan, or from a JSON
 * report (schema versions 1 and 2), so the check's rules are written once.
 *
 * @param source where it came from, for messages
 */
record LastScan(
    String source, List<TestAccesses> tests, List<Judged> findings, List<JudgedMarker> markers) {

  LastScan {
    tests = List.copyOf(tests);
    findings = List.copyOf(findings);
    markers = List.copyOf(markers);
  }

  /** A test and what it touches. */
  record TestAccesses(String id, String className, List<Touch> accesses) {
    TestAccesses {
      accesses = List.copyOf(accesses);
    }
  }

  /**
   * One access, reduced to what decides a definite conflict.
   *
   * @param exact whether the key is known exactly
   * @param high whether the access is of high sensitivity (a rare implicit read is not)
   * @param shared whether its scope is shared (per-test and per-class values meet no other class)
   */
  record Touch(
      String resource, String key, AccessMode mode, boolean exact, boolean high, boolean shared) {}

  /**
   * A finding of the last scan.
   *
   * @param insufficient INSUFFICIENT rather than UNPROTECTED
   * @param tests the tests it names (a sample when {@code sampled})
   */
  record Judged(
      boolean insufficient,
      String resource,
      String key,
      List<String> tests,
      boolean sampled,
      boolean accepted,
      String reason,
      String recommendation) {
    Judged {
      tests = List.copyOf(tests);
    }
  }

  /** A marker's verdict in the last scan. */
  record JudgedMarker(
      String annotation,
      String className,
      String methodName,
      Verdict verdict,
      String reason,
      String recommendation) {}

  /** The last scan as the scan cache keeps it. */
  static LastScan of(ScanResult result, String source) {
    List<TestAccesses> tests = new ArrayList<>();
    for (Footprint f : result.footprints()) {
      List<Touch> touches = new ArrayList<>();
      for (Access a : f.accesses()) {
        touches.add(
            new Touch(
                a.resourceName(),
                a.key().value(),
                a.mode(),
                a.key().kind() == Key.Kind.EXACT,
                a.sensitivity() == Sensitivity.HIGH,
                a.scope() == Scope.SHARED));
      }
      TestId id = f.test().id();
      tests.add(new TestAccesses(id.display(), id.className(), touches));
    }
    List<Judged> findings = new ArrayList<>();
    for (Finding f : result.findings()) {
      findings.add(
          new Judged(
              f.kind() == Finding.Kind.INSUFFICIENT,
              f.resource() == io.github.isolationaudit.model.ResourceKind.CUSTOM
                      && !f.customKind().isEmpty()
                  ? f.customKind()
                  : f.resource().name(),
              f.key().value(),
              f.tests().stream().map(TestId::display).toList(),
              f.testCount() > f.tests().size(),
              f.accepted(),
              f.reason(),
              f.recommendation()));
    }
    List<JudgedMarker> markers = new ArrayList<>();
    for (MarkerVerdict v : result.markers()) {
      markers.add(
          new JudgedMarker(
              v.marker().annotation(),
              v.marker().className(),
              v.marker().methodName(),
              v.verdict(),
              v.reason(),
              v.recommendation()));
    }
    return new LastScan(source, tests, findings, markers);
  }

  /**
   * The last scan as a JSON report gives it; empty when the document is no report of {@code
   * isolation-audit scan}. Version 2 lists accesses once, at the top, and a test's accesses by
   * their ids; version 1 wrote them in each test.
   */
  static Optional<LastScan> of(JsonNode report, String source) {
    if (report == null || !report.path("tests").isArray()) {
      return Optional.empty();
    }
    Map<Integer, JsonNode> shared = new HashMap<>();
    for (JsonNode a : report.path("accesses")) {
      shared.put(a.path("id").asInt(), a);
    }
    List<TestAccesses> tests = new ArrayList<>();
    for (JsonNode test : report.path("tests")) {
      List<Touch> touches = new ArrayList<>();
      for (JsonNode use : test.path("accesses")) {
        JsonNode a = use.has("access") ? shared.get(use.path("access").asInt()) : use;
        if (a == null) {
          continue;
        }
        touches.add(
            new Touch(
                a.path("resource").asText(),
                a.path("key").asText(),
                a.path("mode").asText().equals("WRITE") ? AccessMode.WRITE : AccessMode.READ,
                a.path("keyKind").asText().equals("EXACT"),
                a.path("sensitivity").asText("HIGH").equals("HIGH"),
                a.path("scope").asText().equals("SHARED")));
      }
      tests.add(new TestAccesses(test.path("id").asText(), test.path("class").asText(), touches));
    }
    List<Judged> findings = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      List<String> names = new ArrayList<>();
      f.path("tests").forEach(t -> names.add(t.asText()));
      findings.add(
          new Judged(
              f.path("kind").asText().equals("INSUFFICIENT"),
              f.path("resource").asText(),
              f.path("key").asText(),
              names,
              f.path("testCount").asInt() > names.size(),
              f.path("accepted").asBoolean(),
              f.path("reason").asText(),
              f.path("recommendation").asText()));
    }
    List<JudgedMarker> markers = new ArrayList<>();
    for (JsonNode m : report.path("markers")) {
      Verdict verdict;
      try {
        verdict = Verdict.valueOf(m.path("verdict").asText());
      } catch (IllegalArgumentException e) {
        continue;
      }
      markers.add(
          new JudgedMarker(
              m.path("annotation").asText(),
              m.path("class").asText(),
              m.path("method").asText(),
              verdict,
              m.path("reason").asText(),
              m.path("recommendation").asText()));
    }
    return Optional.of(new LastScan(source, tests, findings, markers));
  }
}
