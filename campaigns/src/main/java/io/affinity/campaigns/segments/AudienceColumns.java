package io.affinity.campaigns.segments;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.math.BigDecimal;
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
 * The columns segment rules read, in memory: one slot per customer (a dense number), primitive
 * arrays per field, text as dictionary codes, and the behaviour facts per (kind, key). Not
 * thread-safe: {@link InMemoryCounter} refreshes and reads it under one lock.
 */
final class AudienceColumns {
  static final long NO_TIME = Long.MIN_VALUE;
  static final int NO_CODE = -1;

  final Long2IntOpenHashMap slotOf = new Long2IntOpenHashMap();
  int size;
  long[] ids = new long[1024];
  boolean[] present = new boolean[1024];
  boolean[] consent = new boolean[1024];
  boolean[] hasEmail = new boolean[1024];
  long[] household = new long[1024];
  final Map<ProfileField, int[]> text = new HashMap<>();
  final Map<ProfileField, double[]> numbers = new HashMap<>();
  long[] lastPurchaseAt = new long[1024];
  final Object2IntOpenHashMap<String> dictionary = new Object2IntOpenHashMap<>();

  /** The text of each dictionary code, by code. */
  final List<String> texts = new ArrayList<>();

  final Map<String, Int2LongOpenHashMap> facts = new HashMap<>();

  /** When the previous refresh started (wall clock), or MIN_VALUE before the first. */
  long lastRefreshAt = Long.MIN_VALUE;

  private static final List<ProfileField> TEXT_FIELDS =
      List.of(
          ProfileField.COUNTRY,
          ProfileField.POSTCODE,
          ProfileField.PREFERRED_CHANNEL,
          ProfileField.RFM_SEGMENT);
  private static final List<ProfileField> METRIC_NUMBERS =
      List.of(
          ProfileField.ORDERS,
          ProfileField.REVENUE,
          ProfileField.AVG_ORDER_VALUE,
          ProfileField.R_SCORE,
          ProfileField.F_SCORE,
          ProfileField.M_SCORE,
          ProfileField.HISTORIC_CLV,
          ProfileField.PREDICTED_CLV_12M,
          ProfileField.CHURN_PROBABILITY);

  AudienceColumns() {
    slotOf.defaultReturnValue(-1);
    dictionary.defaultReturnValue(NO_CODE);
    for (ProfileField f : TEXT_FIELDS) {
      text.put(f, filled(new int[1024], NO_CODE));
    }
    for (ProfileField f : METRIC_NUMBERS) {
      numbers.put(f, filled(new double[1024], Double.NaN));
    }
    Arrays.fill(lastPurchaseAt, NO_TIME);
  }

  /** Key of the facts of {@code kind} and {@code key} (a category prefix, or empty). */
  static String factKey(String kind, String key) {
    return kind + '\u0000' + key;
  }

  /**
   * Reads what changed since the last refresh: the rows stamped from {@code slackMs} before the
   * previous refresh started. A row is stamped by its writer's clock before it commits; as long as
   * a transaction lasts less than the slack (and clocks agree within it), a row stamped earlier was
   * committed before the previous refresh and has been read.
   */
  void refresh(Connection c, long slackMs) throws SQLException {
    long since = lastRefreshAt == Long.MIN_VALUE ? Long.MIN_VALUE : lastRefreshAt - slackMs;
    lastRefreshAt = System.currentTimeMillis();
    readCustomers(c, since);
    readMetrics(c, since);
    readFacts(c, since);
  }

  private void readCustomers(Connection c, long since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, email_consent, email IS NOT NULL, household_id, country, postcode,"
                + " preferred_channel FROM customers WHERE updated_at >= ?")) {
      ps.setLong(1, since);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int s = slot(rs.getLong(1));
          present[s] = true;
          consent[s] = rs.getBoolean(2);
          hasEmail[s] = rs.getBoolean(3);
          long h = rs.getLong(4);
          household[s] = rs.wasNull() ? 0 : h;
          text.get(ProfileField.COUNTRY)[s] = code(rs.getString(5));
          text.get(ProfileField.POSTCODE)[s] = code(rs.getString(6));
          text.get(ProfileField.PREFERRED_CHANNEL)[s] = code(rs.getString(7));
        }
      }
    }
  }

  private void readMetrics(Connection c, long since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT customer_id, last_purchase_at, orders, revenue, avg_order_value, r_score,"
                + " f_score, m_score, historic_clv, predicted_clv_12m, churn_probability,"
                + " rfm_segment FROM customer_metrics WHERE computed_at >= ?")) {
      ps.setLong(1, since);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int s = slot(rs.getLong(1));
          long at = rs.getLong(2);
          lastPurchaseAt[s] = rs.wasNull() ? NO_TIME : at;
          for (int i = 0; i < METRIC_NUMBERS.size(); i++) {
            BigDecimal v = rs.getBigDecimal(3 + i);
            numbers.get(METRIC_NUMBERS.get(i))[s] = v == null ? Double.NaN : v.doubleValue();
          }
          text.get(ProfileField.RFM_SEGMENT)[s] = code(rs.getString(12));
        }
      }
    }
  }

  private void readFacts(Connection c, long since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, fact_key, customer_id, last_at FROM segment_facts"
                + " WHERE changed_at >= ?")) {
      ps.setLong(1, since);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Int2LongOpenHashMap byKey =
              facts.computeIfAbsent(factKey(rs.getString(1), rs.getString(2)), k -> newFacts());
          byKey.merge(slot(rs.getLong(3)), rs.getLong(4), Math::max);
        }
      }
    }
  }

  private static Int2LongOpenHashMap newFacts() {
    Int2LongOpenHashMap m = new Int2LongOpenHashMap();
    m.defaultReturnValue(NO_TIME);
    return m;
  }

  /** The slot of customer {@code id}, made if new (also for metrics or facts read first). */
  int slot(long id) {
    int s = slotOf.get(id);
    if (s >= 0) {
      return s;
    }
    s = size++;
    if (s == ids.length) {
      grow(ids.length * 2);
    }
    ids[s] = id;
    slotOf.put(id, s);
    return s;
  }

  int code(String value) {
    if (value == null) {
      return NO_CODE;
    }
    int code = dictionary.getInt(value);
    if (code == NO_CODE) {
      code = dictionary.size();
      dictionary.put(value, code);
      texts.add(value);
    }
    return code;
  }

  private void grow(int n) {
    int old = ids.length;
    ids = Arrays.copyOf(ids, n);
    present = Arrays.copyOf(present, n);
    consent = Arrays.copyOf(consent, n);
    hasEmail = Arrays.copyOf(hasEmail, n);
    household = Arrays.copyOf(household, n);
    lastPurchaseAt = Arrays.copyOf(lastPurchaseAt, n);
    Arrays.fill(lastPurchaseAt, old, n, NO_TIME);
    for (Map.Entry<ProfileField, int[]> e : new ArrayList<>(text.entrySet())) {
      int[] a = Arrays.copyOf(e.getValue(), n);
      Arrays.fill(a, old, n, NO_CODE);
      e.setValue(a);
    }
    for (Map.Entry<ProfileField, double[]> e : new ArrayList<>(numbers.entrySet())) {
      double[] a = Arrays.copyOf(e.getValue(), n);
      Arrays.fill(a, old, n, Double.NaN);
      e.setValue(a);
    }
  }

  private static int[] filled(int[] a, int v) {
    Arrays.fill(a, v);
    return a;
  }

  private static double[] filled(double[] a, double v) {
    Arrays.fill(a, v);
    return a;
  }
}
