package dev.middleman.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.middleman.core.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads push bodies. The {@code payload} is kept as the exact text the client sent, so that a
 * worker receives the very bytes that were pushed; the other fields are read as a JSON tree.
 */
final class JobBodies {

  private static final String PAYLOAD = "payload";
  /** Reads one value in the middle of a body, which is not followed by the end of the input. */
  private static final ObjectReader VALUE =
      Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JobBodies() {}

  /**
   * One job object of a push body.
   *
   * @param payload the payload's raw JSON text, or null when absent or {@code null}
   */
  record JobBody(JsonNode fields, String payload) {}

  /** The body of {@code POST /job/{category}}: one JSON object. */
  static JobBody one(byte[] body) throws IOException {
    try (JsonParser parser = parser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException("body", "must be a JSON object");
      }
      JobBody job = readObject(parser, body);
      requireEnd(parser);
      return job;
    }
  }

  /** The body of {@code POST /jobs}: an array of JSON objects. */
  static List<JobBody> many(byte[] body) throws IOException {
    try (JsonParser parser = parser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidRequestException("body", "must be a JSON array of jobs");
      }
      List<JobBody> jobs = new ArrayList<>();
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token != JsonToken.START_OBJECT) {
          throw new InvalidRequestException("[" + jobs.size() + "]", "must be a JSON object");
        }
        jobs.add(readObject(parser, body));
      }
      requireEnd(parser);
      return jobs;
    }
  }

  private static JsonParser parser(byte[] body) throws IOException {
    if (body.length == 0) {
      throw new InvalidRequestException("body", "is empty");
    }
    return Json.MAPPER.createParser(body);
  }

  /** Reads the object whose START_OBJECT is the current token, up to its END_OBJECT. */
  private static JobBody readObject(JsonParser parser, byte[] body) throws IOException {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    String payload = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (PAYLOAD.equals(name)) {
        payload = value == JsonToken.VALUE_NULL ? null : rawValue(parser, body);
      } else {
        fields.set(name, VALUE.readTree(parser));
      }
    }
    return new JobBody(fields, payload);
  }

  /** The source text of the value that starts at the current token. */
  private static String rawValue(JsonParser parser, byte[] body) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    // a string's text is read lazily; finishing it moves the location past its closing quote
    parser.finishToken();
    int end = (int) parser.currentLocation().getByteOffset();
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  private static void requireEnd(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw new InvalidRequestException("body", "has content after the JSON value");
    }
  }
}
