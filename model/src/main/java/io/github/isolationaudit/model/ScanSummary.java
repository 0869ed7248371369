package io.github.isolationaudit.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts that tell a reader how much was analysed.
 *
 * @param classFiles class files read
 * @param testClasses concrete classes that hold at least one test
 * @param tests test methods found (inherited ones counted in every concrete class)
 * @param testsByEngine test methods per engine
 * @param accessesByResource accesses per resource kind, over all tests (as reported)
 * @param readsOmitted reads left out of the report because no test writes what they read, so they
 *     can take part in no conflict (0 when all reads were asked for)
 */
public record ScanSummary(
    int classFiles,
    int testClasses,
    int tests,
    Map<String, Integer> testsByEngine,
    Map<String, Integer> accessesByResource,
    int definiteConflicts,
    int possibleConflicts,
    int readsOmitted) {

  public ScanSummary {
    testsByEngine = Map.copyOf(new TreeMap<>(testsByEngine));
    accessesByResource = Map.copyOf(new TreeMap<>(accessesByResource));
  }
}
