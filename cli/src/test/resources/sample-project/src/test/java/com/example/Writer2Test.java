package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class Writer2Test {
  @Test void writes() { System.setProperty("other.mode", "fast"); assertEquals("fast", System.getProperty("other.mode")); System.clearProperty("other.mode"); }
}
