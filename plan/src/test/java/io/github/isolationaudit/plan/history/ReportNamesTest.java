package io.github.isolationaudit.plan.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plain                            | plain",
        "plain()                          | plain",
        "twoArgs(String, int)             | twoArgs",
        "withArray(String[])              | withArray",
        "param(String)[2]                 | param",
        "check[2]                         | check",
        "check[0: v=1]                    | check",
        "param(String)[1] a               | param",
        "twoArgs(String, int)[2] y, 2     | twoArgs",
        "repeated() repetition 1 of 3     | repeated",
        "customName(int) custom 7         | customName",
        "$lambda$0                        | $lambda$0",
      })
  void namesAMethod(String name, String method) {
    assertThat(ReportNames.method(name)).contains(method);
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
    assertThat(ReportNames.method(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.FooTest", "com.example.FooTest$Inner$Deeper", "Foo"})
  void binaryClassNames(String name) {
    assertThat(ReportNames.isBinaryClassName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A nice class", "com..Foo", "com.Foo.", "JUnit Jupiter"})
  void notClassNames(String name) {
    assertThat(ReportNames.isBinaryClassName(name)).isFalse();
  }
}
