package io.affinity.campaigns.campaign;

import java.util.Locale;
import java.util.Set;

/**
 * Where a campaign is in its life: draft -> scheduled -> running <-> paused -> finished, or
 * cancelled from any state before finished. A finished campaign runs again only to resend
 * recipients an operator chose to resend ({@link AmbiguousRecipients}). The wire and column name is
 * the lower-case constant.
 */
public enum CampaignStatus {
  DRAFT,
  SCHEDULED,
  RUNNING,
  PAUSED,
  FINISHED,
  CANCELLED;

  /** The name stored in {@code campaigns.status} and shown by the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status stored as {@code name}. */
  public static CampaignStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether a campaign may go from this status to {@code next}. */
  public boolean canBecome(CampaignStatus next) {
    return switch (this) {
      case DRAFT -> Set.of(SCHEDULED, RUNNING, CANCELLED).contains(next);
      case SCHEDULED -> Set.of(RUNNING, CANCELLED).contains(next);
      case RUNNING -> Set.of(PAUSED, FINISHED, CANCELLED).contains(next);
      case PAUSED -> Set.of(RUNNING, CANCELLED).contains(next);
      case FINISHED -> next == RUNNING;
      case CANCELLED -> false;
    };
  }
}
