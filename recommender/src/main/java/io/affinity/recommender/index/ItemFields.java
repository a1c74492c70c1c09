package io.affinity.recommender.index;

import io.affinity.recommender.training.Signal;

/** The field names of an item document. */
public final class ItemFields {
  /** The shop's product id; indexed and stored. */
  public static final String ID = "id";

  /** Stored: the product's row id in the database, absent for items without one. */
  public static final String ROW_ID = "row_id";

  /**
   * The key of the index's commit data holding the largest product row id the index was built from:
   * products with a larger one were added since and are new to the model.
   */
  public static final String MAX_ROW_ID = "affinity.max_row_id";

  public static final String NAME = "name";

  /** Every prefix of the category path ({@code Home}, {@code Home/Kitchen}), for filters. */
  public static final String CATEGORY = "category";

  /** The full category path, stored. */
  public static final String CATEGORY_PATH = "category_path";

  public static final String BRAND = "brand";
  public static final String PRICE = "price";
  public static final String MARGIN = "margin";
  public static final String IN_STOCK = "in_stock";

  /** Feature field with the features {@link #POPULARITY} and {@link #TREND}. */
  public static final String STATS = "stats";

  public static final String POPULARITY = "popularity";
  public static final String TREND = "trend";

  /** Stored: buyers in the data window. */
  public static final String BUYERS = "buyers";

  /** Stored: mean days between repeat purchases, 0 if none. */
  public static final String REPEAT_DAYS = "repeat_days";

  private ItemFields() {}

  /** The feature field holding the indicators of {@code signal}, weighted by LLR. */
  public static String indicators(Signal signal) {
    return "ind_" + signal.wireName();
  }

  /**
   * The binary doc-values field listing the indicators of {@code signal} ({@code item TAB weight}
   * lines, strongest first, equal weights in training order), for reasons.
   */
  public static String stored(Signal signal) {
    return "why_" + signal.wireName();
  }
}
