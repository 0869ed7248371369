package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatedReasonTest {

  @Test
  void whitespaceIsNormalisedAndPartsJoined() {
    assertThat(StatedReason.normalise(List.of("  flaky,\n\t see  JIRA-123 ", "uses port 8080")))
        .isEqualTo("flaky, see JIRA-123; uses port 8080");
    assertThat(StatedReason.normalise(List.of("Writes the Locale.", "see #12")))
        .isEqualTo("Writes the Locale. see #12");
  }

  @Test
  void longReasonsAreCutButKeepTheirKeyWords() {
    String filler = "lorem ipsum dolor sit amet ".repeat(20);
    String reason =
        StatedReason.normalise(
            List.of(filler + "flaky, TODO temporary FIXME see JIRA-123 and #77 https://x.org/i/9"));

    assertThat(reason.length()).isLessThanOrEqualTo(StatedReason.MAX_LENGTH + 5);
    assertThat(reason)
        .startsWith("lorem ipsum")
        .contains("flaky", "TODO", "temporary", "FIXME", "JIRA-123", "#77", "https://x.org/i/9");
  }
}
