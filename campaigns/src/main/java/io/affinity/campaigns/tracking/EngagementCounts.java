package io.affinity.campaigns.tracking;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * How recipients of one campaign responded. Opens and clicks flagged as probable bots are counted
 * only in {@code botFlagged}, never in the other figures.
 *
 * @param opens pixel loads by people
 * @param uniqueOpens recipients who opened at least once
 * @param clicks clicks by people
 * @param uniqueClicks recipients who clicked at least once
 * @param botFlagged opens and clicks flagged as probable bots
 * @param unsubscribes recipients who unsubscribed through the campaign's link
 * @param byItemAndSlot clicks per item and slot, most clicked first
 */
@Serdeable
public record EngagementCounts(
    long campaignId,
    long opens,
    long uniqueOpens,
    long clicks,
    long uniqueClicks,
    long botFlagged,
    long unsubscribes,
    List<ItemClicks> byItemAndSlot) {

  /**
   * Clicks on one item in one slot.
   *
   * @param clicks clicks by people
   * @param uniqueClicks recipients who clicked it
   */
  @Serdeable
  public record ItemClicks(String itemId, String slot, long clicks, long uniqueClicks) {}
}
