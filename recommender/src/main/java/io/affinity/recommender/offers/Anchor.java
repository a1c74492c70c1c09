package io.affinity.recommender.offers;

import io.micronaut.core.annotation.Nullable;

/** An item offers are made for: its id, name, category path and price, from the index. */
record Anchor(
    String id, @Nullable String name, @Nullable String categoryPath, @Nullable Double price) {}
