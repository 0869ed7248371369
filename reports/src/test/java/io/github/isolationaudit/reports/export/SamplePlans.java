package io.github.isolationaudit.reports.export;

import io.github.isolationaudit.model.plan.Plan;
import io.github.isolationaudit.model.plan.Plan.DurationSource;
import io.github.isolationaudit.model.plan.Plan.Jvm;
import io.github.isolationaudit.model.plan.Plan.Lane;
import io.github.isolationaudit.model.plan.Plan.LockAssignment;
import io.github.isolationaudit.model.plan.Plan.Mode;
import io.github.isolationaudit.model.plan.Plan.Prediction;
import io.github.isolationaudit.model.plan.Plan.Shard;
import io.github.isolationaudit.model.plan.Plan.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Hand-built plans: a lane of each kind, locks on classes and methods, a nested class, shards. */
public final class SamplePlans {

  /** A key with characters a Java string literal, XML and a shell must escape. */
  static final String AWKWARD_KEY = "isolation-audit:FILE:/tmp/a \"b\"\\c & <d> \u00e9";

  private SamplePlans() {}

  static List<LockAssignment> assignments() {
    return List.of(
        new LockAssignment(
            "com.example.AlphaTest",
            null,
            "java.lang.System.properties",
            false,
            "src/test/java/com/example/AlphaTest.java",
            9),
        new LockAssignment(
            "com.example.AlphaTest",
            "readsLocale",
            "java.util.Locale.default",
            true,
            "src/test/java/com/example/AlphaTest.java",
            21),
        // Held READ and READ_WRITE by one method: READ_WRITE wins.
        new LockAssignment(
            "com.example.BetaTest",
            "writesTimeZone",
            "java.util.TimeZone.default",
            true,
            "src/test/java/com/example/BetaTest.java",
            14),
        new LockAssignment(
            "com.example.BetaTest",
            "writesTimeZone",
            "java.util.TimeZone.default",
            false,
            "src/test/java/com/example/BetaTest.java",
            14),
        // The same assignment twice counts once.
        new LockAssignment(
            "com.example.BetaTest",
            "writesTimeZone",
            "java.lang.System.properties",
            true,
            "src/test/java/com/example/BetaTest.java",
            14),
        new LockAssignment(
            "com.example.BetaTest",
            "writesTimeZone",
            "java.lang.System.properties",
            true,
            "src/test/java/com/example/BetaTest.java",
            14),
        // A nested class without sources.
        new LockAssignment(
            "com.example.Outer$Inner", null, "isolation-audit:PORT:8080", false, null, 0),
        new LockAssignment("com.example.Outer$Inner", "writesFile", AWKWARD_KEY, false, null, 0));
  }

  public static Plan plan() {
    return plan(assignments());
  }

  /** The sample plan with its lock assignments in reverse order. */
  static Plan reordered() {
    List<LockAssignment> reversed = new ArrayList<>(assignments());
    Collections.reverse(reversed);
    return plan(reversed);
  }

  static Plan withoutShards() {
    Plan plan = plan();
    return new Plan(
        plan.workers(),
        plan.lanes(),
        plan.stages(),
        plan.predicted(),
        plan.lockCosts(),
        List.of(),
        plan.lockAssignments(),
        plan.durations(),
        plan.problems());
  }

  private static Plan plan(List<LockAssignment> assignments) {
    Lane parallel =
        new Lane(
            "parallel",
            Mode.PARALLEL,
            Jvm.SHARED,
            List.of("java.lang.System.properties"),
            List.of(
                "com.example.AlphaTest",
                "com.example.BetaTest",
                "com.example.Outer",
                "com.example.Outer$Inner",
                "com.example.Split"),
            List.of(
                "com.example.AlphaTest#readsLocale()",
                "com.example.AlphaTest#writesProperty()",
                "com.example.BetaTest#writesTimeZone()",
                "com.example.Outer$Inner#writesFile()",
                "com.example.Outer#plain()",
                "com.example.Split#plain()"),
            12.25,
            "no conflict left once the lock assignments hold");
    Lane serial =
        new Lane(
            "serial",
            Mode.SERIAL,
            Jvm.SHARED,
            List.of("org.junit.platform.engine.support.hierarchical.ExclusiveResource.GLOBAL_KEY"),
            List.of("com.example.GammaTest", "com.example.Split$Nested"),
            List.of("com.example.GammaTest#isolated()", "com.example.Split$Nested#isolated()"),
            4.0,
            "@Isolated");
    Lane ownJvm =
        new Lane(
            "own-jvm-1",
            Mode.SERIAL,
            Jvm.OWN,
            List.of(),
            List.of("com.example.ForkTest"),
            List.of("com.example.ForkTest#setsSecurityManager()"),
            2.5,
            "replaces a JVM-wide handler no lock can guard");
    Lane empty =
        new Lane("own-jvm-2", Mode.SERIAL, Jvm.OWN, List.of(), List.of(), List.of(), 0, "empty");
    return new Plan(
        4,
        List.of(parallel, serial, ownJvm, empty),
        // Stages in another order than the lanes: the exports follow the stages.
        List.of(
            new Stage(List.of("own-jvm-1"), 2.5), new Stage(List.of("parallel", "serial"), 6.0)),
        new Prediction(8.5, 6.0, 18.75, 2.2, 0.6, 5.0),
        List.of(new Plan.LockCost("java.lang.System.properties", 3, 1.5)),
        List.of(
            new Shard(
                1,
                List.of("com.example.AlphaTest", "com.example.Outer$Inner", "com.example.Outer"),
                9.75,
                "com.example.AlphaTest,com.example.Outer",
                List.of(
                    "--select-class=com.example.AlphaTest", "--select-class=com.example.Outer")),
            new Shard(
                2,
                List.of("com.example.BetaTest", "com.example.ForkTest", "com.example.GammaTest"),
                9.0,
                "com.example.BetaTest,com.example.ForkTest,com.example.GammaTest",
                List.of(
                    "--select-class=com.example.BetaTest",
                    "--select-class=com.example.ForkTest",
                    "--select-class=com.example.GammaTest"))),
        assignments,
        new DurationSource(List.of("target/surefire-reports"), 9, 2, 1.0),
        List.of(),
        null,
        null,
        // The longest chain first: the locked and isolated classes, then the rest.
        List.of(
            "com.example.GammaTest",
            "com.example.AlphaTest",
            "com.example.Split",
            "com.example.ForkTest",
            "com.example.BetaTest",
            "com.example.Outer"));
  }
}
