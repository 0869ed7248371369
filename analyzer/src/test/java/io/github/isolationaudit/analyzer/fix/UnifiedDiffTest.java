package io.github.isolationaudit.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void writesHunksWithThreeLinesOfContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
    String after = "a\nb\nc\nd\nX\ne\nf\ng\nh\ni\nj\nk\nl\nn\n";

    assertThat(UnifiedDiff.of("src/F.java", before, after))
        .isEqualTo(
            """
            --- a/src/F.java
            +++ b/src/F.java
            @@ -2,6 +2,7 @@
             b
             c
             d
            +X
             e
             f
             g
            @@ -10,5 +11,4 @@
             j
             k
             l
            -m
             n
            """);
    assertThat(UnifiedDiff.of("src/F.java", before, before)).isEmpty();
  }

  @Test
  void aNewFileAndAMissingLastLineBreak() {
    assertThat(UnifiedDiff.of("P.java", null, "x\ny"))
        .isEqualTo(
            "--- /dev/null\n+++ b/P.java\n@@ -0,0 +1,2 @@\n+x\n+y\n\\ No newline at end of file\n");
  }

  /** Applying the diff's hunks to the old lines gives the new lines, on random edits. */
  @Test
  void theHunksRebuildTheNewText() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<String> a = new ArrayList<>();
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) {
        a.add("l" + random.nextInt(6) + "\n");
      }
      List<String> b = new ArrayList<>(a);
      int changes = random.nextInt(5);
      for (int c = 0; c < changes; c++) {
        if (!b.isEmpty() && random.nextBoolean()) {
          b.remove(random.nextInt(b.size()));
        } else {
          b.add(random.nextInt(b.size() + 1), "new" + random.nextInt(3) + "\n");
        }
      }
      String before = String.join("", a);
      String after = String.join("", b);
      assertThat(patch(before, UnifiedDiff.of("f", before, after)))
          .as("round %d", round)
          .isEqualTo(after);
    }
  }

  private static String patch(String before, String diff) {
    if (diff.isEmpty()) {
      return before;
    }
    List<String> old = UnifiedDiff.lines(before);
    List<String> out = new ArrayList<>();
    int next = 0;
    List<String> lines = UnifiedDiff.lines(diff);
    for (int i = 2; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("@@")) {
        String range = l.split(" ")[1].substring(1);
        int start = Integer.parseInt(range.split(",")[0]);
        int count = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
        int from = count == 0 ? start : start - 1;
        while (next < from) {
          out.add(old.get(next++));
        }
      } else if (l.startsWith(" ")) {
        assertThat(old.get(next)).isEqualTo(l.substring(1));
        out.add(old.get(next++));
      } else if (l.startsWith("-")) {
        assertThat(old.get(next)).isEqualTo(l.substring(1));
        next++;
      } else if (l.startsWith("+")) {
        out.add(l.substring(1));
      }
    }
    while (next < old.size()) {
      out.add(old.get(next++));
    }
    return String.join("", out);
  }
}
