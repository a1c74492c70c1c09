package io.affinity.campaigns.lift;

import io.affinity.core.error.NotFoundException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads a campaign's row (owned by delivery) with plain SQL, so that lift depends only on the
 * columns it names, not on delivery's classes.
 */
@Singleton
public class CampaignLookup {
  private static final String SQL =
      """
      SELECT id, name, kind, status, started_at, finished_at, attribution_days, control_percent,
             variants
      FROM campaigns WHERE id = ?
      """;

  /** One entry of the variants JSON; other fields (template, weight) are delivery's business. */
  @Serdeable
  record Variant(String name) {}

  private final TransactionOperations<Connection> tx;
  private final JsonMapper json;

  public CampaignLookup(TransactionOperations<Connection> tx, JsonMapper json) {
    this.tx = tx;
    this.json = json;
  }

  /**
   * The campaign {@code id}.
   *
   * @throws NotFoundException if there is none
   */
  public CampaignFacts find(long id) {
    return tx.executeRead(status -> find(status.getConnection(), id));
  }

  /** The campaign {@code id}, read on {@code c}. */
  public CampaignFacts find(Connection c, long id) {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("campaign", Long.toString(id));
        }
        return new CampaignFacts(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getObject(5, Long.class),
            rs.getObject(6, Long.class),
            rs.getInt(7),
            rs.getDouble(8),
            variantNames(rs.getString(9)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read campaign " + id, e);
    }
  }

  private List<String> variantNames(String variants) {
    if (variants == null || variants.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(variants, Argument.listOf(Variant.class)).stream()
          .map(Variant::name)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable variants: " + variants, e);
    }
  }
}
