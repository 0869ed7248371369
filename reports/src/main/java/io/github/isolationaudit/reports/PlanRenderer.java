package io.github.isolationaudit.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.isolationaudit.model.Problem;
import io.github.isolationaudit.model.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an execution plan as JSON ({@code plan.lanes[]}, {@code plan.stages[]}, {@code
 * plan.predicted}, {@code plan.shards[]}, ...) or as text for a person.
 */
public final class PlanRenderer {
  private static final int SHOWN = 10;

  private PlanRenderer() {}

  /** The plan as JSON: {@code {schemaVersion, tool, plan, problems}}. */
  public static void json(Plan plan, Writer out) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", 1);
    root.put("tool", "isolation-audit");
    root.put("plan", body(plan));
    root.put("problems", plan.problems());
    mapper.writeValue(out, root);
    out.write("\n");
    out.flush();
  }

  /** The plan object: what {@code plan -f json} and {@code scan --plan} write as "plan". */
  static Map<String, Object> body(Plan plan) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workers", plan.workers());
    body.put("lanes", plan.lanes());
    body.put("stages", plan.stages());
    body.put("predicted", plan.predicted());
    body.put("lockCosts", plan.lockCosts());
    body.put("shards", plan.shards());
    body.put("lockAssignments", plan.lockAssignments());
    body.put("classOrder", plan.classOrder());
    body.put("durations", plan.durations());
    if (plan.machine() != null) {
      body.put("machine", plan.machine());
    }
    if (plan.recommendation() != null) {
      body.put("recommendation", plan.recommendation());
    }
    return body;
  }

  /** The plan as text: lanes, stages, the prediction, what locks cost, shards. */
  public static void text(Plan plan, Writer writer) {
    PrintWriter out = new PrintWriter(writer);
    Plan.Prediction p = plan.predicted();
    out.printf(
        Locale.ROOT,
        "Execution plan for %d workers: predicted wall time %s (lower bound %s, naive parallel %s,"
            + " serial %s; speedup %.2fx, utilization %.0f%%)%n",
        plan.workers(),
        time(p.wallSeconds()),
        time(p.lowerBoundSeconds()),
        time(p.naiveParallelSeconds()),
        time(p.serialSeconds()),
        p.speedup(),
        p.utilization() * 100);
    if (p.jvmStarts() > 0) {
      out.printf(
          Locale.ROOT,
          "JVM starts: %d, each charged %s for start and discovery (naive parallel: 1)%n",
          p.jvmStarts(),
          time(p.jvmStartSeconds()));
    }
    if (p.lanesInTurnSeconds() > p.wallSeconds() + 0.05) {
      out.printf(
          Locale.ROOT,
          "That is with the lanes of a stage started side by side (separate processes or CI jobs);"
              + " one after another, as Maven runs the surefire export's executions: %s%n",
          time(p.lanesInTurnSeconds()));
    }
    Plan.DurationSource d = plan.durations();
    out.printf(
        Locale.ROOT,
        "Durations: %d tests measured from %d report file%s, %s%n%n",
        d.measured(),
        d.files().size(),
        d.files().size() == 1 ? "" : "s",
        d.estimated() == 0
            ? "none estimated"
            : d.estimated() + " estimated at " + time(d.estimateSeconds()) + " each");
    if (plan.recommendation() != null) {
      out.println("Machine: " + plan.recommendation().reason() + ".");
      out.println();
    }
    out.println("Lanes (one JVM each):");
    for (Plan.Lane l : plan.lanes()) {
      out.printf(
          Locale.ROOT,
          "  %-12s %-8s %-6s %4d classes %5d tests %10s  %s%n",
          l.name(),
          l.mode().name().toLowerCase(Locale.ROOT),
          l.jvm() == Plan.Jvm.OWN ? "own" : "shared",
          l.classes().size(),
          l.tests().size(),
          time(l.seconds()),
          l.reason());
      if (!l.locks().isEmpty()) {
        out.println(
            "               locks its tests hold: "
                + shown(l.locks().stream().map(PlanRenderer::lockName).toList()));
      }
      if (!l.methods().isEmpty()) {
        out.println(
            "               only these methods (their classes' other tests run in their own"
                + " lane): "
                + shown(l.methods()));
      } else if (l.mode() == Plan.Mode.SERIAL || l.jvm() == Plan.Jvm.OWN) {
        out.println("               classes: " + shown(l.classes()));
      }
      List<String> elsewhere = plan.methodsRunElsewhere(l);
      if (!elsewhere.isEmpty()) {
        out.println(
            "               leaves out "
                + elsewhere.size()
                + (elsewhere.size() == 1 ? " method" : " methods")
                + " of its classes that another lane runs");
      }
    }
    out.println();
    out.println("Stages (one after another; the lanes of a stage run at the same time):");
    for (int i = 0; i < plan.stages().size(); i++) {
      Plan.Stage s = plan.stages().get(i);
      out.printf(
          Locale.ROOT,
          "  %d. %s  (%s)%n",
          i + 1,
          String.join(" + ", s.lanes()),
          time(s.predictedSeconds()));
    }
    if (!plan.lockCosts().isEmpty()) {
      out.println();
      out.println("What each lock costs (wall time it adds):");
      for (Plan.LockCost c : plan.lockCosts()) {
        out.printf(
            Locale.ROOT,
            "  %10s  %s (%d tests)%n",
            time(c.seconds()),
            lockName(c.lock()),
            c.tests());
      }
    }
    if (!plan.shards().isEmpty()) {
      out.println();
      out.println("Shards:");
      for (Plan.Shard s : plan.shards()) {
        out.printf(
            Locale.ROOT,
            "  %d. %4d classes %10s%n",
            s.index(),
            s.classes().size(),
            time(s.seconds()));
      }
    }
    for (Problem pr : plan.problems()) {
      out.println("problem: " + pr.path() + ": " + pr.message());
    }
    out.flush();
  }

  /** A lock key as users know it: JUnit's global key is what @Isolated holds. */
  private static String lockName(String key) {
    return key.equals(io.github.isolationaudit.model.Lock.GLOBAL)
        ? "GLOBAL as @Isolated holds it (JUnit runs these classes last, one at a time)"
        : key;
  }

  private static String shown(List<String> items) {
    return String.join(", ", items.stream().limit(SHOWN).toList())
        + (items.size() > SHOWN ? " and " + (items.size() - SHOWN) + " more" : "");
  }

  private static String time(double seconds) {
    if (seconds >= 60) {
      return String.format(Locale.ROOT, "%dm%04.1fs", (long) (seconds / 60), seconds % 60);
    }
    return String.format(Locale.ROOT, "%.1fs", seconds);
  }
}
