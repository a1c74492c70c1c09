package io.affinity.core.value;

import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Reads {@link RawMetrics} out of the events table with grouped queries: for every customer (a full
 * run) or for a few (an incremental refresh), counting only events before a cut-off time.
 *
 * <p>Four queries, each streamed in customer order: purchase totals, categories, channels and
 * campaign responses. The database does the grouping; Java only picks the top categories and the
 * latest response.
 */
final class RawMetricsReader {
  /** Categories kept per customer. */
  static final int TOP_CATEGORIES = 3;

  private static final String TOTALS =
      """
      SELECT e.customer_id,
        MIN(CASE WHEN e.type = 'purchase' THEN e.occurred_at END),
        MAX(CASE WHEN e.type = 'purchase' THEN e.occurred_at END),
        COUNT(DISTINCT CASE WHEN e.type = 'purchase'
                            THEN COALESCE(e.order_id, e.client_event_id) END),
        COUNT(DISTINCT CASE WHEN e.type = 'purchase' THEN FLOOR(e.occurred_at / 86400000) END),
        COALESCE(SUM(CASE WHEN e.type = 'purchase' THEN e.quantity * e.unit_price
                          ELSE -e.quantity * e.unit_price END), 0),
        COALESCE(SUM(CASE WHEN e.type = 'purchase'
                          THEN e.quantity * (e.unit_price - COALESCE(p.cost, 0))
                          ELSE -e.quantity * (e.unit_price - COALESCE(p.cost, 0)) END), 0)
      FROM events e LEFT JOIN products p ON p.id = e.product_id
      WHERE e.type IN ('purchase', 'return') AND e.occurred_at < ? %s
      GROUP BY e.customer_id
      """;

  private static final String CATEGORIES =
      """
      SELECT e.customer_id, p.category_path,
        SUM(CASE WHEN e.type = 'purchase' THEN e.quantity * e.unit_price
                 ELSE -e.quantity * e.unit_price END)
      FROM events e JOIN products p ON p.id = e.product_id
      WHERE e.type IN ('purchase', 'return') AND p.category_path IS NOT NULL
        AND e.occurred_at < ? %s
      GROUP BY e.customer_id, p.category_path
      """;

  private static final String CHANNELS =
      """
      SELECT e.customer_id, e.source, COUNT(DISTINCT COALESCE(e.order_id, e.client_event_id))
      FROM events e
      WHERE e.type = 'purchase' AND e.source IS NOT NULL AND e.occurred_at < ? %s
      GROUP BY e.customer_id, e.source
      """;

  private static final String RESPONSES =
      """
      SELECT e.customer_id, e.type, e.campaign_id, e.occurred_at, e.id
      FROM events e
      WHERE e.type IN ('open', 'click', 'unsubscribe', 'conversion')
        AND e.campaign_id IS NOT NULL AND e.occurred_at < ? %s
      """;

  private RawMetricsReader() {}

  /**
   * The raw metrics of every customer with a purchase, return or campaign response before {@code
   * before}; {@code progress} is told of each totals row read.
   */
  static List<RawMetrics> readAll(Connection c, long before, LongConsumer progress)
      throws SQLException {
    return read(c, before, List.of(), progress);
  }

  /** The raw metrics of {@code customerIds} (those with any relevant event). */
  static List<RawMetrics> readSome(Connection c, long before, Collection<Long> customerIds)
      throws SQLException {
    if (customerIds.isEmpty()) {
      return List.of();
    }
    return read(c, before, customerIds, n -> {});
  }

  private static List<RawMetrics> read(
      Connection c, long before, Collection<Long> ids, LongConsumer progress) throws SQLException {
    String filter =
        ids.isEmpty() ? "" : "AND e.customer_id IN (" + "?, ".repeat(ids.size() - 1) + "?)";
    Long2ObjectOpenHashMap<Builder> builders = new Long2ObjectOpenHashMap<>();
    query(
        c,
        TOTALS.formatted(filter),
        before,
        ids,
        rs -> {
          Builder b = builders.computeIfAbsent(rs.getLong(1), Builder::new);
          b.first = nullableLong(rs, 2);
          b.last = nullableLong(rs, 3);
          b.orders = rs.getInt(4);
          b.days = rs.getInt(5);
          b.revenue = rs.getBigDecimal(6);
          b.margin = rs.getBigDecimal(7);
          progress.accept(1);
        });
    query(
        c,
        CATEGORIES.formatted(filter),
        before,
        ids,
        rs ->
            builders
                .computeIfAbsent(rs.getLong(1), Builder::new)
                .category(rs.getString(2), rs.getBigDecimal(3)));
    query(
        c,
        CHANNELS.formatted(filter),
        before,
        ids,
        rs ->
            builders
                .computeIfAbsent(rs.getLong(1), Builder::new)
                .channel(rs.getString(2), rs.getInt(3)));
    query(
        c,
        RESPONSES.formatted(filter),
        before,
        ids,
        rs ->
            builders
                .computeIfAbsent(rs.getLong(1), Builder::new)
                .response(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    List<RawMetrics> out = new ArrayList<>(builders.size());
    for (Map.Entry<Long, Builder> e : builders.long2ObjectEntrySet()) {
      out.add(e.getValue().build());
    }
    out.sort(java.util.Comparator.comparingLong(RawMetrics::customerId));
    return out;
  }

  /** Handles one row of a result set. */
  private interface RowHandler {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(
      Connection c, String sql, long before, Collection<Long> ids, RowHandler handler)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Streaming.enable(c, ps);
      int p = 1;
      ps.setLong(p++, before);
      for (long id : ids) {
        ps.setLong(p++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.accept(rs);
        }
      }
    }
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** Collects one customer's rows from the four queries. */
  private static final class Builder {
    private final long customerId;
    private Long first;
    private Long last;
    private int orders;
    private int days;
    private BigDecimal revenue = BigDecimal.ZERO;
    private BigDecimal margin = BigDecimal.ZERO;
    private final List<Map.Entry<String, BigDecimal>> categories = new ArrayList<>(4);
    private String channel;
    private int channelOrders;
    private RawMetrics.CampaignResponse response;
    private long responseEventId;

    Builder(long customerId) {
      this.customerId = customerId;
    }

    void category(String name, BigDecimal value) {
      if (value != null && value.signum() > 0) {
        categories.add(Map.entry(name, value));
      }
    }

    void channel(String source, int count) {
      // Most orders wins; a tie goes to the alphabetically first source, so reruns agree.
      if (count > channelOrders || (count == channelOrders && source.compareTo(channel) < 0)) {
        channel = source;
        channelOrders = count;
      }
    }

    void response(String type, long campaignId, long at, long eventId) {
      // Latest by time, then by event id for events in the same millisecond.
      if (response == null
          || at > response.at()
          || (at == response.at() && eventId > responseEventId)) {
        response = new RawMetrics.CampaignResponse(type, campaignId, at);
        responseEventId = eventId;
      }
    }

    RawMetrics build() {
      categories.sort(
          Map.Entry.<String, BigDecimal>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      List<String> top = categories.stream().limit(TOP_CATEGORIES).map(Map.Entry::getKey).toList();
      return new RawMetrics(
          customerId, first, last, orders, days, revenue, margin, top, channel, response);
    }
  }
}
