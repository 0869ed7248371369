package io.github.isolationaudit.analyzer.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The instance methods (name and descriptor) of JDK types, with those they inherit, read as bytes
 * from the running JDK's own class files. It answers which methods of a project class the JDK can
 * call back: those that implement a JDK interface or override a JDK class.
 */
public final class JdkSignatures {
  private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();

  /** The methods of a JDK type, or null when it is not a readable JDK type. */
  public Set<String> methods(String internalName) {
    if (!internalName.startsWith("java/") && !internalName.startsWith("javax/")) {
      return null;
    }
    Set<String> cached = cache.get(internalName);
    if (cached != null) {
      return cached.isEmpty() && !internalName.equals("java/lang/Object") ? null : cached;
    }
    Set<String> result = new HashSet<>();
    byte[] bytes = read(internalName);
    if (bytes == null) {
      cache.put(internalName, Set.of());
      return null;
    }
    ClassReader reader = new ClassReader(bytes);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            if ((access & Opcodes.ACC_STATIC) == 0 && !name.startsWith("<")) {
              result.add(name + desc);
            }
            return null;
          }
        },
        ClassReader.SKIP_CODE);
    if (reader.getSuperName() != null) {
      Set<String> inherited = methods(reader.getSuperName());
      if (inherited != null) {
        result.addAll(inherited);
      }
    }
    for (String i : reader.getInterfaces()) {
      Set<String> inherited = methods(i);
      if (inherited != null) {
        result.addAll(inherited);
      }
    }
    Set<String> done = Set.copyOf(result);
    cache.put(internalName, done);
    return done;
  }

  private static byte[] read(String internalName) {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
