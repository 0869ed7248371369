package io.github.isolationaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * An isolation marker found on a test class or method.
 *
 * @param annotation the annotation as written (fully qualified), or a build setting's name
 * @param family where it comes from: {@code junit-jupiter}, {@code junit-pioneer}, {@code tag},
 *     {@code junit4}, {@code testng}, {@code spring}, {@code jcip}, {@code project}, {@code build}
 * @param locks the locks it holds (for LOCKS, and the GLOBAL lock of ISOLATES)
 * @param tag the tag, category or group name for SERIAL_GROUP, else empty
 * @param className binary name of the class it sits on
 * @param methodName the method it sits on, or empty for a class-level marker
 * @param descriptor the method's descriptor, or empty
 * @param location its source line, or null when no source was found (then class and method say
 *     where it is)
 * @param statedReason a reason written next to it (a comment, an issue link), or empty
 * @param via the meta-annotation path when the effect comes through a project annotation ({@code
 *     com.example.SerialTest -> org.junit.jupiter.api.parallel.Isolated}), or empty
 */
public record Marker(
    String annotation,
    String family,
    MarkerEffect effect,
    List<Lock> locks,
    String tag,
    String className,
    String methodName,
    String descriptor,
    SourceLocation location,
    String statedReason,
    String via) {

  public Marker {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(effect, "effect");
    locks = List.copyOf(locks);
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(statedReason, "statedReason");
    Objects.requireNonNull(via, "via");
  }

  public boolean onClass() {
    return methodName.isEmpty();
  }

  /** {@code @Isolated on com.example.FooTest#bar}. */
  public String display() {
    String simple = annotation.substring(annotation.lastIndexOf('.') + 1);
    return "@" + simple + " on " + className + (onClass() ? "" : "#" + methodName);
  }

  /** This marker placed at a source location, with the reason written there. */
  public Marker at(SourceLocation where, String reason) {
    return new Marker(
        annotation,
        family,
        effect,
        locks,
        tag,
        className,
        methodName,
        descriptor,
        where,
        reason,
        via);
  }
}
