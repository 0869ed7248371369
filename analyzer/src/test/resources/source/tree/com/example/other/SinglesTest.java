package com.example.other;

import com.acme.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Single-type imports, a same-package annotation and a look-alike. */
public class SinglesTest {

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // shared builder
  void singleImport() {}

  @Test
  @Serial
  void samePackage() {}

  @Test
  @Isolated
  void lookAlike() {}
}
