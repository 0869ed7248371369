package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.SourceLocation;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.model.VerdictCause;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one place that writes verdict English: every judgement has words, and they say the data. */
class VerdictWordingTest {
  private static final TestId A =
      new TestId("com.example.ATest", "one", "()V", "com.example.ATest");
  private static final TestId B =
      new TestId("com.example.BTest", "two", "()V", "com.example.BTest");

  private static final Marker ISOLATED =
      new Marker(
          "org.junit.jupiter.api.parallel.Isolated",
          "junit-jupiter",
          MarkerEffect.ISOLATES,
          List.of(new Lock(Lock.GLOBAL, LockMode.READ_WRITE)),
          "",
          A.className(),
          "",
          "",
          new SourceLocation("com/example/ATest.java", 7),
          "",
          "");

  private static final Marker READ_LOCK =
      new Marker(
          "org.junit.jupiter.api.parallel.ResourceLock",
          "junit-jupiter",
          MarkerEffect.LOCKS,
          List.of(new Lock("java.lang.System.properties", LockMode.READ)),
          "",
          A.className(),
          "one",
          "()V",
          null,
          "",
          "");

  private static final Conflict USER_DIR =
      new Conflict(
          ResourceKind.SYSTEM_PROPERTY,
          "",
          new Key(Key.Kind.EXACT, "user.dir"),
          Certainty.DEFINITE,
          Reach.JVM,
          Scope.SHARED,
          List.of(A),
          List.of(B),
          0,
          List.of(),
          "");

  /** One judgement of every kind, with every reason for death and every way to keep. */
  private static List<Judgement> everyKind() {
    return List.of(
        new Judgement.NotInEffect(ISOLATED, new Judgement.IgnoredByEngine()),
        new Judgement.NotInEffect(ISOLATED, new Judgement.JcipIgnored()),
        new Judgement.NotInEffect(ISOLATED, new Judgement.NoTests()),
        new Judgement.NotInEffect(ISOLATED, new Judgement.OnlyDisabled()),
        new Judgement.NotInEffect(
            ISOLATED, new Judgement.TagNotRunApart(List.of("pom.xml"), "slow")),
        new Judgement.NotInEffect(
            ISOLATED, new Judgement.NamesUntouched(List.of(ResourceKind.LOCALE))),
        new Judgement.HeldBySetup(READ_LOCK, ISOLATED),
        new Judgement.CoveredByEnclosing(READ_LOCK, USER_DIR, ISOLATED),
        new Judgement.NotHonoured(READ_LOCK, "target = CHILDREN on a method"),
        new Judgement.SetsUpInput(ISOLATED, List.of(), USER_DIR, 2, List.of(B), true),
        new Judgement.Guards(ISOLATED, USER_DIR, 0, List.of(B), List.of(), new Judgement.AsItIs()),
        new Judgement.Guards(
            ISOLATED,
            USER_DIR,
            0,
            List.of(B),
            List.of(),
            new Judgement.IsolatedWithoutKey(USER_DIR)),
        new Judgement.Guards(
            ISOLATED,
            USER_DIR,
            1,
            List.of(B),
            List.of(),
            new Judgement.NarrowTo(List.of("java.lang.System.properties"), List.of(B))),
        new Judgement.Guards(
            READ_LOCK,
            USER_DIR,
            0,
            List.of(B),
            List.of(),
            new Judgement.Rekey(List.of("k"), USER_DIR, "java.lang.System.properties")),
        new Judgement.NoConflict(ISOLATED, 1, null, false),
        new Judgement.NoConflict(ISOLATED, 3, "com.example.Service", true),
        new Judgement.SharedInstanceChanged(ISOLATED, 2),
        new Judgement.KeptApartWithoutIt(ISOLATED, USER_DIR),
        new Judgement.OneThreadAlready(READ_LOCK, USER_DIR, ISOLATED),
        new Judgement.PartnersKeepApart(ISOLATED, USER_DIR, List.of()),
        new Judgement.DoesNotKeepApart(READ_LOCK, USER_DIR, null),
        new Judgement.FreshContext(ISOLATED, ""),
        new Judgement.Unordered(ISOLATED),
        new Judgement.UnreadLocksNameNothing(ISOLATED));
  }

  @Test
  void everyJudgementDeadReasonAndWayToKeepHasWords() {
    List<Judgement> all = everyKind();
    assertThat(kinds(all.stream().map(Object::getClass).collect(Collectors.toSet())))
        .containsExactlyInAnyOrderElementsOf(kinds(permitted(Judgement.class)));
    Set<Class<?>> dead = new HashSet<>();
    Set<Class<?>> keep = new HashSet<>();
    for (Judgement j : all) {
      if (j instanceof Judgement.NotInEffect n) {
        dead.add(n.dead().getClass());
      }
      if (j instanceof Judgement.Guards g) {
        keep.add(g.keep().getClass());
      }
      VerdictWording.Words words = VerdictWording.of(j);
      assertThat(words.reason()).as("reason of %s", j).isNotBlank();
      assertThat(words.recommendation()).as("recommendation of %s", j).isNotBlank();
    }
    assertThat(kinds(dead))
        .containsExactlyInAnyOrderElementsOf(kinds(permitted(Judgement.Dead.class)));
    assertThat(kinds(keep))
        .containsExactlyInAnyOrderElementsOf(kinds(permitted(Judgement.Keep.class)));
  }

