package io.github.isolationaudit.plan.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestCaseNameTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plain                            | plain      | false",
        "plain()                          | plain      | false",
        "twoArgs(String, int)             | twoArgs    | false",
        "withArray(String[])              | withArray  | false",
        "param(String)[2]                 | param      | true",
        "check[2]                         | check      | true",
        "check[0: v=1]                    | check      | true",
        "param(String)[1] a               | param      | true",
        "twoArgs(String, int)[2] y, 2     | twoArgs    | true",
        "repeated() repetition 1 of 3     | repeated   | true",
        "customName(int) custom 7         | customName | true",
        "$lambda$0                        | $lambda$0  | false",
      })
  void namesAMethod(String name, String method, boolean invocation) {
    assertThat(TestCaseName.parse(name)).contains(new TestCaseName(method, invocation));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1] a",
        "has a display name",
        "repetition 1 of 3",
        "",
        "m(String",
        "m[1",
        "m()x",
        "1abc"
      })
  void namesNoMethod(String name) {
    assertThat(TestCaseName.parse(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.FooTest", "com.example.FooTest$Inner$Deeper", "Foo"})
  void binaryClassNames(String name) {
    assertThat(TestCaseName.isBinaryClassName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A nice class", "com..Foo", "com.Foo.", "JUnit Jupiter"})
  void notClassNames(String name) {
    assertThat(TestCaseName.isBinaryClassName(name)).isFalse();
  }
}
