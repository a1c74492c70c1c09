package io.affinity.recommender.model;

import io.affinity.recommender.evaluation.HoldoutCheck;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code models} table: which models were trained, on what, and which are still served. */
@Singleton
public class ModelRegistry {
  private static final String COLUMNS =
      "version, created_at, data_from, data_to, events, users, items, indicators, signals,"
          + " training_millis, metrics, path, status";

  private final TransactionOperations<Connection> tx;
  private final JsonMapper json;

  public ModelRegistry(TransactionOperations<Connection> tx, JsonMapper json) {
    this.tx = tx;
    this.json = json;
  }

  /** Registers a model and returns it with its version. */
  public ModelInfo register(ModelInfo m) {
    return tx.executeWrite(
        status -> {
          String sql =
              "INSERT INTO models (created_at, data_from, data_to, events, users, items, indicators,"
                  + " signals, training_millis, metrics, path, status)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, m.createdAt().toEpochMilli());
            ps.setLong(2, m.dataFrom().toEpochMilli());
            ps.setLong(3, m.dataTo().toEpochMilli());
            ps.setLong(4, m.events());
            ps.setInt(5, m.users());
            ps.setInt(6, m.items());
            ps.setLong(7, m.indicators());
            ps.setString(8, String.join(",", m.signals()));
            ps.setLong(9, m.trainingMillis());
            ps.setString(10, m.metrics() == null ? null : writeJson(m.metrics()));
            ps.setString(11, m.path());
            ps.setString(12, m.status());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              long version = keys.getLong(1);
              return new ModelInfo(
                  version,
                  m.createdAt(),
                  m.dataFrom(),
                  m.dataTo(),
                  m.events(),
                  m.users(),
                  m.items(),
                  m.indicators(),
                  m.signals(),
                  m.trainingMillis(),
                  m.metrics(),
                  m.path(),
                  m.status());
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not register the model", e);
          }
        });
  }

  /** The newest models first, at most {@code limit}. */
  public List<ModelInfo> latest(int limit) {
    return query("SELECT " + COLUMNS + " FROM models ORDER BY version DESC LIMIT " + limit);
  }

  /** The newest active model, if any. */
  public Optional<ModelInfo> newestActive() {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM models WHERE status = 'active' ORDER BY version DESC LIMIT 1")
        .stream()
        .findFirst();
  }

  /** Marks {@code version} retired (its files are gone). */
  public void retire(long version) {
    tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement("UPDATE models SET status = 'retired' WHERE version = ?")) {
            ps.setLong(1, version);
            return ps.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException("Could not retire model " + version, e);
          }
        });
  }

  private List<ModelInfo> query(String sql) {
    return tx.executeRead(
        status -> {
          List<ModelInfo> models = new ArrayList<>();
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              models.add(
                  new ModelInfo(
                      rs.getLong(1),
                      Instant.ofEpochMilli(rs.getLong(2)),
                      Instant.ofEpochMilli(rs.getLong(3)),
                      Instant.ofEpochMilli(rs.getLong(4)),
                      rs.getLong(5),
                      rs.getInt(6),
                      rs.getInt(7),
                      rs.getLong(8),
                      rs.getString(9).isEmpty()
                          ? List.of()
                          : Arrays.asList(rs.getString(9).split(",")),
                      rs.getLong(10),
                      readMetrics(rs.getString(11)),
                      rs.getString(12),
                      rs.getString(13)));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the model registry", e);
          }
          return models;
        });
  }

  private String writeJson(HoldoutCheck.Result metrics) {
    try {
      return json.writeValueAsString(metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the model's metrics", e);
    }
  }

  private HoldoutCheck.Result readMetrics(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, HoldoutCheck.Result.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read a model's metrics: " + text, e);
    }
  }
}
