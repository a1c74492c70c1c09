package io.affinity.core.customer;

import io.affinity.core.consent.ConsentEntry;
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
    Instant updatedAt,
    @Nullable List<UpsertWarning> warnings) {

  /** The view without warnings. */
  public CustomerView(
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
    this(
        id,
        email,
        name,
        preferredChannel,
        address,
        postcode,
        country,
        attributes,
        consent,
        household,
        purchases,
        value,
        recentEvents,
        createdAt,
        updatedAt,
        null);
  }

  /** This view with {@code warnings} about the update that produced it (none: left out). */
  public CustomerView withWarnings(List<UpsertWarning> warnings) {
    return new CustomerView(
        id,
        email,
        name,
        preferredChannel,
        address,
        postcode,
        country,
        attributes,
        consent,
        household,
        purchases,
        value,
        recentEvents,
        createdAt,
        updatedAt,
        warnings.isEmpty() ? null : List.copyOf(warnings));
  }

  /**
   * Consent to marketing e-mail as the ledger derives it, with its history.
   *
   * @param email whether the customer may be mailed now: consent granted and the address not
   *     suppressed
   * @param state none (never granted), granted or withdrawn
   * @param at when the statement behind the state was made
   * @param source where it came from (api, import, one-click, double-opt-in, ...)
   * @param topicsLeft topics the customer left while staying subscribed otherwise
   * @param frequency a lower frequency the customer chose (weekly, monthly), or null
   * @param suppressed why the address is on the suppression list, or null
   * @param history the latest statements, newest first, including those not applied
   */
  @Serdeable
  public record Consent(
      boolean email,
      String state,
      @Nullable Instant at,
      @Nullable String source,
      List<String> topicsLeft,
      @Nullable String frequency,
      @Nullable String suppressed,
      List<ConsentEntry> history) {}

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
