import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes a synthetic JUnit 5 test suite as class files, for measuring how the scan grows with the
 * suite: run with ASM on the class path, {@code java -cp asm.jar SyntheticSuite.java OUT CLASSES}.
 *
 * <p>Per 10 test classes: one abstract base chain 4 deep ({@code @BeforeEach} and inherited
 * {@code @Test} methods on each level), one helper class whose methods call each other in a chain
 * 40 long (with a call back to its start: recursion) and end in a System property write, a static
 * field write and a file write, keys passed down as parameters; and calls from every test into a
 * few helpers shared by the whole suite (a "Fixtures" class with a lock, a property read, a port).
 * The same seed gives the same classes.
 */
public class SyntheticSuite {
  private static final String STRING = "Ljava/lang/String;";
  private static final int CHAIN = 40;
  private static final int DEPTH = 4;

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int testClasses = Integer.parseInt(args[1]);
    Random random = new Random(42);
    shared(out);
    int groups = (testClasses + 9) / 10;
    for (int g = 0; g < groups; g++) {
      helper(out, g);
      for (int level = 0; level < DEPTH; level++) {
        base(out, g, level);
      }
    }
    for (int k = 0; k < testClasses; k++) {
      test(out, k, k / 10, random);
    }
  }

  /** Helpers every test reaches: a shared property read, a static counter, a port. */
  private static void shared(Path out) throws IOException {
    ClassWriter cw = begin("syn/Fixtures", "java/lang/Object", 0);
    cw.visitField(Opcodes.ACC_STATIC, "counter", "I", null, null).visitEnd();
    MethodVisitor m = method(cw, Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "setUp", "()V");
    line(m, 10);
    m.visitLdcInsn("synthetic.mode");
    m.visitMethodInsn(
        Opcodes.INVOKESTATIC, "java/lang/System", "getProperty", "(" + STRING + ")" + STRING, false);
    m.visitInsn(Opcodes.POP);
    line(m, 11);
    m.visitFieldInsn(Opcodes.GETSTATIC, "syn/Fixtures", "counter", "I");
    m.visitInsn(Opcodes.ICONST_1);
    m.visitInsn(Opcodes.IADD);
    m.visitFieldInsn(Opcodes.PUTSTATIC, "syn/Fixtures", "counter", "I");
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(4, 1);
    m.visitEnd();
    write(out, "syn/Fixtures", cw);
  }

  /** {@code syn/H<g>}: step0(key) -> step1(key) -> ... -> step39(key), which writes the key. */
  private static void helper(Path out, int g) throws IOException {
    String name = "syn/H" + g;
    ClassWriter cw = begin(name, "java/lang/Object", 0);
    cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "state", STRING, null, null).visitEnd();
    for (int i = 0; i < CHAIN; i++) {
      MethodVisitor m =
          method(cw, Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "step" + i, "(" + STRING + ")V");
      line(m, i + 1);
      if (i + 1 < CHAIN) {
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, name, "step" + (i + 1), "(" + STRING + ")V", false);
        if (i % 10 == 9) {
          m.visitLdcInsn("loop");
          m.visitMethodInsn(Opcodes.INVOKESTATIC, name, "step0", "(" + STRING + ")V", false);
          m.visitMethodInsn(Opcodes.INVOKESTATIC, "syn/Fixtures", "setUp", "()V", false);
        }
      } else {
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitLdcInsn("on");
        m.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            "java/lang/System",
            "setProperty",
            "(" + STRING + STRING + ")" + STRING,
            false);
        m.visitInsn(Opcodes.POP);
        line(m, 100);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitFieldInsn(Opcodes.PUTSTATIC, name, "state", STRING);
        line(m, 101);
        m.visitTypeInsn(Opcodes.NEW, "java/io/File");
        m.visitInsn(Opcodes.DUP);
        m.visitLdcInsn("target/synthetic-" + g + ".txt");
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/io/File", "<init>", "(" + STRING + ")V", false);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/io/File", "delete", "()Z", false);
        m.visitInsn(Opcodes.POP);
      }
      m.visitInsn(Opcodes.RETURN);
      m.visitMaxs(4, 1);
      m.visitEnd();
    }
    write(out, name, cw);
  }

  /** {@code syn/Base<g>_<level>}: abstract, extends the level above, a set-up and a test. */
  private static void base(Path out, int g, int level) throws IOException {
    String name = "syn/Base" + g + "_" + level;
    String parent = level == 0 ? "java/lang/Object" : "syn/Base" + g + "_" + (level - 1);
    ClassWriter cw = begin(name, parent, Opcodes.ACC_ABSTRACT);
    MethodVisitor setUp = method(cw, Opcodes.ACC_PUBLIC, "setUp" + level, "()V");
    setUp.visitAnnotation("Lorg/junit/jupiter/api/BeforeEach;", true).visitEnd();
    line(setUp, 5);
    setUp.visitMethodInsn(Opcodes.INVOKESTATIC, "syn/Fixtures", "setUp", "()V", false);
    setUp.visitInsn(Opcodes.RETURN);
    setUp.visitMaxs(2, 1);
    setUp.visitEnd();
    MethodVisitor test = method(cw, Opcodes.ACC_PUBLIC, "inherited" + level, "()V");
    test.visitAnnotation("Lorg/junit/jupiter/api/Test;", true).visitEnd();
    line(test, 6);
    test.visitVarInsn(Opcodes.ALOAD, 0);
    test.visitMethodInsn(Opcodes.INVOKEVIRTUAL, name, "key", "()" + STRING, false);
    test.visitMethodInsn(
        Opcodes.INVOKESTATIC, "syn/H" + g, "step" + (level * 10), "(" + STRING + ")V", false);
    test.visitInsn(Opcodes.RETURN);
    test.visitMaxs(2, 1);
    test.visitEnd();
    if (level == 0) {
      MethodVisitor key =
          cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "key", "()" + STRING, null, null);
      key.visitEnd();
    }
    write(out, name, cw);
  }

  /** {@code syn/T<k>Test}: extends a base, its own key, tests calling helpers with constants. */
  private static void test(Path out, int k, int g, Random random) throws IOException {
    String name = "syn/T" + k + "Test";
    ClassWriter cw = begin(name, "syn/Base" + g + "_" + (DEPTH - 1), 0);
    MethodVisitor key = method(cw, Opcodes.ACC_PUBLIC, "key", "()" + STRING);
    key.visitLdcInsn("synthetic.key." + k);
    key.visitInsn(Opcodes.ARETURN);
    key.visitMaxs(1, 1);
    key.visitEnd();
    int tests = 2 + random.nextInt(5);
    for (int t = 0; t < tests; t++) {
      MethodVisitor m = method(cw, Opcodes.ACC_PUBLIC, "test" + t, "()V");
      m.visitAnnotation("Lorg/junit/jupiter/api/Test;", true).visitEnd();
      line(m, 20 + t);
      m.visitLdcInsn("synthetic." + k + "." + t);
      m.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "syn/H" + random.nextInt(g + 1),
          "step" + random.nextInt(CHAIN),
          "(" + STRING + ")V",
          false);
      m.visitInsn(Opcodes.RETURN);
      m.visitMaxs(2, 1);
      m.visitEnd();
    }
    write(out, name, cw);
  }

  private static ClassWriter begin(String name, String parent, int flags) {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | flags, name, null, parent, null);
    cw.visitSource(name.substring(name.lastIndexOf('/') + 1) + ".java", null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, parent, "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(1, 1);
    init.visitEnd();
    return cw;
  }

  private static MethodVisitor method(ClassWriter cw, int access, String name, String desc) {
    MethodVisitor m = cw.visitMethod(access, name, desc, null, null);
    m.visitCode();
    return m;
  }

  private static void line(MethodVisitor m, int line) {
    Label l = new Label();
    m.visitLabel(l);
    m.visitLineNumber(line, l);
  }

  private static void write(Path out, String name, ClassWriter cw) throws IOException {
    cw.visitEnd();
    Path file = out.resolve(name + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, cw.toByteArray());
  }
}
