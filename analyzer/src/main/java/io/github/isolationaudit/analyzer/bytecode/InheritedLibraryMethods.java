package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.discovery.ClassFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Which calls on a project class run a method it inherits from a library class: {@code
 * worker.start()} on a test's own {@code Thread} subclass (an anonymous {@code new Thread() {...}}
 * too, whose type javac names as the call's owner) is {@code Thread.start}, a thread started,
 * though the call names the subclass. The scanner reads a call's library effect by the library
 * owner, so it looks such calls up here first: a class file is scanned alone, before its
 * superclasses are known, and this reads every project class's superclass and declared methods
 * beforehand (headers only, no code).
 */
public final class InheritedLibraryMethods {
  private static final int MAX_DEPTH = 64;

  private final Map<String, String> superOf;
  private final Map<String, Set<String>> declared;

  private InheritedLibraryMethods(Map<String, String> superOf, Map<String, Set<String>> declared) {
    this.superOf = superOf;
    this.declared = declared;
  }

  /** None known: every call keeps its owner. */
  public static final InheritedLibraryMethods NONE =
      new InheritedLibraryMethods(Map.of(), Map.of());

  /** Reads the superclass and method signatures of every project class file among these. */
  public static InheritedLibraryMethods of(List<ClassFile> files) {
    Map<String, String> superOf = new ConcurrentHashMap<>();
    Map<String, Set<String>> declared = new ConcurrentHashMap<>();
    files.parallelStream()
        .filter(f -> !f.library())
        .forEach(
            f -> {
              try {
                new ClassReader(f.bytes())
                    .accept(
                        new Headers(superOf, declared),
                        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
              } catch (RuntimeException e) {
                // A file the parser cannot read is its problem to report; here it adds nothing.
              }
            });
    return new InheritedLibraryMethods(new HashMap<>(superOf), new HashMap<>(declared));
  }

  /**
   * The library class whose method a call on project class {@code owner} runs, where neither the
   * owner nor a project superclass of it declares {@code name descriptor}: the first superclass
   * outside the project. Null for a call that a project class answers, on a class outside the
   * project, or on a constructor.
   */
  public String libraryOwner(String owner, String name, String descriptor) {
    if (name.startsWith("<") || !declared.containsKey(owner)) {
      return null;
    }
    String sig = name + descriptor;
    String c = owner;
    for (int depth = 0; c != null && depth < MAX_DEPTH; depth++) {
      Set<String> methods = declared.get(c);
      if (methods == null) {
        return c;
      }
      if (methods.contains(sig)) {
        return null;
      }
      c = superOf.get(c);
    }
    return null;
  }

  private static final class Headers extends ClassVisitor {
    private final Map<String, String> superOf;
    private final Map<String, Set<String>> declared;
    private Set<String> methods;

    Headers(Map<String, String> superOf, Map<String, Set<String>> declared) {
      super(Opcodes.ASM9);
      this.superOf = superOf;
      this.declared = declared;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      methods = new HashSet<>();
      if (name != null) {
        // An interface's methods are never a class's inherited library method.
        if (superName != null && (access & Opcodes.ACC_INTERFACE) == 0) {
          superOf.put(name, superName);
        }
        declared.putIfAbsent(name, methods);
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if (methods != null && name != null && descriptor != null) {
        methods.add(name + descriptor);
      }
      return null;
    }
  }
}
