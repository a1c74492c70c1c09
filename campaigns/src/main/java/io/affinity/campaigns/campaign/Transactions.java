package io.affinity.campaigns.campaign;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs JDBC work in a read or write transaction, turning {@link SQLException} into unchecked. A
 * write that loses a deadlock (MySQL error 1213, SQL state 40001) was rolled back whole, so it is
 * run again, up to {@value #DEADLOCK_RETRIES} times: concurrent claims and outcome records of
 * several sending threads touch neighbouring index entries of one table.
 */
@Singleton
public class Transactions {
  /** JDBC work on the transaction's connection. */
  @FunctionalInterface
  public interface Work<R> {
    R run(Connection c) throws SQLException;
  }

  static final int DEADLOCK_RETRIES = 5;

  private final TransactionOperations<Connection> tx;

  public Transactions(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Runs {@code work} in a write transaction, committed when it returns. */
  public <R> R write(Work<R> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.executeWrite(s -> call(work, s.getConnection()));
      } catch (RuntimeException e) {
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(e)) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20 * attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isDeadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException x = s; x != null; x = x.getNextException()) {
          if (x.getErrorCode() == 1213 || "40001".equals(x.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
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
