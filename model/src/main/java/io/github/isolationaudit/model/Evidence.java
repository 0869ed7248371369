package io.github.isolationaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A call chain from a test (or what runs around it) down to the place that touches a resource.
 * Chains are linked from the first step to the last, so accesses of many tests that pass through
 * the same helper share the tail of their chains instead of copying it.
 *
 * @param next the rest of the chain, or {@code null} at the step that touches the resource
 */
public record Evidence(EvidenceStep step, Evidence next) {

  public Evidence {
    Objects.requireNonNull(step, "step");
  }

  /** The steps from the test to the sink. */
  public List<EvidenceStep> steps() {
    List<EvidenceStep> steps = new ArrayList<>();
    for (Evidence e = this; e != null; e = e.next) {
      steps.add(e.step);
    }
    return steps;
  }

  /** The step that touches the resource. */
  public EvidenceStep sink() {
    Evidence e = this;
    while (e.next != null) {
      e = e.next;
    }
    return e.step;
  }

  /** Compares step by step without recursion: chains can be thousands of calls deep. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Evidence)) {
      return false;
    }
    Evidence a = this;
    Evidence b = (Evidence) o;
    while (a != null && b != null) {
      if (a == b) {
        return true;
      }
      if (!a.step.equals(b.step)) {
        return false;
      }
      a = a.next;
      b = b.next;
    }
    return a == b;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Evidence e = this; e != null; e = e.next) {
      h = 31 * h + e.step.hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return "Evidence" + steps();
  }

  /** How many steps the chain has. */
  public int depth() {
    int n = 0;
    for (Evidence e = this; e != null; e = e.next) {
      n++;
    }
    return n;
  }
}
