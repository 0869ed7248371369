package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class AlphaTest {
  @Test void one() { assertNotNull("Alpha"); }
  @Test void two() { assertNotNull("Alpha"); }
}
