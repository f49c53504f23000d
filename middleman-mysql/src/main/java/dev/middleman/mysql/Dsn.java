package dev.middleman.mysql;

import java.util.Map;

/**
 * Where a MySQL database is and how to log in. CONTRACT STUB: the MySQL module fills it in.
 *
 * <p>Parses {@code user:password@tcp(host:port)/database?params} and {@code jdbc:mysql://} URLs.
 */
public record Dsn(String user, String password, String host, int port, String database,
    Map<String, String> params) {

  /** @throws IllegalArgumentException with a one-line reason (never containing the password) */
  public static Dsn parse(String text) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The DSN as text with the password replaced by {@code ***}. */
  public String masked() {
    throw new UnsupportedOperationException("not yet");
  }
}
