package dev.middleman.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;

class QueueLogPayloadTest {

  private final ObjectMapper json = new ObjectMapper();
  private final LoggerContext context = new LoggerContext();

  @Test
  void a_json_payload_is_logged_as_the_json_it_is_on_one_line() throws Exception {
    JsonNode logged = loggedPayload("{\"to\": \"a@b.c\", \"n\": [1, 2.50, null]}");

    assertThat(logged).isEqualTo(json.readTree("{\"to\": \"a@b.c\", \"n\": [1, 2.50, null]}"));
  }

  @Test
  void a_json_payload_spread_over_lines_is_logged_on_one_line() throws Exception {
    JsonNode logged = loggedPayload("{\n  \"a\": 1\r\n}");

    assertThat(logged).isEqualTo(json.readTree("{\"a\": 1}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"a\": 1", "1 2", "{\"a\": 1} trailing", "line one\nline two"})
  void text_that_is_not_one_json_value_is_logged_as_a_string(String payload) throws Exception {
    JsonNode logged = loggedPayload(payload);

    assertThat(logged.isTextual()).isTrue();
    assertThat(logged.asText()).isEqualTo(payload);
  }

  /** The payload field of the line the queue log's encoder writes for {@code payload}. */
  private JsonNode loggedPayload(String payload) throws Exception {
    LoggingEvent event =
        new LoggingEvent("test", context.getLogger("test.queue"), Level.INFO, "", null, null);
    event.addKeyValuePair(new KeyValuePair("payload", QueueLog.payload(payload)));
    JsonLineEncoder encoder = new JsonLineEncoder();
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line.strip()).doesNotContain("\n");
    return json.readTree(line).get("payload");
  }
}
