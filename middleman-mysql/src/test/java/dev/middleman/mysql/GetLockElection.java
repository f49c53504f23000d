package dev.middleman.mysql;

import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal GET_LOCK election for this module's tests, so that grabs are fenced as in production:
 * each lease holds its named lock on a connection of its own. The daemon uses the real election.
 */
final class GetLockElection implements LeaderElection, AutoCloseable {

  private final Dsn dsn;
  private final Map<MysqlLease, LockConnection> held = new ConcurrentHashMap<>();

  GetLockElection(Dsn dsn) {
    this.dsn = dsn;
  }

  static String lockName(String queue) {
    return "middleman_test." + queue;
  }

  @Override
  public Optional<Lease> tryAcquire(String queue, String nodeId) {
    try {
      Connection connection = DriverManager.getConnection(dsn.jdbcUrl(), dsn.user(), dsn.password());
      if (query(connection, "SELECT GET_LOCK(?, 0)", lockName(queue)) != 1) {
        connection.close();
        return Optional.empty();
      }
      AtomicBoolean stillHeld = new AtomicBoolean(true);
      MysqlLease lease = new MysqlLease(queue, nodeId, lockName(queue),
          query(connection, "SELECT CONNECTION_ID()", null), stillHeld::get);
      held.put(lease, new LockConnection(connection, stillHeld));
      return Optional.of(lease);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void release(Lease lease) {
    LockConnection lock = held.remove((MysqlLease) lease);
    if (lock != null) {
      lock.held().set(false);
      try (Connection connection = lock.connection()) {
        query(connection, "SELECT RELEASE_LOCK(?)", ((MysqlLease) lease).lockName());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public Optional<Primary> primaryOf(String queue) {
    try (Connection connection = DriverManager.getConnection(dsn.jdbcUrl(), dsn.user(), dsn.password())) {
      long holder = query(connection, "SELECT COALESCE(IS_USED_LOCK(?), 0)", lockName(queue));
      return holder == 0 ? Optional.empty() : Optional.of(new Primary(String.valueOf(holder), dsn.host()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    held.keySet().forEach(this::release);
  }

  private record LockConnection(Connection connection, AtomicBoolean held) {}

  private static long query(Connection connection, String sql, String argument) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (argument != null) {
        statement.setString(1, argument);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
