import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Helper of race-runs.sh --plan: copies a tests jar, adding one interface to the listed classes.
 *
 * <p>java -cp asm.jar AddInterface.java IN.jar OUT.jar INTERFACE CLASSES.txt
 *
 * <p>What a user does with one line in the sources ({@code @ResourceLock(providers = ...)} on a
 * common base class or interface, as the locks-provider export says), done to a published tests
 * jar, which has no sources to edit: the listed classes implement INTERFACE (binary name), which
 * carries the annotation, and JUnit finds it there. Nothing else in the jar changes.
 */
public class AddInterface {
  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String iface = args[2].replace('.', '/');
    Set<String> classes = new HashSet<>();
    for (String line : Files.readAllLines(Path.of(args[3]))) {
      if (!line.isBlank()) {
        classes.add(line.trim().replace('.', '/') + ".class");
      }
    }
    int patched = 0;
    try (JarInputStream jin = new JarInputStream(Files.newInputStream(in));
        OutputStream os = Files.newOutputStream(out);
        JarOutputStream jout =
            jin.getManifest() == null
                ? new JarOutputStream(os)
                : new JarOutputStream(os, jin.getManifest())) {
      JarEntry e;
      while ((e = jin.getNextJarEntry()) != null) {
        byte[] bytes = jin.readAllBytes();
        if (classes.contains(e.getName())) {
          bytes = addInterface(bytes, iface);
          patched++;
        }
        jout.putNextEntry(new JarEntry(e.getName()));
        jout.write(bytes);
        jout.closeEntry();
      }
    }
    System.err.println("AddInterface: " + patched + " of " + classes.size() + " classes patched");
  }

  static byte[] addInterface(byte[] bytes, String iface) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version,
              int access,
              String name,
              String signature,
              String superName,
              String[] interfaces) {
            String[] all = Arrays.copyOf(interfaces, interfaces.length + 1);
            all[interfaces.length] = iface;
            // A generic signature lists the interfaces too; keep it consistent.
            String sig = signature == null ? null : signature + "L" + iface + ";";
            super.visit(version, access, name, sig, superName, all);
          }
        },
        0);
    return writer.toByteArray();
  }
}
