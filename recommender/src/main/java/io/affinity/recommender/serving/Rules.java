package io.affinity.recommender.serving;

import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.LiveItem;
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

  /**
   * These rules less the filters on what changes between trainings (stock and price): what the
   * index may filter on when the live catalogue decides those ({@link #accepts}). Category filters
   * stay: they choose the candidates by the category the index holds, and are checked again live.
   */
  public Rules candidates() {
    return new Rules(
        includeCategories,
        excludeCategories,
        null,
        null,
        false,
        boosts,
        excludeItems,
        includePurchased,
        backfill);
  }

  /**
   * Whether {@code item}, as it is now, passes the filters: stock, price range (an item without a
   * price fails any range) and categories (any level of its path). Excluded items are not checked
   * here.
   */
  public boolean accepts(LiveItem item) {
    if (inStockOnly && !item.inStock()) {
      return false;
    }
    if (minPrice != null || maxPrice != null) {
      Double price = item.price();
      if (price == null
          || (minPrice != null && price < minPrice)
          || (maxPrice != null && price > maxPrice)) {
        return false;
      }
    }
    if (!includeCategories.isEmpty() || !excludeCategories.isEmpty()) {
      List<String> levels =
          item.categoryPath() == null ? List.of() : Categories.prefixes(item.categoryPath());
      if (!includeCategories.isEmpty() && levels.stream().noneMatch(includeCategories::contains)) {
        return false;
      }
      if (levels.stream().anyMatch(excludeCategories::contains)) {
        return false;
      }
    }
    return true;
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
