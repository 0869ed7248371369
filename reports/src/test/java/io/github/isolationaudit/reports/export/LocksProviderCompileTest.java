package io.github.isolationaudit.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.plan.Plan;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;

/**
 * Compiles the generated provider against {@code junit-jupiter-api} together with test classes of
 * the names the plan uses, asks it what JUnit asks it, and lets the Jupiter engine (on this
 * module's test run time class path) discover those classes to read the locks it gives them.
 */
class LocksProviderCompileTest {

  private static final String TEST_SOURCES_PACKAGE = "com/example/";

  @TempDir Path dir;

  @Test
  void generatedProviderCompilesAndAnswersWhatJUnitAsks() throws Exception {
    PlanExports exports = new PlanExports();
    Plan plan = SamplePlans.plan();
    Map<String, String> sources = testClasses(exports.locksProviderAnnotation());
    sources.put(exports.locksProviderFileName(), exports.locksProvider(plan));

    try (URLClassLoader loader = compile(sources)) {
      ResourceLocksProvider provider =
          (ResourceLocksProvider)
              loader.loadClass("isolationaudit.PlanLocks").getConstructor().newInstance();
      Class<?> alpha = loader.loadClass("com.example.AlphaTest");
      Class<?> beta = loader.loadClass("com.example.BetaTest");
      Class<?> outer = loader.loadClass("com.example.Outer");
      Class<?> inner = loader.loadClass("com.example.Outer$Inner");

      assertThat(provider.provideForClass(alpha))
          .containsExactly(lock("java.lang.System.properties", ResourceAccessMode.READ_WRITE));
      assertThat(provider.provideForClass(beta)).isEmpty();
      assertThat(provider.provideForClass(outer)).isEmpty();
      assertThat(provider.provideForNestedClass(List.of(outer), inner))
          .containsExactly(lock("isolation-audit:PORT:8080", ResourceAccessMode.READ_WRITE));

      assertThat(provider.provideForMethod(List.of(), alpha, method(alpha, "readsLocale")))
          .containsExactly(lock("java.util.Locale.default", ResourceAccessMode.READ));
      assertThat(provider.provideForMethod(List.of(), alpha, method(alpha, "plain"))).isEmpty();
      assertThat(provider.provideForMethod(List.of(), beta, method(beta, "writesTimeZone")))
          .containsExactlyInAnyOrder(
              lock("java.lang.System.properties", ResourceAccessMode.READ),
              lock("java.util.TimeZone.default", ResourceAccessMode.READ_WRITE));
      // The key with quotes, a backslash and a non-ASCII letter survives compilation.
      assertThat(provider.provideForMethod(List.of(outer), inner, method(inner, "writesFile")))
          .containsExactly(lock(SamplePlans.AWKWARD_KEY, ResourceAccessMode.READ_WRITE));

      // The one annotation on the base class reaches its subclasses, as JUnit's lookup expects.
      ResourceLock onSubclass = alpha.getAnnotation(ResourceLock.class);
      assertThat(onSubclass).isNotNull();
      assertThat(onSubclass.value()).isEmpty();
      assertThat(onSubclass.providers()).containsExactly(provider.getClass());
    }
  }

  /**
   * Discovers the compiled test classes with the Jupiter engine and reads the locks each test
   * descriptor holds: the provider on the base class reaches the subclasses' classes and methods,
   * and the nested class and its methods through the enclosing class.
   */
  @Test
  void jupiterGivesTheTestsTheProvidersLocks() throws Exception {
    PlanExports exports = new PlanExports();
    Map<String, String> sources = testClasses(exports.locksProviderAnnotation());
    sources.put(exports.locksProviderFileName(), exports.locksProvider(SamplePlans.plan()));
    sources.put("probe/LockProbe.java", LOCK_PROBE);

    try (URLClassLoader loader = compile(sources)) {
      Class<?>[] classes = {
        loader.loadClass("com.example.AlphaTest"),
        loader.loadClass("com.example.BetaTest"),
        loader.loadClass("com.example.Outer")
      };
      @SuppressWarnings("unchecked") // LockProbe.locks returns exactly this type.
      Map<String, Set<String>> locks =
          (Map<String, Set<String>>)
              loader
                  .loadClass("probe.LockProbe")
                  .getMethod("locks", Class[].class)
                  .invoke(null, (Object) classes);

      assertThat(locks)
          .containsOnly(
              Map.entry("com.example.AlphaTest", Set.of("java.lang.System.properties READ_WRITE")),
              Map.entry("com.example.AlphaTest#plain", Set.of()),
              Map.entry(
                  "com.example.AlphaTest#readsLocale", Set.of("java.util.Locale.default READ")),
              Map.entry("com.example.BetaTest", Set.of()),
              Map.entry(
                  "com.example.BetaTest#writesTimeZone",
                  Set.of(
                      "java.lang.System.properties READ", "java.util.TimeZone.default READ_WRITE")),
              Map.entry("com.example.Outer", Set.of()),
              Map.entry("com.example.Outer$Inner", Set.of("isolation-audit:PORT:8080 READ_WRITE")),
              Map.entry(
                  "com.example.Outer$Inner#writesFile",
                  Set.of(SamplePlans.AWKWARD_KEY + " READ_WRITE")));
    }
  }

