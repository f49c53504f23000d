package dev.middleman.mysql;

import dev.middleman.core.spi.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
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

  private final DSLContext dsl;
  private final ServerDialect dialect;
  private final String label;

  Database(DataSource dataSource, ServerDialect dialect, String label) {
    this.dsl = DSL.using(dataSource, dialect.dialect());
    this.dialect = dialect;
    this.label = label;
  }

  ServerDialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T transaction(Function<DSLContext, T> work) {
    return call(() -> dsl.transactionResult(configuration -> work.apply(configuration.dsl())));
  }

  /** Runs {@code work} outside a transaction (one statement, or DDL, which commits by itself). */
  <T> T run(Function<DSLContext, T> work) {
    return call(() -> work.apply(dsl));
  }

  private <T> T call(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (isUnavailable(e)) {
        throw new StorageUnavailableException(
            "the " + label + " database cannot be reached: " + rootMessage(e), e);
      }
      throw e;
    }
  }

  /** Connection failures, timeouts, deadlocks and the like: nothing was written, a retry may work. */
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
