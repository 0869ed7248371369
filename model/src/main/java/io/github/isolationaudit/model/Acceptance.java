package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * Why a finding is accepted, and where that was said: an {@code accept} entry of the project
 * configuration file, or an {@code isolation-audit:accept} comment next to the code.
 *
 * @param reason the reason given with the acceptance (never empty)
 * @param acceptedBy where it was said, as {@code file:line}: the configuration file as found, or a
 *     source file relative to its source root
 */
public record Acceptance(String reason, String acceptedBy) {
  public Acceptance {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(acceptedBy, "acceptedBy");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an acceptance states a reason");
    }
  }
}
