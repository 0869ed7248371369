package io.github.isolationaudit.rules;

/** A method whose result names a JVM-wide object (a logger by name); the key says which. */
public record Handle(MethodPattern method, KeySpec key) {}
