package io.affinity.recommender.serving;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Set;

/**
 * Business rules applied to every recommendation call.
 *
 * @param includeCategories only items in one of these categories (any level of the path)
 * @param excludeCategories no items in these categories
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param inStockOnly leave out items that are out of stock
 * @param boosts multiply the score of items matching a field value
 * @param excludeItems items never to show
 * @param includePurchased show items the customer already bought (off by default)
 * @param backfill what fills a list that personalisation leaves short
 */
public record Rules(
    Set<String> includeCategories,
    Set<String> excludeCategories,
    @Nullable Double minPrice,
    @Nullable Double maxPrice,
    boolean inStockOnly,
    List<Boost> boosts,
    Set<String> excludeItems,
    boolean includePurchased,
    Backfill backfill) {

  /** Rules with popularity backfill. */
  public Rules(
      Set<String> includeCategories,
      Set<String> excludeCategories,
      @Nullable Double minPrice,
      @Nullable Double maxPrice,
      boolean inStockOnly,
      List<Boost> boosts,
      Set<String> excludeItems,
      boolean includePurchased) {
    this(
        includeCategories,
        excludeCategories,
        minPrice,
        maxPrice,
        inStockOnly,
        boosts,
        excludeItems,
        includePurchased,
        Backfill.POPULAR);
  }

  /** The defaults: in stock only, already-bought items excluded, popular backfill. */
  public static Rules defaults() {
    return new Rules(Set.of(), Set.of(), null, null, true, List.of(), Set.of(), false);
  }

  /** What fills a short list: the most bought items, or those whose sales grow fastest. */
  public enum Backfill {
    POPULAR,
    TRENDING
  }

  /**
   * Multiplies the score of items whose {@code field} equals {@code value} by {@code factor}.
   *
   * @param field {@code brand} or {@code category}
   */
  public record Boost(String field, String value, double factor) {}
}
