package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseBitsTest {

  @Test
  void behavesAsABitSetThroughTheSwitchToBits() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      // Ranges from a few ranks (dense early) to many (sparse, the array kept long).
      int range = 1 + random.nextInt(round % 2 == 0 ? 100 : 100_000);
      SparseBits a = new SparseBits();
      SparseBits b = new SparseBits();
      BitSet x = new BitSet();
      BitSet y = new BitSet();
      for (int op = 0; op < 300; op++) {
        int i = random.nextInt(range);
        switch (random.nextInt(6)) {
          case 0, 1 -> {
            a.set(i);
            x.set(i);
          }
          case 2 -> {
            b.set(i);
            y.set(i);
          }
          case 3 -> {
            a.clear(i);
            x.clear(i);
          }
          case 4 -> {
            boolean v = random.nextBoolean();
            b.set(i, v);
            y.set(i, v);
          }
          default -> {
            if (random.nextInt(10) == 0) {
              a.or(b);
              x.or(y);
            } else if (random.nextInt(10) == 0) {
              a.andNot(b);
              x.andNot(y);
            }
          }
        }
        assertThat(a.get(i)).isEqualTo(x.get(i));
      }
      assertThat(a.stream().toArray()).containsExactly(x.stream().toArray());
      assertThat(b.stream().toArray()).containsExactly(y.stream().toArray());
      assertThat(a.cardinality()).isEqualTo(x.cardinality());
      assertThat(a.isEmpty()).isEqualTo(x.isEmpty());
      SparseBits copy = a.copy();
      copy.set(range + 1);
      assertThat(a.get(range + 1)).isFalse();
      x.set(range + 1);
      assertThat(copy.stream().toArray()).containsExactly(x.stream().toArray());
    }
  }

  @Test
  void aFewHighMembersStayInTheArray() {
    SparseBits bits = new SparseBits();
    for (int i = 0; i < 20; i++) {
      bits.set(1_000_000 - i * 1000);
    }
    assertThat(bits.cardinality()).isEqualTo(20);
    assertThat(bits.stream().findFirst()).hasValue(981_000);
    assertThat(bits.get(1_000_000)).isTrue();
    assertThat(bits.get(999_999)).isFalse();
  }
}
