package io.github.isolationaudit.analyzer.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.rules.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The path conditions the scanner reads from an enum switch and from {@code p == Enum.X}, on the
 * {@code paths} fixtures as javac compiled them.
 */
class PathConditionsScanTest {

  private static final String PKG = "io/github/isolationaudit/fixtures/paths/";
  private static final String MAP =
      PKG + "Channels$1.$SwitchMap$io$github$isolationaudit$fixtures$paths$Protocol";

  private static ClassInfo parse(String name) throws Exception {
    Path root = Path.of(System.getProperty("fixtures.classes"));
    byte[] bytes = Files.readAllBytes(root.resolve(PKG + name + ".class"));
    return new ClassFileParser(Catalog.builtIn()).parse(bytes, false, "fixtures");
  }

  private static MethodInfo method(ClassInfo c, String name) {
    return c.methods().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static Sites.Condition newOf(MethodInfo m, String type) {
    return m.news().stream()
        .filter(n -> n.type().equals(PKG + type))
        .findFirst()
        .orElseThrow()
        .condition();
  }

  @Test
  void theSwitchMapOfTheSyntheticClassNamesEachConstantsNumber() throws Exception {
    MethodInfo clinit = method(parse("Channels$1"), "<clinit>");
    assertThat(clinit.switchCases()).extracting(Sites.SwitchCase::switchMap).containsOnly(MAP);
    // javac numbers the cases in the order the switch names them first.
    assertThat(clinit.switchCases())
        .extracting(c -> c.constant() + "=" + c.number())
        .containsExactly("SECURE=1", "SASL_PLAIN=2", "SASL_SECURE=3", "PLAIN=4");
  }

  @Test
  void eachCaseOfAnEnumSwitchConditionsWhatItMakesAndCalls() throws Exception {
    MethodInfo create = method(parse("Channels"), "create");
    assertThat(newOf(create, "SecureChannel").atoms())
        .containsExactly(new Sites.Atom(0, MAP, Set.of(1)));
    // Two labels on one case: either constant.
    assertThat(newOf(create, "SaslChannel").atoms())
        .containsExactly(new Sites.Atom(0, MAP, Set.of(2, 3)));
    assertThat(newOf(create, "PlainChannel").atoms())
        .containsExactly(new Sites.Atom(0, MAP, Set.of(4)));
    Sites.Call load =
        create.calls().stream().filter(c -> c.name().equals("load")).findFirst().orElseThrow();
    // Inside the case, mode == Mode.SERVER narrows the second parameter too.
    assertThat(load.condition().atoms())
        .containsExactlyInAnyOrder(
            new Sites.Atom(0, MAP, Set.of(2, 3)), new Sites.Atom(1, "", Set.of("SERVER")));
    Sites.Call configure =
        create.calls().stream().filter(c -> c.name().equals("configure")).findFirst().orElseThrow();
    // After the switch every case meets again (the default throws): no parameter is narrowed
    // beyond what all cases share, which is every constant the map numbers.
    assertThat(configure.condition().atoms())
        .containsExactly(new Sites.Atom(0, MAP, Set.of(1, 2, 3, 4)));
    Sites.Call message =
        create.calls().stream()
            .filter(c -> c.owner().equals("java/lang/IllegalArgumentException"))
            .findFirst()
            .orElseThrow();
    assertThat(message.condition().isNone()).isTrue();
  }

  @Test
  void pathsMeetingAnUnconditionalPathLoseTheirCondition() {
    Sites.Atom a = new Sites.Atom(0, MAP, Set.of(1));
    Sites.Atom b = new Sites.Atom(0, MAP, Set.of(2));
    Sites.Condition ca = Sites.Condition.NONE.and(a);
    Sites.Condition cb = Sites.Condition.NONE.and(b);
    assertThat(ca.or(cb).atoms()).containsExactly(new Sites.Atom(0, MAP, Set.of(1, 2)));
    assertThat(ca.or(Sites.Condition.NONE).isNone()).isTrue();
    assertThat(ca.and(b).atoms()).containsExactly(new Sites.Atom(0, MAP, Set.of()));
    // Atoms on other parameters only one side has do not hold after the paths meet.
    Sites.Condition both = ca.and(new Sites.Atom(1, "", Set.of("SERVER")));
    assertThat(both.or(cb).atoms()).containsExactly(new Sites.Atom(0, MAP, Set.of(1, 2)));
    assertThat(List.of(both.atoms().size())).containsExactly(2);
  }
}
