package io.affinity.campaigns.segments;

import io.affinity.core.error.NotFoundException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves segments with their versions: creating one stores version 1, each update adds the next
 * version and makes it current, and no version is ever changed or removed.
 */
@Singleton
public class SegmentStore {
  private final TransactionOperations<Connection> tx;
  private final JsonMapper json;

  public SegmentStore(TransactionOperations<Connection> tx, JsonMapper json) {
    this.tx = tx;
    this.json = json;
  }

  /** Saves a new segment as version 1; returns its id. */
  public long create(SegmentDefinition d) {
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segments (current_version, created_at, updated_at) VALUES (1, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          insertVersion(c, id, 1, d, now);
          return id;
        });
  }

  /**
   * Saves {@code d} as the next version of segment {@code id}; returns the new version number.
   *
   * @throws NotFoundException if there is no such segment
   */
  public int update(long id, SegmentDefinition d) {
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          int version;
          // The row lock serialises concurrent updates of one segment: no version is taken twice.
          try (PreparedStatement ps =
              c.prepareStatement("SELECT current_version FROM segments WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("segment", String.valueOf(id));
              }
              version = rs.getInt(1) + 1;
            }
          }
          insertVersion(c, id, version, d, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE segments SET current_version = ?, updated_at = ? WHERE id = ?")) {
            ps.setInt(1, version);
            ps.setLong(2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
          }
          return version;
        });
  }

  /**
   * Segment {@code id} with every version, newest first.
   *
   * @throws NotFoundException if there is no such segment
   */
  public SegmentView find(long id) {
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          long created;
          long updated;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT created_at, updated_at FROM segments WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("segment", String.valueOf(id));
              }
              created = rs.getLong(1);
              updated = rs.getLong(2);
            }
          }
          List<SegmentVersion> versions = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT version, name, description, definition, created_at"
                      + " FROM segment_versions WHERE segment_id = ? ORDER BY version DESC")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                versions.add(
                    new SegmentVersion(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        read(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
              }
            }
          }
          SegmentVersion current = versions.get(0);
          return new SegmentView(
              id,
              current.version(),
              current.name(),
              current.description(),
              current.rules(),
              Instant.ofEpochMilli(created),
              Instant.ofEpochMilli(updated),
              versions);
        });
  }

  /**
   * Segments with their current version's name, most recently updated first (ties: the higher id
   * first), skipping {@code offset} and returning at most {@code limit}.
   */
  public List<SegmentSummary> list(int limit, int offset) {
    return tx.executeRead(
        status -> {
          List<SegmentSummary> rows = new ArrayList<>();
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT s.id, s.current_version, v.name, v.description, s.created_at,"
                          + " s.updated_at FROM segments s JOIN segment_versions v"
                          + " ON v.segment_id = s.id AND v.version = s.current_version"
                          + " ORDER BY s.updated_at DESC, s.id DESC LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new SegmentSummary(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        Instant.ofEpochMilli(rs.getLong(6))));
              }
            }
          }
          return rows;
        });
  }

  /**
   * The current version of segment {@code id}, checked again (a stored definition always passed the
   * checks, but the grammar may have grown stricter since).
   *
   * @throws NotFoundException if there is no such segment
   */
  public SegmentDefinition current(long id) {
    SegmentView view = find(id);
    return SegmentDefinition.parse(Map.of("name", view.name(), "rules", view.rules()), true);
  }

  private void insertVersion(Connection c, long id, int version, SegmentDefinition d, long now)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO segment_versions (segment_id, version, name, description, definition,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, version);
      ps.setString(3, d.name());
      ps.setString(4, d.description());
      ps.setString(5, json.writeValueAsString(d.rulesJson()));
      ps.setLong(6, now);
      ps.executeUpdate();
    }
  }

  private Object read(String definition) {
    try {
      return json.readValue(definition, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
