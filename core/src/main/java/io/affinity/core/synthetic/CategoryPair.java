package io.affinity.core.synthetic;

/**
 * A planted complementary relation: who buys in category {@code from} very likely buys in category
 * {@code to} in the same order or within days (a phone and its case).
 *
 * @param from category path, such as {@code Electronics/Phones}
 * @param to category path of the complement
 */
public record CategoryPair(String from, String to) {}
