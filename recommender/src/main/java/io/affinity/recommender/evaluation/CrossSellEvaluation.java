package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.offers.Offer;
import io.affinity.recommender.offers.OfferConfiguration;
import io.affinity.recommender.offers.OfferEngine;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How often cross-sell offers name what a customer buys next. For each customer of the split's test
 * period who bought something new in it, the anchor is their last basket before the split (the
 * lines of their latest purchase time); the cross-sell offers for that basket, through the
 * service's own {@link OfferService#forBasket} on a model trained on the training period, minus the
 * items the customer had already bought, are cut to {@code k} and compared with the new items they
 * bought after the split. The baseline, in the same run: the {@code k} most-bought items of the
 * other categories that the customer had not bought.
 *
 * <p>The Online Retail catalogue has no categories; {@link DescriptionCategories} assigns them from
 * the descriptions, so "cross-sell" means "from another category than the basket's".
 */
public final class CrossSellEvaluation {
  /** The largest basket {@code POST /api/offers/basket} takes. */
  static final int MAX_BASKET = 100;

  private CrossSellEvaluation() {}

  /**
   * The figures of one run.
   *
   * @param customers customers evaluated
   * @param k offers per customer
   * @param hitRate share of customers who bought at least one offered item
   * @param precision offered items bought, per offer shown
   * @param byScoreHitRate the hit rate of the same offers ranked by correlation alone, not expected
   *     value (what ranking by value costs in hits)
   * @param byScorePrecision their precision
   * @param popularityHitRate the baseline's hit rate
   * @param popularityPrecision the baseline's precision
   * @param meanOffers offers the model had for a basket, on average (at most {@code k})
   * @param categorySizes catalogue items per assigned category
   * @param millis training plus evaluation time
   */
  public record Result(
      int customers,
      int k,
      double hitRate,
      double precision,
      double byScoreHitRate,
      double byScorePrecision,
      double popularityHitRate,
      double popularityPrecision,
      double meanOffers,
      Map<String, Integer> categorySizes,
      long millis) {

    /** The figures as a Markdown table. */
    public String toMarkdown() {
      StringBuilder md = new StringBuilder();
      md.append(String.format("Customers evaluated: %,d; k = %d.%n%n", customers, k));
      md.append("| offers | hit rate@").append(k).append(" | precision@").append(k);
      md.append(" |\n| --- | ---: | ---: |\n");
      md.append(
          String.format(
              "| cross-sell (ours, ranked by expected value) | %.4f | %.4f |%n"
                  + "| cross-sell ranked by correlation alone | %.4f | %.4f |%n"
                  + "| popularity of other categories (baseline) | %.4f | %.4f |%n",
              hitRate,
              precision,
              byScoreHitRate,
              byScorePrecision,
              popularityHitRate,
              popularityPrecision));
      md.append(
          String.format(
              "%nRatio ours / baseline: hit rate %.2f, precision %.2f. Offers per basket: %.2f."
                  + " Time: %.1f s.%n",
              hitRate / popularityHitRate,
              precision / popularityPrecision,
              meanOffers,
              millis / 1000.0));
      md.append("\nCatalogue items per category: ").append(categorySizes).append('\n');
      return md.toString();
    }
  }

  /**
   * {@link #run(TemporalSplit, TrainingConfig, double, int, ProgressListener)} at the default
   * floor.
   */
  public static Result run(
      TemporalSplit split, TrainingConfig config, int k, ProgressListener progress) {
    return run(split, config, Recommender.Tuning.DEFAULT_EVIDENCE_FLOOR, k, progress);
  }

