package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Clicks on one item of a campaign's messages, and what the clickers then bought of it.
 *
 * @param productId the shop's id of the item
 * @param name the item's name
 * @param clicks click events
 * @param clickers distinct recipients who clicked it
 * @param buyers clickers who bought the item after clicking it, within their window
 * @param revenue what those purchases of the item brought
 */
@Serdeable
public record ItemClicks(
    @Nullable String productId,
    @Nullable String name,
    long clicks,
    long clickers,
    long buyers,
    double revenue) {}
