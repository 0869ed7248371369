package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.TestId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The one order every renderer lists things in. Each comparator is total over the fields a report
 * shows, so that the same result always renders to the same bytes whatever order the analyzer
 * produced it in.
 */
final class ReportOrder {

  static final Comparator<TestId> TESTS =
      Comparator.<TestId>naturalOrder().thenComparing(TestId::declaringClass);

  static final Comparator<Key> KEYS = Comparator.comparing(Key::value).thenComparing(Key::kind);

  static final Comparator<EvidenceStep> STEPS =
      Comparator.comparing(EvidenceStep::className)
          .thenComparing(EvidenceStep::methodName)
          .thenComparing(EvidenceStep::sourceFile)
          .thenComparingInt(EvidenceStep::line);

  /** Resource, key, mode, scope, then the chain from its first step; the rest breaks ties. */
  static final Comparator<Access> ACCESSES =
      Comparator.comparing(Access::resourceName)
          .thenComparing(Access::key, KEYS)
          .thenComparing(Access::mode)
          .thenComparing(Access::scope)
          .thenComparing(a -> a.evidence().steps(), lexicographic(STEPS))
          .thenComparing(Access::sinkId)
          .thenComparing(Access::reach)
          .thenComparing(Access::confidence)
          .thenComparing(Access::sensitivity)
          .thenComparing(Access::note)
          .thenComparing(Access::resource);

  static final Comparator<Footprint> FOOTPRINTS =
      Comparator.comparing(Footprint::test, (a, b) -> TESTS.compare(a.id(), b.id()));

  /** Definite conflicts first, then by resource and key; the rest breaks ties. */
  static final Comparator<Conflict> CONFLICTS =
      Comparator.comparing(Conflict::certainty)
          .thenComparing(Conflict::resourceName)
          .thenComparing(Conflict::key, KEYS)
          .thenComparing(Conflict::reach)
          .thenComparing(Conflict::scope)
          .thenComparing(c -> sorted(c.writers(), TESTS), lexicographic(TESTS))
          .thenComparing(c -> sorted(c.readers(), TESTS), lexicographic(TESTS))
          .thenComparingInt(Conflict::possibleReaders)
          .thenComparing(Conflict::reason)
          .thenComparing(Conflict::resource);

  static final Comparator<SourceLocation> LOCATIONS =
      Comparator.comparing(SourceLocation::file).thenComparingInt(SourceLocation::line);

  /** Class, method, annotation; the rest breaks ties (a marker without source comes first). */
  static final Comparator<Marker> MARKERS =
      Comparator.comparing(Marker::className)
          .thenComparing(Marker::methodName)
          .thenComparing(Marker::annotation)
          .thenComparing(Marker::descriptor)
          .thenComparing(Marker::location, Comparator.nullsFirst(LOCATIONS))
          .thenComparing(Marker::family)
          .thenComparing(Marker::effect)
          .thenComparing(
              m -> sorted(m.locks(), Comparator.<Lock>naturalOrder()),
              lexicographic(Comparator.<Lock>naturalOrder()))
          .thenComparing(Marker::tag)
          .thenComparing(Marker::via)
          .thenComparing(Marker::statedReason);

  static final Comparator<MarkerVerdict> MARKER_VERDICTS =
      Comparator.comparing(MarkerVerdict::marker, MARKERS)
          .thenComparing(MarkerVerdict::verdict)
          .thenComparing(MarkerVerdict::confidence)
          .thenComparing(MarkerVerdict::reason)
          .thenComparing(MarkerVerdict::confidenceNote)
          .thenComparing(MarkerVerdict::recommendation)
          .thenComparing(v -> sorted(v.partners(), TESTS), lexicographic(TESTS));

  /** Kind, resource, key, then the tests from the first; the rest breaks ties. */
  static final Comparator<Finding> FINDINGS =
      Comparator.comparing(Finding::kind)
          .thenComparing(ReportOrder::resourceName)
          .thenComparing(Finding::key, KEYS)
          .thenComparing(f -> sorted(f.tests(), TESTS), lexicographic(TESTS))
          .thenComparingInt(Finding::testCount)
          .thenComparing(Finding::marker, Comparator.nullsFirst(MARKERS))
          .thenComparing(Finding::live)
          .thenComparing(Finding::reason)
          .thenComparing(Finding::recommendation)
          .thenComparing(Finding::resource);

  static final Comparator<Problem> PROBLEMS =
      Comparator.<Problem>naturalOrder().thenComparing(Problem::kind);

  private ReportOrder() {}

  /** The resource name as reports show it: the kind, or the user's name for a custom kind. */
  static String resourceName(Finding finding) {
    return finding.resource() == ResourceKind.CUSTOM && !finding.customKind().isEmpty()
        ? finding.customKind()
        : finding.resource().name();
  }

  static <T> List<T> sorted(Collection<T> items, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return copy;
  }

  static <T> Comparator<List<T>> lexicographic(Comparator<? super T> order) {
    return (a, b) -> {
      int n = Math.min(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        int c = order.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    };
  }
}
