package io.github.isolationaudit.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Simulates one stage of a plan on a number of workers, the way the runner executes it.
 *
 * <p>Each lane is one JVM. A serial lane runs its tasks one after another. A parallel lane hands
 * its tasks to JUnit's executor, which takes no order from us: tasks start in discovery order (the
 * order they were added) as soon as a worker is free and their locks are available; a task whose
 * locks are held is passed over for a later one, as JUnit's executor does since 5.10 (it does not
 * model how a waiting writer holds back later readers). Locks act within a lane only (a lock is a
 * JVM's). A lane that runs nothing gets a worker before another lane takes a second one: each lane
 * is a process, and the operating system shares the cores among them. A task holding the GLOBAL
 * lock READ_WRITE ({@code @Isolated}) runs alone in its lane, after every other task of the lane:
 * JUnit's executor (junit-platform-engine 1.10 to 1.13, {@code
 * ForkJoinPoolHierarchicalTestExecutorService.invokeAll}) forks the concurrent siblings, joins
 * them, and only then runs the isolated ones one by one. The lane's JVM start ({@link
 * Task#first()}) is the exception: it comes before everything. All lanes of a stage share the
 * workers: the machine has that many cores whatever each JVM believes.
 */
final class Schedule {

  /** The lock key of {@code @Isolated}. */
  static final String GLOBAL = io.github.isolationaudit.model.Lock.GLOBAL;

  /**
   * One unit of work: a test method, or a class whose methods run on one thread.
   *
   * @param locks key to whether it is held READ_WRITE
   * @param first the lane's JVM start, which runs before any other task of the lane
   */
  record Task(String lane, double seconds, Map<String, Boolean> locks, boolean first) {
    Task {
      locks = Map.copyOf(locks);
    }

    Task(String lane, double seconds, Map<String, Boolean> locks) {
      this(lane, seconds, locks, false);
    }

    /** Whether JUnit keeps it for the end of its lane: it holds the GLOBAL lock READ_WRITE. */
    boolean isolated() {
      return !first && Boolean.TRUE.equals(locks.get(GLOBAL));
    }
  }

  /** A lane's tasks and how it runs them. */
  record LaneTasks(String name, boolean serial, List<Task> tasks) {}

  /** The simulated makespan and the busy time. */
  record Result(double wallSeconds, double busySeconds) {}

  private Schedule() {}

  static Result simulate(List<LaneTasks> lanes, int workers) {
    List<List<Task>> ready = new ArrayList<>();
    for (LaneTasks l : lanes) {
      ready.add(new ArrayList<>(l.tasks()));
    }
    int[] running = new int[lanes.size()];
    // The work each lane has not started: the lane with the most goes first.
    double[] left = new double[lanes.size()];
    for (int l = 0; l < lanes.size(); l++) {
      for (Task t : ready.get(l)) {
        left[l] += t.seconds();
      }
    }
    List<Map<String, int[]>> held = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      held.add(new HashMap<>());
    }
    record Running(double end, int lane, Task task) {}
    PriorityQueue<Running> events = new PriorityQueue<>((a, b) -> Double.compare(a.end(), b.end()));
    double now = 0;
    double busy = 0;
    int free = workers;
    int remaining = ready.stream().mapToInt(List::size).sum();
    while (remaining > 0 || !events.isEmpty()) {
      // Start what can start: the lane with the most work left first (each lane is a JVM of its
      // own, and the longest is the critical path), tasks in discovery order within a lane.
      boolean started = true;
      // A lane is a JVM of its own, which the operating system does not starve: first every lane
      // that runs nothing takes a worker for its next task, then the rest go by work left.
      boolean firstPass = true;
      while (free > 0 && started) {
        started = false;
        List<Integer> order = new ArrayList<>();
        for (int l = 0; l < lanes.size(); l++) {
          order.add(l);
        }
        order.sort(
            java.util.Comparator.comparingDouble((Integer l) -> -left[l]).thenComparingInt(l -> l));
        for (int l : order) {
          if (free == 0) {
            break;
          }
          if (lanes.get(l).serial() && running[l] > 0 || firstPass && running[l] > 0) {
            continue;
          }
          List<Task> queue = ready.get(l);
          int before = running[l];
          for (int k = 0; k < queue.size() && free > 0; k++) {
            if (firstPass && running[l] > before) {
              break;
            }
            Task t = queue.get(k);
            if (!available(t, held.get(l), running[l])
                || t.isolated() && queue.stream().anyMatch(o -> !o.isolated())) {
              if (lanes.get(l).serial()) {
                break;
              }
              continue;
            }
            queue.remove(k);
            k--;
            remaining--;
            left[l] -= t.seconds();
            free--;
            running[l]++;
            busy += t.seconds();
            take(t, held.get(l));
            events.add(new Running(now + t.seconds(), l, t));
            started = true;
            if (lanes.get(l).serial()) {
              break;
            }
          }
        }
        if (firstPass) {
          firstPass = false;
          started = true;
        }
      }
      if (events.isEmpty()) {
        if (remaining > 0) {
          throw new IllegalStateException("a task can never start: its locks are inconsistent");
        }
        break;
      }
      Running done = events.poll();
      now = done.end();
      free++;
      running[done.lane()]--;
      release(done.task(), held.get(done.lane()));
    }
    return new Result(now, busy);
  }

  /** Whether a task's locks are free in its lane: held[key] = {readers, writers}. */
  private static boolean available(Task t, Map<String, int[]> held, int runningInLane) {
    int[] global = held.get(GLOBAL);
    if (global != null && global[1] > 0) {
      return false;
    }
    if (Boolean.TRUE.equals(t.locks().get(GLOBAL)) && runningInLane > 0) {
      return false;
    }
    for (Map.Entry<String, Boolean> l : t.locks().entrySet()) {
      int[] h = held.get(l.getKey());
      if (h == null) {
        continue;
      }
      if (h[1] > 0 || (l.getValue() && h[0] > 0)) {
        return false;
      }
    }
    return true;
  }

  private static void take(Task t, Map<String, int[]> held) {
    for (Map.Entry<String, Boolean> l : t.locks().entrySet()) {
      held.computeIfAbsent(l.getKey(), k -> new int[2])[l.getValue() ? 1 : 0]++;
    }
  }

  private static void release(Task t, Map<String, int[]> held) {
    for (Map.Entry<String, Boolean> l : t.locks().entrySet()) {
      held.get(l.getKey())[l.getValue() ? 1 : 0]--;
    }
  }
}
