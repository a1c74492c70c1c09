package io.affinity.campaigns.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseIndexTest {

  @Test
  void findsWhatBinarySearchFindsOverADenseRange() {
    Random random = new Random(7);
    long[] ids = random.longs(5_000, 1_000, 20_000).distinct().sorted().toArray();
    DenseIndex index = DenseIndex.of(ids, ids.length);
    assertNotNull(index);
    for (long id = 0; id < 21_000; id++) {
      int expected = Arrays.binarySearch(ids, id);
      assertEquals(expected < 0 ? -1 : expected, index.find(id), "id " + id);
    }
  }

  @Test
  void onlyTheFirstSizeIdsCount() {
    long[] ids = {5, 6, 9, 0, 0};
    DenseIndex index = DenseIndex.of(ids, 3);
    assertNotNull(index);
    assertEquals(2, index.find(9));
    assertEquals(-1, index.find(0));
    assertEquals(-1, index.find(7));
  }

  @Test
  void noIndexForSparseIdsOrNone() {
    assertNull(DenseIndex.of(new long[] {1, 10_000_000, 20_000_000}, 3));
    assertNull(DenseIndex.of(new long[0], 0));
  }
}
