package io.affinity.campaigns.campaign;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work in a read or write transaction, turning {@link SQLException} into unchecked. */
@Singleton
public class Transactions {
  /** JDBC work on the transaction's connection. */
  @FunctionalInterface
  public interface Work<R> {
    R run(Connection c) throws SQLException;
  }

  private final TransactionOperations<Connection> tx;

  public Transactions(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Runs {@code work} in a write transaction, committed when it returns. */
  public <R> R write(Work<R> work) {
    return tx.executeWrite(s -> call(work, s.getConnection()));
  }

  /** Runs {@code work} in a read-only transaction. */
  public <R> R read(Work<R> work) {
    return tx.executeRead(s -> call(work, s.getConnection()));
  }

  private static <R> R call(Work<R> work, Connection c) {
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Database error: " + e.getMessage(), e);
    }
  }
}
