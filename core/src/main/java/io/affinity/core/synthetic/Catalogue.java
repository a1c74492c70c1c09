package io.affinity.core.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The products of the synthetic shop, in product lines of three tiers, lines dealt round-robin to
 * categories; with the planted complementary category pairs.
 *
 * <p>Product {@code i} is tier {@code i % 3} of line {@code i / 3}, and line {@code l} is in
 * category {@code l % categories}. A category's lines are ranked by popularity in the order they
 * were dealt. When the number of products is not a multiple of three the last line lacks its top
 * tiers.
 */
final class Catalogue {
  private static final int[] CYCLES = {14, 21, 30, 45, 60};
  private static final double OUT_OF_STOCK = 0.05;
  private static final BigDecimal MIN_PRICE = new BigDecimal("0.50");

  private final List<SyntheticProduct> products;
  private final Map<String, Integer> indexById;
  private final String[] categoryPaths;
  private final int[][] linesOfCategory;
  private final int[] complementOf;
  private final List<CategoryPair> pairs;

  Catalogue(ShopSpec spec) {
    SplittableRandom rng = Seeds.rng(spec.seed(), Seeds.CATALOGUE, 0);
    int categories = spec.categories();
    categoryPaths = new String[categories];
    double[] basePrice = new double[categories];
    for (int c = 0; c < categories; c++) {
      categoryPaths[c] = Names.categoryPath(c);
      // Log-normal around 20: most categories between 5 and 80, a few dearer.
      basePrice[c] = 20 * Math.exp(0.8 * rng.nextGaussian());
    }

    int lines = (spec.products() + 2) / 3;
    linesOfCategory = new int[categories][];
    for (int c = 0; c < categories; c++) {
      linesOfCategory[c] = new int[(lines - c + categories - 1) / categories];
    }
    for (int l = 0; l < lines; l++) {
      linesOfCategory[l % categories][l / categories] = l;
    }
    int maxCycle = Math.max(1, spec.days() / 3); // at least three purchases fit in the history
    products = new ArrayList<>(spec.products());
    indexById = new HashMap<>(spec.products() * 2);
    for (int l = 0; l < lines; l++) {
      int category = l % categories;
      double standard = basePrice[category] * (0.7 + 0.8 * rng.nextDouble());
      int cycle =
          rng.nextDouble() < spec.consumableShare()
              ? Math.min(maxCycle, CYCLES[rng.nextInt(CYCLES.length)])
              : 0;
      for (Tier tier : Tier.values()) {
        int index = l * 3 + tier.ordinal();
        if (index >= spec.products()) {
          break;
        }
        double factor = tier.minFactor() + (tier.maxFactor() - tier.minFactor()) * rng.nextDouble();
        BigDecimal price = money(standard * factor).max(MIN_PRICE);
        BigDecimal cost = money(price.doubleValue() * (0.45 + 0.35 * rng.nextDouble()));
        String brand =
            Names.pick(
                switch (tier) {
                  case BUDGET -> Names.BUDGET_BRANDS;
                  case STANDARD -> Names.STANDARD_BRANDS;
                  case PREMIUM -> Names.PREMIUM_BRANDS;
                },
                rng);
        String leaf = categoryPaths[category].substring(categoryPaths[category].indexOf('/') + 1);
        String id = spec.idPrefix() + "p" + index;
        products.add(
            new SyntheticProduct(
                index,
                id,
                brand + " " + leaf + " " + (l / categories + 1) + " " + label(tier),
                category,
                categoryPaths[category],
                brand,
                l,
                tier,
                price,
                cost,
                rng.nextDouble() >= OUT_OF_STOCK,
                cycle));
        indexById.put(id, index);
      }
    }

    // Complementary pairs: disjoint, from a shuffled list of categories.
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < categories; c++) {
      order.add(c);
    }
    Collections.shuffle(order, new Random(rng.nextLong()));
    complementOf = new int[categories];
    Arrays.fill(complementOf, -1);
    List<CategoryPair> planted = new ArrayList<>();
    for (int p = 0; p < spec.complementaryPairs(); p++) {
      int from = order.get(2 * p);
      int to = order.get(2 * p + 1);
      complementOf[from] = to;
      planted.add(new CategoryPair(categoryPaths[from], categoryPaths[to]));
    }
    pairs = List.copyOf(planted);
  }

  List<SyntheticProduct> products() {
    return Collections.unmodifiableList(products);
  }

  SyntheticProduct product(int index) {
    return products.get(index);
  }

  /** The index of product {@code id}, or -1 if the shop has no such product. */
  int indexOf(String id) {
    Integer index = indexById.get(id);
    return index == null ? -1 : index;
  }

  int categories() {
    return categoryPaths.length;
  }

  String categoryPath(int category) {
    return categoryPaths[category];
  }

  /** The lines of {@code category}, most popular first. */
  int[] linesOf(int category) {
    return linesOfCategory[category];
  }

  /** The product of {@code line} in {@code tier}, or -1 where the last line lacks that tier. */
  int productOf(int line, Tier tier) {
    int index = line * 3 + tier.ordinal();
    return index < products.size() ? index : -1;
  }

  /** The planted complement of {@code category}, or -1. */
  int complementOf(int category) {
    return complementOf[category];
  }

  List<CategoryPair> pairs() {
    return pairs;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  private static String label(Tier tier) {
    return switch (tier) {
      case BUDGET -> "Basic";
      case STANDARD -> "Classic";
      case PREMIUM -> "Premium";
    };
  }
}
