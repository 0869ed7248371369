package com.example.broken;

import org.junit.jupiter.api.parallel.Isolated;

@Isolated
public class BrokenTest {
  void missingBrace( {
  }
}
