/**
 * Historical test durations, read from the XML reports a build leaves behind (Surefire and
 * Failsafe, Gradle, the JUnit console launcher's legacy XML and its open-test-reporting events).
 */
package io.github.isolationaudit.plan.history;
