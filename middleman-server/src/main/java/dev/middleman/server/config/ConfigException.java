package dev.middleman.server.config;

/** A setting with a value the daemon cannot use; the message is one line naming key and value. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
