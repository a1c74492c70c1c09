package io.affinity.core.synthetic;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structure planted in a synthetic shop, which a recommender should find: complementary
 * category pairs, the taste cluster of every customer and what it favours, the price tiers of every
 * product line, and the consumables with their re-purchase cycle.
 */
public final class PlantedStructure {
  private final ShopSpec spec;
  private final Catalogue catalogue;
  private final HouseholdLayout layout;
  private final TasteClusters clusters;
  private final Profiles profiles;

  PlantedStructure(
      ShopSpec spec,
      Catalogue catalogue,
      HouseholdLayout layout,
      TasteClusters clusters,
      Profiles profiles) {
    this.spec = spec;
    this.catalogue = catalogue;
    this.layout = layout;
    this.clusters = clusters;
    this.profiles = profiles;
  }

  /** The planted pairs: buying in {@code from} makes buying in {@code to} very likely. */
  public List<CategoryPair> complementaryPairs() {
    return catalogue.pairs();
  }

  /** The category planted as complement of {@code categoryPath}, if there is one. */
  public Optional<String> complementOf(String categoryPath) {
    return catalogue.pairs().stream()
        .filter(p -> p.from().equals(categoryPath))
        .map(CategoryPair::to)
        .findFirst();
  }

  /** How many taste clusters there are; clusters are numbered from 0. */
  public int clusters() {
    return clusters.clusters();
  }

  /**
   * The taste cluster of customer {@code customerId}; all members of a household share one.
   *
   * @throws IllegalArgumentException if the shop has no such customer
   */
  public int clusterOf(String customerId) {
    return clusters.clusterOf(customerIndex(customerId));
  }

  /**
   * The category paths that {@code cluster} favours.
   *
   * @throws IllegalArgumentException if there is no such cluster
   */
  public List<String> favouredCategories(int cluster) {
    if (cluster < 0 || cluster >= clusters.clusters()) {
      throw new IllegalArgumentException(
          "cluster must be in [0, " + clusters.clusters() + "), got " + cluster);
    }
    return Arrays.stream(clusters.favoured(cluster)).mapToObj(catalogue::categoryPath).toList();
  }

  /**
   * The household id of customer {@code customerId}, or null if they live alone.
   *
   * @throws IllegalArgumentException if the shop has no such customer
   */
  @Nullable
  public String householdOf(String customerId) {
    int household = layout.householdOf(customerIndex(customerId));
    return household < 0 ? null : profiles.householdId(household);
  }

  /** Every product with its category, line, tier, price, cost and cycle, in catalogue order. */
  public List<SyntheticProduct> products() {
    return catalogue.products();
  }

  /**
   * The product {@code productId}.
   *
   * @throws IllegalArgumentException if the shop has no such product
   */
  public SyntheticProduct product(String productId) {
    int index = catalogue.indexOf(productId);
    if (index < 0) {
      throw new IllegalArgumentException("no product '" + productId + "' in this shop");
    }
    return catalogue.product(index);
  }

  /** The product of product line {@code line} in {@code tier}, if the line has that tier. */
  public Optional<SyntheticProduct> inLine(int line, Tier tier) {
    if (line < 0) {
      return Optional.empty();
    }
    int index = catalogue.productOf(line, tier);
    return index < 0 ? Optional.empty() : Optional.of(catalogue.product(index));
  }

  /** The consumables: product id to the days after which a customer buys it again. */
  public Map<String, Integer> consumableCycles() {
    Map<String, Integer> cycles = new LinkedHashMap<>();
    for (SyntheticProduct p : catalogue.products()) {
      if (p.consumable()) {
        cycles.put(p.id(), p.cycleDays());
      }
    }
    return cycles;
  }

  private int customerIndex(String customerId) {
    String prefix = spec.idPrefix() + "c";
    if (customerId != null && customerId.startsWith(prefix)) {
      try {
        int index = Integer.parseInt(customerId.substring(prefix.length()));
        if (index >= 0 && index < spec.customers()) {
          return index;
        }
      } catch (NumberFormatException e) {
        // not one of ours; reported below
      }
    }
    throw new IllegalArgumentException("no customer '" + customerId + "' in this shop");
  }
}
