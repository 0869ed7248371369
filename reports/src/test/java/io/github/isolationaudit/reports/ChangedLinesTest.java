package io.github.isolationaudit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The changed lines of a unified diff, as git writes one. */
class ChangedLinesTest {

  private static final String DIFF =
      """
      diff --git a/src/test/java/a/FooTest.java b/src/test/java/a/FooTest.java
      index 1111111..2222222 100644
      --- a/src/test/java/a/FooTest.java
      +++ b/src/test/java/a/FooTest.java
      @@ -3,0 +4,2 @@ class FooTest {
      +  @Test
      +  void added() {}
      @@ -10 +12 @@ class FooTest {
      -    System.setProperty("a", "1");
      +    System.setProperty("a", "2");
      @@ -20,3 +22,3 @@ with context lines, as plain git diff writes them
         unchanged();
      -  removed();
      +++ a line whose text starts with two pluses
         unchanged();
      \\ No newline at end of file
      diff --git a/gone/OldTest.java b/gone/OldTest.java
      deleted file mode 100644
      --- a/gone/OldTest.java
      +++ /dev/null
      @@ -1,2 +0,0 @@
      -class OldTest {
      -}
      diff --git "a/src/test/java/a/\\303\\234berTest.java" "b/src/test/java/a/\\303\\234berTest.java"
      --- "a/src/test/java/a/\\303\\234berTest.java"
      +++ "b/src/test/java/a/\\303\\234berTest.java"
      @@ -0,0 +1 @@
      +class ÜberTest {}
      """;

  @Test
  void addedLinesAreChangedContextAndRemovedLinesAreNot() {
    ChangedLines changed = ChangedLines.ofUnifiedDiff(DIFF);

    String foo = "src/test/java/a/FooTest.java";
    assertThat(changed.contains(foo, 3)).isFalse();
    assertThat(changed.contains(foo, 4)).isTrue();
    assertThat(changed.contains(foo, 5)).isTrue();
    assertThat(changed.contains(foo, 6)).isFalse();
    assertThat(changed.contains(foo, 12)).isTrue();
    // Context at 22 and 24, the added line between them.
    assertThat(changed.contains(foo, 22)).isFalse();
    assertThat(changed.contains(foo, 23)).isTrue();
    assertThat(changed.contains(foo, 24)).isFalse();
    // Line 0 (a place without a line): the file at all.
    assertThat(changed.contains(foo, 0)).isTrue();
    assertThat(changed.contains("src/test/java/a/ÜberTest.java", 1)).isTrue();
    assertThat(changed.contains("gone/OldTest.java", 1)).isFalse();
    assertThat(changed.contains("/dev/null", 1)).isFalse();
    assertThat(changed.files()).isEqualTo(2);
    assertThat(changed.lines()).isEqualTo(5);
  }

  @Test
  void anEmptyDiffChangesNothingAndOtherTextIsNoDiff() {
    assertThat(ChangedLines.ofUnifiedDiff("").lines()).isZero();
    assertThatThrownBy(() -> ChangedLines.ofUnifiedDiff("@@ -1 +1 @@\n-a\n+b\n"))
        .hasMessageContaining("line 1: a hunk before any file header");
    assertThatThrownBy(() -> ChangedLines.ofUnifiedDiff("+++ b/A.java\n@@ -1 +x @@\n"))
        .hasMessageContaining("line 2: not a hunk header");
    assertThatThrownBy(() -> ChangedLines.ofUnifiedDiff("+++ b/A.java\n@@ -1,2 +1,2 @@\n x\nfoo\n"))
        .hasMessageContaining("line 4: a hunk ends before");
  }
}
