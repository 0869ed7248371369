package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.TestKind;
import io.github.isolationaudit.model.TestMethod;
import io.github.isolationaudit.rules.CodeRules;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Entries of one map held by a static field: by key, against each other and the whole map. */
class MapEntriesTest {
  private static final Evidence HERE =
      new Evidence(new EvidenceStep("a.T", "m", "a/T.java", 1), null);
  private static final String MAP = "a.Driver.users";

  private static Footprint test(String name, Access... accesses) {
    String cls = name.substring(0, name.indexOf('#'));
    String method = name.substring(name.indexOf('#') + 1);
    return new Footprint(
        new TestMethod(
            new TestId(cls, method, "()V", cls), Engine.JUNIT_JUPITER, TestKind.TEST, false, false),
        List.of(accesses));
  }

  private static Access access(Key key, AccessMode mode, String sinkId) {
    return new Access(
        ResourceKind.STATIC_FIELD,
        "",
        key,
        mode,
        Scope.SHARED,
        ResourceKind.STATIC_FIELD.defaultReach(),
        Confidence.HIGH,
        Sensitivity.HIGH,
        sinkId,
        "",
        HERE);
  }

  private static Access put(String user) {
    return access(
        Key.entry(MAP, Key.exact(user)), AccessMode.WRITE, CodeRules.KEYED_ENTRY_WRITE.id());
  }

  private static Access get(String user) {
    return access(
        Key.entry(MAP, Key.exact(user)), AccessMode.READ, CodeRules.KEYED_ENTRY_READ.id());
  }

  private static Access getSomeone() {
    return access(Key.entry(MAP, Key.unknown()), AccessMode.READ, CodeRules.KEYED_ENTRY_READ.id());
  }

  private static Access putSomeone() {
    return access(
        Key.entry(MAP, Key.unknown()), AccessMode.WRITE, CodeRules.KEYED_ENTRY_WRITE.id());
  }

  private static Access clear() {
    return access(Key.exact(MAP), AccessMode.WRITE, CodeRules.STATIC_STATE_MUTATION.id());
  }

  private static Access size() {
    return access(Key.exact(MAP), AccessMode.READ, CodeRules.STATIC_FIELD_READ.id());
  }

  private static List<Conflict> find(Footprint... footprints) {
    return new ConflictFinder(Set.of()).find(List.of(footprints));
  }

  private static List<String> names(List<TestId> tests) {
    return tests.stream().map(TestId::display).toList();
  }

  @Test
  void differentNamedEntriesNeverMeet() {
    assertThat(
            find(
                test("a.Ann#adds", put("ann"), get("ann")),
                test("a.Bob#adds", put("bob"), get("bob")),
                test("a.Login#asCarl", get("carl"))))
        .isEmpty();
  }

  @Test
  void oneNamedEntryWrittenAndReadIsADefiniteConflictOnThatEntryLockedByTheField() {
    assertThat(
            find(
                test("a.Bob#changes", put("bob")),
                test("a.Bob#logsIn", get("bob")),
                test("a.Ann#logsIn", get("ann"))))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(c.key()).isEqualTo(Key.entry(MAP, Key.exact("bob")));
              assertThat(names(c.writers())).containsExactly("a.Bob#changes");
              assertThat(names(c.readers())).containsExactly("a.Bob#logsIn");
              // One lock per resource: the field's name, whatever entry the conflict is on.
              assertThat(c.lockKey()).isEqualTo(MAP);
            });
  }

  @Test
  void clearingTheWholeMapMeetsEveryEntryDefinitelyOnce() {
    List<Conflict> found =
        find(
            test("a.Reset#clears", clear()),
            test("a.Ann#logsIn", get("ann")),
            test("a.Bob#changes", put("bob")),
            test("a.Some#logsIn", getSomeone()));
    // Bob's change meets the unnamed reader too, possibly: a conflict of its own entry.
    assertThat(found)
        .filteredOn(c -> c.certainty() == Certainty.POSSIBLE)
        .singleElement()
        .satisfies(c -> assertThat(c.key()).isEqualTo(Key.entry(MAP, Key.exact("bob"))));
    assertThat(found)
        .filteredOn(c -> c.certainty() == Certainty.DEFINITE)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(c.key()).isEqualTo(Key.exact(MAP));
              assertThat(names(c.writers())).containsExactly("a.Reset#clears");
              assertThat(names(c.readers()))
                  .containsExactly("a.Ann#logsIn", "a.Bob#changes", "a.Some#logsIn");
            });
  }

  @Test
  void readingTheWholeMapMeetsEachEntrysWritersDefinitely() {
    assertThat(
            find(
                test("a.Count#counts", size()),
                test("a.Bob#changes", put("bob")),
                test("a.Ann#logsIn", get("ann"))))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(c.key()).isEqualTo(Key.entry(MAP, Key.exact("bob")));
              assertThat(names(c.writers())).containsExactly("a.Bob#changes");
              assertThat(names(c.readers())).containsExactly("a.Count#counts");
            });
  }

  @Test
  void aTestThatClearsAndCountsMeetsAnEntryWriterOnceOnTheWholeMap() {
    // Its count sees the other's entry, but its clear meets that entry already: one conflict.
    assertThat(
            find(
                test("a.Reset#clearsAndCounts", clear(), size()),
                test("a.Bob#changes", put("bob"))))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key()).isEqualTo(Key.exact(MAP));
              assertThat(names(c.writers())).containsExactly("a.Reset#clearsAndCounts");
              assertThat(names(c.readers())).containsExactly("a.Bob#changes");
            });
  }

  @Test
  void anEntryNobodyCanNameIsOnlyAPossiblePartner() {
    List<Conflict> found =
        find(test("a.Bob#changes", put("bob")), test("a.Some#logsIn", getSomeone()));
    assertThat(found)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.certainty()).isEqualTo(Certainty.POSSIBLE));
    assertThat(found)
        .anySatisfy(
            c -> {
              assertThat(names(c.writers())).containsExactly("a.Bob#changes");
              assertThat(c.possibleReadersSample())
                  .extracting(TestId::display)
                  .contains("a.Some#logsIn");
            });
    // Two unnamed entries meet possibly, never definitely; a whole-map reader meets an unnamed
    // writer as surely as it meets every entry.
    assertThat(find(test("a.Some#puts", putSomeone()), test("a.Other#gets", getSomeone())))
        .allSatisfy(c -> assertThat(c.certainty()).isEqualTo(Certainty.POSSIBLE));
    assertThat(find(test("a.Some#puts", putSomeone()), test("a.Count#counts", size())))
        .singleElement()
        .satisfies(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }

  @Test
  void ownEntriesUnderFreshKeysStillMeetNamedEntriesNever() {
    Access ownPut = access(Key.exact(MAP), AccessMode.WRITE, CodeRules.FRESH_KEY_ENTRY_WRITE.id());
    Access ownGet = access(Key.exact(MAP), AccessMode.READ, CodeRules.FRESH_KEY_ENTRY_READ.id());
    assertThat(
            find(
                test("a.Own#registers", ownPut, ownGet),
                test("a.Bob#changes", put("bob"), get("bob"))))
        .isEmpty();
    assertThat(find(test("a.Own#registers", ownPut, ownGet), test("a.Count#counts", size())))
        .singleElement()
        .satisfies(c -> assertThat(names(c.writers())).containsExactly("a.Own#registers"));
  }
}
