package io.github.isolationaudit.analyzer.marker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.discovery.ClassFile;
import io.github.isolationaudit.analyzer.discovery.InputResolver;
import io.github.isolationaudit.analyzer.discovery.TestDiscovery;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.model.Verdict;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CatalogLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Discovery of the marker families whose meaning is not all in the annotation: JUnit 6.1's util
 * annotations, {@code @ResourceLock}'s {@code target} and {@code providers}, TestNG's dependencies
 * and priority, Spring's {@code @DirtiesContext}; read from the {@code markers} fixtures.
 */
class MarkerDiscoveryTest {

  private static final class Fixtures {
    static final Path DIR =
        Path.of(Objects.requireNonNull(System.getProperty("fixtures.classes"), "fixtures.classes"))
            .resolve("io/github/isolationaudit/fixtures/markers");
    static final List<MarkerScope> SCOPES = discover("");
    static final ScanResult RESULT = IsolationAudit.scan(ScanOptions.of(DIR).withAllReads());

    /** The markers of the family, without the class files whose names end in {@code left}. */
    static List<MarkerScope> discover(String left) {
      Catalog catalog = CatalogLoader.builtIn();
      ClassFileParser parser = new ClassFileParser(catalog);
      List<ClassInfo> classes = new ArrayList<>();
      for (ClassFile f : new InputResolver().read(List.of(DIR), List.of()).classFiles()) {
        if (!left.isEmpty() && f.path().endsWith(left)) {
          continue;
        }
        try {
          classes.add(parser.parse(f.bytes(), f.library(), f.path()));
        } catch (ClassFileParser.UnreadableClassException e) {
          throw new IllegalStateException(e);
        }
      }
      Program program = new Program(classes);
      return new MarkerDiscovery(program, catalog).discover(new TestDiscovery(program).discover());
    }
  }

  private static MarkerScope scope(String simpleClass, String method, String annotation) {
    return Fixtures.SCOPES.stream()
        .filter(
            s ->
                s.marker().className().endsWith("." + simpleClass)
                    && s.marker().methodName().equals(method)
                    && s.marker().annotation().endsWith("." + annotation))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no @" + annotation + " on " + simpleClass));
  }

  private static MarkerVerdict verdict(String simpleClass, String method, String annotation) {
    return Fixtures.RESULT.markers().stream()
        .filter(
            v ->
                v.marker().className().endsWith("." + simpleClass)
                    && v.marker().methodName().equals(method)
                    && v.marker().annotation().endsWith("." + annotation))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict on @" + annotation + " " + simpleClass));
  }

  @Test
  void jupiterUtilAnnotationsHoldTheLocksOfTheirMetaAnnotations() {
    assertThat(
            scope("JupiterUtilWriterTestCase", "switchesToStrictMode", "WritesSystemProperty")
                .marker()
                .locks())
        .containsExactly(new Lock("java.lang.System.properties", LockMode.READ_WRITE));
    assertThat(
            scope("JupiterUtilReaderTestCase", "defaultsToLenientMode", "ReadsSystemProperty")
                .marker()
                .locks())
        .containsExactly(new Lock("java.lang.System.properties", LockMode.READ));
    // JUnit's own keys, as the runtime compares them: a lock on "java.util.Locale" is another lock.
    assertThat(
            scope("JupiterUtilDefaultsInputTestCase", "countsColumns", "DefaultLocale")
                .marker()
                .locks())
        .containsExactly(new Lock("java.util.Locale.default", LockMode.READ_WRITE));
    assertThat(
            scope("JupiterUtilDefaultsInputTestCase", "countsRows", "DefaultTimeZone")
                .marker()
                .locks())
        .containsExactly(new Lock("java.util.TimeZone.default", LockMode.READ_WRITE));
  }

  @Test
  void childrenTargetLocksEachTestButNotTheClass() {
    MarkerScope children = scope("ChildrenLockTestCase", "", "ResourceLock");
    assertThat(children.marker().locks())
        .containsExactly(new Lock("java.lang.System.properties", LockMode.READ_WRITE));
    assertThat(children.classHeld()).as("the class itself holds no lock").isFalse();
    assertThat(children.tests()).hasSize(2);
    // A provider that locks only in provideForMethod leaves the class itself unlocked too.
    assertThat(scope("ProvidedLockWriterTestCase", "", "ResourceLock").classHeld()).isFalse();
  }

  @Test
  void childrenTargetOnAMethodIsRejectedByJunit() {
    MarkerScope onMethod = scope("ChildrenLockOnMethodTestCase", "parsesHeader", "ResourceLock");
    assertThat(onMethod.honoured()).isEqualTo(Tristate.FALSE);
    MarkerVerdict v = verdict("ChildrenLockOnMethodTestCase", "parsesHeader", "ResourceLock");
    assertThat(v.verdict()).isEqualTo(Verdict.LEGACY);
    assertThat(v.reason()).contains("CHILDREN");
  }

