package io.affinity.campaigns.segments;

import java.util.List;

/**
 * A rule tree as a SQL condition over {@code customers c LEFT JOIN customer_metrics m}, with its
 * parameters in order. The text is built from constants only; every value from the definition is a
 * parameter.
 */
public record CompiledRule(String where, List<Object> params) {
  /** The tables every compiled condition is written against. */
  public static final String FROM =
      " FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id";
}
