package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the recipients of the last few reported campaigns, so that reading them again, the larger
 * half of a report's reading (a million rows), is skipped while they have not changed. Whether they
 * have is asked of the database each time ({@link RecipientFingerprint}: a count over one index,
 * about a sixth of the cost of reading the rows), so every node serves current figures without any
 * invalidation message. When only sends changed them, the sent rows alone are read and merged
 * ({@link CampaignRecipients#withSends}), so reports during a send need not read a million rows
 * again. Their grouping by RFM segment is kept with them. Purchases are kept apart ({@link
 * KeptPurchases}): they are the shop's, not the campaign's.
 */
@Singleton
public class RecipientCache {
  /** Campaigns kept: about 20 MB each at a million recipients. */
  static final int CAMPAIGNS = 4;

  /** A campaign's recipients as read, and grouped by segment once a report asked for that. */
  private static final class Entry {
    final long startedAt;
    final CampaignRecipients recipients;
    // A recipient's segment is written with its row and never changed, so the grouping stays as
    // current as the recipients.
    volatile CampaignRecipients bySegment;

    Entry(long startedAt, CampaignRecipients recipients) {
      this.startedAt = startedAt;
      this.recipients = recipients;
    }
  }

  private final AtomicLong reads = new AtomicLong();

  private final Map<Long, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
          return size() > CAMPAIGNS;
        }
      };

  /** The recipients of {@code campaign}, from the cache when their rows are unchanged. */
  CampaignRecipients recipients(Connection c, CampaignFacts campaign) throws SQLException {
    return entry(c, campaign, false).recipients;
  }

  /**
   * The recipients of {@code campaign} grouped by their RFM segment, from the cache when their rows
   * are unchanged.
   */
  CampaignRecipients bySegment(Connection c, CampaignFacts campaign) throws SQLException {
    Entry e = entry(c, campaign, true);
    CampaignRecipients grouped = e.bySegment;
    if (grouped == null) {
      grouped = e.recipients.withSegments(c, campaign.id());
      e.bySegment = grouped;
    }
    return grouped;
  }

  /**
   * The kept entry of {@code campaign} if its rows are unchanged, brought up to date if only sends
   * changed them, else a new one read with the segments when {@code bySegment} (in the same pass:
   * cheaper than a pass for them later).
   */
  private Entry entry(Connection c, CampaignFacts campaign, boolean bySegment) throws SQLException {
    Entry kept;
    synchronized (entries) {
      kept = entries.get(campaign.id());
    }
    // A window without a send or due time starts at the campaign's start, so that is part of the
    // key.
    if (kept != null && kept.startedAt == campaign.startedAt()) {
      RecipientFingerprint now = RecipientFingerprint.of(c, campaign.id());
      if (kept.recipients.fingerprint().equals(now)) {
        return kept;
      }
      CampaignRecipients sent = kept.recipients.withSends(c, campaign.id(), now);
      if (sent != null) {
        Entry updated = new Entry(kept.startedAt, sent);
        CampaignRecipients grouped = kept.bySegment;
        updated.bySegment = grouped == null ? null : grouped.withStartsOf(sent);
        synchronized (entries) {
          entries.put(campaign.id(), updated);
        }
        return updated;
      }
    }
    reads.incrementAndGet();
    CampaignRecipients recipients = CampaignRecipients.read(c, campaign, bySegment);
    Entry read = new Entry(campaign.startedAt(), bySegment ? recipients.ungrouped() : recipients);
    read.bySegment = bySegment ? recipients : null;
    synchronized (entries) {
      entries.put(campaign.id(), read);
    }
    return read;
  }

  /** How many times recipients were read whole, for tests. */
  long reads() {
    return reads.get();
  }

  /** Whether the recipients of campaign {@code id} are kept (whether or not still current). */
  boolean holds(long id) {
    synchronized (entries) {
      return entries.containsKey(id);
    }
  }

  /** Whether the recipients of campaign {@code id} are kept grouped by segment too. */
  boolean holdsBySegment(long id) {
    synchronized (entries) {
      Entry e = entries.get(id);
      return e != null && e.bySegment != null;
    }
  }

  /** Forgets every kept campaign: the next report of each reads its recipients. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
