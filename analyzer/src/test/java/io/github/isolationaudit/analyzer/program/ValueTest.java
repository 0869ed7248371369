package io.github.isolationaudit.analyzer.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a value seen inside a method reads for its caller ({@link Value#bind}). */
class ValueTest {

  private static final Value.FieldValue DIR =
      new Value.FieldValue("com/acme/Store", "dir", "Ljava/io/File;", false);
  private static final Value.FieldValue STATIC =
      new Value.FieldValue("com/acme/Store", "ROOT", "Ljava/io/File;", true);

  @Test
  void parametersBecomeTheCallsArgumentsAndUnknownWithoutThem() {
    Value path = Value.join(new Value.Param(0), new Value.Const("data.txt"));
    assertThat(Value.bind(path, List.of(new Value.Const("target")), null))
        .isEqualTo(new Value.Const("target/data.txt"));
    assertThat(Value.bind(new Value.Param(1), List.of(new Value.Const("a")), null))
        .isEqualTo(Value.UNKNOWN);
  }

  @Test
  void aFieldOfThisBecomesThatFieldOfTheReceiver() {
    Value.Allocated store =
        new Value.Allocated("com/acme/Store", "(Ljava/io/File;)V", List.of(new Value.Const("x")));
    assertThat(Value.bind(DIR, List.of(), store))
        .isEqualTo(new Value.ObjectField(store, "com/acme/Store", "dir", "Ljava/io/File;"));
    // Called on the caller's own this: still the caller's field.
    assertThat(Value.bind(DIR, List.of(), Value.THIS)).isEqualTo(DIR);
    // A receiver not followed: the field of any object of the class.
    assertThat(Value.bind(DIR, List.of(), null))
        .isEqualTo(new Value.ObjectField(Value.UNKNOWN, "com/acme/Store", "dir", "Ljava/io/File;"));
    assertThat(Value.bind(STATIC, List.of(), null)).isEqualTo(STATIC);
  }

  @Test
  void whatDependsOnTheCallerIsBoundInsideObjectsAndCalls() {
    Value.Allocated made =
        new Value.Allocated("com/acme/Store", "(Ljava/io/File;)V", List.of(new Value.Param(0)));
    Value.Returned returned =
        new Value.Returned(Value.THIS, "com/acme/Base", "root", "()Ljava/io/File;", List.of());
    assertThat(Value.dependsOnCaller(made)).isTrue();
    assertThat(Value.dependsOnCaller(returned)).isTrue();
    assertThat(Value.dependsOnCaller(STATIC)).isFalse();
    assertThat(Value.dependsOnCaller(new Value.Const("x"))).isFalse();

    Value.Allocated other = new Value.Allocated("com/acme/Other", null, List.of());
    assertThat(Value.bind(made, List.of(new Value.Const("a")), other))
        .isEqualTo(
            new Value.Allocated(
                "com/acme/Store", "(Ljava/io/File;)V", List.of(new Value.Const("a"))));
    assertThat(Value.bind(returned, List.of(), other))
        .isEqualTo(
            new Value.Returned(other, "com/acme/Base", "root", "()Ljava/io/File;", List.of()));
  }

  @Test
  void pathsThatMeetKeepBothValuesAndANullGivesNone() {
    Value a = new Value.Const("a");
    Value b = new Value.Const("b");
    assertThat(Value.either(a, a)).isEqualTo(a);
    assertThat(Value.either(Value.NULL, a)).isEqualTo(a);
    assertThat(Value.either(a, Value.NULL)).isEqualTo(a);
    assertThat(Value.either(a, Value.UNKNOWN)).isEqualTo(Value.UNKNOWN);
    assertThat(Value.either(Value.THIS, a)).isEqualTo(Value.UNKNOWN);
    Value ab = Value.either(a, b);
    assertThat(ab).isEqualTo(new Value.OneOf(List.of(a, b)));
    // Flattened, without repeats, and unknown past the limit.
    assertThat(Value.either(ab, Value.either(b, new Value.Const("c"))))
        .isEqualTo(new Value.OneOf(List.of(a, b, new Value.Const("c"))));
    Value many = ab;
    for (int i = 0; i < Value.MAX_ALTERNATIVES; i++) {
      many = Value.either(many, new Value.Const("x" + i));
    }
    assertThat(many).isEqualTo(Value.UNKNOWN);
  }

  @Test
  void alternativesAreBoundOneByOneAndCollapseWhenTheyAgree() {
    Value oneOf = Value.either(new Value.Param(0), new Value.Param(1));
    assertThat(Value.dependsOnCaller(oneOf)).isTrue();
    // wrap(name) or wrap(objectName) called with objectName null: only the name is left.
    assertThat(Value.bind(oneOf, List.of(new Value.Const("n"), Value.NULL), null))
        .isEqualTo(new Value.Const("n"));
    assertThat(Value.bind(oneOf, List.of(new Value.Const("n"), new Value.Const("n")), null))
        .isEqualTo(new Value.Const("n"));
    assertThat(Value.bind(oneOf, List.of(new Value.Const("n")), null)).isEqualTo(Value.UNKNOWN);
  }

  @Test
  void whatABindingLeavesUnchangedIsSharedNotCopied() {
    Value.Returned constant =
        new Value.Returned(
            Value.UNKNOWN,
            "com/acme/Paths",
            "root",
            "(Ljava/lang/String;)Ljava/io/File;",
            List.of(new Value.Const("r")));
    Value concat = Value.join(new Value.Const("base"), STATIC);
    Value.OneOf oneOf = (Value.OneOf) Value.either(constant, STATIC);
    Value.Allocated made =
        new Value.Allocated("com/acme/Store", "(Ljava/io/File;)V", List.of(constant));
    Value.ObjectField held = new Value.ObjectField(made, "com/acme/Store", "dir", "Ljava/io/File;");
    for (Value unchanged : List.of(constant, concat, oneOf, made, held)) {
      assertThat(Value.bind(unchanged, List.of(new Value.Const("a")), new Value.Param(0)))
          .isSameAs(unchanged);
    }

    // Only the spine down to the parameter is new; its siblings are the same objects.
    Value.Returned call =
        new Value.Returned(
            held, "com/acme/Store", "file", "(Ljava/lang/String;)V", List.of(new Value.Param(0)));
    Value bound = Value.bind(call, List.of(new Value.Const("x")), null);
    assertThat(bound)
        .isEqualTo(
            new Value.Returned(
                held,
                "com/acme/Store",
                "file",
                "(Ljava/lang/String;)V",
                List.of(new Value.Const("x"))));
    assertThat(((Value.Returned) bound).receiver()).isSameAs(held);

    // Too deep to follow is unknown, whether or not anything in it changes.
    Value deep = constant;
    for (int i = 0; i <= Value.MAX_NESTING; i++) {
      deep = new Value.ObjectField(deep, "com/acme/Node", "next", "Lcom/acme/Node;");
    }
    Value cut = Value.bind(deep, List.of(), null);
    assertThat(cut).isNotSameAs(deep);
    assertThat(cut.toString()).contains("Unknown");
  }
}
