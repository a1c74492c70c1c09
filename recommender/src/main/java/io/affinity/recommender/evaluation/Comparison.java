package io.affinity.recommender.evaluation;

/**
 * Ours against another algorithm on one metric, paired over the same customers.
 *
 * @param difference mean of (ours - theirs) over customers
 * @param ci95 half width of the 95% confidence interval of {@code difference}
 * @param pValue two-sided paired t-test of a zero difference
 */
public record Comparison(
    String other,
    Mode mode,
    int k,
    Metric metric,
    int users,
    double ours,
    double theirs,
    double difference,
    double ci95,
    double pValue) {}
