package dev.middleman.core.spi;

/**
 * The storage cannot be reached right now. A change was made whole or not at all; when the
 * connection broke during the commit the caller cannot know which, so a retry may repeat it.
 */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
