package io.affinity.campaigns.segments;

import io.affinity.recommender.index.Categories;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps table {@code segment_facts} in step with the events table: per customer, the time of the
 * last purchase in every category prefix and of the last campaign open and click. Behaviour rules
 * read these few rows per customer instead of scanning events.
 *
 * <p>Freshness: {@link #catchUp()} runs before every count, preview and snapshot and reads the
 * events added since the last run (by event id), so a query sees every event committed before it
 * started. Auto-increment ids are handed out before commit, so an ingest transaction can commit
 * after a later-numbered one has been read; to catch such stragglers a run re-reads the last
 * {@value #RESCAN_IDS} ids below the previous high-water mark (facts keep a maximum, so reading an
 * event twice changes nothing). It does so when it finds new events, and for {@value #STRAGGLER_MS}
 * ms after the mark last moved (by any node: the time is in the progress row); after that quiet
 * spell a run with no new events reads nothing, so counts on a quiet database cost no write. {@link
 * #rebuild()} recomputes everything.
 */
@Singleton
public class BehaviourFacts {
  /** Ids re-read below the high-water mark on every run that finds new events. */
  public static final long RESCAN_IDS = 20_000;

  /**
   * How long after the high-water mark moved a transaction numbered below it may still commit: an
   * ingest batch lasts well under a minute.
   */
  public static final long STRAGGLER_MS = 60_000;

  /** Events read per step, so that a large catch-up does not hold everything in memory. */
  static final long STEP_IDS = 250_000;

  private static final String UPSERT_HEAD =
      "INSERT INTO segment_facts (kind, fact_key, customer_id, last_at, changed_at) VALUES ";
  private static final String UPSERT_TAIL =
      " ON DUPLICATE KEY UPDATE changed_at = CASE WHEN VALUES(last_at) > last_at"
          + " THEN VALUES(changed_at) ELSE changed_at END,"
          + " last_at = GREATEST(last_at, VALUES(last_at))";
  private static final int ROWS_PER_STATEMENT = 500;

  private final TransactionOperations<Connection> tx;

  /** The range just below the mark as this node last read it, or null (then it re-reads). */
  private RangePrint seen;

  public BehaviourFacts(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /**
   * Reads the events added since the last run; returns how many event rows were read. Each step of
   * {@value #STEP_IDS} ids commits with its progress, so a long catch-up (a rebuild) is not one
   * huge transaction and resumes where it stopped.
   */
  public synchronized long catchUp() {
    long[] marks =
        tx.executeRead(
            status -> {
              Connection c = status.getConnection();
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT last_event_id, updated_at, (SELECT COALESCE(MAX(id), 0) FROM"
                              + " events) FROM segment_facts_progress WHERE id = 1");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
              }
            });
    long last = marks[0];
    long max = marks[2];
    boolean quiet = System.currentTimeMillis() - marks[1] > STRAGGLER_MS;
    if (max <= last && quiet) {
      return 0;
    }
    long rescanFrom = Math.max(0, last - RESCAN_IDS);
    if (seen != null && seen.equals(print(rescanFrom, last))) {
      // Nothing committed below the mark since this node last read up to it: no straggler.
      rescanFrom = last;
    }
    if (rescanFrom >= max) {
      return 0;
    }
    // Taken before the events are read, so that a row it counts is one the reading below sees.
    RangePrint next = print(Math.max(0, max - RESCAN_IDS), max);
    long read = 0;
    for (long from = rescanFrom; from < max; from += STEP_IDS) {
      long start = from;
      long to = Math.min(max, from + STEP_IDS);
      read +=
          tx.executeWrite(
              status -> {
                Connection c = status.getConnection();
                long rows = apply(c, start, to);
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE segment_facts_progress SET last_event_id = ?, updated_at = ?"
                            + " WHERE id = 1 AND last_event_id < ?")) {
                  ps.setLong(1, to);
                  ps.setLong(2, System.currentTimeMillis());
                  ps.setLong(3, to);
                  ps.executeUpdate();
                }
                return rows;
              });
    }
    seen = next;
    return read;
  }

  /** How many events there are with {@code from < id <= to}, and the sum of their ids. */
  private RangePrint print(long from, long to) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT COUNT(*), COALESCE(SUM(id), 0) FROM events WHERE id > ? AND id <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new RangePrint(from, to, rs.getLong(1), rs.getLong(2));
            }
          }
        });
  }

  /**
   * The events of an id range as one node saw them just before reading it: a transaction that
   * commits into the range later changes the count or the sum of ids.
   */
  private record RangePrint(long from, long to, long count, long idSum) {}

  /** Forgets every fact and reads all events again; returns how many event rows were read. */
  public synchronized long rebuild() {
    seen = null;
    tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (PreparedStatement del = c.prepareStatement("DELETE FROM segment_facts");
              PreparedStatement reset =
                  c.prepareStatement(
                      "UPDATE segment_facts_progress SET last_event_id = 0 WHERE id = 1")) {
            del.executeUpdate();
            reset.executeUpdate();
          }
          return null;
        });
    return catchUp();
  }

  /** Folds the events with {@code from < id <= to} into the facts. */
  private static long apply(Connection c, long from, long to) throws SQLException {
    Map<FactKey, Long> facts = new HashMap<>();
    long rows = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.type, e.customer_id, p.category_path, MAX(e.occurred_at)"
                + " FROM events e LEFT JOIN products p ON p.id = e.product_id"
                + " WHERE e.id > ? AND e.id <= ? AND e.type IN ('purchase', 'open', 'click')"
                + " GROUP BY e.type, e.customer_id, p.category_path")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          String type = rs.getString(1);
          long customer = rs.getLong(2);
          String path = rs.getString(3);
          long at = rs.getLong(4);
          if (!type.equals("purchase")) {
            facts.merge(new FactKey(type, "", customer), at, Math::max);
          } else if (path != null) {
            for (String prefix : Categories.prefixes(path)) {
              facts.merge(new FactKey("category", prefix, customer), at, Math::max);
            }
          }
        }
      }
    }
    upsert(c, facts);
    return rows;
  }

  private static void upsert(Connection c, Map<FactKey, Long> facts) throws SQLException {
    List<Map.Entry<FactKey, Long>> all = new ArrayList<>(facts.entrySet());
    // A fixed order keeps concurrent upserts (another node) from deadlocking on each other.
    all.sort(Map.Entry.comparingByKey());
    long now = System.currentTimeMillis();
    for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
      List<Map.Entry<FactKey, Long>> chunk =
          all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
      String sql =
          UPSERT_HEAD
              + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?)"))
              + UPSERT_TAIL;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Map.Entry<FactKey, Long> e : chunk) {
          ps.setString(p++, e.getKey().kind());
          ps.setString(p++, e.getKey().key());
          ps.setLong(p++, e.getKey().customer());
          ps.setLong(p++, e.getValue());
          ps.setLong(p++, now);
        }
        ps.executeUpdate();
      }
    }
  }

  /** One fact's identity: kind, key (a category prefix, or empty) and customer. */
  private record FactKey(String kind, String key, long customer) implements Comparable<FactKey> {
    @Override
    public int compareTo(FactKey o) {
      int k = kind.compareTo(o.kind);
      if (k != 0) {
        return k;
      }
      int f = key.compareTo(o.key);
      return f != 0 ? f : Long.compare(customer, o.customer);
    }
  }
}
