package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.BuildConfiguration;
import io.github.isolationaudit.model.Engine;
import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import io.github.isolationaudit.schedule.ExecutionModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The counted gain of a removal against brute force over every pair: the profile counting must give
 * exactly the number of pairs that a marker's removal exposes, on random groups.
 */
class GainTest {

  /** One member of a group: its stance before and after the removal, and its role. */
  private record Member(
      ExecutionModel.Stance before, ExecutionModel.Stance after, boolean writer, boolean multi) {}

  private static ExecutionModel.Stance stance(Random r, TestId self) {
    Map<String, LockMode> locks = new TreeMap<>();
    int pick = r.nextInt(6);
    if (pick == 0) {
      locks.put(Lock.GLOBAL, LockMode.READ_WRITE);
    } else if (pick == 1) {
      locks.put("k", r.nextBoolean() ? LockMode.READ : LockMode.READ_WRITE);
    }
    boolean stc = r.nextInt(3) == 0;
    boolean stm = stc || r.nextInt(4) == 0;
    boolean seq = r.nextInt(3) == 0;
    String cls = "C" + r.nextInt(4);
    // Nested classes: a test on a thread runs on its class's or on an enclosing class's thread.
    String thread = stc ? (r.nextBoolean() ? cls : cls + "$N" + r.nextInt(2)) : "";
    return new ExecutionModel.Stance(
        r.nextInt(8) == 0 ? Engine.TESTNG : Engine.JUNIT_JUPITER,
        cls,
        thread,
        stc,
        stm,
        seq,
        locks,
        r.nextInt(10) == 0,
        self,
        Set.of());
  }

  private static long brute(
      ExecutionModel model, List<Member> members, boolean after, Reach reach) {
    long pairs = 0;
    for (int i = 0; i < members.size(); i++) {
      Member a = members.get(i);
      ExecutionModel.Stance sa = after ? a.after() : a.before();
      if (!a.writer()) {
        continue;
      }
      if (a.multi() && !model.keptApart(sa, sa, true, reach)) {
        pairs++;
      }
      for (int j = 0; j < members.size(); j++) {
        if (i == j) {
          continue;
        }
        Member b = members.get(j);
        ExecutionModel.Stance sb = after ? b.after() : b.before();
        if (!model.keptApart(sa, sb, false, reach)) {
          pairs++;
        }
      }
    }
    return pairs;
  }

  private static void check(BuildConfiguration config, long seed) {
    Random r = new Random(seed);
    ExecutionModel model = new ExecutionModel(config, t -> null);
    for (int round = 0; round < 300; round++) {
      StanceIndex index = new StanceIndex(model);
      Reach reach = Reach.values()[r.nextInt(Reach.values().length)];
      List<Member> members = new ArrayList<>();
      int n = 2 + r.nextInt(12);
      for (int i = 0; i < n; i++) {
        ExecutionModel.Stance before = stance(r, null);
        // A removal moves only some members; those keep their class and engine.
        ExecutionModel.Stance after =
            r.nextInt(3) == 0
                ? new ExecutionModel.Stance(
                    before.engine(),
                    before.topClass(),
                    before.threadClass(),
                    !before.threadClass().isEmpty(),
                    false,
                    r.nextBoolean() && before.classInSequence(),
                    Map.of(),
                    false,
                    null,
                    Set.of())
                : before;
        members.add(new Member(before, after, r.nextInt(3) > 0, r.nextInt(5) == 0));
      }
      Tally tally = new Tally(index, reach);
      Map<VerdictEngine.Move, Long> moves = new LinkedHashMap<>();
      for (Member m : members) {
        tally.add(index.id(m.before()), m.writer(), m.multi(), 1);
        if (m.after() != m.before()) {
          moves.merge(
              new VerdictEngine.Move(
                  index.id(m.before()), index.id(m.after()), m.writer(), m.multi()),
              1L,
              Long::sum);
        }
      }
      long expected = brute(model, members, true, reach) - brute(model, members, false, reach);
      assertThat(VerdictEngine.gain(index, tally, moves))
          .as("seed %d round %d: %s", seed, round, members)
          .isEqualTo(expected);
    }
  }

  @Test
  void matchesBruteForceWhenClassesRunConcurrently() {
    check(BuildConfiguration.unknown(), 1);
  }

  @Test
  void matchesBruteForceWhenTheBuildRunsClassesOneAfterAnother() {
    check(
        new BuildConfiguration(
            Tristate.TRUE,
            Tristate.TRUE,
            Tristate.FALSE,
            Tristate.FALSE,
            List.of(),
            List.of(),
            "",
            List.of("junit-platform.properties"),
            Map.of()),
        2);
  }
}
