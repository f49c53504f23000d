package dev.middleman.server.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times in logs: RFC 3339 with milliseconds and the local offset, as the API writes them. */
final class Rfc3339 {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  private Rfc3339() {}

  static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  static String ofEpochMilli(long millis) {
    return format(Instant.ofEpochMilli(millis));
  }
}
