package io.affinity.recommender.evaluation;

/** The per-customer ranking metrics at a cutoff k; see {@link RankingMetrics} for definitions. */
public enum Metric {
  PRECISION("precision"),
  RECALL("recall"),
  NDCG("ndcg"),
  HIT_RATE("hit_rate"),
  MAP("map");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The name in reports and JSON: {@code precision}, {@code hit_rate}, ... */
  public String key() {
    return key;
  }
}
