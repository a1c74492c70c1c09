package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Transactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;

/**
 * Sending processes and their heartbeats. Each engine registers a fresh worker id when it starts
 * and beats while it runs. Recipients claimed by a worker whose heartbeat is older than the lease
 * (a process killed mid-send, a machine that died) become {@code ambiguous}: they may or may not
 * have been sent, and sending them again could mean a double send, so they are reported, never
 * retried automatically.
 */
@Singleton
public class WorkerRegistry {
  private final Transactions tx;

  public WorkerRegistry(Transactions tx) {
    this.tx = tx;
  }

  /** Registers worker {@code id} as alive at {@code now}. */
  public void register(String id, String host, long now) {
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO delivery_workers (id, host, started_at, heartbeat_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, host);
            ps.setLong(3, now);
            ps.setLong(4, now);
            return ps.executeUpdate();
          }
        });
  }

  /** Records that worker {@code id} is alive at {@code now}. */
  public void heartbeat(String id, long now) {
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE delivery_workers SET heartbeat_at = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, id);
            return ps.executeUpdate();
          }
        });
  }

  /** Removes worker {@code id} after a clean stop. */
  public void unregister(String id) {
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM delivery_workers WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Marks the recipients of campaign {@code campaignId} claimed by workers without a heartbeat
   * since {@code aliveSince} as ambiguous, except those of {@code sweeper}, the worker sweeping: it
   * is alive, even if its own heartbeat is late (a long GC pause, a busy machine), and will record
   * the outcomes of its claims itself.
   *
   * @return how many became ambiguous
   */
  public int sweep(long campaignId, long aliveSince, String sweeper) {
    return tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_recipients SET state = 'ambiguous', error = CONCAT('claimed"
                      + " by worker ', claimed_by, ', which stopped before recording the outcome:"
                      + " it may or may not have been sent') WHERE campaign_id = ?"
                      + " AND state = 'claimed' AND claimed_by <> ? AND claimed_by NOT IN"
                      + " (SELECT id FROM delivery_workers WHERE heartbeat_at >= ?)")) {
            ps.setLong(1, campaignId);
            ps.setString(2, sweeper);
            ps.setLong(3, aliveSince);
            return ps.executeUpdate();
          }
        });
  }
}
