package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DsnTest {

  @Test
  void parses_the_go_form_with_options() {
    Dsn dsn = Dsn.parse("middleman:secret@tcp(db.example:3307)/jobs?charset=utf8mb4&timeout=5s");

    assertThat(dsn).isEqualTo(new Dsn("middleman", "secret", "db.example", 3307, "jobs",
        Map.of("charset", "utf8mb4", "timeout", "5s")));
  }

  @Test
  void a_password_may_hold_at_signs_and_colons() {
    Dsn dsn = Dsn.parse("u:p@ss:w@rd@tcp(127.0.0.1:3306)/db");

    assertThat(dsn.user()).isEqualTo("u");
    assertThat(dsn.password()).isEqualTo("p@ss:w@rd");
    assertThat(dsn.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void the_port_defaults_to_3306_and_the_password_may_be_absent() {
    Dsn dsn = Dsn.parse("u@tcp(localhost)/db");

    assertThat(dsn.port()).isEqualTo(3306);
    assertThat(dsn.password()).isEmpty();
  }

  @Test
  void parses_an_ipv6_address() {
    Dsn dsn = Dsn.parse("u:p@tcp([::1]:3306)/db");

    assertThat(dsn.host()).isEqualTo("::1");
    assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://[::1]:3306/db");
  }

  @Test
  void parses_a_jdbc_url_with_the_login_before_the_host() {
    Dsn dsn = Dsn.parse("jdbc:mysql://u:p%40ss@db:3310/jobs?useSSL=false");

    assertThat(dsn).isEqualTo(new Dsn("u", "p@ss", "db", 3310, "jobs", Map.of("useSSL", "false")));
  }

  @Test
  void parses_a_jdbc_url_with_the_login_in_its_options() {
    Dsn dsn = Dsn.parse("jdbc:mariadb://db/jobs?user=u&password=a@b:c&connectTimeout=2000");

    assertThat(dsn).isEqualTo(
        new Dsn("u", "a@b:c", "db", 3306, "jobs", Map.of("connectTimeout", "2000")));
  }

  @Test
  void masking_hides_only_the_password() {
    Dsn dsn = Dsn.parse("jdbc:mysql://db:3306/jobs?user=u&password=hunter2&useSSL=false");

    assertThat(dsn.masked()).isEqualTo("u:***@tcp(db:3306)/jobs?useSSL=false");
    assertThat(dsn.toString()).doesNotContain("hunter2");
  }

  @Test
  void go_options_become_their_connector_j_counterparts() {
    Dsn dsn = Dsn.parse("u:p@tcp(db:3306)/jobs?timeout=1.5s&readTimeout=1m&tls=skip-verify&parseTime=true");

    assertThat(dsn.driverProperties())
        .containsEntry("connectTimeout", "1500")
        .containsEntry("socketTimeout", "60000")
        .containsEntry("sslMode", "REQUIRED")
        .containsEntry("parseTime", "true");
  }

  @Test
  void a_malformed_go_duration_is_refused_when_parsed() {
    assertThatThrownBy(() -> Dsn.parse("u:hunter2@tcp(db:3306)/jobs?timeout=soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "u:hunter2@db:3306/jobs",
      "u:hunter2@tcp(db:3306",
      "u:hunter2@tcp(db:3306)jobs",
      "u:hunter2@tcp(db:3306)/",
      "u:hunter2@tcp(db:port)/jobs",
      "u:hunter2@tcp(db:70000)/jobs",
      ":hunter2@tcp(db:3306)/jobs",
      "jdbc:mysql://u:hunter2@/jobs",
      "jdbc:mysql://u:hunter2@db:3306/jobs?novalue",
      "jdbc:mysql://u:hunter2@db:3306/jobs?x=%zz",
  })
  void a_malformed_dsn_is_refused_in_one_line_without_its_password(String text) {
    assertThatThrownBy(() -> Dsn.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed MySQL DSN (")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("\n");
  }
}
