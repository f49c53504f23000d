package dev.middleman.core.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** Turns a stored payload (raw JSON text) into the body a worker receives. */
final class WorkerPayload {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY = new byte[0];

  private WorkerPayload() {}

  /** A JSON string is sent as its text, not quoted; {@code null} is an empty body. */
  static byte[] body(String payload) {
    if (payload == null || payload.equals("null")) {
      return EMPTY;
    }
    if (payload.startsWith("\"")) {
      try {
        return JSON.readValue(payload, String.class).getBytes(StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored payload is not valid JSON", e);
      }
    }
    return payload.getBytes(StandardCharsets.UTF_8);
  }
}