  @Test
  void providerLocksAreReadFromItsBytecode() {
    MarkerScope provided = scope("ProvidedLockWriterTestCase", "", "ResourceLock");
    assertThat(provided.marker().locks())
        .containsExactly(new Lock("java.lang.System.properties", LockMode.READ_WRITE));
    assertThat(provided.caveat()).isEmpty();
    MarkerVerdict v = verdict("ProvidedLockWriterTestCase", "", "ResourceLock");
    assertThat(v.verdict()).isEqualTo(Verdict.REQUIRED);
    assertThat(v.confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aProviderOutsideTheInputHasUnknownLocks() {
    MarkerScope provided =
        Fixtures.discover("SettingsLocks.class").stream()
            .filter(
                s ->
                    s.marker().className().endsWith(".ProvidedLockWriterTestCase")
                        && s.marker().annotation().endsWith(".ResourceLock"))
            .findFirst()
            .orElseThrow();
    assertThat(provided.marker().locks()).isEmpty();
    assertThat(provided.caveat()).contains("SettingsLocks").contains("not in the input");
  }

  @Test
  void aLockBuiltAtRunTimeIsUnknownAndItsVerdictLowConfidence() {
    MarkerScope computed = scope("ComputedLockTestCase", "", "ResourceLock");
    assertThat(computed.marker().locks()).isEmpty();
    assertThat(computed.caveat()).contains("ComputedLocks").contains("unknown");
    MarkerVerdict v = verdict("ComputedLockTestCase", "", "ResourceLock");
    assertThat(v.verdict()).isEqualTo(Verdict.DEFENSIVE);
    assertThat(v.confidence()).isEqualTo(Confidence.LOW);
    assertThat(v.confidenceNote()).contains("ComputedLocks");
    assertThat(v.recommendation()).startsWith("Do not remove");
  }

  @Test
  void testNgDependenciesOrderTheDependentAfterWhatItDependsOn() {
    MarkerScope steps = scope("DependentStepsTestNgTestCase", "accountIsOpen", "Test");
    assertThat(steps.marker().effect()).isEqualTo(MarkerEffect.ORDERS);
    TestId dependent = id(steps, "accountIsOpen");
    TestId first = id(steps, "opensAccount");
    assertThat(steps.runsAfter()).containsEntry(dependent, Set.of(first));

    MarkerScope groups = scope("DependentGroupsTestNgTestCase", "catalogIsSeeded", "Test");
    assertThat(groups.runsAfter().get(id(groups, "catalogIsSeeded")))
        .containsExactly(id(groups, "seedsCatalog"));
  }

  @Test
  void testNgPriorityOrdersNothingUnderParallelExecution() {
    MarkerScope priority = scope("PriorityTestNgTestCase", "storesToken", "Test");
    assertThat(priority.marker().effect()).isEqualTo(MarkerEffect.ORDERS);
    assertThat(priority.runsAfter()).isEmpty();
    MarkerVerdict v = verdict("PriorityTestNgTestCase", "storesToken", "Test");
    assertThat(v.verdict()).isEqualTo(Verdict.DEFENSIVE);
    assertThat(v.reason()).contains("keeps no tests apart");
    assertThat(v.recommendation()).contains("dependsOnMethods");
  }

  @Test
  void dirtiesContextIsLegacyOutsideSpringAndLowConfidenceInside() {
    assertThat(scope("DirtiesContextWithoutSpringTestCase", "", "DirtiesContext").honoured())
        .isEqualTo(Tristate.FALSE);
    MarkerVerdict outside = verdict("DirtiesContextWithoutSpringTestCase", "", "DirtiesContext");
    assertThat(outside.verdict()).isEqualTo(Verdict.LEGACY);
    assertThat(outside.reason()).contains("no Spring test");

    assertThat(scope("DirtiesContextSpringTestCase", "buildsGreeting", "DirtiesContext").honoured())
        .isEqualTo(Tristate.TRUE);
    MarkerVerdict inside =
        verdict("DirtiesContextSpringTestCase", "buildsGreeting", "DirtiesContext");
    assertThat(inside.verdict()).isEqualTo(Verdict.DEFENSIVE);
    assertThat(inside.confidence()).isEqualTo(Confidence.LOW);
    assertThat(inside.recommendation()).startsWith("Keep");
  }

  @Test
  void noFreshContextIsEverConfidentlyRequired() {
    assertThat(Fixtures.RESULT.markers())
        .filteredOn(v -> v.marker().effect() == MarkerEffect.FRESH_CONTEXT)
        .isNotEmpty()
        .allSatisfy(
            v -> {
              assertThat(v.verdict()).isNotEqualTo(Verdict.REQUIRED);
              if (v.verdict() != Verdict.LEGACY) {
                assertThat(v.confidence()).isEqualTo(Confidence.LOW);
              }
            });
  }

  private static TestId id(MarkerScope s, String method) {
    return s.tests().stream()
        .filter(t -> t.methodName().equals(method))
        .findFirst()
        .orElseThrow(() -> new AssertionError(method + " not in the scope of " + s.marker()));
  }
}
