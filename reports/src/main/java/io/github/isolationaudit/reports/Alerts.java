package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.SourcePaths;
import io.github.isolationaudit.model.TestId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts of a scan result under a rule configuration, most severe first: what SARIF reports,
 * baselines record and the gate counts. Rules that are off raise none; REQUIRED markers raise none.
 */
public final class Alerts {

  /** Most severe first, then by rule, then by what they name. */
  public static final Comparator<Alert> ORDER =
      Comparator.comparing(Alert::level)
          .thenComparing(Alert::rule)
          .thenComparing(Alert::label)
          .thenComparing(Alert::fingerprint);

  /** The most tests a label names before it gives a count. */
  private static final int LABEL_TESTS = 3;

  private Alerts() {}

  /** Every alert of the result, most severe first. */
  public static List<Alert> of(ScanResult result, RuleSettings settings) {
    TestNames names = TestNames.of(result);
    Map<TestId, Footprint> footprints = new HashMap<>();
    for (Footprint f : result.footprints()) {
      footprints.putIfAbsent(f.test().id(), f);
    }
    List<Alert> alerts = new ArrayList<>();
    for (Finding finding : result.findings()) {
      RuleLevel level = settings.levelOf(finding);
      if (level != RuleLevel.OFF) {
        alerts.add(alert(finding, level, names, footprints, result.sourcePaths()));
      }
    }
    // Repeated annotations on one element (two @ResourceLock on a method) share an identity: only
    // those add their locks to it, so every other fingerprint stays what it was.
    Map<String, Integer> identities = new HashMap<>();
    result.markers().forEach(v -> identities.merge(markerIdentity(v.marker()), 1, Integer::sum));
    for (MarkerVerdict verdict : result.markers()) {
      Optional<ReportRule> rule = ReportRule.of(verdict.verdict());
      if (rule.isPresent() && settings.levelOf(rule.get()) != RuleLevel.OFF) {
        String identity = markerIdentity(verdict.marker());
        if (identities.get(identity) > 1) {
          identity +=
              "|"
                  + String.join(
                      ",",
                      verdict.marker().locks().stream()
                          .map(l -> l.key() + ":" + l.mode())
                          .sorted()
                          .toList());
        }
        alerts.add(
            alert(
                verdict,
                rule.get(),
                settings.levelOf(rule.get()),
                names,
                result.sourcePaths(),
                identity));
      }
    }
    alerts.sort(ORDER);
    return List.copyOf(alerts);
  }

  private static Alert alert(
      Finding finding,
      RuleLevel level,
      TestNames names,
      Map<TestId, Footprint> footprints,
      SourcePaths paths) {
    ReportRule rule = ReportRule.of(finding);
    List<TestId> tests = ReportOrder.sorted(finding.tests(), ReportOrder.TESTS);
    List<String> parts = new ArrayList<>();
    parts.add(rule.id());
    parts.add(finding.resourceName());
    parts.add(finding.key().kind() + ":" + finding.key().value());
    if (finding.key().isEntry()) {
      // One entry of a map: findings on two entries of one field are two alerts.
      parts.add("entry:" + finding.key().entry().kind() + ":" + finding.key().entry().value());
    }
    for (TestId t : tests) {
      parts.add(stableName(t));
    }
    String marker = "";
    if (finding.marker() != null) {
      marker = finding.marker().display();
      parts.add(markerIdentity(finding.marker()));
    }
    List<String> testNames = tests.stream().map(names::name).toList();
    String label =
        finding.resourceName()
            + " "
            + finding.key().value()
            + ": "
            + String.join(", ", testNames.subList(0, Math.min(LABEL_TESTS, testNames.size())))
            + (finding.testCount() > LABEL_TESTS
                ? " and " + (finding.testCount() - LABEL_TESTS) + " more"
                : "");
    Place place = place(finding, tests, footprints, paths);
    return new Alert(
        rule,
        level,
        fingerprint(parts),
        label,
        sentence(finding.reason(), finding.recommendation()),
        place.file,
        place.located,
        place.line,
        finding.acceptance(),
        finding.live(),
        testNames,
        finding.resourceName(),
        finding.key().value(),
        marker,
        finding.edits());
  }

