package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CandidatesTest {
  // Items by buyers: 33333 (3), 22222 (2), 11111 (1), 44444 (1); customer "1" bought 11111, 33333.
  private final TemporalSplit split =
      new Purchases()
          .buy("1", "11111", Purchases.BEFORE)
          .buy("1", "33333", Purchases.BEFORE)
          .buy("2", "33333", Purchases.BEFORE)
          .buy("2", "22222", Purchases.BEFORE)
          .buy("3", "33333", Purchases.BEFORE)
          .buy("3", "22222", Purchases.BEFORE)
          .buy("3", "44444", Purchases.BEFORE)
          .buy("1", "99999", Purchases.AFTER)
          .split();
  private final Candidates candidates = new Candidates(split);

  @Test
  void aShortListIsFilledByPopularity() {
    // items: 0 = 11111, 1 = 22222, 2 = 33333, 3 = 44444
    Candidates.Answer a = candidates.finish(new int[] {3}, 0, 3, true);
    assertThat(a.items()).containsExactly(3, 2, 1);
    assertThat(a.proposed()).isEqualTo(1);
  }

  @Test
  void knownItemsRepeatsAndItemsOutsideTheCatalogueAreRemovedInTheNewItemsMode() {
    // 4 is the test-only item 99999: never recommendable
    Candidates.Answer a = candidates.finish(new int[] {2, 4, 3, 3, 0, 1}, 0, 4, false);
    assertThat(a.items()).containsExactly(3, 1); // only two items are new to customer 1
    assertThat(a.proposed()).isEqualTo(2);
  }

  @Test
  void aLongListIsCut() {
    Candidates.Answer a = candidates.finish(new int[] {0, 1, 2, 3}, 1, 2, true);
    assertThat(a.items()).containsExactly(0, 1);
    assertThat(a.proposed()).isEqualTo(2);
  }
}
