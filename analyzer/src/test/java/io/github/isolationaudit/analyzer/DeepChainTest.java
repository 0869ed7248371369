package io.github.isolationaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Call chains 10,000 deep, and recursion, cost no stack: every walk is iterative. */
class DeepChainTest {
  private static final int DEPTH = 10_000;

  /**
   * A JUnit 5 test class whose test calls step0 -> step1 -> ... -> step9999, which sets a property.
   */
  private static byte[] deepTestClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "deep/DeepTest", null, "java/lang/Object", null);
    cw.visitSource("DeepTest.java", null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor test = cw.visitMethod(Opcodes.ACC_PUBLIC, "deep", "()V", null, null);
    test.visitAnnotation("Lorg/junit/jupiter/api/Test;", true).visitEnd();
    test.visitCode();
    test.visitMethodInsn(Opcodes.INVOKESTATIC, "deep/DeepTest", "step0", "()V", false);
    test.visitInsn(Opcodes.RETURN);
    test.visitMaxs(0, 0);
    test.visitEnd();
    for (int i = 0; i < DEPTH; i++) {
      MethodVisitor m = cw.visitMethod(Opcodes.ACC_STATIC, "step" + i, "()V", null, null);
      m.visitCode();
      org.objectweb.asm.Label line = new org.objectweb.asm.Label();
      m.visitLabel(line);
      m.visitLineNumber(i + 1, line);
      if (i + 1 < DEPTH) {
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "deep/DeepTest", "step" + (i + 1), "()V", false);
        // and back to the start: recursion through the whole chain
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "deep/DeepTest", "step0", "()V", false);
      } else {
        m.visitLdcInsn("deep.key");
        m.visitLdcInsn("v");
        m.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            "java/lang/System",
            "setProperty",
            "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
            false);
        m.visitInsn(Opcodes.POP);
      }
      m.visitInsn(Opcodes.RETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void aTenThousandDeepRecursiveChainIsFollowedToItsSink(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("deep/DeepTest.class");
    Files.createDirectories(file.getParent());
    Files.write(file, deepTestClass());
    ScanResult result = IsolationAudit.scan(ScanOptions.of(dir));
    assertThat(result.problems()).isEmpty();
    Footprint f = result.footprints().get(0);
    Access write =
        f.accesses().stream()
            .filter(a -> a.key().value().equals("deep.key"))
            .findFirst()
            .orElseThrow();
    assertThat(write.evidence().depth()).isEqualTo(DEPTH + 1);
    assertThat(write.evidence().sink().line()).isEqualTo(DEPTH);
    assertThat(write.evidence()).isEqualTo(write.evidence()).hasSameHashCodeAs(write.evidence());
  }
}
