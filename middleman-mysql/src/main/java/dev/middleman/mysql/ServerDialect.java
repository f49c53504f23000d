package dev.middleman.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The one place where MySQL and MariaDB differ for this driver: which jOOQ dialect renders SQL,
 * and whether {@code FOR UPDATE SKIP LOCKED} may be used (MySQL 8.0+, MariaDB 10.6+).
 */
record ServerDialect(SQLDialect dialect, boolean skipLocked, String version) {

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

  static ServerDialect of(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT VERSION()")) {
      row.next();
      return fromVersion(row.getString(1));
    }
  }

  /**
   * @param version as the server reports it, such as {@code 10.11.6-MariaDB} or {@code 8.0.36};
   *     MariaDB's replication-compatible {@code 5.5.5-} prefix is skipped
   */
  static ServerDialect fromVersion(String version) {
    Matcher matcher = VERSION.matcher(version.replaceFirst("^5\\.5\\.5-", ""));
    boolean found = matcher.find();
    int major = found ? Integer.parseInt(matcher.group(1)) : 0;
    int minor = found ? Integer.parseInt(matcher.group(2)) : 0;
    boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
    if (mariadb) {
      return new ServerDialect(SQLDialect.MARIADB, major > 10 || (major == 10 && minor >= 6), version);
    }
    return new ServerDialect(SQLDialect.MYSQL, major >= 8, version);
  }

  String describe() {
    return (dialect == SQLDialect.MARIADB ? "MariaDB " : "MySQL ") + version;
  }
}
