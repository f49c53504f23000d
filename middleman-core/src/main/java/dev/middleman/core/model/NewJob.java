package dev.middleman.core.model;

import dev.middleman.core.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A job as a client submits it, before it is stored.
 *
 * @param category the job category, which routing maps to a queue
 * @param url the worker's absolute http(s) URL
 * @param payload the payload as raw JSON text, or {@code null} for an empty body
 * @param runAfter seconds to wait before the first try
 * @param maxRetries how many times a failed job is tried again
 * @param retryDelay seconds between a failure and the next try
 * @param timeout seconds the whole worker call may take, 0 for no limit
 */
public record NewJob(
    String category,
    String url,
    String payload,
    long runAfter,
    int maxRetries,
    long retryDelay,
    long timeout) {

  /** One hundred years: longer is surely a mistake, and would overflow epoch milliseconds. */
  public static final long MAX_SECONDS = 100L * 365 * 24 * 3600;

  public NewJob {
    if (category == null || category.isEmpty()) {
      throw new InvalidRequestException("category", "must not be empty");
    }
    requireHttpUrl(url);
    requireSeconds("run_after", runAfter);
    requireNonNegative("max_retries", maxRetries);
    requireSeconds("retry_delay", retryDelay);
    requireSeconds("timeout", timeout);
  }

  public static NewJob of(String category, String url, String payload) {
    return new NewJob(category, url, payload, 0, 0, 0, 0);
  }

  private static final int MAX_PORT = 65535;

  private static void requireHttpUrl(String url) {
    if (url == null || url.isEmpty()) {
      throw new InvalidRequestException("url", "is required");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      if (!http || uri.getHost() == null || uri.getPort() > MAX_PORT) {
        throw new InvalidRequestException("url", "must be an absolute http or https URL: " + url);
      }
    } catch (URISyntaxException e) {
      throw new InvalidRequestException("url", "is not a valid URL: " + e.getMessage());
    }
  }

  /** A duration in seconds, bounded so that every time it leads to stays a valid date. */
  private static void requireSeconds(String field, long value) {
    requireNonNegative(field, value);
    if (value > MAX_SECONDS) {
      throw new InvalidRequestException(
          field, "must be at most " + MAX_SECONDS + " seconds (100 years), got " + value);
    }
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidRequestException(field, "must not be negative, got " + value);
    }
  }
}
