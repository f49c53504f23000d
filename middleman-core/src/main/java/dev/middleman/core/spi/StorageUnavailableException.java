package dev.middleman.core.spi;

/** The storage cannot be reached right now; nothing was written and the caller may retry. */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
