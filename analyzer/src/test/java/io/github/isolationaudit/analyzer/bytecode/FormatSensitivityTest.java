package io.github.isolationaudit.analyzer.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Sensitivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A format pattern without locale-dependent conversions reads the default Locale only LOW. */
class FormatSensitivityTest {

  @Test
  void conversionsTheLocaleCannotChangeAreRecognised() {
    assertThat(MethodScanner.localeInsensitive("%s/%s.class")).isTrue();
    assertThat(MethodScanner.localeInsensitive("%-10s|%x|%n|100%%|%2$s")).isTrue();
    // Plain %d differs only where digits are not ASCII (Persian, some Arabic locales): as rare as
    // the Turkish i of a case conversion. Grouping and decimals follow every locale.
    assertThat(MethodScanner.localeInsensitive("%d items, %05d")).isTrue();
    assertThat(MethodScanner.localeInsensitive("%.2f")).isFalse();
    assertThat(MethodScanner.localeInsensitive("%S")).isFalse();
    assertThat(MethodScanner.localeInsensitive("%,d")).isFalse();
  }

  private static byte[] testClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fmt/FormatTest", null, "java/lang/Object", null);
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    for (String[] t : new String[][] {{"names", "%s/%s.class"}, {"counts", "%,.2f items"}}) {
      MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, t[0], "()V", null, null);
      m.visitAnnotation("Lorg/junit/jupiter/api/Test;", true).visitEnd();
      m.visitCode();
      m.visitLdcInsn(t[1]);
      m.visitInsn(Opcodes.ICONST_0);
      m.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
      m.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "java/lang/String",
          "format",
          "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
          false);
      m.visitInsn(Opcodes.POP);
      m.visitInsn(Opcodes.RETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void aPatternOfOnlyStringConversionsIsALowRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("fmt/FormatTest.class");
    Files.createDirectories(file.getParent());
    Files.write(file, testClass());
    ScanResult result = IsolationAudit.scan(ScanOptions.of(dir).withAllReads());
    Map<String, Sensitivity> byTest =
        result.footprints().stream()
            .collect(
                Collectors.toMap(
                    f -> f.test().id().methodName(),
                    f ->
                        f.accesses().stream()
                            .filter(a -> a.resource() == ResourceKind.LOCALE)
                            .map(Access::sensitivity)
                            .findFirst()
                            .orElseThrow()));
    assertThat(byTest)
        .containsEntry("names", Sensitivity.LOW)
        .containsEntry("counts", Sensitivity.HIGH);
  }
}
