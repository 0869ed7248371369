package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.util.List;
import java.util.Objects;

/**
 * One catalog entry: calls or field reads that touch a resource, how, and what to do about it.
 *
 * @param id stable identifier ({@code jdk.system-property-write}); ids are API
 * @param customKind the user's kind name when {@code resource} is CUSTOM, otherwise empty
 * @param scope SHARED unless the library itself makes the effect private to the test
 * @param receiverFrom when not null, the call matches only on an object that this method returned
 * @param source the catalog file the rule came from
 */
public record SinkRule(
    String id,
    String since,
    String summary,
    String remedy,
    ResourceKind resource,
    String customKind,
    AccessMode mode,
    KeySpec key,
    Sensitivity sensitivity,
    Scope scope,
    List<MethodPattern> methods,
    List<FieldPattern> fields,
    MethodPattern receiverFrom,
    String source) {

  public SinkRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(customKind, "customKind");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(scope, "scope");
    methods = List.copyOf(methods);
    fields = List.copyOf(fields);
    Objects.requireNonNull(source, "source");
  }

  /** The same rule with another sensitivity. */
  public SinkRule withSensitivity(Sensitivity other) {
    return new SinkRule(
        id,
        since,
        summary,
        remedy,
        resource,
        customKind,
        mode,
        key,
        other,
        scope,
        methods,
        fields,
        receiverFrom,
        source);
  }
}
