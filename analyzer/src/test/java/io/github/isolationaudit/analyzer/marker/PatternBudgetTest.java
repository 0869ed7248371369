package io.github.isolationaudit.analyzer.marker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.discovery.TestDiscovery;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Patterns written in the scanned code are matched in bounded time. */
class PatternBudgetTest {

  private static final String EXPONENTIAL = "(.*a){12}b";
  private static final String LONG_GROUP = "a".repeat(60);

  @Test
  void anOrdinaryPatternMatchesAsJavaDoes() {
    PatternBudget b = new PatternBudget("db-.*");
    assertThat(b.matches("db-seed")).isEqualTo(PatternBudget.Outcome.MATCH);
    assertThat(b.matches("fs-seed")).isEqualTo(PatternBudget.Outcome.NO_MATCH);
    assertThat(b.overBudget()).isFalse();
    // Not a pattern: it matches only itself, as TestNG compares names first.
    PatternBudget broken = new PatternBudget("a[");
    assertThat(broken.matches("a[")).isEqualTo(PatternBudget.Outcome.MATCH);
    assertThat(broken.matches("a")).isEqualTo(PatternBudget.Outcome.NO_MATCH);
  }

  @Test
  void anExponentialPatternRunsOutOfBudgetAtOnce() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          PatternBudget b = new PatternBudget(EXPONENTIAL);
          assertThat(b.matches(LONG_GROUP)).isEqualTo(PatternBudget.Outcome.OVER_BUDGET);
          assertThat(b.overBudget()).isTrue();
          assertThat(b.spent())
              .isBetween(PatternBudget.STEPS_PER_PATTERN, PatternBudget.STEPS_PER_PATTERN + 1);
          // Spent once, spent for good: no subject gets another try.
          assertThat(b.matches("ab")).isEqualTo(PatternBudget.Outcome.OVER_BUDGET);
        });
  }

  @Test
  void theBudgetIsSharedByAllSubjectsOfAPattern() {
    PatternBudget b = new PatternBudget("(x+x+)+y", 10_000);
    PatternBudget.Outcome last = PatternBudget.Outcome.NO_MATCH;
    for (int i = 0; i < 1_000 && last != PatternBudget.Outcome.OVER_BUDGET; i++) {
      last = b.matches("xxxxxxxx");
    }
    assertThat(last).isEqualTo(PatternBudget.Outcome.OVER_BUDGET);
  }

  @Test
  void aDependencyPatternOverBudgetSelectsNothingAndIsAProblem() throws Exception {
    Catalog catalog = CatalogLoader.builtIn();
    ClassFileParser parser = new ClassFileParser(catalog);
    List<ClassInfo> classes = new ArrayList<>();
    classes.add(
        parser.parse(testNgClass("p/SeedTest", "seed", "groups", LONG_GROUP), false, "Seed"));
    classes.add(
        parser.parse(
            testNgClass("p/CheckTest", "check", "dependsOnGroups", EXPONENTIAL), false, "Check"));
    classes.add(
        parser.parse(testNgClass("p/OtherTest", "other", "dependsOnGroups", "a+"), false, "O"));
    Program program = new Program(classes);
    MarkerDiscovery discovery = new MarkerDiscovery(program, catalog);
    List<MarkerScope> scopes =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> discovery.discover(new TestDiscovery(program).discover()));
    MarkerScope check =
        scopes.stream()
            .filter(s -> s.marker().className().equals("p.CheckTest"))
            .findFirst()
            .orElseThrow();
    assertThat(check.runsAfter()).isEmpty();
    MarkerScope other =
        scopes.stream()
            .filter(s -> s.marker().className().equals("p.OtherTest"))
            .findFirst()
            .orElseThrow();
    assertThat(other.runsAfter()).isNotEmpty();
    assertThat(discovery.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.INCOMPLETE_ANALYSIS);
              assertThat(p.path()).isEqualTo("p.CheckTest#check");
              assertThat(p.message()).contains("dependsOnGroups").contains("select no test");
            });
  }

  /** A TestNG test class with one test method whose {@code @Test} sets one array element. */
  private static byte[] testNgClass(String name, String method, String element, String value) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, method, "()V", null, null);
    AnnotationVisitor a = m.visitAnnotation("Lorg/testng/annotations/Test;", true);
    AnnotationVisitor array = a.visitArray(element);
    array.visit(null, value);
    array.visitEnd();
    a.visitEnd();
    m.visitCode();
    m.visitLdcInsn("k");
    m.visitLdcInsn("v");
    m.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        "java/lang/System",
        "setProperty",
        "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
        false);
    m.visitInsn(Opcodes.POP);
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }
}
