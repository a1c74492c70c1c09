package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double EPS = 1e-9;
  // 1 / log2(rank + 1) for ranks 1..5
  private static final double D1 = 1.0;
  private static final double D2 = 1 / (Math.log(3) / Math.log(2)); // 0.6309...
  private static final double D3 = 0.5;
  private static final double D4 = 1 / (Math.log(5) / Math.log(2)); // 0.4307...

  private static double m(double[] values, Metric metric) {
    return values[metric.ordinal()];
  }

  @Test
  void hitsAtRanksTwoAndFourOfFourWithThreeRelevantItems() {
    // list 5, 1, 7, 3; truth {1, 3, 9}: hits at ranks 2 and 4
    double[] v = RankingMetrics.at(new int[] {5, 1, 7, 3}, new int[] {1, 3, 9}, 4);

    assertThat(m(v, Metric.PRECISION)).isCloseTo(2.0 / 4, offset(EPS));
    assertThat(m(v, Metric.RECALL)).isCloseTo(2.0 / 3, offset(EPS));
    assertThat(m(v, Metric.HIT_RATE)).isEqualTo(1.0);
    // DCG = 1/log2(3) + 1/log2(5) = 1.06161; IDCG = 1 + 1/log2(3) + 1/2 = 2.13093
    assertThat(m(v, Metric.NDCG)).isCloseTo((D2 + D4) / (D1 + D2 + D3), offset(EPS));
    assertThat(m(v, Metric.NDCG)).isCloseTo(0.49819, offset(1e-5));
    // AP = (1/2 + 2/4) / min(4, 3) = 1/3
    assertThat(m(v, Metric.MAP)).isCloseTo(1.0 / 3, offset(EPS));
  }

  @Test
  void aSmallerCutoffSeesOnlyTheTopOfTheList() {
    double[] v = RankingMetrics.at(new int[] {5, 1, 7, 3}, new int[] {1, 3, 9}, 2);

    assertThat(m(v, Metric.PRECISION)).isCloseTo(0.5, offset(EPS));
    assertThat(m(v, Metric.RECALL)).isCloseTo(1.0 / 3, offset(EPS));
    // DCG = 1/log2(3); IDCG over min(2, 3) = 2 ranks = 1 + 1/log2(3): 0.38685
    assertThat(m(v, Metric.NDCG)).isCloseTo(D2 / (D1 + D2), offset(EPS));
    assertThat(m(v, Metric.NDCG)).isCloseTo(0.38685, offset(1e-5));
    // AP = (1/2) / min(2, 3) = 0.25
    assertThat(m(v, Metric.MAP)).isCloseTo(0.25, offset(EPS));
  }

  @Test
  void aPerfectListScoresOneAndAnEmptyOneZero() {
    double[] perfect = RankingMetrics.at(new int[] {4, 2, 8}, new int[] {2, 4}, 3);
    assertThat(m(perfect, Metric.NDCG)).isCloseTo(1.0, offset(EPS));
    assertThat(m(perfect, Metric.MAP)).isCloseTo(1.0, offset(EPS));
    assertThat(m(perfect, Metric.RECALL)).isCloseTo(1.0, offset(EPS));
    assertThat(m(perfect, Metric.PRECISION)).isCloseTo(2.0 / 3, offset(EPS));

    double[] miss = RankingMetrics.at(new int[] {1, 3}, new int[] {2}, 10);
    for (Metric metric : Metric.values()) {
      assertThat(m(miss, metric)).as(metric.key()).isZero();
    }
  }

  @Test
  void precisionDividesByKEvenWhenTheListIsShorter() {
    double[] v = RankingMetrics.at(new int[] {7}, new int[] {7, 8}, 10);
    assertThat(m(v, Metric.PRECISION)).isCloseTo(0.1, offset(EPS));
    assertThat(m(v, Metric.RECALL)).isCloseTo(0.5, offset(EPS));
    // IDCG over min(10, 2) = 2 ranks
    assertThat(m(v, Metric.NDCG)).isCloseTo(1 / (D1 + D2), offset(EPS));
    assertThat(m(v, Metric.MAP)).isCloseTo(0.5, offset(EPS));
  }

  @Test
  void rejectsABadCutoffAndAnEmptyTruth() {
    assertThatThrownBy(() -> RankingMetrics.at(new int[] {1}, new int[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> RankingMetrics.at(new int[] {1}, new int[0], 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void coverageAndMeansOverCustomers() {
    // two customers, cutoffs 1 and 2, a catalogue of 10 items
    ModeScores scores = new ModeScores(Mode.ALL_ITEMS, new int[] {1, 2}, 3, 10);
    scores.add(0, new Candidates.Answer(new int[] {1, 2}, 2), new int[] {2});
    scores.add(2, new Candidates.Answer(new int[] {1, 3}, 1), new int[] {1, 3});
    ModeResult r = scores.result();

    assertThat(r.users()).isEqualTo(2); // slot 1 was skipped
    assertThat(r.proposedShare()).isCloseTo(3.0 / 4, offset(EPS));
    // @1: customer 0 misses (1 not in {2}), customer 1 hits: precision (0 + 1) / 2
    assertThat(r.at(1).stat(Metric.PRECISION).mean()).isCloseTo(0.5, offset(EPS));
    assertThat(r.at(1).coverage()).isCloseTo(1.0 / 10, offset(EPS)); // only item 1
    // @2: recall (1/1 + 2/2) / 2 = 1; items 1, 2, 3 recommended
    assertThat(r.at(2).stat(Metric.RECALL).mean()).isCloseTo(1.0, offset(EPS));
    assertThat(r.at(2).stat(Metric.HIT_RATE).mean()).isCloseTo(1.0, offset(EPS));
    assertThat(r.at(2).coverage()).isCloseTo(3.0 / 10, offset(EPS));
    // precision@2: (1/2 + 2/2) / 2 = 0.75; the CI of two values 0.5 and 1 is t(1) * 0.3536 / 1.414
    assertThat(r.at(2).stat(Metric.PRECISION).mean()).isCloseTo(0.75, offset(EPS));
    assertThat(r.at(2).stat(Metric.PRECISION).ci95()).isCloseTo(12.7062 * 0.25, offset(1e-3));
  }
}
