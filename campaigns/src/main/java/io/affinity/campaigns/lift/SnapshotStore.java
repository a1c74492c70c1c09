package io.affinity.campaigns.lift;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named byte snapshots in the table {@code lift_snapshots}, each stamped with what identifies the
 * rows it was made from: a reader asks for the stamp it expects and gets the bytes only if they
 * carry it, whole and matching their CRC-32C. (Each codec also writes its format first: bytes of
 * another format are read past, not misread.) Saves run in the background, one after another, each
 * on a transaction of its own: a report never waits for one, nor shares its transaction with it.
 */
@Singleton
public class SnapshotStore {
  /** The largest part written: under any database's max_allowed_packet. */
  static final int PART_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  private static final TransactionDefinition OWN_TRANSACTION =
      new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);

  private static final String STAMP =
      "SELECT stamp FROM lift_snapshots WHERE name = ? AND part = 0";
  private static final String PARTS =
      "SELECT part, parts, stamp, checksum, data FROM lift_snapshots WHERE name = ? ORDER BY part";
  private static final String DELETE = "DELETE FROM lift_snapshots WHERE name = ?";
  private static final String INSERT =
      "INSERT INTO lift_snapshots (name, part, parts, stamp, saved_at, checksum, total_bytes, data)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String NEWEST_FIRST =
      "SELECT name, total_bytes FROM lift_snapshots WHERE part = 0 AND name LIKE ?"
          + " ORDER BY saved_at DESC, name";

  private final TransactionOperations<Connection> tx;
  private final ExecutorService blocking;
  // guarded by this
  private CompletableFuture<Void> lastSave = CompletableFuture.completedFuture(null);

  public SnapshotStore(
      TransactionOperations<Connection> tx,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.tx = tx;
    this.blocking = blocking;
  }

  /** The stamp of snapshot {@code name}; null if there is none. */
  String stamp(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STAMP)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * The bytes of snapshot {@code name} if every part of it carries {@code stamp} and the bytes
   * their checksum; else null (none, saved again since, parts missing or damaged).
   */
  byte[] load(Connection c, String name, String stamp) throws SQLException {
    List<byte[]> read = new ArrayList<>();
    long checksum = 0;
    int parts = -1;
    int part = 0;
    try (PreparedStatement ps = c.prepareStatement(PARTS)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parts = rs.getInt(2);
          if (rs.getInt(1) != part++ || !stamp.equals(rs.getString(3))) {
            return null;
          }
          checksum = rs.getLong(4);
          read.add(rs.getBytes(5));
        }
      }
    }
    byte[] bytes = part == parts ? concat(read) : null;
    return bytes != null && checksum(bytes) == checksum ? bytes : null;
  }

  private static long checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  // Sized once: a buffer doubled up to megabytes is a chain of large allocations and copies.
  private static byte[] concat(List<byte[]> parts) {
    byte[] all = new byte[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /**
   * Saves {@code bytes} (computed in the background) as snapshot {@code name} with {@code stamp},
   * in place of any saved under that name; then keeps, of the snapshots whose name starts with
   * {@code family}, the newest up to {@code budget} bytes in all (the newest always). A failure
   * (another node saving the same name at the same moment) is logged: the next reader reads the
   * rows and saves again.
   */
  void saveLater(String name, String stamp, Supplier<byte[]> bytes, String family, long budget) {
    synchronized (this) {
      // One after another: a node never races itself on a snapshot's parts.
      lastSave =
          lastSave
              .thenRunAsync(() -> save(name, stamp, bytes.get(), family, budget), blocking)
              .exceptionally(
                  e -> {
                    LOG.warn("Could not save the lift snapshot {}: {}", name, e.toString());
                    return null;
                  });
    }
  }

  private void save(String name, String stamp, byte[] bytes, String family, long budget) {
    long start = System.nanoTime();
    int parts = Math.max(1, (bytes.length + PART_BYTES - 1) / PART_BYTES);
    long checksum = checksum(bytes);
    tx.execute(
        OWN_TRANSACTION,
        status -> {
          Connection c = status.getConnection();
          try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            delete(c, name);
            for (int part = 0; part < parts; part++) {
              int from = part * PART_BYTES;
              insert.setString(1, name);
              insert.setInt(2, part);
              insert.setInt(3, parts);
              insert.setString(4, stamp);
              insert.setLong(5, System.currentTimeMillis());
              insert.setLong(6, checksum);
              insert.setLong(7, bytes.length);
              insert.setBytes(
                  8, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_BYTES)));
              insert.executeUpdate();
            }
            for (String old : beyond(c, family, budget)) {
              delete(c, old);
            }
            return null;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not save the lift snapshot " + name, e);
          }
        });
    LOG.debug(
        "snapshot {}: {} bytes saved in {} ms",
        name,
        bytes.length,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The names of family {@code family} beyond its newest {@code budget} bytes. */
  private static List<String> beyond(Connection c, String family, long budget) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(NEWEST_FIRST)) {
      ps.setString(1, family + "%");
      try (ResultSet rs = ps.executeQuery()) {
        long total = 0;
        for (boolean newest = true; rs.next(); newest = false) {
          total += rs.getLong(2);
          if (total > budget && !newest) {
            names.add(rs.getString(1));
          }
        }
      }
    }
    return names;
  }

  private static void delete(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  /** Waits for the saves asked for so far (tests, benchmarks). */
  public void awaitSaves() {
    CompletableFuture<Void> pending;
    synchronized (this) {
      pending = lastSave;
    }
    pending.join();
  }

  /** Deletes every snapshot: the next reports read their rows. */
  public void clear() {
    awaitSaves();
    tx.execute(
        OWN_TRANSACTION,
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement("DELETE FROM lift_snapshots")) {
            return ps.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the lift snapshots", e);
          }
        });
  }
}
