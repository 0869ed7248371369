package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import java.util.Map;

/**
 * Makes each distinct step and each distinct chain once: chains of different tests that end the
 * same way share their tail objects, so evidence is stored once however many tests reach it. Safe
 * to use from several threads: a step or chain made twice at once is kept once.
 */
final class EvidenceChains {
  private final Map<EvidenceStep, EvidenceStep> steps =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Link, Evidence> chains = new java.util.concurrent.ConcurrentHashMap<>();

  private record Link(EvidenceStep step, Evidence next) {
    @Override
    public boolean equals(Object o) {
      // Tails are already shared, so comparing them by identity is exact and cheap.
      return o instanceof Link l && l.step.equals(step) && l.next == next;
    }

    @Override
    public int hashCode() {
      return step.hashCode() * 31 + System.identityHashCode(next);
    }
  }

  EvidenceStep step(String className, String method, String sourceFile, int line) {
    EvidenceStep s = new EvidenceStep(className, method, sourceFile, Math.max(0, line));
    return steps.computeIfAbsent(s, k -> k);
  }

  Evidence link(EvidenceStep step, Evidence next) {
    return chains.computeIfAbsent(new Link(step, next), l -> new Evidence(l.step, l.next));
  }
}
