package io.affinity.campaigns.segments;

import io.affinity.core.error.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongList;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Freezes segments into snapshots, the audiences campaigns use, and reads their members back. A
 * snapshot is written in one transaction: it exists with all its members or not at all.
 */
@Singleton
public class SegmentSnapshots {
  /** Members per page when streaming. */
  public static final int PAGE = 10_000;

  private final TransactionOperations<Connection> tx;
  private final SegmentStore store;
  private final SegmentAudience audience;

  public SegmentSnapshots(
      TransactionOperations<Connection> tx, SegmentStore store, SegmentAudience audience) {
    this.tx = tx;
    this.store = store;
    this.audience = audience;
  }

  /**
   * Freezes the current version of segment {@code segmentId}: the customers it selects now.
   *
   * @throws NotFoundException if there is no such segment
   */
  public Snapshot freeze(long segmentId) {
    SegmentView view = store.find(segmentId);
    SegmentDefinition d =
        SegmentDefinition.parse(Map.of("name", view.name(), "rules", view.rules()), true);
    CompiledRule where = audience.compileFresh(d.rules());
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshots (segment_id, segment_version, size, created_at)"
                      + " VALUES (?, ?, 0, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, segmentId);
            ps.setInt(2, view.version());
            ps.setLong(3, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          List<Object> params = new ArrayList<>();
          params.add(id);
          params.addAll(where.params());
          int size;
          try (PreparedStatement ps =
              SegmentAudience.prepare(
                  c,
                  "INSERT INTO segment_snapshot_members (snapshot_id, customer_id) SELECT ?, c.id"
                      + CompiledRule.FROM
                      + " WHERE "
                      + where.where(),
                  params)) {
            size = ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE segment_snapshots SET size = ? WHERE id = ?")) {
            ps.setInt(1, size);
            ps.setLong(2, id);
            ps.executeUpdate();
          }
          return new Snapshot(id, segmentId, view.version(), size, Instant.ofEpochMilli(now));
        });
  }

  /**
   * Snapshot {@code id}.
   *
   * @throws NotFoundException if there is no such snapshot
   */
  public Snapshot find(long id) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT segment_id, segment_version, size, created_at"
                          + " FROM segment_snapshots WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("snapshot", String.valueOf(id));
              }
              return new Snapshot(
                  id,
                  rs.getLong(1),
                  rs.getInt(2),
                  rs.getInt(3),
                  Instant.ofEpochMilli(rs.getLong(4)));
            }
          }
        });
  }

  /**
   * The snapshots of segment {@code segmentId}, newest first, at most {@code limit}.
   *
   * @throws NotFoundException if there is no such segment
   */
  public List<Snapshot> ofSegment(long segmentId, int limit) {
    store.find(segmentId);
    return tx.executeRead(
        status -> {
          List<Snapshot> rows = new ArrayList<>();
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT id, segment_version, size, created_at FROM segment_snapshots"
                          + " WHERE segment_id = ? ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, segmentId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new Snapshot(
                        rs.getLong(1),
                        segmentId,
                        rs.getInt(2),
                        rs.getInt(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
              }
            }
          }
          return rows;
        });
  }

  /**
   * Up to {@code limit} member customer ids (internal) of snapshot {@code id} above {@code
   * afterCustomerId}, ascending: pass the last id of a page to get the next.
   */
  public LongList members(long id, long afterCustomerId, int limit) {
    return tx.executeRead(
        status -> {
          LongArrayList ids = new LongArrayList();
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT customer_id FROM segment_snapshot_members"
                          + " WHERE snapshot_id = ? AND customer_id > ?"
                          + " ORDER BY customer_id LIMIT ?")) {
            ps.setLong(1, id);
            ps.setLong(2, afterCustomerId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          return ids;
        });
  }

  /**
   * Calls {@code each} with every member customer id (internal) of snapshot {@code id}, ascending,
   * a page of {@value #PAGE} at a time.
   *
   * @throws NotFoundException if there is no such snapshot
   */
  public void forEachMember(long id, LongConsumer each) {
    find(id);
    long after = Long.MIN_VALUE;
    while (true) {
      LongList page = members(id, after, PAGE);
      page.forEach(each);
      if (page.size() < PAGE) {
        return;
      }
      after = page.getLong(page.size() - 1);
    }
  }
}
