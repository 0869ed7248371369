package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class DeltaTest {
  @Test void one() { assertNotNull("Delta"); }
  @Test void two() { assertNotNull("Delta"); }
}
