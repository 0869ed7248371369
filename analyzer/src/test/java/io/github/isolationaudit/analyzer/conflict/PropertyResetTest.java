package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/propertyreset} fixtures alone: a tear-down that clears a property, or puts
 * back what its set-up saved, only resets it, so its tests meet the test that sets another value
 * and not the tests that read it; a key nobody sets never changes; a clear of a key the launcher
 * sets is a write.
 */
class PropertyResetTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.propertyreset";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Optional<Conflict> conflict(String key) {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == ResourceKind.SYSTEM_PROPERTY && c.key().value().equals(key))
        .findFirst();
  }

  private static List<String> names(List<TestId> tests) {
    return FixturePackages.names(PACKAGE, tests);
  }

  @Test
  void aClearedFlagMeetsOnlyTheTestThatSetsIt() {
    Conflict c = conflict("fixture.reset.flag").orElseThrow();
    assertThat(names(c.writers())).containsExactly("FlagResetTestCase#setsTheFlag");
    assertThat(names(c.readers()))
        .containsExactly("FlagReaderTestCase#readsTheFlag", "FlagResetTestCase#onlyPutsItBack");
    assertThat(c.reason()).contains("1 of them write it too, but only to put it back");
  }

  @Test
  void aRestoredSavedValueIsAResetToo() {
    Conflict c = conflict("fixture.reset.saved").orElseThrow();
    assertThat(names(c.writers())).containsExactly("SavedPropertyTestCase#setsAValue");
    assertThat(names(c.readers())).containsExactly("SavedPropertyTestCase#keepsIt");
  }

  @Test
  void aKeyNobodySetsNeverChanges() {
    assertThat(conflict("fixture.reset.cleared")).isEmpty();
  }

  @Test
  void aClearOfAKeyTheLauncherSetsIsAWrite() {
    Conflict c = conflict("user.fixture.reset").orElseThrow();
    assertThat(names(c.writers()))
        .containsExactly("LaunchedKeyTestCase#readsIt", "LaunchedKeyTestCase#setsIt");
  }
}
