package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * One way a test touches a shared resource.
 *
 * @param resource the kind of resource
 * @param customKind the user's name for a {@link ResourceKind#CUSTOM} kind, otherwise empty
 * @param key which resource of that kind
 * @param sinkId the catalog id of the rule that recognised the access
 * @param sensitivity how strongly an implicit read depends on the resource
 * @param note why the confidence is lowered or how the key was found, or empty
 * @param evidence the shortest call chain from the test to the access
 */
public record Access(
    ResourceKind resource,
    String customKind,
    Key key,
    AccessMode mode,
    Scope scope,
    Reach reach,
    Confidence confidence,
    Sensitivity sensitivity,
    String sinkId,
    String note,
    Evidence evidence) {

  public Access {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(customKind, "customKind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reach, "reach");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(sinkId, "sinkId");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** The resource name as reports show it: the kind, or the user's name for a custom kind. */
  public String resourceName() {
    return resource == ResourceKind.CUSTOM && !customKind.isEmpty() ? customKind : resource.name();
  }

  /** Whether this access could take part in a definite conflict. */
  public boolean definite() {
    return key.isExact() && sensitivity == Sensitivity.HIGH;
  }
}
