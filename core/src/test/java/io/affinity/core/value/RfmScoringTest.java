package io.affinity.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmScoringTest {
  private static final long DAY = MetricsScorer.DAY;

  @Test
  void quintileCutsAreNearestRankQuantilesAndTiesScoreAlike() {
    // Ten values 1..10: cut k is the value at rank ceil(10 k / 5) = 2, 4, 6, 8 -> 2, 4, 6, 8.
    Quintiles q = Quintiles.of(new double[] {7, 1, 10, 3, 5, 2, 9, 4, 6, 8});
    assertThat(q.cuts()).containsExactly(2, 4, 6, 8);
    assertThat(q.score(1)).isEqualTo(1);
    assertThat(q.score(2)).isEqualTo(1);
    assertThat(q.score(3)).isEqualTo(2);
    assertThat(q.score(8)).isEqualTo(4);
    assertThat(q.score(9)).isEqualTo(5);
    // Six of ten customers with one order: cuts 1, 1, 1, 3 -> everyone with one order scores 1.
    Quintiles f = Quintiles.of(new double[] {1, 1, 1, 1, 1, 1, 2, 3, 5, 8});
    assertThat(f.cuts()).containsExactly(1, 1, 1, 3);
    assertThat(f.score(1)).isEqualTo(1);
    assertThat(f.score(2)).isEqualTo(4);
    assertThat(f.score(5)).isEqualTo(5);
  }

  @Test
  void segmentsFollowTheDocumentedGrid() {
    String[][] grid = {
      // F = 1..5, for R = 5 down to 1
      {"new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"},
      {"promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"},
      {"about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"},
      {"hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose_them"},
      {"lost", "hibernating", "at_risk", "at_risk", "cannot_lose_them"}
    };
    for (int r = 5; r >= 1; r--) {
      for (int f = 1; f <= 5; f++) {
        assertThat(RfmSegment.of(r, f).wireName())
            .as("R=%d F=%d", r, f)
            .isEqualTo(grid[5 - r][f - 1]);
      }
    }
    assertThatThrownBy(() -> RfmSegment.of(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RfmSegment.values()).hasSize(11);
  }

  @Test
  void scoresATenCustomerBaseAsComputedByHand() {
    // Customer i (1..10): last purchase on day 100 + 10 i, i orders, revenue 50 i; first purchase
    // on day 100, so tenure = asOf - 100 and recency = asOf - (100 + 10 i), asOf = day 200.
    List<RawMetrics> buyers = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      buyers.add(raw(i, 100 * DAY, (100 + 10 * i) * DAY, i, BigDecimal.valueOf(50L * i)));
    }
    ValueParameters params = CustomerValueService.parameters(buyers, 200 * DAY);
    // Recency cuts: last-purchase days at ranks 2, 4, 6, 8 = 120, 140, 160, 180.
    assertThat(params.recency().cuts()).containsExactly(120 * DAY, 140 * DAY, 160 * DAY, 180 * DAY);
    assertThat(params.frequency().cuts()).containsExactly(2, 4, 6, 8);
    assertThat(params.monetary().cuts()).containsExactly(100, 200, 300, 400);

    CustomerMetrics c7 = MetricsScorer.score(buyers.get(6), params, 200 * DAY, 0);
    // Customer 7: last purchase day 170 > 120, 140, 160 -> R = 4; 7 orders > 2, 4, 6 -> F = 4;
    // revenue 350 > 100, 200, 300 -> M = 4; R4 F4 -> loyal.
    assertThat(List.of(c7.rScore(), c7.fScore(), c7.mScore())).containsExactly(4, 4, 4);
    assertThat(c7.rfmSegment()).isEqualTo("loyal");
    // Recency 200 - 170 = 30 days; tenure 200 - 100 = 100 days; AOV 350 / 7 = 50.00.
    assertThat(c7.recencyDays()).isEqualTo(30);
    assertThat(c7.tenureDays()).isEqualTo(100);
    assertThat(c7.avgOrderValue()).isEqualByComparingTo("50.00");
    // Historic CLV: the margin passed in, revenue minus 40% cost = 210.00.
    assertThat(c7.historicClv()).isEqualByComparingTo("210.00");

    CustomerMetrics c1 = MetricsScorer.score(buyers.get(0), params, 200 * DAY, 0);
    // Customer 1: day 110 (not above 120) -> R1; one order -> F1 -> lost; 50 -> M1.
    assertThat(List.of(c1.rScore(), c1.fScore(), c1.mScore())).containsExactly(1, 1, 1);
    assertThat(c1.rfmSegment()).isEqualTo("lost");
    CustomerMetrics c10 = MetricsScorer.score(buyers.get(9), params, 200 * DAY, 0);
    assertThat(c10.rfmSegment()).isEqualTo("champions");
    assertThat(c10.recencyDays()).isZero();
  }

  private static RawMetrics raw(long id, long first, long last, int orders, BigDecimal revenue) {
    return new RawMetrics(
        id,
        first,
        last,
        orders,
        orders,
        revenue,
        revenue.multiply(new BigDecimal("0.6")),
        List.of(),
        null,
        null);
  }
}
