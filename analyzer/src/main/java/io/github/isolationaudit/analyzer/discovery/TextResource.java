package io.github.isolationaudit.analyzer.discovery;

/**
 * A small text file found with the inputs that says how tests run: a {@code
 * junit-platform.properties} on the test class path, a {@code pom.xml} beside a {@code target/} or
 * inside a jar's {@code META-INF/maven/}, a Gradle build script.
 *
 * @param path where it was found, as shown to the user ({@code jar!/entry} inside a jar)
 * @param name the entry name relative to its class-path element or directory ({@code
 *     junit-platform.properties}, {@code META-INF/maven/g/a/pom.xml}, {@code pom.xml})
 */
public record TextResource(String path, String name, String text) {}
