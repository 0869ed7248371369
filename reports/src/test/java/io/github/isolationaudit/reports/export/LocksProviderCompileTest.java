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
import java.util.List;
import java.util.Map;
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
 * the names the plan uses, and asks it what JUnit asks it.
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
    Map<String, String> sources = new TreeMap<>();
    sources.put(
        TEST_SOURCES_PACKAGE + "BaseTest.java",
        "package com.example;\n\n"
            + "import org.junit.jupiter.api.parallel.ResourceLock;\n\n"
            + annotation
            + "public abstract class BaseTest {}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "AlphaTest.java",
        "package com.example;\n\npublic class AlphaTest extends BaseTest {\n"
            + "  public void readsLocale() {}\n\n  public void plain() {}\n}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "BetaTest.java",
        "package com.example;\n\npublic class BetaTest extends BaseTest {\n"
            + "  public void writesTimeZone() {}\n}\n");
    sources.put(
        TEST_SOURCES_PACKAGE + "Outer.java",
        "package com.example;\n\npublic class Outer extends BaseTest {\n"
            + "  public class Inner {\n    public void writesFile() {}\n  }\n}\n");
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
            jarOf(ResourceLocksProvider.class) + File.pathSeparator + jarOf(API.class));
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

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
