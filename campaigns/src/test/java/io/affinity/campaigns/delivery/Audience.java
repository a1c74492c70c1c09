package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes test customers and a segment snapshot of them with plain SQL (the segments feature owns
 * snapshots; tests only need rows). Every id is prefixed with the test's own run id.
 */
public final class Audience {
  /** One customer to create. */
  public record Person(String externalId, String email, String name, boolean consent) {}

  private final Transactions tx;

  public Audience(Transactions tx) {
    this.tx = tx;
  }

  /** Creates {@code people} (in households of {@code householdSize} when above 1). */
  public List<Long> customers(List<Person> people, int householdSize, String run) {
    return tx.write(
        c -> {
          long now = System.currentTimeMillis();
          List<Long> ids = new ArrayList<>();
          Long household = null;
          for (int i = 0; i < people.size(); i++) {
            if (householdSize > 1 && i % householdSize == 0) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO households (external_id, created_at, updated_at)"
                          + " VALUES (?, ?, ?)",
                      Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, run + "-h" + i);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                  k.next();
                  household = k.getLong(1);
                }
              }
            }
            Person p = people.get(i);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO customers (external_id, email, name, household_id, email_consent,"
                        + " consent_source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
              ps.setString(1, p.externalId());
              ps.setString(2, p.email());
              ps.setString(3, p.name());
              if (household == null) {
                ps.setNull(4, java.sql.Types.BIGINT);
              } else {
                ps.setLong(4, household);
              }
              ps.setBoolean(5, p.consent());
              ps.setString(6, p.consent() ? "signup" : null);
              ps.setLong(7, now);
              ps.setLong(8, now);
              ps.executeUpdate();
              try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                ids.add(k.getLong(1));
              }
            }
          }
          return ids;
        });
  }

  /**
   * Creates {@code n} consenting customers {@code <run>-<i>} at {@code <run>-<i>@test.example} with
   * multi-row inserts (fast enough for tens of thousands); returns their ids.
   */
  public List<Long> manyCustomers(String run, int n) {
    io.affinity.core.bulk.MultiRowInsert insert =
        new io.affinity.core.bulk.MultiRowInsert(
            "customers",
            List.of(
                "external_id",
                "email",
                "name",
                "email_consent",
                "consent_source",
                "created_at",
                "updated_at"));
    return tx.write(
        c -> {
          long now = System.currentTimeMillis();
          List<Object[]> rows = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String id = run + "-" + i;
            rows.add(new Object[] {id, id + "@test.example", "N " + i, true, "signup", now, now});
          }
          insert.insertIgnore(c, rows);
          List<Long> ids = new ArrayList<>(n);
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM customers WHERE external_id LIKE ? ORDER BY id")) {
            ps.setString(1, run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          return ids;
        });
  }

  /** A snapshot holding {@code customerIds}; returns its id. */
  public long snapshot(List<Long> customerIds) {
    return tx.write(
        c -> {
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshots (segment_id, segment_version, size, created_at)"
                      + " VALUES (1, 1, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, customerIds.size());
            ps.setLong(2, System.currentTimeMillis());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
              k.next();
              id = k.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshot_members (snapshot_id, customer_id) VALUES (?, ?)")) {
            int batched = 0;
            for (long customer : customerIds) {
              ps.setLong(1, id);
              ps.setLong(2, customer);
              ps.addBatch();
              if (++batched % 1000 == 0) {
                ps.executeBatch();
              }
            }
            ps.executeBatch();
          }
          return id;
        });
  }

  /** Runs an update (withdraw consent, suppress an address) for a test's own rows. */
  public int update(String sql, Object... params) {
    return tx.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
          }
        });
  }
}
