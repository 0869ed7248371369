package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.analyzer.program.ProjectDrivers;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the project's JDBC drivers a test really connects through. Where the URL is not known at
 * the call ({@code driver.connect(connectionString, info)} inside a connection pool), the call
 * graph reaches every project driver; a test runs only the drivers that accept a URL it names (its
 * {@code setUrl("jdbc:...")}, its {@code DriverManager.getConnection("jdbc:...")}). So what a test
 * reaches through a driver's {@code connect} stays when the driver accepts one of the test's URLs
 * (or what it accepts is not known), goes when the test names URLs and the driver accepts none of
 * them, and is only a possible access when the test names no URL at all or names the URL the driver
 * accepts only at low confidence (on a path that class hierarchy analysis alone finds).
 *
 * <p>The first {@code connect} of a driver on an access's evidence decides. Evidence is the
 * shortest chain: an access that a driver reaches through its subclass's {@code connect} ({@code
 * super.connect}) and directly is judged by the shorter, direct chain.
 */
final class OwnDriverReach {

  private OwnDriverReach() {}

  static List<Access> narrow(List<Access> accesses, ProjectDrivers drivers) {
    if (drivers.all().isEmpty()) {
      return accesses;
    }
    Map<String, List<ProjectDrivers.Driver>> byConnectOwner = new HashMap<>();
    for (ProjectDrivers.Driver d : drivers.all()) {
      byConnectOwner
          .computeIfAbsent(d.connect().owner().replace('/', '.'), k -> new ArrayList<>())
          .add(d);
    }
    List<String> sure = new ArrayList<>();
    List<String> unsure = new ArrayList<>();
    for (Access a : accesses) {
      // A URL from a property or variable (${env.DB_URL}) names no driver.
      if (a.resource() == ResourceKind.DATABASE
          && a.key().isExact()
          && !a.key().value().contains("${")
          && !DatabaseStatements.unbound(a)) {
        (a.confidence() == Confidence.LOW ? unsure : sure).add(a.key().value());
      }
    }
    List<Access> result = new ArrayList<>(accesses.size());
    for (Access a : accesses) {
      List<ProjectDrivers.Driver> through = firstDriver(a, byConnectOwner);
      if (through == null) {
        result.add(a);
        continue;
      }
      Optional<Boolean> accepted = accepted(through, sure);
      if (accepted.isEmpty() || accepted.get()) {
        result.add(a);
      } else if (sure.isEmpty() && unsure.isEmpty() || accepted(through, unsure).orElse(false)) {
        // No URL at all, or one named only where the test may not go (a call resolved by class
        // hierarchy): the driver runs only possibly.
        result.add(possible(a));
      }
    }
    return result;
  }

  private static List<ProjectDrivers.Driver> firstDriver(
      Access a, Map<String, List<ProjectDrivers.Driver>> byConnectOwner) {
    for (EvidenceStep step : a.evidence().steps()) {
      if (step.methodName().equals("connect")) {
        List<ProjectDrivers.Driver> drivers = byConnectOwner.get(step.className());
        if (drivers != null) {
          return drivers;
        }
      }
    }
    return null;
  }

  /** Whether one of the drivers accepts one of the URLs; empty when some driver's is not known. */
  private static Optional<Boolean> accepted(
      List<ProjectDrivers.Driver> drivers, List<String> urls) {
    for (ProjectDrivers.Driver d : drivers) {
      if (!d.acceptanceKnown()) {
        return Optional.empty();
      }
    }
    for (ProjectDrivers.Driver d : drivers) {
      for (String url : urls) {
        if (d.accepts(url).orElse(false)) {
          return Optional.of(true);
        }
      }
    }
    return Optional.of(false);
  }

  private static Access possible(Access a) {
    if (a.confidence() == Confidence.LOW) {
      return a;
    }
    return new Access(
        a.resource(),
        a.customKind(),
        a.key(),
        a.mode(),
        a.scope(),
        a.reach(),
        Confidence.LOW,
        a.sensitivity(),
        a.sinkId(),
        a.note().isEmpty()
            ? "reached through a JDBC driver of the project; the test names no URL it accepts"
            : a.note(),
        a.evidence());
  }
}
