package dev.middleman.mysql;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated connection that keeps itself alive: {@link #maintain} pings the current session and
 * opens a new one when it died. An outage is logged once when it begins and once when it ends.
 */
final class LockConnection {

  private static final Logger log = LoggerFactory.getLogger(LockConnection.class);

  private final String role;
  private final DedicatedConnectionSource source;
  private volatile LockSession session;
  private volatile boolean closed;
  /** Touched only by {@link #maintain} and the constructor, never at once. */
  private boolean down;

  /** Connects at once if it can; otherwise the first {@link #maintain} calls try again. */
  LockConnection(String role, DedicatedConnectionSource source) {
    this.role = role;
    this.source = source;
    connect();
  }

  /** The live session, or null while the connection is down. */
  LockSession session() {
    LockSession current = session;
    return current != null && current.isAlive() ? current : null;
  }

  /** Checks that the session answers; replaces it when it does not. */
  void maintain() {
    LockSession current = session;
    if (current != null) {
      current.ping();
      if (current.isAlive()) {
        return;
      }
    }
    if (closed) {
      return;
    }
    if (current != null && !down) {
      SQLException cause = current.failure();
      log.warn("{} - lost MySQL connection {} and every lock on it ({}); reconnecting", role,
          current.connectionId(), cause == null ? "closed" : cause.getMessage());
      down = true;
    }
    connect();
  }

  void close() {
    closed = true;
    LockSession current = session;
    if (current != null) {
      current.close();
    }
  }

  private void connect() {
    try {
      LockSession opened = LockSession.open(source);
      session = opened;
      if (closed) {
        opened.close();
        return;
      }
      log.info("{} - connected to MySQL{} as connection {}", role, down ? " again" : "",
          opened.connectionId());
      down = false;
    } catch (SQLException e) {
      session = null;
      if (!down) {
        log.warn("{} - cannot connect to MySQL ({}); retrying quietly until it answers", role,
            e.getMessage());
      }
      down = true;
    }
  }
}