  @Test
  void theWordsSayTheJudgementsData() {
    VerdictWording.Words narrow =
        VerdictWording.of(
            new Judgement.Guards(
                ISOLATED,
                USER_DIR,
                1,
                List.of(B),
                List.of(),
                new Judgement.NarrowTo(List.of("java.lang.System.properties"), List.of(B))));
    assertThat(narrow.reason())
        .isEqualTo(
            "It keeps SYSTEM_PROPERTY user.dir (and 1 more) from racing against com.example.BTest#two.");
    assertThat(narrow.recommendation())
        .isEqualTo(
            "Keep it, or narrow it to [@ResourceLock(\"java.lang.System.properties\")] — then every"
                + " partner needs the same lock (READ where it only reads) against"
                + " com.example.BTest#two, because @Isolated also kept out partners that carry no"
                + " marker.");

    VerdictWording.Words dead =
        VerdictWording.of(new Judgement.NotInEffect(ISOLATED, new Judgement.OnlyDisabled()));
    assertThat(dead.reason()).isEqualTo("it sits only on disabled tests");
    assertThat(dead.recommendation())
        .isEqualTo(
            "Remove @Isolated on com.example.ATest (com/example/ATest.java:7): it sits only on"
                + " disabled tests.");

    VerdictWording.Words short_ =
        VerdictWording.of(new Judgement.DoesNotKeepApart(READ_LOCK, USER_DIR, null));
    assertThat(short_.reason())
        .isEqualTo(
            "Its tests conflict on SYSTEM_PROPERTY user.dir, and it does not keep them apart: a READ"
                + " lock does not exclude other readers' writes, nor a write it makes itself.");
    assertThat(short_.recommendation())
        .isEqualTo(
            "Do not just remove it: the conflict is real. Hold"
                + " @ResourceLock(\"java.lang.System.properties\") on the writers"
                + " (com.example.ATest#one) and @ResourceLock(value ="
                + " \"java.lang.System.properties\", mode = READ) on the readers"
                + " (com.example.BTest#two).");
    // A marker without a source location is placed by its class and method.
    assertThat(VerdictWording.where(READ_LOCK)).isEqualTo(" (on com.example.ATest#one)");

    assertThat(VerdictWording.findingReason(USER_DIR, 2, null, Tristate.TRUE))
        .isEqualTo(
            "2 tests conflict on SYSTEM_PROPERTY user.dir and nothing keeps them apart; they run in"
                + " parallel today.");
  }

  @Test
  void theVerdictAndCauseFollowTheJudgement() {
    Judgement required =
        new Judgement.Guards(ISOLATED, USER_DIR, 0, List.of(), List.of(), new Judgement.AsItIs());
    assertThat(required.verdict()).isEqualTo(Verdict.REQUIRED);
    assertThat(required.cause()).isEqualTo(VerdictCause.KEEPS_CONFLICT_APART);
    Judgement partners = new Judgement.PartnersKeepApart(ISOLATED, USER_DIR, List.of());
    assertThat(partners.verdict()).isEqualTo(Verdict.DEFENSIVE);
    assertThat(partners.cause()).isEqualTo(VerdictCause.PARTNERS_KEEP_APART);
    assertThat(new Judgement.UnreadLocksNameNothing(ISOLATED).cause())
        .isEqualTo(VerdictCause.NO_CONFLICT);
  }

  private static Set<Class<?>> permitted(Class<?> sealed) {
    return new HashSet<>(Arrays.asList(sealed.getPermittedSubclasses()));
  }

  private static Set<String> kinds(Set<Class<?>> classes) {
    return classes.stream().map(Class::getSimpleName).collect(Collectors.toSet());
  }

  private static Marker priority(String statedReason) {
    return new Marker(
        "org.testng.annotations.Test",
        "testng",
        MarkerEffect.ORDERS,
        List.of(),
        "",
        A.className(),
        "one",
        "()V",
        new SourceLocation("com/example/ATest.java", 12),
        statedReason,
        "");
  }

  @Test
  void anOrderingWhoseCommentAsksForTheOrderIsKeptNotDropped() {
    // trino's TestPositionsAppender#testSliceRle: priority = Integer.MIN_VALUE with the comment
    // above it saying the test must run first to reproduce a JIT bug.
    String jit =
        "testcase for jit bug. this test needs to be run first (hence lowest priority) as order of"
            + " tests; influence jit compilation";
    VerdictWording.Words asked = VerdictWording.of(new Judgement.Unordered(priority(jit)));
    assertThat(asked.recommendation()).startsWith("Keep @Test").doesNotContain("drop the ordering");
    assertThat(asked.reason()).contains(jit);

    VerdictWording.Words plain = VerdictWording.of(new Judgement.Unordered(priority("")));
    assertThat(plain.recommendation()).contains("drop the ordering");
    VerdictWording.Words other =
        VerdictWording.of(new Judgement.Unordered(priority("slow test, see JIRA-123")));
    assertThat(other.recommendation()).contains("drop the ordering");
  }
}
