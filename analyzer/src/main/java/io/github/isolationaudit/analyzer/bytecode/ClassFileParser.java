package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.FailureMessages;
import io.github.isolationaudit.analyzer.program.FieldInfo;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.rules.Catalog;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns class-file bytes into a {@link ClassInfo}. The bytes are only read: nothing is loaded. This
 * is the one place that knows ASM.
 */
public final class ClassFileParser {
  private final Catalog catalog;
  private final InheritedLibraryMethods inherited;

  /** The oldest class-file major version there is: Java 1.1. */
  private static final int FIRST_MAJOR = 45;

  /** The newest class-file major version the ASM in use reads, from its {@code Opcodes.V*}. */
  static final int LAST_MAJOR = lastMajorVersion();

  private static int lastMajorVersion() {
    int last = 0;
    for (java.lang.reflect.Field f : Opcodes.class.getFields()) {
      if (f.getName().matches("V\\d+") && f.getType() == int.class) {
        try {
          last = Math.max(last, f.getInt(null) & 0xffff);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return last;
  }

  public ClassFileParser(Catalog catalog) {
    this(catalog, InheritedLibraryMethods.NONE);
  }

  /**
   * A parser that reads a call on a project class by the library class whose method it inherits
   * ({@link InheritedLibraryMethods}).
   */
  public ClassFileParser(Catalog catalog, InheritedLibraryMethods inherited) {
    this.catalog = catalog;
    this.inherited = inherited;
  }

  /** Why a class file could not be read. */
  public static final class UnreadableClassException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unsupportedVersion;

    UnreadableClassException(String message, boolean unsupportedVersion, Throwable cause) {
      super(message, cause);
      this.unsupportedVersion = unsupportedVersion;
    }

    public boolean unsupportedVersion() {
      return unsupportedVersion;
    }
  }

  /**
   * Parses one class file.
   *
   * @param library read only the declarations (hierarchy, annotations), not method bodies
   */
  public ClassInfo parse(byte[] bytes, boolean library, String origin)
      throws UnreadableClassException {
    if (bytes.length < 10
        || (bytes[0] & 0xff) != 0xca
        || (bytes[1] & 0xff) != 0xfe
        || (bytes[2] & 0xff) != 0xba
        || (bytes[3] & 0xff) != 0xbe) {
      throw new UnreadableClassException("not a class file (no CAFEBABE header)", false, null);
    }
    int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    // ASM compares the version as a signed short, so 0x8000 and above would pass its check.
    if (major < FIRST_MAJOR || major > LAST_MAJOR) {
      throw new UnreadableClassException(
          "class file version "
              + major
              + (major < FIRST_MAJOR || major >= 0x8000
                  ? " is no Java class file version"
                  : " (Java " + (major - 44) + ") is newer than this analyzer reads")
              + " (it reads "
              + FIRST_MAJOR
              + " to "
              + LAST_MAJOR
              + ", Java 1.1 to "
              + (LAST_MAJOR - 44)
              + ")",
          true,
          null);
    }
    ClassReader reader;
    try {
      reader = new ClassReader(bytes);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null
          && e.getMessage().startsWith("Unsupported class file major version")) {
        throw new UnreadableClassException(
            "class file version "
                + major
                + " (Java "
                + (major - 44)
                + ") is newer than this analyzer reads",
            true,
            e);
      }
      throw new UnreadableClassException("corrupt class file: " + e, false, e);
    } catch (RuntimeException e) {
      throw new UnreadableClassException("corrupt class file: " + e, false, e);
    }
    Collector collector = new Collector(catalog, inherited, library, origin);
    try {
      reader.accept(
          collector,
          library ? ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES : ClassReader.SKIP_FRAMES);
    } catch (RuntimeException e) {
      // Truncated or inconsistent class files fail somewhere inside ASM's reader.
      throw new UnreadableClassException("corrupt class file: " + e, false, e);
    } catch (AssertionError e) {
      // ASM's Type answers a malformed descriptor (a method descriptor as an argument type, an
      // unknown letter) with an AssertionError: a bad file, not a bug of ours.
      throw new UnreadableClassException("corrupt class file: a malformed descriptor", false, e);
    }
    if (collector.name == null || collector.name.isEmpty()) {
      // A this_class index of 0 gives no name: nothing downstream can hold such a class.
      throw new UnreadableClassException("corrupt class file: it names no class", false, null);
    }
    return collector.result();
  }

  private static final class Collector extends ClassVisitor {
    private final Catalog catalog;
    private final InheritedLibraryMethods inherited;
    private final boolean library;
    private final String origin;
    private String name;
    private int access;
    private String superName;
    private List<String> interfaces = List.of();
    private String sourceFile = "";
    private final List<AnnotationInfo> annotations = new ArrayList<>();
    private final List<FieldInfo> fields = new ArrayList<>();
    private final List<MethodInfo> methods = new ArrayList<>();
    private final FailureMessages.Suppliers suppliers = new FailureMessages.Suppliers();
    private String outerClass;
    private boolean innerNonStatic;

    Collector(Catalog catalog, InheritedLibraryMethods inherited, boolean library, String origin) {
      super(Opcodes.ASM9);
      this.catalog = catalog;
      this.inherited = inherited;
      this.library = library;
      this.origin = origin;
    }

    @Override
    public void visit(int version, int acc, String n, String signature, String sup, String[] itfs) {
      name = n;
      access = acc;
      superName = sup;
      interfaces = itfs == null ? List.of() : List.of(itfs);
    }

    @Override
    public void visitSource(String source, String debug) {
      if (source != null) {
        int slash = name.lastIndexOf('/');
        sourceFile = (slash < 0 ? "" : name.substring(0, slash + 1)) + source;
      }
    }

    @Override
    public void visitInnerClass(String n, String outerName, String innerName, int acc) {
      if (n.equals(name)) {
        access |= acc & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE);
        if (outerName != null) {
          outerClass = outerName;
        }
        innerNonStatic = (acc & Opcodes.ACC_STATIC) == 0 && (acc & Opcodes.ACC_INTERFACE) == 0;
      }
    }

    @Override
    public void visitOuterClass(String owner, String methodName, String descriptor) {
      if (outerClass == null) {
        outerClass = owner;
      }
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return AnnotationReader.reading(descriptor, annotations::add);
    }

    @Override
    public FieldVisitor visitField(
        int acc, String n, String descriptor, String signature, Object value) {
      requireNamed("a field", n, descriptor);
      List<AnnotationInfo> fieldAnnotations = new ArrayList<>();
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          return AnnotationReader.reading(desc, fieldAnnotations::add);
        }

        @Override
        public void visitEnd() {
          fields.add(new FieldInfo(n, descriptor, acc, fieldAnnotations, value));
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int acc, String n, String descriptor, String signature, String[] exceptions) {
      requireNamed("a method", n, descriptor);
      return new MethodScanner(
          catalog, inherited, name, n, descriptor, acc, methods::add, suppliers);
    }

    /** A constant-pool index of 0 reads as a null name: the file is corrupt. */
    private static void requireNamed(String what, String n, String descriptor) {
      if (n == null || descriptor == null) {
        throw new IllegalArgumentException(what + " without a name or descriptor");
      }
    }

    ClassInfo result() {
      return new ClassInfo(
          name,
          access,
          superName,
          interfaces,
          sourceFile,
          annotations,
          fields,
          suppliers.lowered(methods),
          outerClass,
          innerNonStatic,
          library,
          origin);
    }
  }
}
