package io.affinity.recommender.evaluation;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Everything one evaluation run produced.
 *
 * @param file the name of the data file, if read from one
 * @param totalMillis wall time of the whole run, reading the file included
 * @param comparisons the first algorithm against each other one
 */
public record EvaluationReport(
    @Nullable String file,
    EvaluationConfig config,
    SplitSummary split,
    Machine machine,
    Instant startedAt,
    long totalMillis,
    List<AlgorithmResult> algorithms,
    List<Comparison> comparisons) {

  /** The protocol in words, for both reports. */
  public static final List<String> PROTOCOL =
      List.of(
          "Cleaning (LineClassifier, as the import): lines without a customer, cancellations,"
              + " non-product stock codes (postage, fees, discounts, vouchers...), zero prices and"
              + " unreadable lines are dropped; only purchase lines are interactions.",
          "Temporal split: purchases before the split instant (Europe/London) are training data;"
              + " purchases from then on are the test period.",
          "Evaluated customers: those with at least one training purchase and at least one test"
              + " purchase. Customers who bought only in the test period are not evaluated.",
          "Ground truth, all items: the distinct items the customer bought in the test period."
              + " New items: the same minus the items they bought in training; customers left"
              + " with none are skipped in that mode.",
          "Candidates: only items bought by someone in training can be recommended (items first"
              + " sold in the test period stay in the ground truth). All items: recommenders may"
              + " return items the customer already bought. New items: every recommender excludes"
              + " the customer's training purchases (Taste: recommend(user, k, null,"
              + " includeKnownItems = false); ours: exclude = training purchases; the harness"
              + " enforces it too).",
          "Every algorithm is asked once per customer and mode for max(k) items; lists shorter"
              + " than that are filled with the most popular training items not in the list and"
              + " not excluded (the same fill for all; 'own share' is the part the algorithm"
              + " filled itself). Metrics at a smaller k use the first k items.",
          "Metrics per customer, averaged over customers, binary relevance: precision@k = hits/k;"
              + " recall@k = hits/|truth|; hit rate@k = 1 if any hit; NDCG@k = DCG/IDCG with"
              + " 1/log2(rank+1) gains; MAP@k = sum of precision@i at hits, over min(k, |truth|)."
              + " Coverage@k = distinct items in anyone's top k over the catalogue size. '±' is"
              + " the half width of the 95% confidence interval of the mean (Student's t).",
          "Ours runs the production path: CooccurrenceTrainer, IndicatorsFile, IndexBuilder,"
              + " ServingModel in a ModelHolder, Recommender.recommend with the customer's last"
              + " 100 distinct purchased items (of their last 500 training events, each counted"
              + " once per purchase event), Rules.defaults() for new items, includePurchased for"
              + " all items (the customer's own items compete, weighted by how often they bought"
              + " them).",
          "Training time: wall time of training (for ours: indicators, file, index and opening"
              + " it; Taste's user-based recommender has no training step, its neighbourhoods are"
              + " computed at query time). Queries run on all cores in parallel; 'wall ms per"
              + " query' is evaluation wall time over queries. Peak heap: sum of the heap pools'"
              + " peak usage after a full GC, during training and during training plus queries;"
              + " it includes the split held in memory (baseline) and garbage not yet collected,"
              + " measured the same way for every algorithm. Model heap: heap in use after"
              + " training and a full GC, minus the baseline.");

  /** The result of the algorithm called {@code name}. */
  public AlgorithmResult algorithm(String name) {
    return algorithms.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no algorithm " + name));
  }
}
