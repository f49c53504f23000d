package dev.middleman.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One life of a dedicated connection and the named locks taken on it. The locks die with the
 * connection, so once any statement on it fails the session counts as dead, and a fresh session
 * takes its place.
 *
 * <p>A JDBC connection is not safe for use by several threads at once; every statement goes
 * through {@link #use}, one at a time.
 */
final class LockSession {

  /** How long a caller waits for the connection while another statement runs on it. */
  private static final long USE_WAIT_MILLIS = 1000;
  /**
   * A release waits longer: giving up would leave a lock held that nobody records. Any statement
   * in progress ends within the socket timeout.
   */
  private static final long RELEASE_WAIT_MILLIS = 5000;
  /**
   * Held locks are believed only this long after the last successful ping: a ping that hangs
   * (the network, not the server, went away) must not keep a node thinking it is primary.
   */
  private static final long CONFIRMATION_VALID_NANOS = TimeUnit.MILLISECONDS.toNanos(3000);
  private static final int PING_TIMEOUT_SECONDS = 1;

  private final Connection connection;
  private final long connectionId;
  private final ReentrantLock inUse = new ReentrantLock();
  /** Each lock held on this connection, with a token for the acquisition that took it. */
  private final Map<String, Object> held = new ConcurrentHashMap<>();
  private volatile boolean alive = true;
  private volatile long confirmedAtNanos = System.nanoTime();
  private volatile SQLException failure;

  private LockSession(Connection connection, long connectionId) {
    this.connection = connection;
    this.connectionId = connectionId;
  }

  static LockSession open(DedicatedConnectionSource source) throws SQLException {
    Connection connection = source.open();
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT CONNECTION_ID()")) {
      row.next();
      return new LockSession(connection, row.getLong(1));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  long connectionId() {
    return connectionId;
  }

  boolean isAlive() {
    return alive;
  }

  /** Why the session died, or null while it lives or if it was closed on purpose. */
  SQLException failure() {
    return failure;
  }

  /**
   * Takes the lock without waiting, unless this connection holds it already.
   *
   * @return the token of the acquisition that holds it, or null if another connection holds it
   */
  Object acquire(String name) throws SQLException {
    Object existing = held.get(name);
    if (existing != null) {
      return existing;
    }
    boolean got = use(connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
        statement.setString(1, name);
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          return row.getInt(1) == 1;
        }
      }
    });
    if (!got) {
      return null;
    }
    Object token = new Object();
    held.put(name, token);
    return token;
  }

  /** Whether the acquisition {@code token} still holds the lock, as far as the last ping tells. */
  boolean holds(String name, Object token) {
    return alive
        && System.nanoTime() - confirmedAtNanos < CONFIRMATION_VALID_NANOS
        && held.get(name) == token;
  }

  /** Gives the lock back if acquisition {@code token} still holds it; a dead session holds none. */
  void release(String name, Object token) {
    if (!alive || !held.remove(name, token)) {
      return;
    }
    try {
      use(connection -> {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
          statement.setString(1, name);
          statement.executeQuery().close();
          return null;
        }
      }, RELEASE_WAIT_MILLIS);
    } catch (SQLException e) {
      // Either the session is dead, and the server dropped the lock with the connection, or the
      // connection stayed busy and the lock may still be held: end the session so that it is not.
      die(e);
    }
  }

  /**
   * Pings the server: an answer confirms the held locks, no answer or an error kills the session.
   * A ping that finds the connection busy decides nothing.
   */
  void ping() {
    boolean answered;
    try {
      answered = use(connection -> connection.isValid(PING_TIMEOUT_SECONDS));
    } catch (SQLException e) {
      return;
    }
    if (answered) {
      confirmedAtNanos = System.nanoTime();
    } else {
      die(new SQLException("connection " + connectionId + " did not answer a ping"));
    }
  }

  /**
   * Runs statements on the connection, one caller at a time. Any failure kills the session: these
   * statements only fail when the connection is broken.
   */
  <T> T use(SqlWork<T> work) throws SQLException {
    return use(work, USE_WAIT_MILLIS);
  }

  private <T> T use(SqlWork<T> work, long waitMillis) throws SQLException {
    try {
      if (!inUse.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTimeoutException("connection " + connectionId + " is busy");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTimeoutException("interrupted while waiting for connection " + connectionId);
    }
    try {
      if (!alive) {
        throw new SQLException("connection " + connectionId + " is closed");
      }
      return work.run(connection);
    } catch (SQLException e) {
      die(e);
      throw e;
    } finally {
      inUse.unlock();
    }
  }

  /** Closes the connection, which frees every lock taken on it. */
  void close() {
    die(null);
  }

  private void die(SQLException cause) {
    if (!alive) {
      return;
    }
    failure = cause;
    alive = false;
    held.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a broken connection may fail; its locks are gone either way.
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
