package io.github.isolationaudit.analyzer.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A small file found with the inputs that says how tests run: a {@code junit-platform.properties}
 * on the test class path, a {@code pom.xml} beside a {@code target/} or inside a jar's {@code
 * META-INF/maven/}, a Gradle build script. It is kept as bytes: each reader decodes it as its own
 * format says (an XML parser honours the declared encoding, properties files are ISO-8859-1).
 */
public final class TextResource {
  private final String path;
  private final String name;
  private final byte[] bytes;

  /**
   * @param path where it was found, as shown to the user ({@code jar!/entry} inside a jar)
   * @param name the entry name relative to its class-path element or directory ({@code
   *     junit-platform.properties}, {@code META-INF/maven/g/a/pom.xml}, {@code pom.xml})
   * @param bytes the file's content
   */
  public TextResource(String path, String name, byte[] bytes) {
    this.path = Objects.requireNonNull(path, "path");
    this.name = Objects.requireNonNull(name, "name");
    this.bytes = bytes.clone();
  }

  /** A resource whose content is this text, in UTF-8. */
  public TextResource(String path, String name, String text) {
    this(path, name, text.getBytes(StandardCharsets.UTF_8));
  }

  public String path() {
    return path;
  }

  public String name() {
    return name;
  }

  /** The content as found. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return path;
  }
}
