package dev.middleman.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.InvalidRequestException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Reads typed fields of one JSON object of a request. Errors name the field, prefixed with where
 * the object sits (such as {@code [3].} in a batch). Absent and {@code null} fields are the same.
 */
final class Fields {

  private final JsonNode object;
  private final String prefix;

  private Fields(JsonNode object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  /** @param prefix prepended to field names in errors, such as {@code "[3]."}, or empty */
  static Fields of(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      String where = prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
      throw new InvalidRequestException(where, "must be a JSON object");
    }
    return new Fields(node, prefix);
  }

  Optional<String> text(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(name, "must be a string, got " + value);
    }
    return Optional.of(value.textValue());
  }

  long nonNegativeLong(String name, long absent) {
    JsonNode value = value(name);
    if (value == null) {
      return absent;
    }
    if (!value.isIntegralNumber()) {
      throw invalid(name, "must be a non-negative integer, got " + value);
    }
    if (!value.canConvertToLong()) {
      throw invalid(name, "is too large: " + value);
    }
    long number = value.longValue();
    if (number < 0) {
      throw invalid(name, "must not be negative, got " + number);
    }
    return number;
  }

  int nonNegativeInt(String name, int absent) {
    long number = nonNegativeLong(name, absent);
    if (number > Integer.MAX_VALUE) {
      throw invalid(name, "is too large: " + number);
    }
    return (int) number;
  }

  OptionalDouble nonNegativeNumber(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber()) {
      throw invalid(name, "must be a number, got " + value);
    }
    double number = value.doubleValue();
    if (number < 0 || Double.isInfinite(number)) {
      throw invalid(name, "must be a non-negative number, got " + value);
    }
    return OptionalDouble.of(number);
  }

  /** Runs a domain constructor, prefixing the field of any complaint it raises. */
  <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (InvalidRequestException e) {
      if (prefix.isEmpty()) {
        throw e;
      }
      throw new InvalidRequestException(prefix + e.field(), e.detail());
    }
  }

  InvalidRequestException invalid(String name, String detail) {
    return new InvalidRequestException(prefix + name, detail);
  }

  private JsonNode value(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }
}
