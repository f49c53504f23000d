package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.middleman.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobBodiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"payload\": 12 , \"url\": \"u\"}                | 12",
      "{\"payload\":-1.50e3}                          | -1.50e3",
      "{\"payload\": true, \"url\": \"u\"}               | true",
      "{\"payload\": \"h\\u00e9 \\\"x\\\"\" }           | \"h\\u00e9 \\\"x\\\"\"",
      "{\"payload\": \"été\"}                         | \"été\"",
      "{\"payload\": [1, {\"a\": [ ]}],\"url\": \"u\"}    | [1, {\"a\": [ ]}]",
      "{\"url\": \"u\", \"payload\": {\"n\" : {}}}        | {\"n\" : {}}",
  })
  void keeps_the_payload_exactly_as_sent(String body, String payload) throws Exception {
    assertThat(JobBodies.one(body.getBytes(StandardCharsets.UTF_8)).payload()).isEqualTo(payload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"url\": \"u\"}", "{\"payload\": null}"})
  void has_no_payload_when_absent_or_null(String body) throws Exception {
    assertThat(JobBodies.one(body.getBytes(StandardCharsets.UTF_8)).payload()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"url\": \"u\"} {}", "{\"url\": \"u\"", "{\"payload\": [1,}"})
  void refuses_what_is_not_one_json_value(String body) {
    assertThatThrownBy(() -> JobBodies.one(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfAny(JsonProcessingException.class, InvalidRequestException.class);
  }

  @Test
  void keeps_each_payload_of_a_batch() throws Exception {
    String body = "[{\"payload\": 1}, {\"payload\": \"two\"}]";
    assertThat(JobBodies.many(body.getBytes(StandardCharsets.UTF_8)))
        .extracting(JobBodies.JobBody::payload).containsExactly("1", "\"two\"");
  }
}
