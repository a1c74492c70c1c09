package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one customer's events say, before any population-wide scoring.
 *
 * @param customerId our internal id
 * @param firstPurchaseAt first purchase, epoch millis, or null if none
 * @param lastPurchaseAt last purchase, epoch millis, or null if none
 * @param orders distinct orders with a purchase line
 * @param purchaseDays distinct UTC days with a purchase: the transactions of BG/NBD
 * @param revenue purchases minus returns, quantity times unit price
 * @param margin revenue minus the cost of what was bought (a product without a cost counts in full)
 * @param topCategories up to three categories by net revenue, largest first
 * @param channel the purchase source with the most orders
 * @param campaignResponse the latest campaign event (open, click, unsubscribe, conversion)
 */
public record RawMetrics(
    long customerId,
    @Nullable Long firstPurchaseAt,
    @Nullable Long lastPurchaseAt,
    int orders,
    int purchaseDays,
    BigDecimal revenue,
    BigDecimal margin,
    List<String> topCategories,
    @Nullable String channel,
    @Nullable CampaignResponse campaignResponse) {

  /** Whether the customer bought anything: only buyers are scored. */
  public boolean isBuyer() {
    return orders > 0 && firstPurchaseAt != null;
  }

  /**
   * A customer's latest response to a campaign.
   *
   * @param type open, click, unsubscribe or conversion
   * @param campaignId the campaign responded to
   * @param at when, epoch millis
   */
  public record CampaignResponse(String type, long campaignId, long at) {}
}
