package io.github.isolationaudit.analyzer.conflict;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * A set of small non-negative integers, iterated in ascending order as a {@link BitSet} is, that
 * holds few members in a sorted array and many in a bit set: whichever is smaller. A conflict group
 * has a dozen such sets indexed by test rank, and most groups hold a few tests of a large suite, so
 * a bit set each (as long as the highest rank) made memory grow with groups times tests.
 */
final class SparseBits {
  /** Members kept in the array before a bit set may take over. */
  private static final int SMALL = 32;

  private int[] small = new int[4];
  private int size;
  private BitSet dense;

  SparseBits copy() {
    SparseBits c = new SparseBits();
    if (dense != null) {
      c.dense = (BitSet) dense.clone();
    } else {
      c.small = Arrays.copyOf(small, Math.max(4, size));
      c.size = size;
    }
    return c;
  }

  boolean get(int i) {
    return dense != null ? dense.get(i) : Arrays.binarySearch(small, 0, size, i) >= 0;
  }

  void set(int i) {
    if (dense != null) {
      dense.set(i);
      return;
    }
    int at = Arrays.binarySearch(small, 0, size, i);
    if (at >= 0) {
      return;
    }
    at = -at - 1;
    // A bit set up to the highest member costs one bit per rank; the array 32 bits per member.
    int highest = Math.max(i, size == 0 ? i : small[size - 1]);
    if (size >= SMALL && (long) (size + 1) * Integer.SIZE > highest) {
      toDense();
      dense.set(i);
      return;
    }
    if (size == small.length) {
      small = Arrays.copyOf(small, size * 2);
    }
    System.arraycopy(small, at, small, at + 1, size - at);
    small[at] = i;
    size++;
  }

  void set(int i, boolean value) {
    if (value) {
      set(i);
    } else {
      clear(i);
    }
  }

  void clear(int i) {
    if (dense != null) {
      dense.clear(i);
      return;
    }
    int at = Arrays.binarySearch(small, 0, size, i);
    if (at >= 0) {
      System.arraycopy(small, at + 1, small, at, size - at - 1);
      size--;
    }
  }

  /** Adds the other set's members. */
  void or(SparseBits other) {
    if (other.dense != null) {
      if (dense == null) {
        toDense();
      }
      dense.or(other.dense);
      return;
    }
    for (int k = 0; k < other.size; k++) {
      set(other.small[k]);
    }
  }

  /** Removes the other set's members. */
  void andNot(SparseBits other) {
    if (dense != null && other.dense != null) {
      dense.andNot(other.dense);
      return;
    }
    if (dense != null) {
      for (int k = 0; k < other.size; k++) {
        dense.clear(other.small[k]);
      }
      return;
    }
    int kept = 0;
    for (int k = 0; k < size; k++) {
      if (!other.get(small[k])) {
        small[kept++] = small[k];
      }
    }
    size = kept;
  }

  int cardinality() {
    return dense != null ? dense.cardinality() : size;
  }

  boolean isEmpty() {
    return dense != null ? dense.isEmpty() : size == 0;
  }

  /** The members, ascending. */
  IntStream stream() {
    return dense != null ? dense.stream() : Arrays.stream(small, 0, size);
  }

  private void toDense() {
    dense = new BitSet(size == 0 ? 64 : small[size - 1] + 1);
    for (int k = 0; k < size; k++) {
      dense.set(small[k]);
    }
    small = null;
    size = 0;
  }
}
