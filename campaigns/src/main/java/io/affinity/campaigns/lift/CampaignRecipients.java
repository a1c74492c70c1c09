package io.affinity.campaigns.lift;

import io.affinity.campaigns.campaign.RecipientSegment;
import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * A campaign's recipients in arrays sorted by customer id: arm, group (RFM segment or {@code all})
 * and window start. Read once from covering indexes in customer order, so that each purchase and
 * click finds its recipient by binary search in Java rather than by an index lookup per row in the
 * database (400,000 random lookups cost MariaDB 3-20 s; two sequential scans well under one).
 *
 * <p>Instances are read-only once read, so that {@link RecipientCache} can share them between
 * reports; {@link #ungrouped} gives a copy with all in one group.
 */
final class CampaignRecipients {
  /** How far before the latest window start read a send may be dated and still be found. */
  private static final long SEND_SKEW = 60_000L;

  final List<String> arms;
  final List<String> groups;
  private final long[] customers;
  private final int[] arm;
  private final int[] group;
  private final long started;
  private final long[] start; // the window's start as read: 0 for none (then the campaign's)
  private final int size;
  private final RecipientFingerprint fingerprint;
  private final DenseIndex index; // null when the ids are too sparse: binary search

  private CampaignRecipients(
      List<String> arms,
      List<String> groups,
      long[] customers,
      int[] arm,
      int[] group,
      long started,
      long[] start,
      int size,
      RecipientFingerprint fingerprint,
      DenseIndex index) {
    this.arms = arms;
    this.groups = groups;
    this.customers = customers;
    this.arm = arm;
    this.group = group;
    this.started = started;
    this.start = start;
    this.size = size;
    this.fingerprint = fingerprint;
    this.index = index;
  }

  /**
   * Reads the recipients of {@code campaign} grouped by the RFM segment written with each ({@code
   * unknown} where there is none); {@link #ungrouped} gives them all in one group. One pass: the
   * segment costs the read about a tenth more, a pass of its own most of it.
   */
  static CampaignRecipients read(Connection c, CampaignFacts campaign) throws SQLException {
    long started = campaign.startedAt();
    ColumnNames arms = new ColumnNames(List.of(), null);
    ColumnNames groups = segments();
    RecipientChunks rows = new RecipientChunks();
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.RECIPIENTS)) {
      Streaming.enable(c, ps);
      ps.setLong(1, campaign.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int a = arms.indexOf(rs.getBytes(2));
          rows.add(rs.getLong(1), a, groups.indexOf(rs.getBytes(4)), rs.getLong(3));
        }
      }
    }
    int size = rows.size();
    long[] customers = rows.customers();
    int[] arm = rows.arms();
    int[] group = rows.groups();
    long[] start = rows.starts();
    sort(customers, arm, group, start, size);
    return of(arms.names(), groups.names(), customers, arm, group, started, start);
  }

  /**
   * Recipients from arrays sorted by customer id (as a {@link RecipientSnapshotCodec} decodes
   * them), with the fingerprint of exactly these values: a caller compares it with the one they
   * were saved with.
   */
  static CampaignRecipients of(
      List<String> arms,
      List<String> groups,
      long[] customers,
      int[] arm,
      int[] group,
      long started,
      long[] start) {
    int size = customers.length;
    long customerSum = 0;
    long startSum = 0;
    for (int i = 0; i < size; i++) {
      customerSum += customers[i];
      startSum += start[i];
    }
    return new CampaignRecipients(
        List.copyOf(arms),
        List.copyOf(groups),
        customers,
        arm,
        group,
        started,
        start,
        size,
        new RecipientFingerprint(size, customerSum, startSum),
        DenseIndex.of(customers, size));
  }

  /** RFM segment names, {@code unknown} first and for rows without one (see RecipientSegment). */
  private static ColumnNames segments() {
    return new ColumnNames(List.of(RecipientSegment.UNKNOWN), RecipientSegment.UNKNOWN);
  }

  /** These recipients all in the group {@code all}. */
  CampaignRecipients ungrouped() {
    return withGroups(List.of(Attribution.ALL), new int[size]);
  }

  /** These recipients in {@code groups}, recipient {@code i} in {@code groups.get(group[i])}. */
  private CampaignRecipients withGroups(List<String> groups, int[] group) {
    return new CampaignRecipients(
        arms, groups, customers, arm, group, started, start, size, fingerprint, index);
  }

  /**
   * These recipients after the sends since they were read, or null if more than sends changed them:
   * each recipient sent since gets its send time as its window's start, and the result is kept only
   * if its fingerprint then equals {@code now}, the rows' fingerprint in the database. A send is
   * the one change to a row that leaves the count and the customers as they were; rows sent since
   * are those with a send time from {@link #SEND_SKEW} before the latest start read (a send
   * committed just after the read, or written by a node whose clock is a little behind): a range of
   * an index, a few rows instead of a million (docs/lift.md). Also null if more than {@code
   * maxSent} rows were sent since (counted over the index first): each costs a row lookup, and
   * 900,000 of them took MariaDB 1.4 s, longer than reading every recipient.
   */
  CampaignRecipients withSends(Connection c, long campaign, RecipientFingerprint now, int maxSent)
      throws SQLException {
    if (now.count() != size || now.customerSum() != fingerprint.customerSum()) {
      return null;
    }
    long latest = 0;
    for (int i = 0; i < size; i++) {
      latest = Math.max(latest, start[i]);
    }
    if (sentSince(c, campaign, latest - SEND_SKEW) > maxSent) {
      return null;
    }
    long[] sent = start.clone();
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.SENT_SINCE)) {
      Streaming.enable(c, ps);
      ps.setLong(1, campaign);
      ps.setLong(2, latest - SEND_SKEW);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = find(rs.getLong(1));
          if (i < 0) {
            return null;
          }
          sent[i] = rs.getLong(2);
        }
      }
    }
    long startSum = 0;
    for (int i = 0; i < size; i++) {
      startSum += sent[i];
    }
    RecipientFingerprint merged =
        new RecipientFingerprint(size, fingerprint.customerSum(), startSum);
    return merged.equals(now) ? withStarts(sent, merged) : null;
  }

  private CampaignRecipients withStarts(long[] starts, RecipientFingerprint fp) {
    return new CampaignRecipients(
        arms, groups, customers, arm, group, started, starts, size, fp, index);
  }

  private static long sentSince(Connection c, long campaign, long from) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.SENT_SINCE_COUNT)) {
      ps.setLong(1, campaign);
      ps.setLong(2, from);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** MariaDB returns the index's order; other databases may not. */
  private static void sort(long[] customers, int[] arm, int[] group, long[] start, int size) {
    for (int i = 1; i < size; i++) {
      if (customers[i - 1] > customers[i]) {
        it.unimi.dsi.fastutil.Arrays.quickSort(
            0,
            size,
            (x, y) -> Long.compare(customers[x], customers[y]),
            (x, y) -> {
              LongArrays.swap(customers, x, y);
              IntArrays.swap(arm, x, y);
              IntArrays.swap(group, x, y);
              LongArrays.swap(start, x, y);
            });
        return;
      }
    }
  }

  /** What identifies the rows these recipients were read from (see {@link RecipientCache}). */
  RecipientFingerprint fingerprint() {
    return fingerprint;
  }

  /** The recipient index of {@code customer}, negative if not a recipient. */
  int find(long customer) {
    return index != null ? index.find(customer) : Arrays.binarySearch(customers, 0, size, customer);
  }

  int size() {
    return size;
  }

  int arm(int i) {
    return arm[i];
  }

  int group(int i) {
    return group[i];
  }

  long anchor(int i) {
    return start[i] == 0 ? started : start[i];
  }

  long customer(int i) {
    return customers[i];
  }

  /** The window's start as read: the send, else the due time, else 0 (see {@link #anchor}). */
  long start(int i) {
    return start[i];
  }

  /** The campaign's start, where a window without a start of its own begins. */
  long started() {
    return started;
  }
}
