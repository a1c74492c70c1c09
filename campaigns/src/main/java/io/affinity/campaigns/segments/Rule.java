package io.affinity.campaigns.segments;

import java.util.List;

/**
 * A validated node of a segment's rule tree. Every node keeps its JSON path ({@code
 * rules.all[2].any[0]}) so that a problem found later, when the rule meets the data, can still name
 * it.
 */
public sealed interface Rule {

  /** Where the node sits in the definition. */
  String path();

  /** {@code all} (every child holds) or {@code any} (at least one does); never empty. */
  record Group(String path, boolean all, List<Rule> children) implements Rule {}

  /** {@code not}: the child does not hold. */
  record Not(String path, Rule child) implements Rule {}

  /**
   * A profile field compared with one value, two ({@code between}, inclusive) or a list ({@code
   * in}); values are Long, BigDecimal, String or Boolean according to the field's type.
   */
  record Condition(String path, ProfileField field, Operator op, List<Object> values)
      implements Rule {}

  /**
   * Bought a product (by the shop's id) or anything in a category (the path or any prefix of it, at
   * {@code /} boundaries) within the last {@code withinDays} days, or ever when null.
   */
  record Bought(String path, String product, String category, Integer withinDays) implements Rule {}

  /** Opened or clicked a campaign message ({@code event} is open or click) within the days. */
  record Engaged(String path, String event, int withinDays) implements Rule {}

  /**
   * The {@code top} customers most likely to buy a product or a category, by the recommender's
   * indicators, leaving out those who already bought it.
   */
  record LikelyBuyers(String path, String product, String category, int top) implements Rule {}
}
