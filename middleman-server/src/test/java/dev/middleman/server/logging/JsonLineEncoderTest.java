package dev.middleman.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {

  private final ObjectMapper json = new ObjectMapper();
  private final LoggerContext context = new LoggerContext();
  private final JsonLineEncoder encoder = new JsonLineEncoder();

  @Test
  void writes_key_value_pairs_in_order_after_time_and_level_on_one_line() throws Exception {
    LoggingEvent event = event(Level.WARN, "ignored when there are pairs", null);
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("tag", "middleman.queue"));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("id", 42L));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("payload", json.readTree("{\"a\":[1,\"x\\ny\"]}")));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("message", null));

    String line = encode(event);

    assertThat(line).endsWith("\n").doesNotContain("\n\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode node = json.readTree(line);
    assertThat(node.fieldNames()).toIterable()
        .containsExactly("time", "level", "tag", "id", "payload", "message");
    assertThat(node.get("level").asText()).isEqualTo("warn");
    assertThat(node.get("id").asLong()).isEqualTo(42);
    assertThat(node.get("payload").get("a").get(1).asText()).isEqualTo("x\ny");
    assertThat(node.get("message").isNull()).isTrue();
    assertThat(OffsetDateTime.parse(node.get("time").asText())).isNotNull();
  }

  @Test
  void writes_a_plain_message_with_its_logger_thread_and_exception() throws Exception {
    JsonNode node = json.readTree(encode(event(Level.ERROR, "disk \"full\"", new IllegalStateException("boom"))));

    assertThat(node.get("level").asText()).isEqualTo("error");
    assertThat(node.get("logger").asText()).isEqualTo("test.logger");
    assertThat(node.get("message").asText()).isEqualTo("disk \"full\"");
    assertThat(node.get("exception").asText()).contains("IllegalStateException: boom");
  }

  private LoggingEvent event(Level level, String message, Throwable error) {
    return new LoggingEvent("test", context.getLogger("test.logger"), level, message, error, null);
  }

  private String encode(LoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
