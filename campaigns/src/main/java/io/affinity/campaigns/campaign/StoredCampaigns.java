package io.affinity.campaigns.campaign;

import io.affinity.core.event.CampaignCatalog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The campaigns table as core's {@link CampaignCatalog}: an event naming a campaign that does not
 * exist (of any kind: e-mail, external or trigger) is refused at ingest instead of being stored and
 * counted in no report.
 */
@Singleton
public class StoredCampaigns implements CampaignCatalog {
  /** Ids per query; a batch holds few distinct campaigns, this only bounds a hostile one. */
  private static final int CHUNK = 500;

  private final TransactionOperations<Connection> tx;

  public StoredCampaigns(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  @Override
  public Set<Long> unknown(Set<Long> ids) {
    List<Long> all = List.copyOf(ids);
    Set<Long> unknown = new HashSet<>(ids);
    tx.executeRead(
        status -> {
          for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            unknown.removeAll(existing(status.getConnection(), chunk));
          }
          return null;
        });
    return unknown;
  }

  private static Set<Long> existing(Connection c, List<Long> ids) {
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM campaigns WHERE id IN (" + marks + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setLong(i + 1, ids.get(i));
      }
      Set<Long> found = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read campaign ids", e);
    }
  }
}
