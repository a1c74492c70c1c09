package io.affinity.recommender.serving;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Why an item is recommended.
 *
 * @param kind the signal behind it (purchase, view, cart, click: only above the evidence floor), or
 *     repeat / popular / trending / buy_again / new / content
 * @param itemId the item of the customer's history it correlates with most, if any
 * @param text a sentence to show: "bought together with Teapot", "popular in Garden"
 */
@Serdeable
public record Reason(String kind, @Nullable String itemId, String text) {}
