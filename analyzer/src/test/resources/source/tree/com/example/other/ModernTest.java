package com.example.other;

import org.junit.jupiter.api.parallel.Isolated;

sealed interface Shape permits Circle {}

record Circle(double r) implements Shape {}

public class ModernTest {

  @Isolated(
      """
      uses port 8080
      while the server is up
      """)
  void textBlock() {
    Object o = new Circle(1);
    if (o instanceof Circle c && c.r() > 0) {
      var s = switch (c) {
        case Circle k -> "circle";
      };
    }
  }

  record Point(int x, int y) {
    @Isolated("a record member")
    void m() {}
  }
}
