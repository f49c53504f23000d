package dev.middleman.server.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/** Log levels as Fireworq names and numbers them; fatal is logged as error. */
public enum LogLevel {
  DEBUG(Level.DEBUG),
  INFO(Level.INFO),
  WARN(Level.WARN),
  ERROR(Level.ERROR),
  FATAL(Level.ERROR);

  private final Level logback;

  LogLevel(Level logback) {
    this.logback = logback;
  }

  /** A name ({@code debug} … {@code fatal}, {@code warning} too) or a number from 0 to 4. */
  public static LogLevel parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (name.matches("[0-4]")) {
      return values()[Integer.parseInt(name)];
    }
    if (name.equals("WARNING")) {
      return WARN;
    }
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be debug, info, warn, error, fatal or a number from 0 to 4");
    }
  }

  /** What the level is when its setting is unset: debug if {@code DEBUG} is non-empty, else info. */
  public static LogLevel fallback(String debugEnv) {
    return debugEnv == null || debugEnv.isEmpty() ? INFO : DEBUG;
  }

  public Level logback() {
    return logback;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
