package io.affinity.core.synthetic;

import java.time.Instant;

/**
 * What synthetic shop to generate. The same spec always gives the same shop, to the last event.
 * Build one with {@link #of} and adjust knobs with the {@code with...} methods; the constructor
 * rejects impossible values with an {@link IllegalArgumentException} that names them.
 *
 * @param customers how many customers, at least 1
 * @param products how many products, at least 3 per category (one product line of three tiers)
 * @param events exactly how many events, 0 or more
 * @param seed the seed of every random choice
 * @param categories how many categories (leaves of the department tree); by default one per six
 *     products, between 1 and 200
 * @param complementaryPairs how many planted complementary category pairs; pairs do not share
 *     categories, so at most {@code categories / 2}; 10 by default where there are enough
 * @param clusters how many taste clusters customers are drawn from, at least 1; 8 by default
 * @param categoriesPerCluster how many categories each cluster favours; 3 by default
 * @param householdShare the fraction of customers who share a household with others, in [0, 1); 0.5
 *     by default
 * @param maxHouseholdSize the largest shared household, at least 2; 4 by default (so each member
 *     lives with 1 to 3 others)
 * @param consumableShare the fraction of product lines that are consumables, re-bought on a cycle,
 *     in [0, 1]; 0.1 by default
 * @param days how many days of history end at {@code end}, at least 1; 365 by default
 * @param end when the history ends (exclusive); fixed, not the current time, so that the shop does
 *     not change from one day to the next; 2025-01-01 by default
 * @param idPrefix starts every id of the shop (customers, households, products, orders, events);
 *     {@code syn-<seed>-} by default. Two different shops loaded into one database need different
 *     prefixes.
 */
public record ShopSpec(
    int customers,
    int products,
    long events,
    long seed,
    int categories,
    int complementaryPairs,
    int clusters,
    int categoriesPerCluster,
    double householdShare,
    int maxHouseholdSize,
    double consumableShare,
    int days,
    Instant end,
    String idPrefix) {

  /** The default end of the history. */
  public static final Instant DEFAULT_END = Instant.parse("2025-01-01T00:00:00Z");

  /** The longest id prefix: order ids add up to 30 characters and must fit in 64. */
  public static final int MAX_PREFIX = 30;

  private static final int MAX_DEFAULT_CATEGORIES = 200;
  private static final int PRODUCTS_PER_DEFAULT_CATEGORY = 6;

  public ShopSpec {
    atLeast("customers", customers, 1);
    atLeast("products", products, 3);
    atLeast("events", events, 0);
    atLeast("categories", categories, 1);
    if ((long) categories * 3 > products) {
      throw new IllegalArgumentException(
          "products must be at least 3 per category (one line of three tiers): "
              + categories
              + " categories need "
              + categories * 3L
              + ", got "
              + products);
    }
    atLeast("complementaryPairs", complementaryPairs, 0);
    if (complementaryPairs > categories / 2) {
      throw new IllegalArgumentException(
          "complementaryPairs must be at most categories / 2 = "
              + categories / 2
              + ", got "
              + complementaryPairs);
    }
    atLeast("clusters", clusters, 1);
    atLeast("categoriesPerCluster", categoriesPerCluster, 1);
    if (categoriesPerCluster > categories) {
      throw new IllegalArgumentException(
          "categoriesPerCluster must be at most categories = "
              + categories
              + ", got "
              + categoriesPerCluster);
    }
    if (!(householdShare >= 0 && householdShare < 1)) {
      throw new IllegalArgumentException("householdShare must be in [0, 1), got " + householdShare);
    }
    atLeast("maxHouseholdSize", maxHouseholdSize, 2);
    if (!(consumableShare >= 0 && consumableShare <= 1)) {
      throw new IllegalArgumentException(
          "consumableShare must be in [0, 1], got " + consumableShare);
    }
    atLeast("days", days, 1);
    if (end == null) {
      throw new IllegalArgumentException("end must be given, got null");
    }
    if (idPrefix == null || idPrefix.isBlank() || idPrefix.length() > MAX_PREFIX) {
      throw new IllegalArgumentException(
          "idPrefix must be 1 to " + MAX_PREFIX + " characters, got '" + idPrefix + "'");
    }
  }

  /** A shop of the given size with every knob at its default. */
  public static ShopSpec of(int customers, int products, long events, long seed) {
    atLeast("products", products, 3);
    int categories =
        Math.max(1, Math.min(MAX_DEFAULT_CATEGORIES, products / PRODUCTS_PER_DEFAULT_CATEGORY));
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        Math.min(10, categories / 2),
        8,
        Math.min(3, categories),
        0.5,
        4,
        0.1,
        365,
        DEFAULT_END,
        "syn-" + seed + "-");
  }

  /**
   * This spec with {@code n} categories; the pairs and the categories per cluster shrink where they
   * no longer fit.
   */
  public ShopSpec withCategories(int n) {
    atLeast("categories", n, 1);
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        n,
        Math.min(complementaryPairs, n / 2),
        clusters,
        Math.min(categoriesPerCluster, n),
        householdShare,
        maxHouseholdSize,
        consumableShare,
        days,
        end,
        idPrefix);
  }

  /** This spec with {@code n} complementary category pairs. */
  public ShopSpec withComplementaryPairs(int n) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        n,
        clusters,
        categoriesPerCluster,
        householdShare,
        maxHouseholdSize,
        consumableShare,
        days,
        end,
        idPrefix);
  }

  /** This spec with {@code n} taste clusters. */
  public ShopSpec withClusters(int n) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        complementaryPairs,
        n,
        categoriesPerCluster,
        householdShare,
        maxHouseholdSize,
        consumableShare,
        days,
        end,
        idPrefix);
  }

  /** This spec with {@code share} of the product lines consumable. */
  public ShopSpec withConsumableShare(double share) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        complementaryPairs,
        clusters,
        categoriesPerCluster,
        householdShare,
        maxHouseholdSize,
        share,
        days,
        end,
        idPrefix);
  }

  /** This spec with {@code share} of the customers in shared households. */
  public ShopSpec withHouseholdShare(double share) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        complementaryPairs,
        clusters,
        categoriesPerCluster,
        share,
        maxHouseholdSize,
        consumableShare,
        days,
        end,
        idPrefix);
  }

  /** This spec with {@code n} days of history ending at {@code end}. */
  public ShopSpec withHistory(int n, Instant end) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        complementaryPairs,
        clusters,
        categoriesPerCluster,
        householdShare,
        maxHouseholdSize,
        consumableShare,
        n,
        end,
        idPrefix);
  }

  /** This spec with ids starting with {@code prefix}. */
  public ShopSpec withIdPrefix(String prefix) {
    return new ShopSpec(
        customers,
        products,
        events,
        seed,
        categories,
        complementaryPairs,
        clusters,
        categoriesPerCluster,
        householdShare,
        maxHouseholdSize,
        consumableShare,
        days,
        end,
        prefix);
  }

  /** When the history starts, {@code days} before {@code end}. */
  public Instant start() {
    return end.minusSeconds(days * 86_400L);
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }
}
