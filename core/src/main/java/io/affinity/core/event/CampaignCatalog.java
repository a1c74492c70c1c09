package io.affinity.core.event;

import java.util.Set;

/**
 * Which campaign ids exist, for the check that an event's {@code campaignId} names a campaign.
 * Campaigns live in a module above this one, which implements this interface; core alone (its own
 * tests, the synthetic shop) has no campaigns to check against and uses {@link #NONE_KNOWN_HERE}.
 */
public interface CampaignCatalog {
  /** A catalogue for when no campaigns module is present: it rejects no id. */
  CampaignCatalog NONE_KNOWN_HERE = ids -> Set.of();

  /** The ids among {@code ids} that name no campaign. */
  Set<Long> unknown(Set<Long> ids);
}
