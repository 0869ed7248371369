package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class ReaderTest {
  @Test void reads() { assertNull(System.getProperty("sample.mode")); }
}
