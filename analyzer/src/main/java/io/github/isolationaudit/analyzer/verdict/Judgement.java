package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.advice.MechanicalFix;
import io.github.isolationaudit.analyzer.marker.Setup;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.model.VerdictCause;
import java.util.List;
import java.util.Objects;

/**
 * Why a marker got its verdict, as data: what the verdict engine (and {@link MarkerCaveats})
 * decided and the facts the decision rests on. {@link VerdictWording} turns it into the reason,
 * confidence note and recommendation people read; nothing else writes those sentences.
 */
sealed interface Judgement {
  /** The marker judged. */
  Marker marker();

  /** The verdict it earns. */
  Verdict verdict();

  /** The judgement behind the verdict, as JSON's {@code cause} names it. */
  VerdictCause cause();

  /** A mechanical fix that makes a conflict per test, at the place of one of its writes. */
  record FixAt(MechanicalFix fix, String place) {
    public FixAt {
      Objects.requireNonNull(fix, "fix");
      Objects.requireNonNull(place, "place");
    }
  }

  // ---- LEGACY: nothing acts on it --------------------------------------------------------------

  /** Why nothing acts on a marker. */
  sealed interface Dead {}

  /** TestNG's deprecated {@code sequential} attribute, which the engine ignores. */
  record IgnoredByEngine() implements Dead {}

  /** jcip's {@code @NotThreadSafe} on tests that Jupiter or TestNG run. */
  record JcipIgnored() implements Dead {}

  /** It sits on a class that runs no test. */
  record NoTests() implements Dead {}

  /** It sits only on disabled tests. */
  record OnlyDisabled() implements Dead {}

  /** A serial tag that the build configuration found runs in no group apart. */
  record TagNotRunApart(List<String> sources, String tag) implements Dead {
    public TagNotRunApart {
      sources = List.copyOf(sources);
    }
  }

  /** A lock whose keys name resource kinds its tests no longer touch (in the order named). */
  record NamesUntouched(List<ResourceKind> named) implements Dead {
    public NamesUntouched {
      named = List.copyOf(named);
    }
  }

