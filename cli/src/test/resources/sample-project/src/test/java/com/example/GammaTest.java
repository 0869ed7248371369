package com.example;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
class GammaTest {
  @Test void one() { assertNotNull("Gamma"); }
  @Test void two() { assertNotNull("Gamma"); }
}
