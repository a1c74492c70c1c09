package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientChunksTest {
  @Test
  void rowsAcrossSeveralChunksComeBackInOrderAndExactlySized() {
    RecipientChunks rows = new RecipientChunks();
    int n = 3 * 32_768 + 5;
    for (int i = 0; i < n; i++) {
      rows.add(10L * i, i % 3, i % 7, 1_000L + i);
    }

    long[] customers = rows.customers();
    int[] arms = rows.arms();
    int[] groups = rows.groups();
    long[] starts = rows.starts();

    assertThat(rows.size()).isEqualTo(n);
    assertThat(customers).hasSize(n);
    assertThat(starts).hasSize(n);
    for (int i : new int[] {0, 32_767, 32_768, 65_536, n - 1}) {
      assertThat(customers[i]).isEqualTo(10L * i);
      assertThat(arms[i]).isEqualTo(i % 3);
      assertThat(groups[i]).isEqualTo(i % 7);
      assertThat(starts[i]).isEqualTo(1_000L + i);
    }
  }

  @Test
  void noRowsGiveEmptyArrays() {
    RecipientChunks rows = new RecipientChunks();
    assertThat(rows.customers()).isEmpty();
    assertThat(rows.groups()).isEmpty();
  }
}
