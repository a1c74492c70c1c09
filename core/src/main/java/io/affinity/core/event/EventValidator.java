package io.affinity.core.event;

import io.affinity.core.error.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a batch of events and reports every problem with its position ({@code [3].quantity}), so
 * that a client can fix a batch in one round trip.
 */
public final class EventValidator {
  /** The most events one request may carry. */
  public static final int MAX_BATCH = 10_000;

  static final int MAX_ID = 100;
  static final int MAX_ORDER_ID = 64;
  static final int MAX_SOURCE = 32;
  private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
  private static final Duration FUTURE_SLACK = Duration.ofDays(1);
  private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

  private EventValidator() {}

  /**
   * The problems of {@code events}, in order, without checking that campaign ids exist; empty when
   * the batch can be stored.
   */
  public static List<FieldError> validate(List<EventInput> events, Instant now) {
    return validate(events, now, CampaignCatalog.NONE_KNOWN_HERE);
  }

  /**
   * The problems of {@code events}, in order, a {@code campaignId} that names no campaign of {@code
   * campaigns} included; empty when the batch can be stored.
   */
  public static List<FieldError> validate(
      List<EventInput> events, Instant now, CampaignCatalog campaigns) {
    List<FieldError> errors = new ArrayList<>();
    if (events.isEmpty()) {
      errors.add(new FieldError("events", "must contain at least one event"));
    }
    if (events.size() > MAX_BATCH) {
      errors.add(
          new FieldError(
              "events", "at most " + MAX_BATCH + " events per request, got " + events.size()));
      return errors;
    }
    Set<Long> unknownCampaigns = unknownCampaigns(events, campaigns);
    for (int i = 0; i < events.size(); i++) {
      EventInput e = events.get(i);
      if (e == null) {
        errors.add(new FieldError("[" + i + "]", "must be an event object, not null"));
        continue;
      }
      validate(e, "[" + i + "].", now, errors);
      if (e.campaignId() != null && unknownCampaigns.contains(e.campaignId())) {
        errors.add(
            new FieldError("[" + i + "].campaignId", "names no campaign (" + e.campaignId() + ")"));
      }
    }
    return errors;
  }

  /** Asks once for the whole batch: the positive campaign ids that name nothing. */
  private static Set<Long> unknownCampaigns(List<EventInput> events, CampaignCatalog campaigns) {
    Set<Long> ids = new HashSet<>();
    for (EventInput e : events) {
      if (e != null && e.campaignId() != null && e.campaignId() > 0) {
        ids.add(e.campaignId());
      }
    }
    return ids.isEmpty() ? Set.of() : campaigns.unknown(ids);
  }

  private static void validate(EventInput e, String at, Instant now, List<FieldError> errors) {
    EventType type = null;
    if (isBlank(e.type())) {
      errors.add(new FieldError(at + "type", "is required; one of " + EventType.NAMES));
    } else {
      type = EventType.fromWireName(e.type()).orElse(null);
      if (type == null) {
        errors.add(
            new FieldError(
                at + "type", "unknown type '" + e.type() + "'; one of " + EventType.NAMES));
      }
    }
    if (e.eventId() != null && (e.eventId().isBlank() || e.eventId().length() > MAX_ID)) {
      errors.add(new FieldError(at + "eventId", "must be 1 to " + MAX_ID + " characters"));
    }
    if (isBlank(e.customerId())) {
      errors.add(new FieldError(at + "customerId", "is required"));
    } else if (e.customerId().length() > MAX_ID) {
      errors.add(new FieldError(at + "customerId", "must be at most " + MAX_ID + " characters"));
    }
    if (e.productId() != null && (e.productId().isBlank() || e.productId().length() > MAX_ID)) {
      errors.add(new FieldError(at + "productId", "must be 1 to " + MAX_ID + " characters"));
    }
    if (type != null && type.needsProduct() && e.productId() == null) {
      errors.add(new FieldError(at + "productId", "is required for " + type.wireName()));
    }
    if (e.quantity() != null && e.quantity() <= 0) {
      errors.add(new FieldError(at + "quantity", "must be positive, got " + e.quantity()));
    }
    if (e.unitPrice() != null
        && (e.unitPrice().signum() < 0 || e.unitPrice().compareTo(MAX_PRICE) > 0)) {
      errors.add(
          new FieldError(
              at + "unitPrice", "must be between 0 and " + MAX_PRICE + ", got " + e.unitPrice()));
    } else if (e.unitPrice() != null && e.unitPrice().stripTrailingZeros().scale() > 2) {
      errors.add(new FieldError(at + "unitPrice", "must have at most 2 decimals"));
    }
    if (type != null && type.isSale()) {
      if (e.quantity() == null) {
        errors.add(new FieldError(at + "quantity", "is required for " + type.wireName()));
      }
      if (e.unitPrice() == null) {
        errors.add(new FieldError(at + "unitPrice", "is required for " + type.wireName()));
      }
    }
    if (e.orderId() != null && e.orderId().length() > MAX_ORDER_ID) {
      errors.add(new FieldError(at + "orderId", "must be at most " + MAX_ORDER_ID + " characters"));
    }
    if (e.source() != null && e.source().length() > MAX_SOURCE) {
      errors.add(new FieldError(at + "source", "must be at most " + MAX_SOURCE + " characters"));
    }
    if (e.campaignId() != null && e.campaignId() <= 0) {
      errors.add(new FieldError(at + "campaignId", "must be positive"));
    }
    if (e.time() != null
        && (e.time().isBefore(EARLIEST) || e.time().isAfter(now.plus(FUTURE_SLACK)))) {
      errors.add(
          new FieldError(
              at + "time", "must be between " + EARLIEST + " and a day from now, got " + e.time()));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
