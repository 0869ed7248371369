package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.marker.MarkerScope;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tempers verdicts with what the scan could not see about a marker. The verdict engine judges a
 * marker by what removing it would change in the execution model; some markers hide part of what
 * they do from a static scan, and their verdicts must say so:
 *
 * <ul>
 *   <li>a marker nothing acts on ({@code @DirtiesContext} on a class that is no Spring test, a
 *       {@code target = CHILDREN} lock that JUnit rejects on a method) is LEGACY;
 *   <li>Spring's {@code @DirtiesContext} keeps no tests apart in time; it resets state held in the
 *       application context's beans, which footprints see only in part. Its verdict is never more
 *       than DEFENSIVE and never more than LOW confidence;
 *   <li>TestNG's {@code priority} keeps nothing apart under parallel execution;
 *   <li>a lock computed by a {@code ResourceLocksProvider} whose bytecode could not be read is
 *       unknown: whatever the verdict, its confidence is LOW, and it is never LEGACY for naming
 *       nothing.
 * </ul>
 */
public final class MarkerCaveats {
  private MarkerCaveats() {}

  /** The verdicts, tempered by the caveats of their markers' scopes. */
  public static VerdictEngine.Result review(
      List<MarkerScope> scopes, Set<TestId> disabled, VerdictEngine.Result judged) {
    Map<Marker, MarkerScope> byMarker = new HashMap<>();
    for (MarkerScope s : scopes) {
      byMarker.putIfAbsent(s.marker(), s);
    }
    List<MarkerVerdict> out = new ArrayList<>();
    for (MarkerVerdict v : judged.verdicts()) {
      MarkerScope s = byMarker.get(v.marker());
      out.add(s == null ? v : review(s, disabled, v));
    }
    return new VerdictEngine.Result(out, judged.findings());
  }

  private static MarkerVerdict review(MarkerScope s, Set<TestId> disabled, MarkerVerdict v) {
    Marker m = v.marker();
    boolean runs = s.tests().stream().anyMatch(t -> !disabled.contains(t));
    if (v.verdict() == Verdict.LEGACY && !runs) {
      // On no running test: dead, whatever else it hides.
      return v;
    }
    if (s.honoured() == Tristate.FALSE) {
      List<io.github.isolationaudit.model.Edit> edits =
          m.effect() == MarkerEffect.LOCKS
              ? List.of(
                  new io.github.isolationaudit.model.Edit(
                      io.github.isolationaudit.model.Edit.Action.MANUAL,
                      m.location() == null ? "" : m.location().file(),
                      m.location() == null ? 0 : m.location().line(),
                      m.className(),
                      m.methodName(),
                      VerdictWording.dropChildrenTarget(),
                      List.of()))
              : List.of(VerdictEngine.removal(m));
      return verdict(
          new Judgement.NotHonoured(m, s.caveat()), Confidence.HIGH, "", List.of(), edits);
    }
    if (m.effect() == MarkerEffect.FRESH_CONTEXT) {
      return freshContext(s, v);
    }
    if (m.effect() == MarkerEffect.ORDERS
        && m.family().equals("testng")
        && s.runsAfter().isEmpty()
        && v.verdict() != Verdict.LEGACY) {
      return unordered(v);
    }
    if (s.caveat().isEmpty()) {
      return v;
    }
    String note = VerdictWording.caveatNote(s.caveat(), v.confidenceNote());
    if (v.verdict() == Verdict.LEGACY) {
      // "It names nothing its tests touch" cannot be said of locks that could not be read.
      return verdict(
          new Judgement.UnreadLocksNameNothing(m), Confidence.LOW, note, v.partners(), List.of());
    }
    String advice =
        v.verdict() == Verdict.DEFENSIVE
            ? VerdictWording.notOnThisScanAlone(m)
            : v.recommendation();
    return new MarkerVerdict(
            m,
            v.verdict(),
            v.reason(),
            Confidence.LOW,
            note,
            advice,
            v.partners(),
            v.verdict() == Verdict.DEFENSIVE ? List.of() : v.edits())
        .withCause(v.cause());
  }

  /**
   * {@code @DirtiesContext} closes the test's application context so the next test that needs one
   * builds it again: it keeps no two tests from overlapping in time, and what it guards against (a
   * bean's state changed by one test and seen by the next) lives in objects the footprints see only
   * in part. Spring itself advises against running such tests in parallel.
   */
  private static MarkerVerdict freshContext(MarkerScope s, MarkerVerdict v) {
    return verdict(
        new Judgement.FreshContext(v.marker(), s.caveat()),
        Confidence.LOW,
        null,
        v.partners(),
        List.of());
  }

  /**
   * TestNG's {@code priority} (or a dependency that names no test scanned) adds no edge to TestNG's
   * graph: it only sorts the methods free to run, so under parallel execution it keeps nothing
   * apart, and the verdict engine's "kept apart by the partners" does not apply.
   */
  private static MarkerVerdict unordered(MarkerVerdict v) {
    return verdict(
        new Judgement.Unordered(v.marker()), Confidence.MEDIUM, null, v.partners(), List.of());
  }

  /**
   * The verdict of a caveat's judgement, worded by {@link VerdictWording}.
   *
   * @param note the confidence note, or null for the judgement's own
   */
  private static MarkerVerdict verdict(
      Judgement j,
      Confidence c,
      String note,
      List<io.github.isolationaudit.model.TestId> partners,
      List<io.github.isolationaudit.model.Edit> edits) {
    VerdictWording.Words words = VerdictWording.of(j);
    return new MarkerVerdict(
            j.marker(),
            j.verdict(),
            words.reason(),
            c,
            note == null ? words.note() : note,
            words.recommendation(),
            partners,
            edits)
        .withCause(j.cause());
  }
}
