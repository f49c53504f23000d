package dev.middleman.server.config;

import dev.middleman.mysql.Dsn;
import dev.middleman.server.logging.LogLevel;
import java.util.Map;
import java.util.function.Function;

/** Reads settings through their checks and notes each value in effect, secrets masked. */
final class Reader {

  private final Map<Setting, RawValue> raw;
  private final Map<String, Object> effective;

  Reader(Map<Setting, RawValue> raw, Map<String, Object> effective) {
    this.raw = raw;
    this.effective = effective;
  }

  RawValue raw(Setting setting) {
    return raw.get(setting);
  }

  /** A setting that always has a value (it has a default). */
  <T> T value(Setting setting, Function<RawValue, T> check) {
    T value = check.apply(raw(setting));
    effective.put(setting.key(), shown(value, raw(setting)));
    return value;
  }

  /** A setting that may be unset; {@code null} then. */
  <T> T optional(Setting setting, Function<RawValue, T> check) {
    RawValue value = raw(setting);
    if (!value.isSet()) {
      effective.put(setting.key(), null);
      return null;
    }
    return value(setting, check);
  }

  /** A setting whose default depends on other settings. */
  <T> T orElse(Setting setting, Function<RawValue, T> check, T fallback,
      Function<T, String> name) {
    T value = optional(setting, check);
    if (value != null) {
      return value;
    }
    effective.put(setting.key(), name.apply(fallback));
    return fallback;
  }

  static Dsn dsn(RawValue value) {
    try {
      return Dsn.parse(value.text());
    } catch (IllegalArgumentException e) {
      throw value.invalid(e.getMessage());
    }
  }

  private static Object shown(Object value, RawValue raw) {
    return switch (value) {
      case Number number -> number;
      case Boolean bool -> bool;
      case Dsn dsn -> dsn.masked();
      case LogLevel level -> level.wireName();
      case StorageConfig.Driver driver -> driver.wireName();
      default -> raw.text();
    };
  }
}
