package io.github.isolationaudit.analyzer.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.analyzer.bytecode.JdkSignatures;
import io.github.isolationaudit.analyzer.discovery.TestClass;
import io.github.isolationaudit.analyzer.discovery.TestDiscovery;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.rules.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The per-method summaries against the plain per-test search they replace, on random programs:
 * helpers calling each other (with recursion), keys passed as parameters, and virtual calls into
 * objects that only one test class creates (which other test classes must not reach).
 */
class SummariesTest {
  private static final Catalog CATALOG = Catalog.builtIn();
  private static final int PROGRAMS = 300;

  @Test
  void summariesFindWhatThePlainSearchFindsWithTheSameChains() throws Exception {
    int accesses = 0;
    int fromParameters = 0;
    for (int seed = 0; seed < PROGRAMS; seed++) {
      Program program = program(new Random(seed));
      List<TestClass> tests = new TestDiscovery(program).discover();
      List<Footprint> expected =
          new FootprintAnalysis(program, CATALOG, 1).reference(true).analyse(tests);
      List<Footprint> actual = new FootprintAnalysis(program, CATALOG, 1).analyse(tests);
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        // The same accesses in the same order, each with the same chain, confidence and note.
        assertThat(actual.get(i)).as("seed " + seed).isEqualTo(expected.get(i));
        accesses += expected.get(i).accesses().size();
        fromParameters +=
            (int) expected.get(i).accesses().stream().filter(SummariesTest::fromParameter).count();
      }
    }
    assertThat(accesses).isGreaterThan(PROGRAMS * 10);
    assertThat(fromParameters).isGreaterThan(PROGRAMS);
  }

  @Test
  void theResultIsTheSameOnOneThreadAndOnSeveral() throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      Program program = program(new Random(1000 + seed));
      List<TestClass> tests = new TestDiscovery(program).discover();
      List<Footprint> one = new FootprintAnalysis(program, CATALOG, 1).analyse(tests);
      List<Footprint> four = new FootprintAnalysis(program, CATALOG, 4).analyse(tests);
      assertThat(four).isEqualTo(one);
    }
  }

  private static boolean fromParameter(Access a) {
    return a.key().kind() == Key.Kind.UNKNOWN || a.key().value().startsWith("p");
  }

  // ---- random programs -----------------------------------------------------------------------

  private static final String STRING = "Ljava/lang/String;";

  /**
   * Helpers {@code r/H.h0..hN(String)} that call each other with a constant ("p..") or their own
   * parameter and write or read System properties with a constant ("c..") or their parameter; an
   * engine {@code r/Engine.exec(Op, String)} that calls {@code op.run(s)}; test classes whose tests
   * and {@code @BeforeEach} call helpers and hand the engine operations of their own nested types.
   */
  private static Program program(Random random) throws Exception {
    int helpers = 3 + random.nextInt(10);
    int testClasses = 1 + random.nextInt(3);
    List<ClassInfo> classes = new ArrayList<>();
    ClassFileParser parser = new ClassFileParser(CATALOG);

    ClassWriter op = new ClassWriter(0);
    op.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
        "r/Op",
        null,
        "java/lang/Object",
        null);
    op.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "run", "(" + STRING + ")V", null, null)
        .visitEnd();
    op.visitEnd();
    classes.add(parser.parse(op.toByteArray(), false, "r/Op.class"));

    ClassWriter engine = begin("r/Engine", null);
    MethodVisitor exec =
        engine.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "exec", "(Lr/Op;" + STRING + ")V", null, null);
    exec.visitCode();
    line(exec, 1);
    exec.visitVarInsn(Opcodes.ALOAD, 0);
    exec.visitVarInsn(Opcodes.ALOAD, 1);
    exec.visitMethodInsn(Opcodes.INVOKEINTERFACE, "r/Op", "run", "(" + STRING + ")V", true);
    if (random.nextBoolean()) {
      callHelper(exec, random, helpers, 1);
    }
    exec.visitInsn(Opcodes.RETURN);
    exec.visitMaxs(4, 2);
    exec.visitEnd();
    classes.add(parser.parse(end(engine), false, "r/Engine.class"));

    ClassWriter h = begin("r/H", null);
    for (int i = 0; i < helpers; i++) {
      MethodVisitor m =
          h.visitMethod(
              Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "h" + i, "(" + STRING + ")V", null, null);
      m.visitCode();
      int steps = 1 + random.nextInt(4);
      for (int s = 0; s < steps; s++) {
        line(m, 10 * i + s + 1);
        switch (random.nextInt(5)) {
          case 0, 1 -> callHelper(m, random, helpers, 0);
          case 2 -> sink(m, random, true, true);
          case 3 -> sink(m, random, random.nextBoolean(), false);
          default -> {
            if (random.nextInt(3) == 0) {
              m.visitTypeInsn(Opcodes.NEW, "r/Lambda");
              m.visitInsn(Opcodes.POP);
            } else {
              callHelper(m, random, helpers, 0);
            }
          }
        }
      }
      m.visitInsn(Opcodes.RETURN);
      m.visitMaxs(4, 1);
      m.visitEnd();
    }
    classes.add(parser.parse(end(h), false, "r/H.class"));

    for (int k = 0; k < testClasses; k++) {
      String name = "r/C" + k + "Test";
      int ops = random.nextInt(3);
      for (int j = 0; j < ops; j++) {
        String opName = name + "$Op" + j;
        ClassWriter impl = begin(opName, new String[] {"r/Op"});
        MethodVisitor run =
            impl.visitMethod(Opcodes.ACC_PUBLIC, "run", "(" + STRING + ")V", null, null);
        run.visitCode();
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps; s++) {
          line(run, 100 + s);
          if (random.nextBoolean()) {
            sink(run, random, random.nextBoolean(), true, 1);
          } else {
            callHelper(run, random, helpers, 1);
          }
        }
        run.visitInsn(Opcodes.RETURN);
        run.visitMaxs(4, 2);
        run.visitEnd();
        classes.add(parser.parse(end(impl), false, opName + ".class"));
      }
      ClassWriter test = begin(name, null);
      int methods = 1 + random.nextInt(4);
      for (int t = 0; t <= methods; t++) {
        boolean setUp = t == methods;
        if (setUp && random.nextBoolean()) {
          break;
        }
        MethodVisitor m =
            test.visitMethod(Opcodes.ACC_PUBLIC, setUp ? "setUp" : "t" + t, "()V", null, null);
        m.visitAnnotation(
                setUp ? "Lorg/junit/jupiter/api/BeforeEach;" : "Lorg/junit/jupiter/api/Test;", true)
            .visitEnd();
        m.visitCode();
        int calls = 1 + random.nextInt(3);
        for (int c = 0; c < calls; c++) {
          line(m, 1000 + c);
          if (ops > 0 && random.nextInt(3) == 0) {
            String opName = name + "$Op" + random.nextInt(ops);
            m.visitTypeInsn(Opcodes.NEW, opName);
            m.visitInsn(Opcodes.DUP);
            m.visitMethodInsn(Opcodes.INVOKESPECIAL, opName, "<init>", "()V", false);
            m.visitLdcInsn("p" + random.nextInt(4));
            m.visitMethodInsn(
                Opcodes.INVOKESTATIC, "r/Engine", "exec", "(Lr/Op;" + STRING + ")V", false);
          } else if (random.nextInt(4) == 0) {
            sink(m, random, false, random.nextBoolean(), -1);
          } else {
            m.visitLdcInsn("p" + random.nextInt(4));
            m.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                "r/H",
                "h" + random.nextInt(helpers),
                "(" + STRING + ")V",
                false);
          }
        }
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(4, 1);
        m.visitEnd();
      }
      classes.add(parser.parse(end(test), false, name + ".class"));
    }
    return new Program(classes, new JdkSignatures()::methods);
  }

  private static void sink(MethodVisitor m, Random random, boolean parametric, boolean write) {
    sink(m, random, parametric, write, 0);
  }

  /** A System property written or read, keyed by the parameter in {@code slot} or a constant. */
  private static void sink(
      MethodVisitor m, Random random, boolean parametric, boolean write, int slot) {
    if (parametric && slot >= 0) {
      m.visitVarInsn(Opcodes.ALOAD, slot);
    } else {
      m.visitLdcInsn("c" + random.nextInt(5));
    }
    if (write) {
      m.visitLdcInsn("v");
      m.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "java/lang/System",
          "setProperty",
          "(" + STRING + STRING + ")" + STRING,
          false);
    } else {
      m.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "java/lang/System",
          "getProperty",
          "(" + STRING + ")" + STRING,
          false);
    }
    m.visitInsn(Opcodes.POP);
  }

  /** A call of a random helper with a constant or the parameter in {@code slot}. */
  private static void callHelper(MethodVisitor m, Random random, int helpers, int slot) {
    if (random.nextBoolean()) {
      m.visitVarInsn(Opcodes.ALOAD, slot);
    } else {
      m.visitLdcInsn("p" + random.nextInt(4));
    }
    m.visitMethodInsn(
        Opcodes.INVOKESTATIC, "r/H", "h" + random.nextInt(helpers), "(" + STRING + ")V", false);
  }

  private static void line(MethodVisitor m, int line) {
    Label l = new Label();
    m.visitLabel(l);
    m.visitLineNumber(line, l);
  }

  private static ClassWriter begin(String name, String[] interfaces) {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", interfaces);
    cw.visitSource(name.substring(2).replaceAll("\\$.*", "") + ".java", null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(1, 1);
    init.visitEnd();
    return cw;
  }

  private static byte[] end(ClassWriter cw) {
    cw.visitEnd();
    return cw.toByteArray();
  }
}
