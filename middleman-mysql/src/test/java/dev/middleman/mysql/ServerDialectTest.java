package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class ServerDialectTest {

  @Test
  void mariadb_is_recognised_from_its_version_string() {
    ServerDialect dialect = ServerDialect.fromVersion("10.11.6-MariaDB-0+deb12u1");

    assertThat(dialect.dialect()).isEqualTo(SQLDialect.MARIADB);
    assertThat(dialect.skipLocked()).isTrue();
  }

  @Test
  void the_5_5_5_prefix_mariadb_shows_old_clients_is_skipped() {
    assertThat(ServerDialect.fromVersion("5.5.5-10.11.19-MariaDB-0+deb12u1").skipLocked()).isTrue();
  }

  @Test
  void mariadb_before_10_6_has_no_skip_locked() {
    assertThat(ServerDialect.fromVersion("10.5.22-MariaDB").skipLocked()).isFalse();
  }

  @Test
  void mysql_8_is_recognised_with_skip_locked() {
    ServerDialect dialect = ServerDialect.fromVersion("8.0.36");

    assertThat(dialect.dialect()).isEqualTo(SQLDialect.MYSQL);
    assertThat(dialect.skipLocked()).isTrue();
  }
}
