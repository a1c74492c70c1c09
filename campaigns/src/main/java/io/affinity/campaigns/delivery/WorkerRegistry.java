package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Transactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sending processes and their heartbeats. Each engine registers a fresh worker id when it starts
 * and beats while it runs. When a worker's heartbeat is older than the lease (a process killed
 * mid-send, a machine that died), its rows are cleaned up: a claimed row it was handing to the SMTP
 * server (with {@code handed_at}) becomes {@code ambiguous} (it may or may not have been accepted,
 * and sending it again could mean a double send, so it is reported and resent only when an operator
 * asks); a row it had only claimed goes back to {@code pending} (or {@code cancelled}, if its
 * campaign was), since nothing of it was handed over.
 */
@Singleton
public class WorkerRegistry {
  private static final String AMBIGUOUS =
      "UPDATE campaign_recipients SET state = 'ambiguous', error = CONCAT('handed to the SMTP"
          + " server by worker ', claimed_by, ', which stopped before recording the reply: it may"
          + " or may not have been accepted') WHERE state = 'claimed' AND handed_at IS NOT NULL AND ";
  // A worker's claim of a cancelled campaign's row is released as cancelled, like a live worker's.
  private static final String RELEASED =
      "UPDATE campaign_recipients SET state = CASE WHEN (SELECT k.status FROM campaigns k WHERE"
          + " k.id = campaign_recipients.campaign_id) = 'cancelled' THEN 'cancelled' ELSE"
          + " 'pending' END, claimed_by = NULL, claim_token = NULL WHERE state = 'claimed'"
          + " AND handed_at IS NULL AND ";
  private static final String OF_DEAD_IN_CAMPAIGN =
      "campaign_id = ? AND claimed_by <> ? AND claimed_by NOT IN"
          + " (SELECT id FROM delivery_workers WHERE heartbeat_at >= ?)";

  /** Campaign ids per statement of a dead worker's sweep. */
  private static final int CHUNK = 500;

  private final Transactions tx;

  public WorkerRegistry(Transactions tx) {
    this.tx = tx;
  }

  /**
   * What a sweep did.
   *
   * @param ambiguous rows handed to SMTP by a dead worker, now ambiguous
   * @param released rows a dead worker had claimed but not handed over, now pending (or cancelled)
   */
  public record Swept(int ambiguous, int released) {
    static final Swept NONE = new Swept(0, 0);

    Swept plus(Swept o) {
      return new Swept(ambiguous + o.ambiguous, released + o.released);
    }
  }

  /** Registers worker {@code id} as alive at {@code now}. */
  public void register(String id, String host, long now) {
    tx.write(c -> insert(c, id, host, now));
  }

  private static int insert(Connection c, String id, String host, long now) throws SQLException {
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
  }

  /**
   * Records that worker {@code id} is alive at {@code now}; registers it again if another engine
   * took it for dead (a long pause) and removed it, so that its next claims are not cleaned up.
   */
  public void heartbeat(String id, long now) {
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE delivery_workers SET heartbeat_at = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, id);
            if (ps.executeUpdate() > 0) {
              return 1;
            }
          }
          return insert(c, id, null, now);
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
   * Cleans up the rows of campaign {@code campaignId} held by workers without a heartbeat since
   * {@code aliveSince} (or never registered), except those of {@code sweeper}, the worker sweeping:
   * it is alive, even if its own heartbeat is late (a long GC pause, a busy machine), and will
   * record the outcomes of its claims itself.
   */
  public Swept sweep(long campaignId, long aliveSince, String sweeper) {
    return tx.write(
        c -> {
          int ambiguous;
          try (PreparedStatement ps = c.prepareStatement(AMBIGUOUS + OF_DEAD_IN_CAMPAIGN)) {
            ps.setLong(1, campaignId);
            ps.setString(2, sweeper);
            ps.setLong(3, aliveSince);
            ambiguous = ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(RELEASED + OF_DEAD_IN_CAMPAIGN)) {
            ps.setLong(1, campaignId);
            ps.setString(2, sweeper);
            ps.setLong(3, aliveSince);
            return new Swept(ambiguous, ps.executeUpdate());
          }
        });
  }

  /**
   * Removes every registered worker other than {@code sweeper} without a heartbeat since {@code
   * aliveSince} and cleans up its rows in every campaign it may have claimed from, whatever the
   * campaign's status (paused, cancelled, finished too), each worker in one transaction. A worker
   * that beats meanwhile is left alone (the removal re-checks its heartbeat under the row's lock).
   */
  public Swept sweepDead(long aliveSince, String sweeper) {
    List<String[]> dead =
        tx.read(
            c -> {
              List<String[]> ids = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id, started_at FROM delivery_workers WHERE heartbeat_at < ?"
                          + " AND id <> ?")) {
                ps.setLong(1, aliveSince);
                ps.setString(2, sweeper);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ids.add(new String[] {rs.getString(1), String.valueOf(rs.getLong(2))});
                  }
                }
              }
              return ids;
            });
    Swept total = Swept.NONE;
    for (String[] worker : dead) {
      total =
          total.plus(
              tx.write(c -> sweepWorker(c, worker[0], Long.parseLong(worker[1]), aliveSince)));
    }
    return total;
  }

  private static Swept sweepWorker(Connection c, String worker, long startedAt, long aliveSince)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM delivery_workers WHERE id = ? AND heartbeat_at < ?")) {
      ps.setString(1, worker);
      ps.setLong(2, aliveSince);
      if (ps.executeUpdate() == 0) {
        return Swept.NONE;
      }
    }
    Swept swept = Swept.NONE;
    List<Long> campaigns = campaignsSince(c, startedAt);
    // By campaign, so that the (campaign_id, state) index finds the rows: no index on claimed_by
    // (it would cost an update on every claim for the sake of a rare sweep).
    for (int from = 0; from < campaigns.size(); from += CHUNK) {
      List<Long> part = campaigns.subList(from, Math.min(campaigns.size(), from + CHUNK));
      String where = "campaign_id IN (" + "?, ".repeat(part.size() - 1) + "?) AND claimed_by = ?";
      swept = swept.plus(new Swept(update(c, AMBIGUOUS + where, part, worker), 0));
      swept = swept.plus(new Swept(0, update(c, RELEASED + where, part, worker)));
    }
    return swept;
  }

  /**
   * The campaigns a worker started at {@code startedAt} may hold rows of: those running or paused,
   * and those finished or cancelled since (a campaign finished or cancelled before takes no
   * claims).
   */
  private static List<Long> campaignsSince(Connection c, long startedAt) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM campaigns WHERE status IN ('running', 'paused')"
                + " OR (status IN ('finished', 'cancelled')"
                + " AND (finished_at IS NULL OR finished_at >= ?))")) {
      ps.setLong(1, startedAt);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private static int update(Connection c, String sql, List<Long> campaigns, String worker)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (long id : campaigns) {
        ps.setLong(i++, id);
      }
      ps.setString(i, worker);
      return ps.executeUpdate();
    }
  }
}
