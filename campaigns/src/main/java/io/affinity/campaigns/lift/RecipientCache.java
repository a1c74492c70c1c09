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
 * again. Their grouping by RFM segment is kept with them. Recipients read whole are also saved in
 * the database ({@link RecipientSnapshots}), where a node that holds none finds them on the same
 * terms. Purchases are kept apart ({@link KeptPurchases}): they are the shop's, not the campaign's.
 */
@Singleton
public class RecipientCache {
  /** Campaigns kept: about 20 MB each at a million recipients. */
  static final int CAMPAIGNS = 4;

  /** Sends merged whatever the campaign's size (see {@link #mergeLimit}). */
  static final int MERGE_MIN = 10_000;

  /**
   * A campaign's recipients grouped by the RFM segment written with each, the same all in one
   * group, and the fingerprint of the recipients saved in the database (null for none known).
   */
  private record Entry(
      long startedAt,
      CampaignRecipients bySegment,
      CampaignRecipients recipients,
      RecipientFingerprint saved) {

    Entry(long startedAt, CampaignRecipients bySegment, RecipientFingerprint saved) {
      this(startedAt, bySegment, bySegment.ungrouped(), saved);
    }
  }

  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private final RecipientSnapshots snapshots;

  private final Map<Long, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
          return size() > CAMPAIGNS;
        }
      };

  public RecipientCache(RecipientSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** The recipients of {@code campaign}, from the cache when their rows are unchanged. */
  CampaignRecipients recipients(Connection c, CampaignFacts campaign) throws SQLException {
    return entry(c, campaign).recipients;
  }

  /**
   * The recipients of {@code campaign} grouped by their RFM segment, from the cache when their rows
   * are unchanged.
   */
  CampaignRecipients bySegment(Connection c, CampaignFacts campaign) throws SQLException {
    return entry(c, campaign).bySegment;
  }

  /**
   * The kept entry of {@code campaign} if its rows are unchanged, brought up to date if only sends
   * changed them; else the one saved in the database ({@link RecipientSnapshots}) on the same
   * terms; else a new one read with the segments (in the same pass, about a tenth more than without
   * them: every report, by segment or not, can then use it), and saved for the next node or
   * restart.
   */
  private Entry entry(Connection c, CampaignFacts campaign) throws SQLException {
    Entry kept;
    synchronized (entries) {
      kept = entries.get(campaign.id());
    }
    // A window without a send or due time starts at the campaign's start, so that is part of the
    // key.
    Entry current =
        kept != null && kept.startedAt == campaign.startedAt()
            ? current(c, campaign.id(), kept, RecipientFingerprint.of(c, campaign.id()))
            : saved(c, campaign);
    if (current == null) {
      reads.incrementAndGet();
      CampaignRecipients bySegment = CampaignRecipients.read(c, campaign);
      current = new Entry(campaign.startedAt(), bySegment, bySegment.fingerprint());
      snapshots.saveLater(campaign.id(), bySegment);
    }
    if (current != kept) {
      synchronized (entries) {
        entries.put(campaign.id(), current);
      }
    }
    return current;
  }

  /**
   * {@code kept} if its fingerprint is {@code now}, a copy brought up to date if only sends changed
   * the rows since, else null.
   */
  private static Entry current(Connection c, long campaign, Entry kept, RecipientFingerprint now)
      throws SQLException {
    if (kept.bySegment.fingerprint().equals(now)) {
      return kept;
    }
    CampaignRecipients sent = kept.bySegment.withSends(c, campaign, now, mergeLimit(kept));
    return sent == null ? null : new Entry(kept.startedAt, sent, kept.saved);
  }

  /**
   * The most rows sent since that are merged into kept recipients: a quarter of them, at least
   * {@link #MERGE_MIN}; beyond, reading them whole costs less than a row lookup per send.
   */
  private static int mergeLimit(Entry kept) {
    return Math.max(MERGE_MIN, kept.bySegment.size() / 4);
  }

  /** The entry saved in the database for {@code campaign} if still current (see #current). */
  private Entry saved(Connection c, CampaignFacts campaign) throws SQLException {
    RecipientSnapshots.Header header = snapshots.header(c, campaign.id());
    if (header == null || header.startedAt() != campaign.startedAt()) {
      return null;
    }
    RecipientFingerprint now = RecipientFingerprint.of(c, campaign.id());
    RecipientFingerprint then = header.fingerprint();
    if (now.count() != then.count() || now.customerSum() != then.customerSum()) {
      return null; // rows added: more than sends changed them
    }
    CampaignRecipients saved = snapshots.load(c, campaign.id(), header);
    if (saved == null) {
      return null;
    }
    loads.incrementAndGet();
    return current(c, campaign.id(), new Entry(campaign.startedAt(), saved, then), now);
  }

  /**
   * Saves the recipients of campaign {@code id} again if they changed (by sends) since they were
   * last saved, so that a node that holds none need not merge many sends into an old snapshot.
   */
  void saveChanged(long id) {
    Entry e;
    synchronized (entries) {
      e = entries.get(id);
    }
    if (e != null && !e.bySegment.fingerprint().equals(e.saved)) {
      snapshots.saveLater(id, e.bySegment);
      synchronized (entries) {
        if (entries.get(id) == e) {
          entries.put(id, new Entry(e.startedAt, e.bySegment, e.bySegment.fingerprint()));
        }
      }
    }
  }

  /** How many times recipients were read whole, for tests. */
  long reads() {
    return reads.get();
  }

  /** How many times recipients were loaded from a saved snapshot, for tests. */
  long loads() {
    return loads.get();
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
