package io.github.isolationaudit.analyzer.verdicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.ExpectedVerdict;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.FindingLabel;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.Labels;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.Target;
import io.github.isolationaudit.analyzer.verdicts.MarkerLabels.VerdictLabel;
import io.github.isolationaudit.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerLabelsTest {

  private static final String FILE = "com/example/OuterTestCase.java";

  private static Labels parse(String source) {
    return MarkerLabels.parse(FILE, source.lines().toList());
  }

  @Test
  void readsClassAndMethodMarkersWithBinaryNames() {
    Labels labels =
        parse(
            """
            package com.example;

            import org.junit.jupiter.api.parallel.Isolated;

            /** Text with a { brace and "// VERDICT: LEGACY" in prose is no label. */
            // VERDICT: REQUIRED
            @Isolated
            class OuterTestCase {

              private final String s = "{ not a block";

              // FINDING: INSUFFICIENT
              // VERDICT: LEGACY
              @org.junit.jupiter.api.parallel.ResourceLock(
                  value = "k",
                  mode = ResourceAccessMode.READ)
              @Test
              void writes() throws Exception {
                Runnable r = new Runnable() {
                  public void run() {}
                };
              }

              // VERDICT: DEFENSIVE
              @Execution(ExecutionMode.SAME_THREAD)
              @Nested
              class Inner {

                // VERDICT: FIXABLE
                @ResourceLock("p") @Test void binds() {}

                @Nested
                class Deeper {
                  // FINDING: UNPROTECTED
                  @ParameterizedTest
                  @ValueSource(strings = {"a", "b"})
                  public void races(String v) {}
                }
              }

              // VERDICT: INSUFFICIENT
              @ResourceLock("after")
              @Test
              void afterNested() {}
            }
            """);

    assertThat(labels.problems()).isEmpty();
    assertThat(labels.verdicts())
        .extracting(
            VerdictLabel::line,
            VerdictLabel::expected,
            VerdictLabel::annotation,
            VerdictLabel::target)
        .containsExactly(
            tuple(
                6,
                ExpectedVerdict.REQUIRED,
                "Isolated",
                new Target("com.example.OuterTestCase", "")),
            tuple(
                13,
                ExpectedVerdict.LEGACY,
                "ResourceLock",
                new Target("com.example.OuterTestCase", "writes")),
            tuple(
                24,
                ExpectedVerdict.DEFENSIVE,
                "Execution",
                new Target("com.example.OuterTestCase$Inner", "")),
            tuple(
                29,
                ExpectedVerdict.FIXABLE,
                "ResourceLock",
                new Target("com.example.OuterTestCase$Inner", "binds")),
            tuple(
                41,
                ExpectedVerdict.INSUFFICIENT,
                "ResourceLock",
                new Target("com.example.OuterTestCase", "afterNested")));
    assertThat(labels.findings())
        .extracting(FindingLabel::line, FindingLabel::kind, FindingLabel::target)
        .containsExactly(
            tuple(12, Finding.Kind.INSUFFICIENT, new Target("com.example.OuterTestCase", "writes")),
            tuple(
                34,
                Finding.Kind.UNPROTECTED,
                new Target("com.example.OuterTestCase$Inner$Deeper", "races")));
  }

  @Test
  void readsAnnotationTypesAndTopLevelSiblings() {
    Labels labels =
        parse(
            """
            package com.example;

            @Target({ElementType.TYPE, ElementType.METHOD})
            @Isolated
            public @interface SerialTest {}

            // VERDICT: DEFENSIVE
            @SerialTest
            final class SecondTestCase {
              @Test
              void t() {}
            }
            """);
    assertThat(labels.problems()).isEmpty();
    assertThat(labels.verdicts())
        .extracting(VerdictLabel::annotation, VerdictLabel::target)
        .containsExactly(tuple("SerialTest", new Target("com.example.SecondTestCase", "")));
  }

  @Test
  void reportsLabelsItCannotRead() {
    Labels labels =
        parse(
            """
            package com.example;

            class BadTestCase {
              // VERDICT: MAYBE
              @Isolated
              void a() {}

              // VERDICT: LEGACY
              void notAnAnnotation() {}

              // FINDING: SOMETIMES
              @Test
              void b() {}

              @Test
              void c() {} // VERDICT: REQUIRED

              // VERDICT: LEGACY
              // VERDICT: DEFENSIVE
              @Isolated
              class Twice {}

              // VERDICT: LEGACY
              @Isolated
            """);
    assertThat(labels.problems())
        .extracting(MarkerLabels.LabelProblem::line)
        .containsExactly(4, 8, 11, 16, 19, 23);
    assertThat(labels.problems())
        .extracting(MarkerLabels.LabelProblem::message)
        .anySatisfy(m -> assertThat(m).contains("unknown verdict 'MAYBE'"))
        .anySatisfy(m -> assertThat(m).contains("directly before the annotation"))
        .anySatisfy(m -> assertThat(m).contains("unknown finding 'SOMETIMES'"))
        .anySatisfy(m -> assertThat(m).contains("line of its own"))
        .anySatisfy(m -> assertThat(m).contains("two VERDICT labels"))
        .anySatisfy(m -> assertThat(m).contains("no class or method declaration"));
  }

  @Test
  void aFindingLabelBelongsOnAMethod() {
    Labels labels =
        parse(
            """
            package com.example;

            // FINDING: UNPROTECTED
            @Isolated
            class OnClassTestCase {}
            """);
    assertThat(labels.findings()).isEmpty();
    assertThat(labels.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("belongs on a test method"));
  }

  @Test
  void simpleNamesOfMarkerAnnotations() {
    assertThat(
            List.of(
                MarkerVerdictsTest.simpleName("org.junit.jupiter.api.parallel.Isolated"),
                MarkerVerdictsTest.simpleName("org.testng.annotations.Test(singleThreaded=true)"),
                MarkerVerdictsTest.simpleName("com.example.Outer$SerialTest")))
        .containsExactly("Isolated", "Test", "SerialTest");
  }
}
