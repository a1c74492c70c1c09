/**
 * Offline evaluation: the protocol of {@code design.md} on the Online Retail file. A {@link
 * io.affinity.recommender.evaluation.TemporalSplit} cuts the cleaned purchases at a date; every
 * {@link io.affinity.recommender.evaluation.Algorithm} (ours through the real serving path, the
 * Mahout Taste baselines, EASE, popularity, random) trains on the same training part and answers
 * the same queries through the same {@link io.affinity.recommender.evaluation.Candidates} handling;
 * {@link io.affinity.recommender.evaluation.RankingMetrics} scores each answer against what the
 * customer bought in the test period; {@link io.affinity.recommender.evaluation.EvaluationRunner}
 * runs it all in one go and {@link io.affinity.recommender.evaluation.MarkdownReport} and {@link
 * io.affinity.recommender.evaluation.JsonReport} write the result.
 *
 * <p>Users and items are dense indexes. Items {@code 0..catalogueSize-1} are the training
 * catalogue, the only items an algorithm may recommend; indexes above it name items first sold in
 * the test period, which appear only in the ground truth.
 */
package io.affinity.recommender.evaluation;
