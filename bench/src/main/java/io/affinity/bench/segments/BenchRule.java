package io.affinity.bench.segments;

/**
 * The benchmark's rule tree, five conditions mixing metrics and behaviour: bought recently enough,
 * at least so many orders, consented to e-mail, bought in a category within a window, and did not
 * click a campaign within another.
 */
record BenchRule(
    int recencyDays,
    int minOrders,
    String category,
    int boughtWithinDays,
    int notClickedWithinDays) {

  /** The definition as a segment's JSON. */
  String json() {
    return "{\"all\": ["
        + "{\"field\": \"recency_days\", \"op\": \"<=\", \"value\": "
        + recencyDays
        + "},"
        + "{\"field\": \"orders\", \"op\": \">=\", \"value\": "
        + minOrders
        + "},"
        + "{\"field\": \"email_consent\", \"op\": \"=\", \"value\": true},"
        + "{\"bought\": {\"category\": \""
        + category
        + "\", \"withinDays\": "
        + boughtWithinDays
        + "}},"
        + "{\"not\": {\"engaged\": {\"event\": \"click\", \"withinDays\": "
        + notClickedWithinDays
        + "}}}]}";
  }
}
