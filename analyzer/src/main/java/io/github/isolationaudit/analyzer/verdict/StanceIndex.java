package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stances numbered once, each with its profile: what protects a test apart from its class (engine,
 * locks, isolation, serial group, one thread per class or method). Whether two profiles keep their
 * tests apart is decided once per pair of profiles and resource reach; the class enters only as
 * "same class or not". A suite has thousands of classes but a handful of profiles, so counting
 * exposed pairs by profile is what keeps verdicts fast on large suites.
 */
final class StanceIndex {
  private final ExecutionModel model;
  private final Map<ExecutionModel.Stance, Integer> ids = new HashMap<>();
  private final List<ExecutionModel.Stance> stances = new ArrayList<>();
  private final List<Integer> profileOf = new ArrayList<>();
  private final Map<Profile, Integer> profileIds = new HashMap<>();
  private final List<ExecutionModel.Stance> profileSample = new ArrayList<>();
  private final List<Map<Long, Boolean>> apart = new ArrayList<>();
  private final List<Map<Integer, Boolean>> selfExposed = new ArrayList<>();

  /** A stance without its class. */
  private record Profile(
      Engine engine,
      boolean onClassThread,
      boolean invocationsInSequence,
      boolean classInSequence,
      Map<String, LockMode> locks,
      boolean serialApart,
      TestId self,
      Set<TestId> runsAfter) {}

  StanceIndex(ExecutionModel model) {
    this.model = model;
    for (int i = 0; i < Reach.values().length; i++) {
      apart.add(new HashMap<>());
      selfExposed.add(new HashMap<>());
    }
  }

  int id(ExecutionModel.Stance s) {
    Integer id = ids.get(s);
    if (id != null) {
      return id;
    }
    int n = stances.size();
    ids.put(s, n);
    stances.add(s);
    Profile p =
        new Profile(
            s.engine(),
            s.onClassThread(),
            s.invocationsInSequence(),
            s.classInSequence(),
            s.locks(),
            s.serialApart(),
            s.self(),
            s.runsAfter());
    Integer pid = profileIds.get(p);
    if (pid == null) {
      pid = profileSample.size();
      profileIds.put(p, pid);
      profileSample.add(s);
    }
    profileOf.add(pid);
    return n;
  }

  ExecutionModel.Stance stance(int id) {
    return stances.get(id);
  }

  int profile(int stance) {
    return profileOf.get(stance);
  }

  String topClass(int stance) {
    return stances.get(stance).topClass();
  }

  String threadClass(int stance) {
    return stances.get(stance).threadClass();
  }

  boolean onClassThread(int stance) {
    return stances.get(stance).onClassThread();
  }

  boolean profileOnClassThread(int profile) {
    return profileSample.get(profile).onClassThread();
  }

  boolean classInSequence(int stance) {
    return stances.get(stance).classInSequence();
  }

  boolean profileClassInSequence(int profile) {
    return profileSample.get(profile).classInSequence();
  }

  /** Whether two profiles keep their tests apart whatever the tests' classes. */
  boolean apart(int p, int q, Reach reach) {
    long key = ((long) p << 32) | q;
    return apart
        .get(reach.ordinal())
        .computeIfAbsent(
            key,
            k ->
                model.keptApartWhateverTheClass(profileSample.get(p), profileSample.get(q), reach));
  }

  /** Whether two different tests with these stances can overlap. */
  boolean exposedPair(int a, int b, Reach reach) {
    if (apart(profile(a), profile(b), reach)) {
      return false;
    }
    return !ExecutionModel.keptApartByClass(stance(a), stance(b));
  }

  /** Whether two invocations of one test with this stance can overlap. */
  boolean exposedSelf(int s, Reach reach) {
    return selfExposed
        .get(reach.ordinal())
        .computeIfAbsent(s, k -> !model.keptApart(stance(k), stance(k), true, reach));
  }
}
