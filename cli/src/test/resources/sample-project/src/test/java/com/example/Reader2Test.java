package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class Reader2Test {
  @Test void reads() { assertNull(System.getProperty("other.mode")); }
}
