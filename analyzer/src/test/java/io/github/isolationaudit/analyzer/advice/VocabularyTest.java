package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void junitsResourcesConstantsWhereTheSuiteSpeaksNoOtherVocabulary() {
    Vocabulary junit = Vocabulary.junit();

    assertThat(
            junit.lock(
                ResourceKind.SYSTEM_PROPERTY, "java.lang.System.properties", LockMode.READ_WRITE))
        .isEqualTo(
            new Annotation(
                "@ResourceLock(Resources.SYSTEM_PROPERTIES)",
                List.of(Vocabulary.RESOURCE_LOCK, Vocabulary.RESOURCES)));
    assertThat(junit.lock(ResourceKind.LOCALE, "java.util.Locale.default", LockMode.READ))
        .isEqualTo(
            new Annotation(
                "@ResourceLock(value = Resources.LOCALE, mode = ResourceAccessMode.READ)",
                List.of(Vocabulary.RESOURCE_LOCK, Vocabulary.RESOURCES, Vocabulary.ACCESS_MODE)));
    // No constant: the key as a Java string, escaped.
    assertThat(junit.lock(ResourceKind.FILE, "C:\\tmp\\\"x\"", LockMode.READ_WRITE).text())
        .isEqualTo("@ResourceLock(\"C:\\\\tmp\\\\\\\"x\\\"\")");
  }

  @Test
  void pioneersAnnotationsWhereTheSuiteUsesPioneer() {
    Vocabulary pioneer =
        Vocabulary.of(
            List.of(marker("org.junitpioneer.jupiter.WritesDefaultLocale", "junit-pioneer")));

    assertThat(
            pioneer.lock(
                ResourceKind.SYSTEM_PROPERTY, "java.lang.System.properties", LockMode.READ))
        .isEqualTo(
            new Annotation(
                "@ReadsSystemProperty", List.of("org.junitpioneer.jupiter.ReadsSystemProperty")));
    assertThat(pioneer.lock(ResourceKind.STDIO, "java.lang.System.out", LockMode.READ_WRITE).text())
        .isEqualTo("@WritesStdIo");
    // Pioneer has nothing for a file: JUnit's lock.
    assertThat(pioneer.lock(ResourceKind.FILE, "target/x", LockMode.READ_WRITE).text())
        .isEqualTo("@ResourceLock(\"target/x\")");
  }

  @Test
  void junit61sUtilAnnotationsBeforePioneersWhereTheSuiteUsesThem() {
    Vocabulary util =
        Vocabulary.of(
            List.of(
                marker("org.junitpioneer.jupiter.WritesDefaultLocale", "junit-pioneer"),
                marker("org.junit.jupiter.api.util.DefaultTimeZone", "junit-jupiter")));

    assertThat(util.lock(ResourceKind.TIME_ZONE, "java.util.TimeZone.default", LockMode.READ_WRITE))
        .isEqualTo(
            new Annotation(
                "@WritesDefaultTimeZone",
                List.of("org.junit.jupiter.api.util.WritesDefaultTimeZone")));
    // JUnit 6.1 has no environment annotation; pioneer has.
    assertThat(util.lock(ResourceKind.ENV, "java.lang.System.environment", LockMode.READ).text())
        .isEqualTo("@ReadsEnvironmentVariable");
  }

  @Test
  void theSuitesOwnLockKeysAreKnown() {
    Marker lock =
        new Marker(
            "org.junit.jupiter.api.parallel.ResourceLock",
            "junit-jupiter",
            MarkerEffect.LOCKS,
            List.of(new Lock("jdbc:h2:mem:test", LockMode.READ_WRITE)),
            "",
            "com.x.FooTest",
            "",
            "",
            null,
            "",
            "");
    Vocabulary suite = Vocabulary.of(List.of(lock));

    assertThat(suite.suiteUses("jdbc:h2:mem:test")).isTrue();
    assertThat(suite.suiteUses("jdbc:h2:mem:other")).isFalse();
  }

  private static Marker marker(String annotation, String family) {
    return new Marker(
        annotation,
        family,
        MarkerEffect.LOCKS,
        List.of(),
        "",
        "com.x.FooTest",
        "",
        "",
        null,
        "",
        "");
  }
}
