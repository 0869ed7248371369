package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class BetaTest {
  @Test void one() { assertNotNull("Beta"); }
  @Test void two() { assertNotNull("Beta"); }
}
