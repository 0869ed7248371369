package io.github.isolationaudit.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.source.SourceEditor.Status;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Edit.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceEditorTest {

  private static final String LOCK = "org.junit.jupiter.api.parallel.ResourceLock";

  private static Edit add(String className, String method, String text, String... imports) {
    return new Edit(Action.ADD_ANNOTATION, "", 0, className, method, text, List.of(imports));
  }

  private static Edit remove(String className, String method, String text) {
    return new Edit(Action.REMOVE_ANNOTATION, "", 0, className, method, text, List.of());
  }

  private static String twice(String source, List<Edit> edits) {
    SourceEditor.Result first = SourceEditor.apply(source, edits);
    SourceEditor.Result second = SourceEditor.apply(first.text(), edits);
    assertThat(second.text()).as("a second run changes nothing").isEqualTo(first.text());
    assertThat(second.outcomes())
        .allMatch(o -> o.status() == Status.PRESENT || o.status() == Status.MANUAL);
    return first.text();
  }

  @Test
  void addsAClassAnnotationOnItsOwnLineAfterTheLastOneWithItsImportInOrder() {
    String source =
        """
        package com.x;

        import org.junit.jupiter.api.Tag;
        import org.junit.jupiter.api.Test;

        /** Doc. */
        @Tag("db")   // the database tests
        class FooTest {
          @Test
          void one() {}
        }
        """;

    String edited = twice(source, List.of(add("com.x.FooTest", "", "@ResourceLock(\"db\")", LOCK)));

    assertThat(edited)
        .isEqualTo(
            """
            package com.x;

            import org.junit.jupiter.api.Tag;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.parallel.ResourceLock;

            /** Doc. */
            @Tag("db")   // the database tests
            @ResourceLock("db")
            class FooTest {
              @Test
              void one() {}
            }
            """);
  }

  @Test
  void addsToEveryOverloadOrOnlyTheOneAtTheLineAndKeepsCrLfAndTabs() {
    String source =
        "package com.x;\r\n"
            + "import org.junit.jupiter.api.Test;\r\n"
            + "class FooTest {\r\n"
            + "\t@Test void m() {}\r\n"
            + "\r\n"
            + "\tvoid m(int a) {}\r\n"
            + "}\r\n";
    Edit all = add("com.x.FooTest", "m", "@ResourceLock(\"k\")", LOCK);

    String edited = twice(source, List.of(all));

    assertThat(edited)
        .isEqualTo(
            "package com.x;\r\n"
                + "import org.junit.jupiter.api.Test;\r\n"
                + "import org.junit.jupiter.api.parallel.ResourceLock;\r\n"
                + "class FooTest {\r\n"
                + "\t@Test @ResourceLock(\"k\") void m() {}\r\n"
                + "\r\n"
                + "\t@ResourceLock(\"k\")\r\n"
                + "\tvoid m(int a) {}\r\n"
                + "}\r\n");
    Edit second =
        new Edit(Action.ADD_ANNOTATION, "", 6, "com.x.FooTest", "m", "@Isolated", List.of());
    assertThat(SourceEditor.apply(source, List.of(second)).text())
        .contains("\t@Test void m() {}")
        .contains("\t@Isolated\r\n\tvoid m(int a) {}");
  }

  @Test
  void aLockThatIsThereInAnotherSpellingOrUnderIsolatedIsPresent() {
    String source =
        """
        package com.x;
        import org.junit.jupiter.api.parallel.*;
        @Isolated
        class FooTest {
          @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
          void a() {}
          @ResourceLocks({@ResourceLock("db"), @ResourceLock("other")})
          void b() {}
          static class Nested {
            void c() {}
          }
        }
        class BarTest {
          @ResourceLock(value = "k", mode = ResourceAccessMode.READ)
          void d() {}
        }
        """;
    List<Edit> edits =
        List.of(
            add("com.x.FooTest", "a", "@ResourceLock(\"java.lang.System.properties\")"),
            add("com.x.FooTest", "b", "@ResourceLock(value = \"db\", mode = READ)"),
            add("com.x.FooTest$Nested", "c", "@ResourceLock(\"x\")"),
            add("com.x.BarTest", "d", "@ResourceLock(value = \"k\", mode = READ)"),
            add("com.x.BarTest", "d", "@ResourceLock(\"k\")"));

    SourceEditor.Result result = SourceEditor.apply(source, edits);

    assertThat(result.outcomes())
        .extracting(SourceEditor.Outcome::status)
        .containsExactly(
            Status.PRESENT, Status.PRESENT, Status.PRESENT, Status.PRESENT, Status.APPLIED);
    assertThat(result.outcomes().get(2).message()).contains("@Isolated");
    assertThat(result.text())
        .contains(
            "  @ResourceLock(value = \"k\", mode = ResourceAccessMode.READ)\n"
                + "  @ResourceLock(\"k\")\n"
                + "  void d() {}");
  }

  @Test
  void isolationAddedInTheSameRunCoversTheLocksOfOtherFindingsWhateverTheirOrder() {
    // dbcp2's TestPoolingDriver: one finding locks the class, another isolates it, a third locks
    // two of its methods. @Isolated holds every lock, so it alone is added.
    String source =
        """
        package com.x;
        import org.junit.jupiter.api.Test;
        class FooTest {
          @Test
          void a() {}
          @Test
          void b() {}
        }
        class BarTest {
          @Test
          void c() {}
          @Test
          void d() {}
        }
        """;
    String global = "@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)";
    List<Edit> edits =
        List.of(
            add("com.x.FooTest", "", "@ResourceLock(\"pools\")", LOCK),
            add("com.x.FooTest", "a", "@ResourceLock(\"url\")", LOCK),
            add("com.x.FooTest", "", "@Isolated", "org.junit.jupiter.api.parallel.Isolated"),
            add("com.x.BarTest", "c", "@ResourceLock(\"url\")", LOCK),
            add("com.x.BarTest", "c", global, LOCK),
            add("com.x.BarTest", "d", "@ResourceLock(\"url\")", LOCK));

    SourceEditor.Result result = SourceEditor.apply(source, edits);

    assertThat(result.outcomes())
        .extracting(SourceEditor.Outcome::status)
        .containsExactly(
            Status.PRESENT,
            Status.PRESENT,
            Status.APPLIED,
            Status.PRESENT,
            Status.APPLIED,
            Status.APPLIED);
    assertThat(result.text())
        .contains("@Isolated\nclass FooTest {\n  @Test\n  void a() {}")
        .contains("  @Test\n  " + global + "\n  void c() {}")
        .contains("  @Test\n  @ResourceLock(\"url\")\n  void d() {}")
        .doesNotContain("\"pools\"");
  }

  @Test
  void removesAnAnnotationWithItsLineAndItsNowUnusedImports() {
    String source =
        """
        package com.x;

        import static org.junit.jupiter.api.parallel.ResourceAccessMode.READ;

        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.parallel.Isolated;
        import org.junit.jupiter.api.parallel.ResourceLock;

        @Isolated // flaky, see JIRA-1
        class FooTest {
          @Test
          @ResourceLock(value = "k", mode = READ)
          void one() {}

          @ResourceLock("other") @Test void two() {}
        }
        """;

    String edited =
        twice(
            source,
            List.of(
                remove("com.x.FooTest", "", "@Isolated"),
                remove("com.x.FooTest", "one", "@ResourceLock(value = \"k\", mode = READ)")));

    assertThat(edited)
        .isEqualTo(
            """
            package com.x;

            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.parallel.ResourceLock;

            class FooTest {
              @Test
              void one() {}

              @ResourceLock("other") @Test void two() {}
            }
            """);
  }

  @Test
  void replacesIsolatedByALockInOneRun() {
    String source =
        """
        package com.x;

        import org.junit.jupiter.api.parallel.Isolated;

        @Isolated
        public class FooTest {}
        """;
    List<Edit> edits =
        List.of(
            remove("com.x.FooTest", "", "@Isolated"),
            add(
                "com.x.FooTest",
                "",
                "@ResourceLock(Resources.SYSTEM_PROPERTIES)",
                LOCK,
                "org.junit.jupiter.api.parallel.Resources"));

    String edited = twice(source, edits);

    assertThat(edited)
        .isEqualTo(
            """
            package com.x;

            import org.junit.jupiter.api.parallel.ResourceLock;
            import org.junit.jupiter.api.parallel.Resources;

            @ResourceLock(Resources.SYSTEM_PROPERTIES)
            public class FooTest {}
            """);
  }

  @Test
  void importsThatAWildcardTheFilesPackageOrJavaLangCoverAreNotAdded() {
    String source =
        """
        package com.x;
        import org.junit.jupiter.api.parallel.*;
        class FooTest {}
        """;
    String edited =
        twice(
            source,
            List.of(
                add("com.x.FooTest", "", "@ResourceLock(\"k\")", LOCK),
                add("com.x.FooTest", "", "@Shared", "com.x.Shared"),
                add("com.x.FooTest", "", "@Deprecated", "java.lang.Deprecated"),
                add("com.x.FooTest", "", "@Tag(\"t\")", "org.junit.jupiter.api.Tag")));

    assertThat(edited)
        .isEqualTo(
            """
            package com.x;
            import org.junit.jupiter.api.Tag;
            import org.junit.jupiter.api.parallel.*;
            @ResourceLock("k")
            @Shared
            @Deprecated
            @Tag("t")
            class FooTest {}
            """);
  }

  @Test
  void aFileWithoutImportsGetsThemAfterItsPackage() {
    String source = "package com.x;\n\nclass FooTest {\n  void a() {}\n}\n";

    String edited = twice(source, List.of(add("com.x.FooTest", "a", "@ResourceLock(\"k\")", LOCK)));

    assertThat(edited)
        .isEqualTo(
            "package com.x;\n\nimport org.junit.jupiter.api.parallel.ResourceLock;\n\n"
                + "class FooTest {\n  @ResourceLock(\"k\")\n  void a() {}\n}\n");
  }

  @Test
  void manualEditsAreNeverAppliedAndBadOnesFailWithAReason() {
    String source = "package com.x;\nimport a.b.ResourceLock;\nclass FooTest { void a() {} }\n";
    Edit manual =
        new Edit(Action.MANUAL, "", 0, "com.x.FooTest", "a", "Use a @TempDir.", List.of());
    List<Edit> edits =
        List.of(
            manual,
            add("com.x.FooTest", "nope", "@X"),
            add("com.x.Other", "", "@X"),
            add("com.x.FooTest", "", "not an annotation"),
            add("com.x.FooTest", "", "@ResourceLock(\"k\")", LOCK),
            add("com.x.FooTest$1", "", "@X"));

    SourceEditor.Result result = SourceEditor.apply(source, edits);

    assertThat(result.text()).isEqualTo(source);
    assertThat(result.outcomes())
        .extracting(SourceEditor.Outcome::status)
        .containsExactly(
            Status.MANUAL,
            Status.FAILED,
            Status.FAILED,
            Status.FAILED,
            Status.FAILED,
            Status.FAILED);
    assertThat(result.outcomes().get(1).message()).contains("declares no method nope");
    assertThat(result.outcomes().get(2).message()).contains("not declared in this file");
    assertThat(result.outcomes().get(4).message()).contains("imports another ResourceLock");
    assertThat(result.outcomes().get(5).message()).contains("anonymous or local");
  }

  @Test
  void aSourceThatDoesNotParseIsLeftAsItIs() {
    String source = "package com.x;\nclass FooTest { void a( }\n";

    SourceEditor.Result result =
        SourceEditor.apply(source, List.of(add("com.x.FooTest", "a", "@X")));

    assertThat(result.text()).isEqualTo(source);
    assertThat(result.outcomes().get(0).status()).isEqualTo(Status.FAILED);
    assertThat(result.outcomes().get(0).message()).startsWith("it does not parse");
  }
}
