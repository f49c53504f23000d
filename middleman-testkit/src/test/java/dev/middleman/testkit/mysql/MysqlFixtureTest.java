package dev.middleman.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class MysqlFixtureTest {

  @Test
  void uses_the_server_named_by_the_environment() {
    MysqlFixture.Server server = MysqlFixture.findServer(
        Map.of("MIDDLEMAN_TEST_MYSQL_DSN", "u:p@ss@tcp(127.0.0.1:3307)/middleman_test"), () -> false);

    assertThat(server).isEqualTo(new MysqlFixture.Server("u", "p@ss", "127.0.0.1", 3307, "middleman_test"));
    assertThat(server.dsn()).isEqualTo("u:p@ss@tcp(127.0.0.1:3307)/middleman_test");
  }

  @Test
  void without_any_mysql_a_test_fails_under_ci() {
    assertThatThrownBy(() -> MysqlFixture.findServer(Map.of("CI", "true"), () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MIDDLEMAN_TEST_MYSQL_DSN")
        .hasMessageContaining("CI=true");
  }

  @Test
  void without_any_mysql_a_test_is_skipped_outside_ci() {
    assertThatThrownBy(() -> MysqlFixture.findServer(Map.of(), () -> false))
        .isInstanceOf(TestAbortedException.class);
  }
}
