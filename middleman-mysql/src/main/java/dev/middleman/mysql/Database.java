package dev.middleman.mysql;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.spi.StorageUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * One database reached through a pool: runs work in transactions and turns "the server is not
 * there" into {@link StorageUnavailableException}, after the transaction was rolled back.
 */
final class Database {

  /** The database server's clock in microseconds since the epoch, shared by every node. */
  static final Field<Long> SERVER_MICROS =
      DSL.field("CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(6)) * 1000000 AS SIGNED)", Long.class);

  private final DataSource dataSource;
  private final ServerDialect dialect;
  private final String label;
  /**
   * Lets callers take connections in the order they came: the pool alone may leave one caller
   * waiting past its timeout while later ones are served, which under a burst of clients turns
   * into needless "unavailable" answers.
   */
  private final Semaphore turns;

  Database(DataSource dataSource, int poolSize, ServerDialect dialect, String label) {
    this.dataSource = dataSource;
    this.turns = new Semaphore(poolSize, true);
    this.dialect = dialect;
    this.label = label;
  }

  ServerDialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T transaction(Function<DSLContext, T> work) {
    return run(dsl -> dsl.transactionResult(configuration -> work.apply(configuration.dsl())));
  }

  /**
   * Runs {@code work} on one connection taken from the pool once (so a pool that has none to give
   * fails after one wait), outside a transaction unless {@code work} opens one.
   */
  <T> T run(Function<DSLContext, T> work) {
    awaitTurn();
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(DSL.using(connection, dialect.dialect()));
    } catch (SQLException e) {
      throw isTooLarge(e) ? tooLarge() : unavailable(e);
    } catch (RuntimeException e) {
      if (isTooLarge(e)) {
        throw tooLarge();
      }
      throw isUnavailable(e) ? unavailable(e) : e;
    } finally {
      turns.release();
    }
  }

  /** A statement longer than the server's {@code max_allowed_packet}: the client sent too much. */
  private static boolean isTooLarge(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof PacketTooBigException) {
        return true;
      }
    }
    return false;
  }

  private static InvalidRequestException tooLarge() {
    return new InvalidRequestException("payload", "is larger than the database accepts in one"
        + " statement (its max_allowed_packet): send smaller jobs, or raise max_allowed_packet");
  }

  private void awaitTurn() {
    try {
      if (!turns.tryAcquire(ConnectionPool.CONNECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new StorageUnavailableException("every connection to the " + label
            + " database stayed busy for " + ConnectionPool.CONNECTION_TIMEOUT_MS + " ms", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while waiting for a connection", e);
    }
  }

  private StorageUnavailableException unavailable(Exception e) {
    return new StorageUnavailableException(
        "the " + label + " database cannot be reached: " + rootMessage(e), e);
  }

  /** Connection failures, timeouts, deadlocks and the like: nothing half-written; a retry may work. */
  static boolean isUnavailable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("40001"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
