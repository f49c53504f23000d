package dev.middleman.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewJobTest {

  private static final String URL = "http://127.0.0.1:9000/work";

  @ParameterizedTest
  @ValueSource(strings = {"run_after", "retry_delay", "timeout"})
  void a_duration_beyond_a_hundred_years_is_refused_naming_its_field(String field) {
    long tooLong = NewJob.MAX_SECONDS + 1;

    assertThatThrownBy(() -> withSeconds(field, tooLong))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(field + " must be at most");
    assertThatThrownBy(() -> withSeconds(field, Long.MAX_VALUE))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void a_hundred_years_is_still_a_valid_delay_and_stays_in_the_future() {
    NewJob job = withSeconds("run_after", NewJob.MAX_SECONDS);
    long now = System.currentTimeMillis();

    assertThat(Job.fresh("q", 1, job, now).nextTry()).isGreaterThan(now);
  }

  @Test
  void a_url_with_a_port_beyond_65535_is_refused() {
    assertThatThrownBy(() -> NewJob.of("c", "http://127.0.0.1:99999/x", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("url ");
    assertThat(NewJob.of("c", "http://127.0.0.1:65535/x", null).url()).endsWith(":65535/x");
  }

  private static NewJob withSeconds(String field, long seconds) {
    return switch (field) {
      case "run_after" -> new NewJob("c", URL, null, seconds, 0, 0, 0);
      case "retry_delay" -> new NewJob("c", URL, null, 0, 0, seconds, 0);
      default -> new NewJob("c", URL, null, 0, 0, 0, seconds);
    };
  }
}
