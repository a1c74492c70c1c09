package io.affinity.service.console.campaigns;

import io.affinity.campaigns.templates.TemplateService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the draft form offers to choose from: the saved segments and the templates, by name. */
@Singleton
class Choices {
  /** The segments by the name of their current version. */
  private static final String SEGMENTS =
      "SELECT s.id, v.name FROM segments s JOIN segment_versions v"
          + " ON v.segment_id = s.id AND v.version = s.current_version ORDER BY v.name, s.id";

  private final TransactionOperations<Connection> tx;
  private final TemplateService templates;

  Choices(TransactionOperations<Connection> tx, TemplateService templates) {
    this.tx = tx;
    this.templates = templates;
  }

  /** Each segment as {@code id} and {@code name}. */
  List<Map<String, String>> segments() {
    return tx.executeRead(
        status -> {
          List<Map<String, String>> out = new ArrayList<>();
          try (PreparedStatement ps = status.getConnection().prepareStatement(SEGMENTS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(Map.of("id", Long.toString(rs.getLong(1)), "name", rs.getString(2)));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not list the segments", e);
          }
          return out;
        });
  }

  /** Each template as {@code id} and {@code name} (with its key). */
  List<Map<String, String>> templates() {
    return templates.list().stream()
        .map(t -> Map.of("id", Long.toString(t.id()), "name", t.name() + " (" + t.key() + ")"))
        .toList();
  }
}
