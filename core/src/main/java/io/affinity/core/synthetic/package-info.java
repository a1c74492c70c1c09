/**
 * A synthetic shop with planted structure, for tests and benchmarks at any scale: a catalogue in a
 * department/category tree with price tiers, customers in households, and events (views, carts,
 * purchases, returns) in which a recommender must find taste clusters, complementary category
 * pairs, upsell from standard to premium items, and repeat purchases of consumables.
 *
 * <p>{@link io.affinity.core.synthetic.SyntheticShop} generates it from a {@link
 * io.affinity.core.synthetic.ShopSpec}, deterministically and streaming; {@link
 * io.affinity.core.synthetic.PlantedStructure} tells what was planted; {@link
 * io.affinity.core.synthetic.SyntheticShopLoader} writes a shop into the database.
 */
package io.affinity.core.synthetic;