  private static Alert alert(
      MarkerVerdict verdict,
      ReportRule rule,
      RuleLevel level,
      TestNames names,
      SourcePaths paths,
      String identity) {
    Marker marker = verdict.marker();
    String label = verdict.verdict() + " " + marker.display();
    Place place = place(marker, paths);
    return new Alert(
        rule,
        level,
        fingerprint(List.of(rule.id(), identity)),
        label,
        sentence(verdict.reason(), verdict.recommendation()),
        place.file,
        place.located,
        place.line,
        null,
        false,
        verdict.partners().stream().sorted(ReportOrder.TESTS).map(names::name).toList(),
        "",
        "",
        marker.display(),
        verdict.edits());
  }

  /** The reason, then the edit: one message. */
  private static String sentence(String reason, String recommendation) {
    if (recommendation.isBlank()) {
      return reason;
    }
    return reason
        + " "
        + Character.toUpperCase(recommendation.charAt(0))
        + recommendation.substring(1);
  }

  /** A test as fingerprints name it: class, method and descriptor, whatever reports show. */
  private static String stableName(TestId test) {
    return test.className() + "#" + test.methodName() + test.descriptor();
  }

  /** A marker by what it is and where it sits: one annotation can be several markers (via). */
  private static String markerIdentity(Marker marker) {
    return marker.annotation()
        + "|"
        + marker.effect()
        + "|"
        + marker.via()
        + "|"
        + marker.tag()
        + "@"
        + marker.className()
        + (marker.onClass() ? "" : "#" + marker.methodName() + marker.descriptor());
  }

  /** The first 32 hex digits of the SHA-256 of the parts, each ended by a line feed. */
  static String fingerprint(List<String> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private record Place(String file, boolean located, int line) {}

  /**
   * Where a finding is shown: its marker for an INSUFFICIENT one; else the line in the first
   * writing test (or the first test) where its chain to the resource starts.
   */
  private static Place place(
      Finding finding, List<TestId> tests, Map<TestId, Footprint> footprints, SourcePaths paths) {
    if (finding.marker() != null && finding.marker().location() != null) {
      return place(finding.marker(), paths);
    }
    EvidenceStep best = null;
    boolean bestWrites = false;
    for (TestId test : tests) {
      Footprint footprint = footprints.get(test);
      if (footprint == null) {
        continue;
      }
      for (Access access : ReportOrder.sorted(footprint.accesses(), ReportOrder.ACCESSES)) {
        if (!access.resourceName().equals(finding.resourceName())
            || !access.key().overlaps(finding.key())) {
          continue;
        }
        EvidenceStep first = access.evidence().step();
        boolean writes = access.mode() == AccessMode.WRITE;
        if (!first.sourceFile().isEmpty() && (best == null || writes && !bestWrites)) {
          best = first;
          bestWrites = writes;
        }
      }
      if (bestWrites) {
        break;
      }
    }
    if (best != null) {
      return new Place(paths.of(best.sourceFile()), paths.located(best.sourceFile()), best.line());
    }
    if (finding.marker() != null) {
      return place(finding.marker(), paths);
    }
    return classPlace(tests.isEmpty() ? "" : tests.get(0).className(), paths);
  }

  private static Place place(Marker marker, SourcePaths paths) {
    if (marker.location() != null) {
      String file = marker.location().file();
      return new Place(paths.of(file), paths.located(file), marker.location().line());
    }
    return classPlace(marker.className(), paths);
  }

  private static Place classPlace(String className, SourcePaths paths) {
    Optional<String> located = paths.ofClass(className);
    if (located.isPresent()) {
      return new Place(located.get(), true, 0);
    }
    return new Place(TestId.topLevelClass(className).replace('.', '/') + ".java", false, 0);
  }
}
