package io.github.isolationaudit.reports.export;

/** The Maven plugin the {@code surefire} export configures. */
public enum TestPlugin {
  /** {@code maven-surefire-plugin}: lanes run in the {@code test} phase. */
  SUREFIRE("maven-surefire-plugin", "test", "test", "test"),
  /**
   * {@code maven-failsafe-plugin}: lanes run in the {@code integration-test} phase, and one {@code
   * verify} execution fails the build afterwards on the merged results of all lanes.
   */
  FAILSAFE("maven-failsafe-plugin", "integration-test", "integration-test", "it.test");

  private final String artifactId;
  private final String goal;
  private final String phase;
  private final String testProperty;

  TestPlugin(String artifactId, String goal, String phase, String testProperty) {
    this.artifactId = artifactId;
    this.goal = goal;
    this.phase = phase;
    this.testProperty = testProperty;
  }

  /** The user property that selects tests on the command line: {@code -Dtest=...}. */
  public String testProperty() {
    return testProperty;
  }

  /** The plugin's artifact id; its group is {@code org.apache.maven.plugins}. */
  public String artifactId() {
    return artifactId;
  }

  /** The goal that runs tests. */
  public String goal() {
    return goal;
  }

  /** The phase that goal runs in. */
  public String phase() {
    return phase;
  }
}
