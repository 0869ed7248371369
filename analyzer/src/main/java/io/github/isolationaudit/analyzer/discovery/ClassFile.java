package io.github.isolationaudit.analyzer.discovery;

/**
 * The bytes of one class file and where they came from.
 *
 * @param path the file, or {@code jar!/entry}, as shown in problem entries
 * @param library whether it came from {@code --classpath}
 */
public record ClassFile(String path, byte[] bytes, boolean library) {}
