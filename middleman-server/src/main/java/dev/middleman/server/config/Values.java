package dev.middleman.server.config;

import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.server.logging.LogLevel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Locale;

/** Turns raw setting text into checked values; every failure names the setting and its value. */
final class Values {

  private Values() {}

  static long positiveLong(RawValue value) {
    long parsed = wholeNumber(value);
    if (parsed <= 0) {
      throw value.invalid("must be greater than 0");
    }
    return parsed;
  }

  static long pollingInterval(RawValue value) {
    long parsed = positiveLong(value);
    if (parsed > QueueDefinition.MAX_POLLING_INTERVAL) {
      throw value.invalid("must be at most " + QueueDefinition.MAX_POLLING_INTERVAL + " ms");
    }
    return parsed;
  }

  static int positiveInt(RawValue value) {
    return toInt(value, positiveLong(value));
  }

  static long nonNegativeLong(RawValue value) {
    long parsed = wholeNumber(value);
    if (parsed < 0) {
      throw value.invalid("must not be negative");
    }
    return parsed;
  }

  static int nonNegativeInt(RawValue value) {
    return toInt(value, nonNegativeLong(value));
  }

  /** Go's strconv.ParseBool spellings, as Fireworq accepts them. */
  static boolean bool(RawValue value) {
    return switch (value.text().trim().toLowerCase(Locale.ROOT)) {
      case "1", "t", "true", "yes", "on" -> true;
      case "0", "f", "false", "no", "off" -> false;
      default -> throw value.invalid("must be true or false");
    };
  }

  static LogLevel level(RawValue value) {
    try {
      return LogLevel.parse(value.text());
    } catch (IllegalArgumentException e) {
      throw value.invalid(e.getMessage());
    }
  }

  static Path path(RawValue value) {
    try {
      return Path.of(value.text());
    } catch (InvalidPathException e) {
      throw value.invalid("not a file path: " + e.getReason());
    }
  }

  /** A file the daemon can append to; it and its folders are created if missing. */
  static Path appendableFile(RawValue value) {
    Path file = path(value).toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
      Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
      return file;
    } catch (IOException | SecurityException e) {
      throw value.invalid("cannot write to it: " + e);
    }
  }

  static String nonBlank(RawValue value) {
    if (value.text().isBlank()) {
      throw value.invalid("must not be blank");
    }
    return value.text();
  }

  static String queueName(RawValue value) {
    try {
      QueueDefinition.requireValidName(value.text());
      return value.text();
    } catch (InvalidRequestException e) {
      throw value.invalid("a queue name is 1 to 64 characters of A-Z a-z 0-9 _ . -");
    }
  }

  /** {@code host:port}, {@code [v6]:port} or {@code :port} (every interface). */
  static InetSocketAddress address(RawValue value) {
    String text = value.text().trim();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw value.invalid("must be HOST:PORT, such as 127.0.0.1:8080");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = port(value, text.substring(colon + 1));
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw value.invalid("unknown host '" + host + "'");
    }
  }

  static int port(RawValue value, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw value.invalid("port must be a number from 0 to 65535");
  }

  private static long wholeNumber(RawValue value) {
    try {
      return Long.parseLong(value.text().trim());
    } catch (NumberFormatException e) {
      throw value.invalid("must be a whole number");
    }
  }

  private static int toInt(RawValue value, long parsed) {
    if (parsed > Integer.MAX_VALUE) {
      throw value.invalid("must be at most " + Integer.MAX_VALUE);
    }
    return (int) parsed;
  }
}