  /** LEGACY: dead (an engine ignores it, no running test, nothing it names is touched). */
  record NotInEffect(Marker marker, Dead dead) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.LEGACY;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.NOT_IN_EFFECT;
    }
  }

  /** LEGACY: a set-up annotation beside it already holds its lock. */
  record HeldBySetup(Marker marker, Marker setup) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.LEGACY;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.HELD_BY_SETUP;
    }
  }

  /** LEGACY: an enclosing marker already covers every test it covers. */
  record CoveredByEnclosing(Marker marker, Conflict first, Marker enclosing) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.LEGACY;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.COVERED_BY_ENCLOSING;
    }
  }

  /**
   * LEGACY: nothing reads it where it sits (a {@code target = CHILDREN} lock on a method, a Spring
   * annotation on a class that is no Spring test).
   *
   * @param caveat what the marker discovery found, as it words it
   */
  record NotHonoured(Marker marker, String caveat) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.LEGACY;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.NOT_IN_EFFECT;
    }
  }

  // ---- REQUIRED and FIXABLE: it keeps a conflict apart -----------------------------------------

  /**
   * REQUIRED: a set-up annotation is its tests' input.
   *
   * @param first the first conflict on what it sets, null when no other test touches it
   * @param touched how many conflicts on what it sets
   * @param exposed whether partners holding no lock race with it
   */
  record SetsUpInput(
      Marker marker,
      List<Setup> setups,
      Conflict first,
      int touched,
      List<TestId> partners,
      boolean exposed)
      implements Judgement {
    public SetsUpInput {
      setups = List.copyOf(setups);
      partners = List.copyOf(partners);
    }

    @Override
    public Verdict verdict() {
      return Verdict.REQUIRED;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.SETS_UP_INPUT;
    }
  }

  /**
   * REQUIRED or FIXABLE: it keeps conflicts apart that would overlap without it.
   *
   * @param first the conflict named (its own tests' writes first, then the narrowest)
   * @param more how many other conflicts it guards
   * @param partners the tests of those conflicts that it does not cover, in order (all of them)
   * @param fixes where every guarded conflict has a mechanical fix, one per conflict (FIXABLE);
   *     empty where one has none (REQUIRED)
   * @param keep for REQUIRED, how to keep it
   */
  record Guards(
      Marker marker, Conflict first, int more, List<TestId> partners, List<FixAt> fixes, Keep keep)
      implements Judgement {
    public Guards {
      partners = List.copyOf(partners);
      fixes = List.copyOf(fixes);
    }

    @Override
    public Verdict verdict() {
      return fixes.isEmpty() ? Verdict.REQUIRED : Verdict.FIXABLE;
    }

    @Override
    public VerdictCause cause() {
      return fixes.isEmpty() ? VerdictCause.KEEPS_CONFLICT_APART : VerdictCause.CONFLICT_FIXABLE;
    }
  }

  /** How to keep a REQUIRED marker. */
  sealed interface Keep {}

  /** As it is. */
  record AsItIs() implements Keep {}

  /** An {@code @Isolated} that guards a conflict JUnit has no lock key for. */
  record IsolatedWithoutKey(Conflict first) implements Keep {}

  /** An {@code @Isolated} that one or two lock keys could replace, if every partner held them. */
  record NarrowTo(List<String> keys, List<TestId> partners) implements Keep {
    public NarrowTo {
      keys = List.copyOf(keys);
      partners = List.copyOf(partners);
    }
  }

  /** A lock whose keys do not name the resource it protects: the key that does. */
  record Rekey(List<String> keys, Conflict first, String right) implements Keep {
    public Rekey {
      keys = List.copyOf(keys);
    }
  }

  // ---- DEFENSIVE and FIXABLE: it keeps nothing apart that needs it -----------------------------

  /**
   * DEFENSIVE: nothing in its scope conflicts with another test.
   *
   * @param tests how many tests it covers
   * @param unseen an example class outside the input that its tests call, or null
   * @param uncertain whether some access in its scope has an unknown key or a low confidence
   */
  record NoConflict(Marker marker, int tests, String unseen, boolean uncertain)
      implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.NO_CONFLICT;
    }
  }

  /**
   * DEFENSIVE, but to keep: TestNG's {@code singleThreaded} over tests that change fields of the
   * one instance they share.
   */
  record SharedInstanceChanged(Marker marker, int tests) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.NO_CONFLICT;
    }
  }

  /** DEFENSIVE: its tests conflict, but the execution model keeps them apart without it. */
  record KeptApartWithoutIt(Marker marker, Conflict first) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.KEPT_APART_WITHOUT_IT;
    }
  }

  /** DEFENSIVE: another marker already runs its class's conflicting tests on one thread. */
  record OneThreadAlready(Marker marker, Conflict first, Marker oneThread) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.ONE_THREAD_ALREADY;
    }
  }

  /**
   * FIXABLE or DEFENSIVE: the partners' markers keep the conflict apart without it.
   *
   * @param fixes where every conflict in its scope has a mechanical fix, one per conflict (FIXABLE:
   *     then all the markers can go); empty where one has none (DEFENSIVE)
   */
  record PartnersKeepApart(Marker marker, Conflict first, List<FixAt> fixes) implements Judgement {
    public PartnersKeepApart {
      fixes = List.copyOf(fixes);
    }

    @Override
    public Verdict verdict() {
      return fixes.isEmpty() ? Verdict.DEFENSIVE : Verdict.FIXABLE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.PARTNERS_KEEP_APART;
    }
  }

  /**
   * DEFENSIVE: it sits on a conflict it does not keep apart (the INSUFFICIENT finding says more).
   *
   * @param fix the conflict's removable mechanical fix, or null
   */
  record DoesNotKeepApart(Marker marker, Conflict first, FixAt fix) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.DOES_NOT_KEEP_APART;
    }
  }

  /**
   * DEFENSIVE: Spring's {@code @DirtiesContext} keeps no tests apart in time.
   *
   * @param caveat what the marker discovery found, as it words it, or empty
   */
  record FreshContext(Marker marker, String caveat) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.KEEPS_NOTHING_APART;
    }
  }

  /** DEFENSIVE: a TestNG priority (or a dependency on no test scanned) orders nothing apart. */
  record Unordered(Marker marker) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.KEEPS_NOTHING_APART;
    }
  }

  /**
   * DEFENSIVE: a lock computed by a provider that could not be read, which the engine found to name
   * nothing its tests touch; that cannot be said of locks that could not be read.
   */
  record UnreadLocksNameNothing(Marker marker) implements Judgement {
    @Override
    public Verdict verdict() {
      return Verdict.DEFENSIVE;
    }

    @Override
    public VerdictCause cause() {
      return VerdictCause.NO_CONFLICT;
    }
  }
}
