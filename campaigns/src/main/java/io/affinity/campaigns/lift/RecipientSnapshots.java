package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns' recipients saved in the database ({@link SnapshotStore}, {@link
 * RecipientSnapshotCodec}: about 5 bytes a recipient) with the campaign's start and the fingerprint
 * of the rows they were read from, so that a node that holds none in memory (just started, or not
 * the one that read them) reads a few megabytes instead of a million rows. A snapshot is only used
 * while its fingerprint is the rows' fingerprint now, or differs by sends only (see {@link
 * RecipientCache}); a stale or damaged one is read past, never trusted.
 */
@Singleton
public class RecipientSnapshots {
  /**
   * The bytes of recipients kept saved, the latest saved first: 100 campaigns of a million
   * recipients (about 5 MB each), however many small ones (a trigger makes a campaign per window).
   */
  static final long BUDGET = 512L << 20;

  private static final String FAMILY = "recipients/";
  private static final Logger LOG = LoggerFactory.getLogger(RecipientSnapshots.class);

  /** What a saved snapshot was read from: the campaign's start and the rows' fingerprint. */
  record Header(long startedAt, RecipientFingerprint fingerprint) {
    String stamp() {
      return startedAt
          + "/"
          + fingerprint.count()
          + "/"
          + fingerprint.customerSum()
          + "/"
          + fingerprint.startSum();
    }

    static Header parse(String stamp) {
      String[] f = stamp.split("/");
      return new Header(
          Long.parseLong(f[0]),
          new RecipientFingerprint(
              Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
    }
  }

  private final SnapshotStore store;

  public RecipientSnapshots(SnapshotStore store) {
    this.store = store;
  }

  /** What the saved snapshot of {@code campaignId} was read from; null if there is none. */
  Header header(Connection c, long campaignId) throws SQLException {
    String stamp = store.stamp(c, FAMILY + campaignId);
    return stamp == null ? null : Header.parse(stamp);
  }

  /**
   * The recipients saved for {@code campaignId} if they are those of {@code expected} (the header
   * read before), else null: saved again since, another format, or bytes whose own fingerprint is
   * not the one saved with them.
   */
  CampaignRecipients load(Connection c, long campaignId, Header expected) throws SQLException {
    byte[] bytes = store.load(c, FAMILY + campaignId, expected.stamp());
    CampaignRecipients r = bytes == null ? null : RecipientSnapshotCodec.decode(bytes);
    if (r == null) {
      return null;
    }
    if (r.started() != expected.startedAt() || !r.fingerprint().equals(expected.fingerprint())) {
      LOG.warn("The saved recipients of campaign {} do not match their fingerprint", campaignId);
      return null;
    }
    return r;
  }

  /**
   * Saves {@code recipients} of {@code campaignId}, grouped by RFM segment, in the background, in
   * place of any saved before.
   */
  void saveLater(long campaignId, CampaignRecipients recipients) {
    Header header = new Header(recipients.started(), recipients.fingerprint());
    store.saveLater(
        FAMILY + campaignId,
        header.stamp(),
        () -> RecipientSnapshotCodec.encode(recipients),
        FAMILY,
        BUDGET);
  }
}
