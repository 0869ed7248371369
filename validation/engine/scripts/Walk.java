// Walks evidence chains through the analyzer's own call graph (run against old.jar or mid.jar):
// for each chain (test, steps), starting from the test class's roots, follows at each step the
// edges at the step's line to the next step's method; prints the first step where the graph has
// no such edge (with the contexts of the caller nodes and the edge's receiver kinds), or OK.
// java -cp JAR scripts/Walk.java CHAINS.tsv INPUT...
import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.callgraph.CallGraph;
import io.github.isolationaudit.analyzer.discovery.*;
import io.github.isolationaudit.analyzer.program.*;
import io.github.isolationaudit.rules.Catalog;
import java.nio.file.*;
import java.util.*;

public class Walk {
  public static void main(String[] a) throws Exception {
    List<Path> ins = new ArrayList<>();
    for (int i = 1; i < a.length; i++) ins.add(Path.of(a[i]));
    InputSet inputs = new InputResolver().read(ins, List.of());
    ClassFileParser parser = new ClassFileParser(Catalog.builtIn());
    List<ClassInfo> classes = new ArrayList<>();
    for (ClassFile f : inputs.classFiles()) {
      try { classes.add(parser.parse(f.bytes(), f.library(), f.path())); } catch (Exception e) { }
    }
    Program program = new Program(classes, new io.github.isolationaudit.analyzer.bytecode.JdkSignatures()::methods);
    List<TestClass> tcs = new TestDiscovery(program).discover();
    Map<String, TestClass> byName = new HashMap<>();
    for (TestClass tc : tcs) byName.put(tc.type().binaryName(), tc);
    CallGraph g = new CallGraph(program);
    Map<String, List<Integer>> roots = new HashMap<>();
    for (TestClass tc : tcs) {
      List<Integer> r = new ArrayList<>();
      for (TestClass.Root root : tc.lifecycle()) r.add(g.node(root.method(), root.context()));
      for (TestClass.FoundTest t : tc.tests()) r.add(g.node(t.method(), tc.type().name()));
      roots.put(tc.type().binaryName(), r);
    }
    g.expandAll();
    for (String line : Files.readAllLines(Path.of(a[0]))) {
      String[] f = line.split("\t");
      String id = f[0];
      String cls = id.substring(0, id.indexOf('#'));
      List<Integer> start = roots.getOrDefault(cls, List.of());
      String[] s0 = f[1].split("\\|");
      Set<Integer> cur = new HashSet<>();
      for (int n : start) if (matches(g.method(n), s0)) cur.add(n);
      if (cur.isEmpty()) { System.out.println(id + "\tNOSTART\t" + f[1]); continue; }
      String out = "OK";
      for (int i = 1; i < f.length - 1 + 1 && i < f.length; i++) {
        String[] prev = f[i].split("\\|"), next = f[i + 1 < f.length ? i + 1 : i].split("\\|");
        if (i + 1 >= f.length) break;
        int ln = Integer.parseInt(prev[2]);
        Set<Integer> nxt = new HashSet<>();
        StringBuilder ctx = new StringBuilder();
        for (int n : cur) {
          ctx.append(g.context(n)).append(' ');
          int[] t = g.targets(n), l = g.lines(n);
          for (int e = 0; e < t.length; e++) {
            if (l[e] == ln && matches(g.method(t[e]), next)) nxt.add(t[e]);
          }
        }
        if (nxt.isEmpty()) {
          // what the caller nodes call at that line instead
          StringBuilder alt = new StringBuilder();
          for (int n : cur) {
            int[] t = g.targets(n), l = g.lines(n);
            for (int e = 0; e < t.length; e++) if (l[e] == ln) alt.append(g.method(t[e]).owner()).append('.').append(g.method(t[e]).name()).append('@').append(g.context(t[e])).append(' ');
          }
          out = "DROP\t" + f[i] + "\t" + f[i + 1] + "\tctx=" + ctx.toString().trim() + "\tinstead=" + alt.toString().trim();
          break;
        }
        cur = nxt;
      }
      System.out.println(id + "\t" + out);
    }
  }

  static boolean matches(MethodInfo m, String[] step) {
    return m.owner().replace('/', '.').equals(step[0]) && m.name().equals(step[1]);
  }
}
