package io.github.isolationaudit.analyzer.marker;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import java.util.Objects;

/**
 * What one set-up annotation ({@code @SetSystemProperty(key = "a", value = "b")},
 * {@code @DefaultTimeZone("UTC")} ...) does to a resource around the tests it covers, with its key
 * read from the annotation.
 *
 * @param ruleId the catalog id of the marker rule, reported as the access's sink id
 * @param mode WRITE: set before the test and restored after it; READ: a snapshot of every key taken
 *     before and put back after
 * @param parameter internal name of a parameter type the test must take for it to happen, or empty
 * @param written the annotation as written, for notes ({@code @SetSystemProperty(key = "a")})
 */
public record Setup(
    String ruleId,
    ResourceKind resource,
    AccessMode mode,
    Key key,
    String parameter,
    String written) {

  public Setup {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(written, "written");
  }
}
