package io.github.isolationaudit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated runner: lock semantics per JVM, serial lanes, the bounds of any schedule. */
class ScheduleTest {

  private static Schedule.Task task(String lane, double s, Map<String, Boolean> locks) {
    return new Schedule.Task(lane, s, locks);
  }

  private static double wall(int workers, Schedule.LaneTasks... lanes) {
    return Schedule.simulate(List.of(lanes), workers).wallSeconds();
  }

  @Test
  void aLaneThatRunsNothingGetsAWorkerBeforeAnotherLaneTakesItsNext() {
    // Two workers; the parallel lane has four 1 s tasks, the serial lane two of 2 s. Each lane is
    // a JVM the operating system does not starve: the serial lane starts at once beside the
    // parallel one (4 s in all), instead of waiting while the parallel lane takes both workers
    // and ending with its second task alone (5 s).
    var parallel =
        new Schedule.LaneTasks(
            "p",
            false,
            List.of(
                task("p", 1, Map.of()),
                task("p", 1, Map.of()),
                task("p", 1, Map.of()),
                task("p", 1, Map.of())));
    var serial =
        new Schedule.LaneTasks("s", true, List.of(task("s", 2, Map.of()), task("s", 2, Map.of())));
    assertThat(wall(2, parallel, serial)).isEqualTo(4.0);
    assertThat(wall(2, serial, parallel)).isEqualTo(4.0);
  }

  @Test
  void twoWritersOfOneKeyNeverOverlap() {
    var lane =
        new Schedule.LaneTasks(
            "p", false, List.of(task("p", 2, Map.of("k", true)), task("p", 3, Map.of("k", true))));
    assertThat(wall(4, lane)).isEqualTo(5.0);
  }

  @Test
  void readersOfOneKeyOverlapButNotWithItsWriter() {
    var readers =
        new Schedule.LaneTasks(
            "p",
            false,
            List.of(task("p", 2, Map.of("k", false)), task("p", 2, Map.of("k", false))));
    assertThat(wall(4, readers)).isEqualTo(2.0);
    var mixed =
        new Schedule.LaneTasks(
            "p",
            false,
            List.of(
                task("p", 2, Map.of("k", false)),
                task("p", 2, Map.of("k", true)),
                task("p", 2, Map.of("k", false))));
    // The writer waits for the first reader; the second reader is passed ahead of nothing:
    // discovery order, so it waits for the writer.
    assertThat(wall(4, mixed)).isEqualTo(4.0);
  }

  @Test
  void anIsolatedTestRunsAloneInItsJvmButNotApartFromOtherJvms() {
    var lane =
        new Schedule.LaneTasks(
            "p",
            false,
            List.of(
                task("p", 2, Map.of()),
                task("p", 2, Map.of(Lock.GLOBAL, true)),
                task("p", 2, Map.of())));
    // The isolated task waits for the first; the third, passed ahead, runs beside the first; then
    // the isolated one runs alone.
    assertThat(wall(4, lane)).isEqualTo(4.0);
    var other = new Schedule.LaneTasks("q", false, List.of(task("q", 6, Map.of())));
    assertThat(wall(4, lane, other)).isEqualTo(6.0);
  }

  @Test
  void locksActWithinALaneOnly() {
    var a = new Schedule.LaneTasks("a", false, List.of(task("a", 3, Map.of("k", true))));
    var b = new Schedule.LaneTasks("b", false, List.of(task("b", 3, Map.of("k", true))));
    assertThat(wall(2, a, b)).isEqualTo(3.0);
  }

  @Test
  void aSerialLaneRunsOneTaskAtATimeWhateverTheWorkers() {
    var serial =
        new Schedule.LaneTasks("s", true, List.of(task("s", 1, Map.of()), task("s", 2, Map.of())));
    assertThat(wall(8, serial)).isEqualTo(3.0);
  }

  @Test
  void everyScheduleLiesBetweenTheLowerBoundAndTheSerialTime() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int workers = 1 + random.nextInt(4);
      List<Schedule.Task> parallel = new ArrayList<>();
      List<Schedule.Task> serial = new ArrayList<>();
      double total = 0;
      double serialSum = 0;
      double longest = 0;
      for (int i = 0; i < 1 + random.nextInt(30); i++) {
        double s = 0.1 + random.nextInt(50) / 10.0;
        total += s;
        longest = Math.max(longest, s);
        if (random.nextInt(4) == 0) {
          serial.add(task("s", s, Map.of()));
          serialSum += s;
        } else {
          Map<String, Boolean> locks =
              random.nextInt(3) == 0
                  ? Map.of("k" + random.nextInt(3), random.nextBoolean())
                  : Map.of();
          parallel.add(task("p", s, locks));
        }
      }
      double w =
          wall(
              workers,
              new Schedule.LaneTasks("p", false, parallel),
              new Schedule.LaneTasks("s", true, serial));
      double lower = Math.max(Math.max(total / workers, serialSum), longest);
      assertThat(w).as("round %d", round).isGreaterThanOrEqualTo(lower - 1e-9);
      assertThat(w).as("round %d", round).isLessThanOrEqualTo(total + 1e-9);
    }
  }
}
