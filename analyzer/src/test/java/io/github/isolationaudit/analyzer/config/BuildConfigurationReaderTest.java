package io.github.isolationaudit.analyzer.config;

import static io.github.isolationaudit.model.Tristate.FALSE;
import static io.github.isolationaudit.model.Tristate.TRUE;
import static io.github.isolationaudit.model.Tristate.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.discovery.TextResource;
import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.Tristate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildConfigurationReaderTest {

  static TextResource properties(String text) {
    return new TextResource(
        "/p/target/test-classes/junit-platform.properties", "junit-platform.properties", text);
  }

  static TextResource pom(String text) {
    return new TextResource("/p/pom.xml", "pom.xml", text);
  }

  /** A parent-less pom whose Surefire plugin has the given configuration. */
  static TextResource surefire(String configuration) {
    return pom(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>shop</artifactId>
          <version>1.0</version>
          <properties>
            <surefire.forkCount>3</surefire.forkCount>
          </properties>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>3.5.2</version>
                <configuration>
        %s
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """
            .formatted(configuration));
  }

  static BuildConfiguration read(TextResource... resources) {
    BuildConfigurationReader.Result result = BuildConfigurationReader.read(List.of(resources));
    assertThat(result.problems()).isEmpty();
    return result.configuration();
  }

  @Test
  void noFilesAtAllLeavesEverythingUnknown() {
    BuildConfigurationReader.Result result = BuildConfigurationReader.read(List.of());

    assertThat(result.configuration()).isEqualTo(BuildConfiguration.unknown());
    assertThat(result.problems()).isEmpty();
  }

  @Nested
  class JupiterProperties {

    @Test
    void enabledAloneKeepsJUnitsSameThreadDefaults() {
      BuildConfiguration c = read(properties("junit.jupiter.execution.parallel.enabled=true\n"));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.classesConcurrent()).isEqualTo(FALSE);
      assertThat(c.runsInParallel()).isEqualTo(FALSE);
      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.sources()).containsExactly("/p/target/test-classes/junit-platform.properties");
      assertThat(c.settings())
          .containsEntry(
              "junit-platform.properties:junit.jupiter.execution.parallel.enabled", "true");
    }

    @Test
    void concurrentDefaultModeRunsMethodsAndClassesConcurrently() {
      BuildConfiguration c =
          read(
              properties(
                  """
                  junit.jupiter.execution.parallel.enabled = true
                  junit.jupiter.execution.parallel.mode.default = concurrent
                  """));

      assertThat(c.methodsConcurrent()).isEqualTo(TRUE);
      assertThat(c.classesConcurrent()).isEqualTo(TRUE);
      assertThat(c.runsInParallel()).isEqualTo(TRUE);
    }

    @Test
    void classesModeOverridesTheDefaultMode() {
      BuildConfiguration c =
          read(
              properties(
                  """
                  junit.jupiter.execution.parallel.enabled=true
                  junit.jupiter.execution.parallel.mode.default=concurrent
                  junit.jupiter.execution.parallel.mode.classes.default=same_thread
                  """));

      assertThat(c.methodsConcurrent()).isEqualTo(TRUE);
      assertThat(c.classesConcurrent()).isEqualTo(FALSE);
      assertThat(c.runsInParallel()).isEqualTo(TRUE);
    }

    @Test
    void aFileWithoutParallelKeysProvesTheDefaults() {
      BuildConfiguration c =
          read(properties("junit.jupiter.testinstance.lifecycle.default=per_class\n"));

      assertThat(c.parallelEnabled()).isEqualTo(FALSE);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.classesConcurrent()).isEqualTo(FALSE);
      assertThat(c.runsInParallel()).isEqualTo(FALSE);
    }

    @Test
    void invalidModeFallsBackToTheDefaultAsJUnitDoes() {
      BuildConfiguration c =
          read(
              properties(
                  """
                  junit.jupiter.execution.parallel.enabled=TRUE
                  junit.jupiter.execution.parallel.mode.default=parallel
                  junit.jupiter.execution.parallel.mode.classes.default= Concurrent\s
                  """));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.classesConcurrent()).isEqualTo(TRUE);
    }

    @Test
    void aPropertiesFileThatFailsToLoadIsAProblemAndLeavesJupiterUnknown() {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(
              List.of(properties("junit.jupiter.execution.parallel.enabled=\\u12\n")));

      assertThat(result.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.UNPARSABLE_SOURCE);
                assertThat(p.path()).isEqualTo("/p/target/test-classes/junit-platform.properties");
                assertThat(p.message()).contains("Malformed \\uxxxx encoding");
              });
      assertThat(result.configuration().parallelEnabled()).isEqualTo(UNKNOWN);
      assertThat(result.configuration().runsInParallel()).isEqualTo(UNKNOWN);
    }
  }

  @Nested
  class SurefireJupiterSettings {

    @Test
    void configurationParametersOverrideThePropertiesFile() {
      BuildConfiguration c =
          read(
              properties("junit.jupiter.execution.parallel.enabled=false\n"),
              surefire(
                  """
                  <properties>
                    <configurationParameters>
                      junit.jupiter.execution.parallel.enabled = true
                      junit.jupiter.execution.parallel.mode.default = concurrent
                    </configurationParameters>
                  </properties>
                  """));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(TRUE);
      assertThat(c.runsInParallel()).isEqualTo(TRUE);
      assertThat(c.sources())
          .containsExactly("/p/pom.xml", "/p/target/test-classes/junit-platform.properties");
      assertThat(c.settings()).containsKey("pom.xml:surefire.properties.configurationParameters");
    }

    @Test
    void systemPropertyVariablesWinOverArgLineAndLoseToConfigurationParameters() {
      BuildConfiguration c =
          read(
              properties("junit.jupiter.execution.parallel.mode.default=concurrent\n"),
              surefire(
                  """
                  <argLine>-Xmx1g -Djunit.jupiter.execution.parallel.enabled=false -Djunit.jupiter.execution.parallel.mode.classes.default=same_thread</argLine>
                  <systemPropertyVariables>
                    <junit.jupiter.execution.parallel.enabled>true</junit.jupiter.execution.parallel.enabled>
                  </systemPropertyVariables>
                  <properties>
                    <configurationParameters>junit.jupiter.execution.parallel.mode.default=same_thread</configurationParameters>
                  </properties>
                  """));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.classesConcurrent()).isEqualTo(FALSE);
      assertThat(c.settings())
          .containsEntry(
              "pom.xml:surefire.systemPropertyVariables.junit.jupiter.execution.parallel.enabled",
              "true");
    }

    @Test
    void aPomThatSetsJupiterKeysIsASourceOnItsOwn() {
      BuildConfiguration c =
          read(
              surefire(
                  """
                  <argLine>-Djunit.jupiter.execution.parallel.enabled=true</argLine>
                  """));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.runsInParallel()).isEqualTo(FALSE);
    }

    @Test
    void aPomWithoutJupiterKeysAndNoPropertiesFileLeavesJupiterUnknown() {
      BuildConfiguration c = read(surefire("<forkCount>1</forkCount>"));

      assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
      assertThat(c.runsInParallel()).isEqualTo(UNKNOWN);
      assertThat(c.forks()).isEqualTo(FALSE);
    }

    @Test
    void anUnresolvedValueMakesThatKeyUnknown() {
      BuildConfiguration c =
          read(
              properties("junit.jupiter.execution.parallel.enabled=true\n"),
              surefire(
                  """
                  <systemPropertyVariables>
                    <junit.jupiter.execution.parallel.mode.default>${jupiter.mode}</junit.jupiter.execution.parallel.mode.default>
                  </systemPropertyVariables>
                  """));

      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.methodsConcurrent()).isEqualTo(UNKNOWN);
      assertThat(c.classesConcurrent()).isEqualTo(UNKNOWN);
    }

    @Test
    void malformedConfigurationParametersAreAProblemAndMakeJupiterUnknown() {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(
              List.of(
                  properties("junit.jupiter.execution.parallel.enabled=true\n"),
                  surefire(
                      """
                      <properties>
                        <configurationParameters>junit.jupiter.execution.parallel.mode.default=\\uZZZZ</configurationParameters>
                      </properties>
                      """)));

      assertThat(result.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.path()).isEqualTo("/p/pom.xml");
                assertThat(p.message()).startsWith("<configurationParameters>");
              });
      assertThat(result.configuration().parallelEnabled()).isEqualTo(UNKNOWN);
      assertThat(result.configuration().forks()).isEqualTo(FALSE);
    }
  }

  @Nested
  class Forks {

    @ParameterizedTest(name = "forkCount {0} -> {1}")
    @CsvSource({
      "4, TRUE",
      "2, TRUE",
      "1, FALSE",
      "0, FALSE",
      "1C, TRUE",
      "1.5C, TRUE",
      "0C, FALSE",
      "${surefire.forkCount}, TRUE",
      "${ci.forks}, UNKNOWN",
      "lots, UNKNOWN"
    })
    void forkCount(String forkCount, Tristate expected) {
      BuildConfiguration c = read(surefire("<forkCount>" + forkCount + "</forkCount>"));

      assertThat(c.forks()).isEqualTo(expected);
      assertThat(c.settings()).containsEntry("pom.xml:surefire.forkCount", forkCount);
    }

    @Test
    void theReferencedPropertyIsRecorded() {
      BuildConfiguration c = read(surefire("<forkCount>${surefire.forkCount}</forkCount>"));

      assertThat(c.settings()).containsEntry("pom.xml:properties.surefire.forkCount", "3");
    }

    @Test
    void absentForkCountIsSurefiresDefaultOfOne() {
      assertThat(read(surefire("")).forks()).isEqualTo(FALSE);
    }

    @Test
    void absentForkCountUnderAParentMayBeInherited() {
      BuildConfiguration c =
          read(
              pom(
                  """
                  <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <parent>
                      <groupId>com.example</groupId>
                      <artifactId>parent</artifactId>
                      <version>1</version>
                    </parent>
                    <artifactId>shop</artifactId>
                  </project>
                  """));

      assertThat(c.forks()).isEqualTo(UNKNOWN);
    }

    @Test
    void reuseForksIsRecordedButOneForkAtATimeIsStillNoForks() {
      BuildConfiguration c =
          read(surefire("<forkCount>1</forkCount><reuseForks>false</reuseForks>"));

      assertThat(c.forks()).isEqualTo(FALSE);
      assertThat(c.settings()).containsEntry("pom.xml:surefire.reuseForks", "false");
    }

    @Test
    void pluginManagementConfigurationApplies() {
      BuildConfiguration c =
          read(
              pom(
                  """
                  <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <build>
                      <pluginManagement>
                        <plugins>
                          <plugin>
                            <artifactId>maven-surefire-plugin</artifactId>
                            <configuration><forkCount>2C</forkCount></configuration>
                          </plugin>
                        </plugins>
                      </pluginManagement>
                    </build>
                  </project>
                  """));

      assertThat(c.forks()).isEqualTo(TRUE);
      assertThat(c.settings()).containsEntry("pom.xml:pluginManagement.surefire.forkCount", "2C");
    }

    @Test
    void executionsThatDisagreeMakeForksUnknown() {
      BuildConfiguration c =
          read(
              pom(
                  """
                  <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <build>
                      <plugins>
                        <plugin>
                          <artifactId>maven-surefire-plugin</artifactId>
                          <configuration><forkCount>1</forkCount></configuration>
                          <executions>
                            <execution>
                              <id>slow-tests</id>
                              <goals><goal>test</goal></goals>
                              <configuration>
                                <forkCount>4</forkCount>
                                <groups>slow</groups>
                              </configuration>
                            </execution>
                          </executions>
                        </plugin>
                      </plugins>
                    </build>
                  </project>
                  """));

      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.includedGroups()).containsExactly("slow");
      assertThat(c.settings())
          .containsEntry("pom.xml:surefire.execution[slow-tests].forkCount", "4");
    }

    @Test
    void failsafeForksThatDisagreeWithSurefireMakeForksUnknown() {
      BuildConfiguration c =
          read(
              pom(
                  """
                  <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <build>
                      <plugins>
                        <plugin>
                          <artifactId>maven-failsafe-plugin</artifactId>
                          <configuration><forkCount>3</forkCount></configuration>
                          <executions>
                            <execution><goals><goal>integration-test</goal></goals></execution>
                          </executions>
                        </plugin>
                      </plugins>
                    </build>
                  </project>
                  """));

      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.settings()).containsEntry("pom.xml:failsafe.forkCount", "3");
    }
  }

  @Nested
  class Profiles {

    static final String PROFILED =
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <properties><forks>1</forks></properties>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-surefire-plugin</artifactId>
                <configuration><forkCount>${forks}</forkCount></configuration>
              </plugin>
            </plugins>
          </build>
          <profiles>
            <profile>
              <id>%s</id>
              %s
            </profile>
          </profiles>
        </project>
        """;

    @Test
    void aProfileThatForksMakesForksUnknown() {
      BuildConfiguration c =
          read(
              pom(
                  PROFILED.formatted(
                      "parallel-tests",
                      """
                      <build><plugins><plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <configuration><forkCount>4</forkCount><reuseForks>false</reuseForks></configuration>
                      </plugin></plugins></build>
                      """)));

      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.settings())
          .containsEntry("pom.xml:profile[parallel-tests].surefire.forkCount", "4")
          .containsEntry("pom.xml:profile[parallel-tests].surefire.reuseForks", "false");
    }

    @Test
    void aProfilePropertyThatChangesTheForkCountMakesForksUnknown() {
      BuildConfiguration c =
          read(pom(PROFILED.formatted("ci", "<properties><forks>2</forks></properties>")));

      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.settings())
          .containsEntry("pom.xml:properties.forks", "1")
          .containsEntry("pom.xml:profile[ci].properties.forks", "2");
    }

    @Test
    void aProfileThatAgreesChangesNothing() {
      BuildConfiguration c =
          read(pom(PROFILED.formatted("quiet", "<properties><forks>1</forks></properties>")));

      assertThat(c.forks()).isEqualTo(FALSE);
    }

    @Test
    void aProfileThatEnablesJupiterParallelismMakesItUnknown() {
      BuildConfiguration c =
          read(
              properties("junit.jupiter.execution.parallel.enabled=false\n"),
              pom(
                  PROFILED.formatted(
                      "fast",
                      """
                      <build><plugins><plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <configuration>
                          <properties>
                            <configurationParameters>junit.jupiter.execution.parallel.enabled=true</configurationParameters>
                          </properties>
                        </configuration>
                      </plugin></plugins></build>
                      """)));

      assertThat(c.parallelEnabled()).isEqualTo(UNKNOWN);
      assertThat(c.methodsConcurrent()).isEqualTo(FALSE);
      assertThat(c.runsInParallel()).isEqualTo(UNKNOWN);
    }

    @Test
    void profileGroupsStillCountAsUsed() {
      BuildConfiguration c =
          read(
              pom(
                  PROFILED.formatted(
                      "nightly",
                      """
                      <build><plugins><plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <configuration><excludedGroups>flaky</excludedGroups></configuration>
                      </plugin></plugins></build>
                      """)));

      assertThat(c.excludedGroups()).containsExactly("flaky");
    }
  }

  @Test
  void groupsAndExcludedGroupsAreCommaLists() {
    BuildConfiguration c =
        read(
            surefire(
                """
                <groups>fast, integration &amp; !slow</groups>
                <excludedGroups>com.example.SlowTests,serial</excludedGroups>
                """));

    assertThat(c.includedGroups()).containsExactly("fast", "integration & !slow");
    assertThat(c.excludedGroups()).containsExactly("com.example.SlowTests", "serial");
    assertThat(c.settings()).containsEntry("pom.xml:surefire.groups", "fast, integration & !slow");
  }

  @Nested
  class BadInput {

    @Test
    void aBrokenPomIsAProblemAndTheRestIsStillRead() {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(
              List.of(
                  pom(
                      """
                      <project>
                        <build>
                          <plugins>
                        </build>
                      </project>
                      """),
                  properties("junit.jupiter.execution.parallel.enabled=true\n")));

      assertThat(result.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.UNPARSABLE_SOURCE);
                assertThat(p.path()).isEqualTo("/p/pom.xml");
                assertThat(p.message())
                    .startsWith("not well-formed XML at line 4, column")
                    .contains("plugins");
              });
      BuildConfiguration c = result.configuration();
      assertThat(c.parallelEnabled()).isEqualTo(TRUE);
      assertThat(c.forks()).isEqualTo(UNKNOWN);
      assertThat(c.sources()).containsExactly("/p/target/test-classes/junit-platform.properties");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(
              List.of(
                  pom(
                      """
                      <?xml version="1.0"?>
                      <!DOCTYPE project [<!ENTITY forks SYSTEM "file:///etc/hostname">]>
                      <project><build><plugins><plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <configuration><forkCount>&forks;</forkCount></configuration>
                      </plugin></plugins></build></project>
                      """)));

      assertThat(result.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("DOCTYPE"));
      assertThat(result.configuration().forks()).isEqualTo(UNKNOWN);
      assertThat(result.configuration().settings()).isEmpty();
    }

    @Test
    void aPomThatIsNoPomIsAProblem() {
      BuildConfigurationReader.Result result =
          BuildConfigurationReader.read(List.of(pom("<settings/>")));

      assertThat(result.problems())
          .extracting(Problem::message)
          .containsExactly("not a Maven pom: the root element is <settings>, not <project>");
    }
  }

  @Test
  void thePomBesideTargetWinsOverTheJarsPomAndBothAreSources() {
    TextResource jarPom =
        new TextResource(
            "/p/target/shop-tests.jar!/META-INF/maven/com.example/shop/pom.xml",
            "META-INF/maven/com.example/shop/pom.xml",
            """
            <project><build><plugins><plugin>
              <artifactId>maven-surefire-plugin</artifactId>
              <configuration><forkCount>4</forkCount></configuration>
            </plugin></plugins></build></project>
            """);

    BuildConfiguration c = read(jarPom, surefire("<forkCount>1</forkCount>"));

    assertThat(c.forks()).isEqualTo(FALSE);
    assertThat(c.sources())
        .containsExactly(
            "/p/pom.xml", "/p/target/shop-tests.jar!/META-INF/maven/com.example/shop/pom.xml");
    assertThat(c.settings())
        .containsEntry("META-INF/maven/com.example/shop/pom.xml:surefire.forkCount", "4")
        .containsEntry("pom.xml:surefire.forkCount", "1");
  }

  @Nested
  class TestNg {

    static TextResource testngXml(String suite) {
      return new TextResource(
          "/p/target/test-classes/testng.xml",
          "testng.xml",
          """
          <?xml version="1.0" encoding="UTF-8"?>
          <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
          %s
            <test name="unit"><packages><package name="com.example.*"/></packages></test>
          </suite>
          """
              .formatted(suite));
    }

    static final String TESTNG_POM =
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <dependencies>
            <dependency>
              <groupId>org.testng</groupId>
              <artifactId>testng</artifactId>
              <version>7.10.2</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build><plugins><plugin>
            <artifactId>maven-surefire-plugin</artifactId>
            <configuration><parallel>%s</parallel><threadCount>4</threadCount></configuration>
          </plugin></plugins></build>
        </project>
        """;

    @Test
    void suiteParallelFromTestngXml() {
      BuildConfiguration c =
          read(testngXml("<suite name=\"all\" parallel=\"methods\" thread-count=\"4\">"));

      assertThat(c.testngParallel()).isEqualTo("methods");
      assertThat(c.settings()).containsEntry("testng.xml:suite.parallel", "methods");
    }

    @Test
    void aSuiteWithoutTheAttributeRunsNothingInParallel() {
      assertThat(read(testngXml("<suite name=\"all\">")).testngParallel()).isEqualTo("none");
    }

    @Test
    void surefireParallelCountsWhenTestngIsADependency() {
      BuildConfiguration c = read(pom(TESTNG_POM.formatted("classes")));

      assertThat(c.testngParallel()).isEqualTo("classes");
    }

    @Test
    void surefireParallelWithoutTestngIsTheJUnit4ProvidersAndOnlyRecorded() {
      BuildConfiguration c = read(surefire("<parallel>classes</parallel>"));

      assertThat(c.testngParallel()).isEmpty();
      assertThat(c.settings()).containsEntry("pom.xml:surefire.parallel", "classes");
    }

    @Test
    void disagreementLeavesItEmpty() {
      BuildConfiguration c =
          read(
              pom(TESTNG_POM.formatted("classes")),
              testngXml("<suite name=\"all\" parallel=\"methods\">"));

      assertThat(c.testngParallel()).isEmpty();
    }
  }
}
