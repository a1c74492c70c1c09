package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the purchases of the last few reported periods, so that a report reads only the purchases
 * added since the previous one (a range of the primary key) and counts the period's purchases (one
 * pass over an index, no rows sent) instead of reading a campaign's few hundred thousand purchase
 * lines again. Events are never updated or deleted, so a kept period only grows; the count tells
 * whether a purchase committed late, below the ids already read, was missed, and the period is then
 * read whole again (see {@link PurchaseRows#upTo}). A period read whole is also saved in the
 * database ({@link PurchaseSnapshots}); a node that keeps nothing loads it and brings it up to date
 * the same way.
 */
@Singleton
public class KeptPurchases {
  /** Periods kept: a window and a pre-period for each campaign the recipient cache keeps. */
  static final int PERIODS = 2 * RecipientCache.CAMPAIGNS;

  private record Key(boolean full, long from) {}

  private static final Logger LOG = LoggerFactory.getLogger(KeptPurchases.class);

  /** A loaded snapshot is saved again once the rows added to it are more than 1/10 of it. */
  private static final int RESAVE_SHARE = 10;

  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private final PurchaseSnapshots snapshots;

  public KeptPurchases(PurchaseSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  private final Map<Key, PurchaseRows> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PurchaseRows> eldest) {
          return size() > PERIODS;
        }
      };

  /**
   * The purchases of [{@code from}, {@code to}) as now in the database, with product and order when
   * {@code full} (see {@link PurchaseRows}); {@code c} must be in a REPEATABLE READ transaction.
   */
  PurchaseRows read(Connection c, boolean full, long from, long to) throws SQLException {
    Key key = new Key(full, from);
    PurchaseRows held;
    synchronized (kept) {
      held = kept.get(key);
    }
    long start = System.nanoTime();
    PurchaseRows rows = held == null ? null : held.upTo(c, to);
    String how = "brought up to date";
    if (held == null) {
      PurchaseRows saved = snapshots.load(c, full, from, to);
      rows = saved == null ? null : saved.upTo(c, to);
      how = "loaded and brought up to date";
      if (rows != null) {
        loads.incrementAndGet();
        if (rows.size() - saved.size() > saved.size() / RESAVE_SHARE) {
          snapshots.saveLater(rows); // so that the next load reads fewer rows
        }
      }
    }
    if (rows == null) {
      reads.incrementAndGet();
      rows = PurchaseRows.read(c, full, from, to);
      how = "read whole";
      snapshots.saveLater(rows);
    }
    LOG.debug(
        "{} purchases from {}: {} in {} ms",
        rows.size(),
        from,
        how,
        (System.nanoTime() - start) / 1_000_000);
    synchronized (kept) {
      kept.put(key, rows);
    }
    return rows;
  }

  /** How many times a period was read whole, for tests. */
  long reads() {
    return reads.get();
  }

  /** How many times a period was loaded from a saved snapshot, for tests. */
  long loads() {
    return loads.get();
  }

  /** Forgets every kept period: the next report reads its purchases whole. */
  public void clear() {
    synchronized (kept) {
      kept.clear();
    }
  }
}
