import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The benchmark's baseline: reads every class file of the given jars with ASM and an empty
 * visitor (code included), the least any bytecode analysis must do. benchmark.sh compiles it
 * against the CLI jar, which carries ASM, and runs it in a JVM of its own like the scan.
 */
public class BareAsmRead {
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    int classes = 0;
    ClassVisitor empty = new ClassVisitor(Opcodes.ASM9) {};
    for (String jar : args) {
      try (ZipFile zip = new ZipFile(jar)) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          if (!e.getName().endsWith(".class") || e.getName().endsWith("module-info.class")) {
            continue;
          }
          try (InputStream in = zip.getInputStream(e)) {
            new ClassReader(in.readAllBytes()).accept(empty, ClassReader.SKIP_FRAMES);
            classes++;
          } catch (RuntimeException ex) {
            // A class ASM cannot read costs the baseline nothing more.
          }
        }
      }
    }
    System.err.printf("bare ASM read: %d classes in %d ms%n", classes, (System.nanoTime() - start) / 1_000_000);
  }
}
