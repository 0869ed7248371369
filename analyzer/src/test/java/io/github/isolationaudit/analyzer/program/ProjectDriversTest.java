package io.github.isolationaudit.analyzer.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.bytecode.JdkSignatures;
import io.github.isolationaudit.rules.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which URLs the project's own JDBC drivers accept, read from their acceptsURL. */
class ProjectDriversTest {
  private static final String PKG = "io/github/isolationaudit/fixtures/database/";

  private static ProjectDrivers drivers;

  @BeforeAll
  static void parse() throws IOException, ClassFileParser.UnreadableClassException {
    ClassFileParser parser = new ClassFileParser(Catalog.builtIn());
    List<ClassInfo> classes = new ArrayList<>();
    for (String name : List.of("CountingDriver", "FakeDriver", "UrlPool")) {
      Path file = root().resolve(PKG + name + ".class");
      classes.add(parser.parse(Files.readAllBytes(file), false, file.toString()));
    }
    drivers = new Program(classes, new JdkSignatures()::methods).drivers();
  }

  @Test
  void findsTheClassesThatImplementDriver() {
    assertThat(drivers.all())
        .extracting(ProjectDrivers.Driver::type)
        .containsExactlyInAnyOrder(PKG + "CountingDriver", PKG + "FakeDriver");
    assertThat(drivers.byType(PKG + "UrlPool")).isEmpty();
  }

  @Test
  void aDriverThatComparesTheUrlAsAPrefixOfItsConstantAcceptsItsPrefixes() {
    // CountingDriver.acceptsURL: URL.startsWith(url), as commons-dbcp2's counting driver.
    ProjectDrivers.Driver counting = drivers.byType(PKG + "CountingDriver").orElseThrow();
    assertThat(counting.accepts("jdbc:fixtures:counting")).contains(true);
    assertThat(counting.accepts("jdbc:fixtures:count")).contains(true);
    assertThat(counting.accepts("jdbc:fixtures:counting;user=x")).contains(false);
    assertThat(counting.accepts("jdbc:fixtures:fake")).contains(false);
  }

  @Test
  void aDriverThatComparesTheStartOfTheUrlAcceptsLongerUrls() {
    // FakeDriver.acceptsURL: url.startsWith(CONNECT_STRING).
    ProjectDrivers.Driver fake = drivers.byType(PKG + "FakeDriver").orElseThrow();
    assertThat(fake.accepts("jdbc:fixtures:fake;user=tester")).contains(true);
    assertThat(fake.accepts("jdbc:h2:mem:fake")).contains(false);
    assertThat(drivers.anyAccepts("jdbc:h2:mem:elsewhere")).isFalse();
    assertThat(drivers.anyAccepts("jdbc:fixtures:fake")).isTrue();
  }

  @Test
  void whatADriverAcceptsIsUnknownWithoutComparisonsOrConstants() {
    ProjectDrivers.Driver opaque =
        new ProjectDrivers.Driver("x/Opaque", drivers.all().get(0).connect(), List.of(), List.of());
    assertThat(opaque.acceptanceKnown()).isFalse();
    assertThat(opaque.accepts("jdbc:anything:x")).isEqualTo(Optional.empty());
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
