package dev.middleman.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers: a status, a content type, the body bytes and any extra headers. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

  static final String JSON = "application/json";

  static Answer json(Object value) {
    return json(200, value);
  }

  static Answer json(int status, Object value) {
    return new Answer(status, JSON, Json.bytes(value), Map.of());
  }

  static Answer text(String contentType, String text) {
    return new Answer(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
