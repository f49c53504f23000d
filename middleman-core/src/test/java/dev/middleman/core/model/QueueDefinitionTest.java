package dev.middleman.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

class QueueDefinitionTest {

  @Test
  void a_polling_interval_longer_than_a_minute_is_refused() {
    assertThatThrownBy(() -> new QueueDefinition("q", QueueDefinition.MAX_POLLING_INTERVAL + 1, 1, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("polling_interval must be 1 to 60000 ms, got 60001");
    assertThat(new QueueDefinition("q", QueueDefinition.MAX_POLLING_INTERVAL, 1, null)
        .pollingInterval()).isEqualTo(60_000);
  }

  @Test
  void a_bad_name_is_refused_with_a_detail_that_reads_as_a_sentence() {
    assertThatThrownBy(() -> QueueDefinition.requireValidName("a;b"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("name must be 1 to 64 characters of A-Z a-z 0-9 _ . -, got 'a;b'");
  }
}
