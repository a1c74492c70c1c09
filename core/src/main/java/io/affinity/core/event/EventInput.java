package io.affinity.core.event;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event as a client sends it. Checked by {@link EventValidator}, which reports every problem of
 * a batch at once.
 *
 * @param eventId the client's id of the event; a second event with the same id is ignored, so a
 *     retried batch adds nothing. When omitted, an id is derived from the event's content.
 * @param type one of {@link EventType#NAMES}
 * @param customerId the shop's id of the customer
 * @param productId the shop's id of the product; required for product events
 * @param orderId groups the lines of one order
 * @param quantity items bought or returned; positive
 * @param unitPrice price of one item; zero or more
 * @param time when it happened; defaults to when we received it
 * @param campaignId the campaign that the event responds to
 * @param source where the event comes from (web, app, store, import, ...)
 */
@Serdeable
@Introspected
public record EventInput(
    @Nullable String eventId,
    @Nullable String type,
    @Nullable String customerId,
    @Nullable String productId,
    @Nullable String orderId,
    @Nullable Integer quantity,
    @Nullable BigDecimal unitPrice,
    @Nullable Instant time,
    @Nullable Long campaignId,
    @Nullable String source) {}
