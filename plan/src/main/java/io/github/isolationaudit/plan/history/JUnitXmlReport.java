package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The JUnit XML shape that Surefire, Failsafe, Gradle and the JUnit console launcher's legacy
 * reporter write: {@code testsuite} elements (alone or in {@code testsuites}) holding {@code
 * testcase} elements with {@code classname}, {@code name} and {@code time} in seconds.
 *
 * <p>The test case's {@code classname} is taken as the binary class name; without one, or when it
 * is the simple name of the suite's class, the suite's {@code name} is. A test case counts as soon
 * as its start tag is read, so a file cut short keeps every test case before the cut. Its time is
 * dated by the nearest enclosing suite's {@code timestamp}, or by the file's modification time when
 * no suite has one (Surefire 3 writes none).
 */
final class JUnitXmlReport implements ReportReader.Format {

  private final ReportContent content;
  private final Instant fileTime;
  private final Deque<Suite> suites = new ArrayDeque<>();

  private record Suite(String name, Instant when) {}

  JUnitXmlReport(ReportContent content, Instant fileTime) {
    this.content = content;
    this.fileTime = fileTime;
  }

  @Override
  public void read(XMLStreamReader xml) throws XMLStreamException {
    // The reader stands on the root element.
    int depth = 0;
    do {
      int event = xml.getEventType();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        switch (xml.getLocalName()) {
          case "testsuite" -> suites.push(suite(xml));
          case "testcase" -> testCase(xml);
          default -> {
            // Properties, output, failures: nothing about durations.
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (xml.getLocalName().equals("testsuite") && !suites.isEmpty()) {
          suites.pop();
        }
      }
      if (depth == 0) {
        return;
      }
      xml.next();
    } while (true);
  }

  @Override
  public void finish() {}

  private Suite suite(XMLStreamReader xml) {
    Instant outer = suites.isEmpty() ? fileTime : suites.peek().when();
    Optional<Instant> own = ReportTimes.timestamp(xml.getAttributeValue(null, "timestamp"));
    String name = xml.getAttributeValue(null, "name");
    return new Suite(name == null ? "" : name, own.orElse(outer));
  }

  private void testCase(XMLStreamReader xml) {
    int line = xml.getLocation().getLineNumber();
    String name = xml.getAttributeValue(null, "name");
    String className = xml.getAttributeValue(null, "classname");
    String suite = suites.isEmpty() ? "" : suites.peek().name();
    if (className != null) {
      className = ReportNames.withoutReportSuffix(className);
    }
    if (className == null) {
      // Some writers name the class only on the suite.
      className = suites.isEmpty() ? null : suite;
    } else if (className.indexOf('.') < 0
        && (suite.endsWith("." + className) || suite.endsWith("$" + className))) {
      // ArchUnit's engine reports its simple name ("ArchitectureTest"); Surefire's suite has the
      // binary name.
      className = suite;
    }
    Instant when = suites.isEmpty() ? fileTime : suites.peek().when();
    if (name == null || className == null) {
      content.unmatched(
          (className == null ? "" : className + " ") + (name == null ? "" : name), line);
      return;
    }
    String shown = className + " '" + name + "'";
    ReportTimes.Seconds seconds = ReportTimes.seconds(xml.getAttributeValue(null, "time"));
    if (!seconds.valid()) {
      content.problem(
          Problem.Kind.INVALID_DURATION,
          line,
          "test case " + shown + " " + seconds.error() + "; it is left out");
      return;
    }
    boolean knownClass = ReportNames.isBinaryClassName(className);
    Optional<String> method = ReportNames.method(name);
    if (knownClass && method.isPresent()) {
      content.add(new ReportContent.Key(className, method.get()), seconds.value(), when);
    } else if (knownClass) {
      content.addToClass(className, name, seconds.value(), when, line);
    } else {
      content.unmatched(className + " " + name, line);
    }
  }
}
