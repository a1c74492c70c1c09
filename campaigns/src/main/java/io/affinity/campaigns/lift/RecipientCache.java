package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the recipients of the last few reported campaigns, so that reading them again, the larger
 * half of a report's reading (a million rows), is skipped while they have not changed. Whether they
 * have is asked of the database each time ({@link RecipientFingerprint}: a count over one index,
 * about a sixth of the cost of reading the rows), so every node serves current figures without any
 * invalidation message. Purchases are always read afresh.
 */
@Singleton
public class RecipientCache {
  /** Campaigns kept: about 20 MB each at a million recipients. */
  static final int CAMPAIGNS = 4;

  private record Entry(long startedAt, CampaignRecipients recipients) {}

  private final Map<Long, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
          return size() > CAMPAIGNS;
        }
      };

  /** The recipients of {@code campaign}, from the cache when their rows are unchanged. */
  CampaignRecipients recipients(Connection c, CampaignFacts campaign) throws SQLException {
    Entry kept;
    synchronized (entries) {
      kept = entries.get(campaign.id());
    }
    // A window without a send or due time starts at the campaign's start, so that is part of the
    // key.
    if (kept != null
        && kept.startedAt() == campaign.startedAt()
        && kept.recipients().fingerprint().equals(RecipientFingerprint.of(c, campaign.id()))) {
      return kept.recipients();
    }
    CampaignRecipients read = CampaignRecipients.read(c, campaign);
    synchronized (entries) {
      entries.put(campaign.id(), new Entry(campaign.startedAt(), read));
    }
    return read;
  }

  /** Whether the recipients of campaign {@code id} are kept (whether or not still current). */
  boolean holds(long id) {
    synchronized (entries) {
      return entries.containsKey(id);
    }
  }

  /** Forgets every kept campaign: the next report of each reads its recipients. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