  /**
   * Discovers classes with the Jupiter engine and returns each descriptor's exclusive resources.
   */
  private static final String LOCK_PROBE =
      """
      package probe;

      import java.nio.file.Path;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.Set;
      import java.util.TreeMap;
      import java.util.TreeSet;
      import org.junit.jupiter.engine.JupiterTestEngine;
      import org.junit.platform.engine.ConfigurationParameters;
      import org.junit.platform.engine.DiscoveryFilter;
      import org.junit.platform.engine.DiscoverySelector;
      import org.junit.platform.engine.EngineDiscoveryRequest;
      import org.junit.platform.engine.TestDescriptor;
      import org.junit.platform.engine.UniqueId;
      import org.junit.platform.engine.discovery.DiscoverySelectors;
      import org.junit.platform.engine.reporting.OutputDirectoryProvider;
      import org.junit.platform.engine.support.descriptor.ClassSource;
      import org.junit.platform.engine.support.descriptor.MethodSource;
      import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
      import org.junit.platform.engine.support.hierarchical.Node;

      public final class LockProbe {
        private LockProbe() {}

        public static Map<String, Set<String>> locks(Class<?>[] classes) {
          List<DiscoverySelector> selectors =
              java.util.Arrays.stream(classes)
                  .<DiscoverySelector>map(DiscoverySelectors::selectClass)
                  .toList();
          EngineDiscoveryRequest request =
              new EngineDiscoveryRequest() {
                @Override
                public <T extends DiscoverySelector> List<T> getSelectorsByType(Class<T> type) {
                  return selectors.stream().filter(type::isInstance).map(type::cast).toList();
                }

                @Override
                public <T extends DiscoveryFilter<?>> List<T> getFiltersByType(Class<T> type) {
                  return List.of();
                }

                @Override
                public ConfigurationParameters getConfigurationParameters() {
                  return new NoParameters();
                }

                @Override
                public OutputDirectoryProvider getOutputDirectoryProvider() {
                  return new NoOutput();
                }
              };
          TestDescriptor root =
              new JupiterTestEngine().discover(request, UniqueId.forEngine("junit-jupiter"));
          Map<String, Set<String>> locks = new TreeMap<>();
          for (TestDescriptor descriptor : root.getDescendants()) {
            Set<String> held = new TreeSet<>();
            for (ExclusiveResource resource : ((Node<?>) descriptor).getExclusiveResources()) {
              held.add(resource.getKey() + " " + resource.getLockMode());
            }
            locks.put(name(descriptor), held);
          }
          return locks;
        }

        private static String name(TestDescriptor descriptor) {
          Object source = descriptor.getSource().orElseThrow();
          if (source instanceof MethodSource method) {
            return method.getClassName() + "#" + method.getMethodName();
          }
          return ((ClassSource) source).getClassName();
        }

        private static final class NoOutput implements OutputDirectoryProvider {
          @Override
          public Path getRootDirectory() {
            throw new UnsupportedOperationException("discovery writes nothing");
          }

          @Override
          public Path createOutputDirectory(TestDescriptor descriptor) {
            throw new UnsupportedOperationException("discovery writes nothing");
          }
        }

        private static final class NoParameters implements ConfigurationParameters {
          @Override
          public Optional<String> get(String key) {
            return Optional.empty();
          }

          @Override
          public Optional<Boolean> getBoolean(String key) {
            return Optional.empty();
          }

          @Override
          @SuppressWarnings("deprecation") // Part of the interface until it is removed.
          public int size() {
            return 0;
          }

          @Override
          public Set<String> keySet() {
            return Set.of();
          }
        }
      }
      """;