  /**
   * Trains on {@code split}'s training period and evaluates the offers on its test period,
   * cross-sell under {@code evidenceFloor} (see {@link Recommender.Tuning#evidenceFloor()}).
   */
  public static Result run(
      TemporalSplit split,
      TrainingConfig config,
      double evidenceFloor,
      int k,
      ProgressListener progress) {
    long started = System.currentTimeMillis();
    String[] categories = new String[split.catalogueSize()];
    Map<String, Integer> sizes = new TreeMap<>();
    for (int i = 0; i < categories.length; i++) {
      categories[i] = DescriptionCategories.of(split.itemName(i));
      sizes.merge(categories[i], 1, Integer::sum);
    }
    int[] byPopularity = popularityOrder(split);
    try (AffinityAlgorithm model =
        new AffinityAlgorithm(
            config, Recommender.Tuning.defaults(), History.ITEMS_PER_SIGNAL, i -> categories[i])) {
      model.train(split, progress);
      // Basket offers without a customer read no history, purchases or exposures: those three
      // database-backed collaborators are never called here, so there are none.
      OfferService offers =
          new OfferService(
              new OfferEngine(model.holder(), null, evidenceFloor),
              null,
              null,
              null,
              new OfferConfiguration());
      Map<String, Integer> index = new java.util.HashMap<>();
      for (int i = 0; i < split.catalogueSize(); i++) {
        index.put(split.itemId(i), i);
      }
      int[] testUsers = split.testUsers();
      int customers = 0;
      double hits = 0;
      double precision = 0;
      double scoreHits = 0;
      double scorePrecision = 0;
      double baseHits = 0;
      double basePrecision = 0;
      double offered = 0;
      progress.start("Cross-sell offers", testUsers.length);
      for (int t = 0; t < testUsers.length; t++) {
        progress.advance(1);
        int u = testUsers[t];
        int[] truth = split.newItems(t);
        int[] basket = lastBasket(split, u);
        if (truth.length == 0 || basket.length == 0) {
          continue;
        }
        int[] known = split.bought(u);
        // The API takes baskets of up to 100 items; a few wholesale orders have hundreds of lines.
        List<String> anchors =
            Arrays.stream(basket).limit(MAX_BASKET).mapToObj(split::itemId).toList();
        List<Offer> cross =
            offers
                .forBasket(
                    anchors, null, new OfferService.Ratios(null, null), Rules.defaults(), 3 * k)
                .crossSell();
        int[] ours =
            cross.stream()
                .mapToInt(o -> index.get(o.itemId()))
                .filter(i -> Arrays.binarySearch(known, i) < 0)
                .limit(k)
                .toArray();
        int[] byScore =
            cross.stream()
                .sorted(java.util.Comparator.comparingDouble(Offer::score).reversed())
                .mapToInt(o -> index.get(o.itemId()))
                .filter(i -> Arrays.binarySearch(known, i) < 0)
                .limit(k)
                .toArray();
        int scoreHitCount = hits(byScore, truth);
        scoreHits += scoreHitCount > 0 ? 1 : 0;
        scorePrecision += (double) scoreHitCount / k;
        Set<String> basketCategories = new LinkedHashSet<>();
        for (int i : basket) {
          basketCategories.add(categories[i]);
        }
        int[] baseline =
            Arrays.stream(byPopularity)
                .filter(i -> !basketCategories.contains(categories[i]))
                .filter(i -> Arrays.binarySearch(known, i) < 0)
                .limit(k)
                .toArray();
        int ourHits = hits(ours, truth);
        int baseHitCount = hits(baseline, truth);
        customers++;
        offered += ours.length;
        hits += ourHits > 0 ? 1 : 0;
        precision += (double) ourHits / k;
        baseHits += baseHitCount > 0 ? 1 : 0;
        basePrecision += (double) baseHitCount / k;
      }
      progress.finish();
      double n = Math.max(1, customers);
      return new Result(
          customers,
          k,
          hits / n,
          precision / n,
          scoreHits / n,
          scorePrecision / n,
          baseHits / n,
          basePrecision / n,
          offered / n,
          sizes,
          System.currentTimeMillis() - started);
    }
  }

  /** The distinct items of {@code user}'s latest purchase time before the split. */
  static int[] lastBasket(TemporalSplit split, int user) {
    int[] events = split.events(user);
    long[] times = split.eventTimes(user);
    List<Integer> items = new ArrayList<>();
    long at = -1;
    for (int e = 0; e < events.length; e++) {
      if (events[e] == TemporalSplit.RETURN) {
        continue;
      }
      if (at < 0) {
        at = times[e];
      } else if (times[e] != at) {
        break;
      }
      if (!items.contains(events[e])) {
        items.add(events[e]);
      }
    }
    return items.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int hits(int[] ranked, int[] truth) {
    int hits = 0;
    for (int i : ranked) {
      if (Arrays.binarySearch(truth, i) >= 0) {
        hits++;
      }
    }
    return hits;
  }

  private static int[] popularityOrder(TemporalSplit split) {
    Integer[] order = new Integer[split.catalogueSize()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(split.buyers(b), split.buyers(a)));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
