package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The purchases of recently reported periods saved in the database ({@link SnapshotStore}, {@link
 * PurchaseSnapshotCodec}: about 17 bytes a line), stamped with their period and event-id watermark,
 * so that a node that keeps none in memory reads a few megabytes instead of a few hundred thousand
 * rows. A snapshot is never trusted as it is: {@link KeptPurchases} brings it up to date with the
 * purchases since its watermark and checks the period's count, as it does for those it keeps.
 */
@Singleton
public class PurchaseSnapshots {
  /**
   * The bytes of purchases kept saved, the latest saved first: about 50 periods of 290,000 lines (5
   * MB each), a window and a pre-period for each of 25 campaigns.
   */
  static final long BUDGET = 256L << 20;

  private static final String FAMILY = "purchases/";

  private final SnapshotStore store;

  public PurchaseSnapshots(SnapshotStore store) {
    this.store = store;
  }

  /**
   * The purchases saved for the period starting at {@code from}, with product and order when {@code
   * full}, if their period ends at or before {@code to}; else null.
   */
  PurchaseRows load(Connection c, boolean full, long from, long to) throws SQLException {
    String name = name(full, from);
    String stamp = store.stamp(c, name);
    if (stamp == null) {
      return null;
    }
    String[] f = stamp.split("/");
    long savedTo = Long.parseLong(f[0]);
    long watermark = Long.parseLong(f[1]);
    int size = Integer.parseInt(f[2]);
    if (savedTo > to) {
      return null;
    }
    byte[] bytes = store.load(c, name, stamp);
    PurchaseRows rows = bytes == null ? null : PurchaseSnapshotCodec.decode(bytes);
    boolean same =
        rows != null
            && rows.full == full
            && rows.from == from
            && rows.to == savedTo
            && rows.watermark == watermark
            && rows.size() == size;
    return same ? rows : null;
  }

  /** Saves {@code rows} in the background, in place of any saved for their period's start. */
  void saveLater(PurchaseRows rows) {
    store.saveLater(
        name(rows.full, rows.from),
        rows.to + "/" + rows.watermark + "/" + rows.size(),
        () -> PurchaseSnapshotCodec.encode(rows),
        FAMILY,
        BUDGET);
  }

  private static String name(boolean full, long from) {
    return FAMILY + (full ? "full/" : "pre/") + from;
  }
}