  @Test
  void providerOfAnotherNameAndOfAnEmptyPlanCompiles() throws Exception {
    PlanExports exports =
        new PlanExports(ExportOptions.defaults().withProviderClass("org.acme.locks.SuiteLocks"));
    Plan plan = SamplePlans.plan();
    Plan empty =
        new Plan(
            plan.workers(),
            plan.lanes(),
            plan.stages(),
            plan.predicted(),
            plan.lockCosts(),
            plan.shards(),
            List.of(),
            plan.durations(),
            plan.problems());
    assertThat(exports.locksProviderFileName()).isEqualTo("org/acme/locks/SuiteLocks.java");

    try (URLClassLoader loader =
        compile(Map.of(exports.locksProviderFileName(), exports.locksProvider(empty)))) {
      ResourceLocksProvider provider =
          (ResourceLocksProvider)
              loader.loadClass("org.acme.locks.SuiteLocks").getConstructor().newInstance();
      assertThat(provider.provideForClass(Object.class)).isEmpty();
      assertThat(provider.provideForNestedClass(List.of(), Object.class)).isEmpty();
      assertThat(
              provider.provideForMethod(
                  List.of(), Object.class, Object.class.getMethod("toString")))
          .isEmpty();
    }
  }

  private static Lock lock(String key, ResourceAccessMode mode) {
    return new Lock(key, mode);
  }

  private static Method method(Class<?> type, String name) throws NoSuchMethodException {
    return type.getMethod(name);
  }

  /** Test classes named as in the sample plan, below a base class carrying the annotation. */
  private static Map<String, String> testClasses(String annotation) {
    String imports = "package com.example;\n\nimport org.junit.jupiter.api.Test;\n\n";
    Map<String, String> sources = new TreeMap<>();
    sources.put(
        TEST_SOURCES_PACKAGE + "BaseTest.java",
        "package com.example;\n\n"
            + "import org.junit.jupiter.api.parallel.ResourceLock;\n\n"
            + annotation
            + "public abstract class BaseTest {}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "AlphaTest.java",
        imports
            + "public class AlphaTest extends BaseTest {\n"
            + "  @Test\n  public void readsLocale() {}\n\n  @Test\n  public void plain() {}\n}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "BetaTest.java",
        imports
            + "public class BetaTest extends BaseTest {\n"
            + "  @Test\n  public void writesTimeZone() {}\n}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "Outer.java",
        imports
            + "import org.junit.jupiter.api.Nested;\n\n"
            + "public class Outer extends BaseTest {\n"
            + "  @Nested\n  public class Inner {\n"
            + "    @Test\n    public void writesFile() {}\n  }\n}\n");
    return sources;
  }

  private URLClassLoader compile(Map<String, String> sources) throws IOException {
    Path src = dir.resolve("src");
    Path out = Files.createDirectories(dir.resolve("classes"));
    List<String> options =
        List.of(
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-Xlint:all",
            "-Werror",
            "-proc:none",
            "-d",
            out.toString(),
            "-classpath",
            classPath());
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          compiler
              .getTask(
                  messages,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromStrings(files))
              .call();
      assertThat(compiled).as("javac said:%n%s", messages).isTrue();
    }
    assertThat(messages.toString()).as("javac warnings").isEmpty();
    return new URLClassLoader(
        new URL[] {out.toUri().toURL()}, LocksProviderCompileTest.class.getClassLoader());
  }

  /**
   * The API the generated sources compile against, and the engine the probe uses, which this
   * module's tests have only at run time.
   */
  private static String classPath() {
    Set<String> jars = new LinkedHashSet<>();
    jars.add(jarOf(ResourceLocksProvider.class));
    jars.add(jarOf(API.class));
    for (String name :
        List.of(
            "org.junit.platform.commons.util.ReflectionUtils",
            "org.junit.platform.engine.TestEngine",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.opentest4j.AssertionFailedError")) {
      try {
        jars.add(jarOf(Class.forName(name)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(name + " is not on the test class path", e);
      }
    }
    return String.join(File.pathSeparator, jars);
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
