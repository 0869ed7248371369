package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class WriterTest {
  @Test void writes() { System.setProperty("sample.mode", "fast"); assertEquals("fast", System.getProperty("sample.mode")); System.clearProperty("sample.mode"); }
}
