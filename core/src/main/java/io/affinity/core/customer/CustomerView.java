package io.affinity.core.customer;

import io.affinity.core.event.EventView;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.value.CustomerValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The single customer view: who the customer is, their household, what they agreed to, what they
 * bought, what they are worth (customer value, from {@code customer_metrics}; null until computed)
 * and what they did last.
 */
@Serdeable
public record CustomerView(
    String id,
    @Nullable String email,
    @Nullable String name,
    @Nullable String preferredChannel,
    @Nullable String address,
    @Nullable String postcode,
    @Nullable String country,
    Map<String, Object> attributes,
    Consent consent,
    @Nullable HouseholdView household,
    Purchases purchases,
    @Nullable CustomerValue value,
    List<EventView> recentEvents,
    Instant createdAt,
    Instant updatedAt) {

  /** Consent to marketing e-mail, with when and where it was last given or withdrawn. */
  @Serdeable
  public record Consent(boolean email, @Nullable Instant at, @Nullable String source) {}

  /**
   * What the customer bought: orders, revenue net of returns, first and last purchase.
   *
   * @param orderCount distinct orders with at least one purchase line
   * @param revenue purchases minus returns, quantity times unit price
   */
  @Serdeable
  public record Purchases(
      long orderCount,
      BigDecimal revenue,
      @Nullable Instant firstPurchaseAt,
      @Nullable Instant lastPurchaseAt,
      long eventCount) {}
}
