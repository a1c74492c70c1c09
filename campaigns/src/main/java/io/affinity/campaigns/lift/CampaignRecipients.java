package io.affinity.campaigns.lift;

import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's recipients in arrays sorted by customer id: arm, group (RFM segment or {@code all})
 * and window start. Read once from covering indexes in customer order, so that each purchase and
 * click finds its recipient by binary search in Java rather than by an index lookup per row in the
 * database (400,000 random lookups cost MariaDB 3-20 s; two sequential scans well under one).
 */
final class CampaignRecipients {
  private static final String UNKNOWN = "unknown";

  final List<String> arms = new ArrayList<>();
  final List<String> groups = new ArrayList<>();
  private long[] customers = new long[1024];
  private int[] arm = new int[1024];
  private int[] group;
  private long[] anchor = new long[1024];
  private int size;

  /**
   * Reads the recipients of {@code campaign}, and with {@code bySegment} their RFM segments ({@code
   * unknown} without metrics).
   */
  static CampaignRecipients read(Connection c, CampaignFacts campaign, boolean bySegment)
      throws SQLException {
    CampaignRecipients r = new CampaignRecipients();
    long started = campaign.startedAt();
    Map<String, Integer> armIndex = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.RECIPIENTS)) {
      Streaming.enable(c, ps);
      ps.setLong(1, campaign.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // The window starts at the send, else when the row was due (a trigger's firing), else
          // at the campaign's start.
          long sent = rs.getLong(3);
          boolean unsent = rs.wasNull();
          long due = rs.getLong(4);
          long from = !unsent ? sent : rs.wasNull() ? started : due;
          int a =
              armIndex.computeIfAbsent(
                  rs.getString(2),
                  name -> {
                    r.arms.add(name);
                    return r.arms.size() - 1;
                  });
          r.add(rs.getLong(1), a, from);
        }
      }
    }
    r.sortIfNeeded();
    r.group = new int[r.size];
    r.groups.add(bySegment ? UNKNOWN : Attribution.ALL);
    if (bySegment) {
      r.readSegments(c);
    }
    return r;
  }

  private void add(long customer, int armIndex, long from) {
    if (size == customers.length) {
      customers = Arrays.copyOf(customers, size * 2);
      arm = Arrays.copyOf(arm, size * 2);
      anchor = Arrays.copyOf(anchor, size * 2);
    }
    customers[size] = customer;
    arm[size] = armIndex;
    anchor[size] = from;
    size++;
  }

  /** MariaDB returns the index's order; other databases may not. */
  private void sortIfNeeded() {
    for (int i = 1; i < size; i++) {
      if (customers[i - 1] > customers[i]) {
        long[] c = customers;
        int[] a = arm;
        long[] f = anchor;
        it.unimi.dsi.fastutil.Arrays.quickSort(
            0,
            size,
            (x, y) -> Long.compare(c[x], c[y]),
            (x, y) -> {
              LongArrays.swap(c, x, y);
              int t = a[x];
              a[x] = a[y];
              a[y] = t;
              LongArrays.swap(f, x, y);
            });
        return;
      }
    }
  }

  private void readSegments(Connection c) throws SQLException {
    Map<String, Integer> groupIndex = new HashMap<>(Map.of(UNKNOWN, 0));
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.SEGMENTS)) {
      Streaming.enable(c, ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = find(rs.getLong(1));
          if (i >= 0) {
            group[i] =
                groupIndex.computeIfAbsent(
                    rs.getString(2),
                    name -> {
                      groups.add(name);
                      return groups.size() - 1;
                    });
          }
        }
      }
    }
  }

  /** The recipient index of {@code customer}, negative if not a recipient. */
  int find(long customer) {
    return Arrays.binarySearch(customers, 0, size, customer);
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
    return anchor[i];
  }

  long customer(int i) {
    return customers[i];
  }
}
