package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Builds an {@link AnnotationInfo} from ASM's annotation events. */
final class AnnotationReader extends AnnotationVisitor {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Consumer<Map<String, Object>> done;

  private AnnotationReader(Consumer<Map<String, Object>> done) {
    super(Opcodes.ASM9);
    this.done = done;
  }

  /** A visitor that hands the finished annotation of this descriptor to {@code sink}. */
  static AnnotationVisitor reading(String descriptor, Consumer<AnnotationInfo> sink) {
    String type = Type.getType(descriptor).getInternalName();
    return new AnnotationReader(values -> sink.accept(new AnnotationInfo(type, values)));
  }

  private static Object convert(Object value) {
    if (value instanceof Type t) {
      return new Value.ClassConst(
          t.getSort() == Type.OBJECT ? t.getInternalName() : t.getDescriptor());
    }
    if (value != null && value.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      int n = java.lang.reflect.Array.getLength(value);
      for (int i = 0; i < n; i++) {
        list.add(java.lang.reflect.Array.get(value, i));
      }
      return List.copyOf(list);
    }
    return value;
  }

  @Override
  public void visit(String name, Object value) {
    values.put(name, convert(value));
  }

  @Override
  public void visitEnum(String name, String descriptor, String value) {
    values.put(name, value);
  }

  @Override
  public AnnotationVisitor visitAnnotation(String name, String descriptor) {
    String type = Type.getType(descriptor).getInternalName();
    return new AnnotationReader(v -> values.put(name, new AnnotationInfo(type, v)));
  }

  @Override
  public AnnotationVisitor visitArray(String name) {
    List<Object> list = new ArrayList<>();
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String n, Object value) {
        list.add(convert(value));
      }

      @Override
      public void visitEnum(String n, String descriptor, String value) {
        list.add(value);
      }

      @Override
      public AnnotationVisitor visitAnnotation(String n, String descriptor) {
        String type = Type.getType(descriptor).getInternalName();
        return new AnnotationReader(v -> list.add(new AnnotationInfo(type, v)));
      }

      @Override
      public void visitEnd() {
        values.put(name, List.copyOf(list));
      }
    };
  }

  @Override
  public void visitEnd() {
    done.accept(values);
  }
}
