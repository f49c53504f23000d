package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimaryHostTest {

  @Test
  void the_port_is_cut_from_a_process_list_host() {
    assertThat(MysqlLeaderElection.withoutPort("10.0.0.7:53122")).isEqualTo("10.0.0.7");
    assertThat(MysqlLeaderElection.withoutPort("db-client.example:4000")).isEqualTo("db-client.example");
  }

  @Test
  void a_host_without_a_port_is_kept_as_it_is() {
    assertThat(MysqlLeaderElection.withoutPort("localhost")).isEqualTo("localhost");
  }
}
