package io.github.isolationaudit.model;

import java.util.List;
import java.util.Objects;

/** Everything one test touches, with what runs around it, each access with its evidence. */
public record Footprint(TestMethod test, List<Access> accesses) {

  public Footprint {
    Objects.requireNonNull(test, "test");
    accesses = List.copyOf(accesses);
  }
}
