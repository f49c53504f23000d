package dev.middleman.http;

import java.time.Instant;

/** Hears every request the API answered, for the access log. Must be quick and must not throw. */
@FunctionalInterface
public interface AccessLog {

  AccessLog NONE = entry -> {};

  void record(Entry entry);

  /**
   * One answered request.
   *
   * @param bytes bytes of the response body
   * @param durationMicros from the request's arrival to the end of the answer
   */
  record Entry(Instant time, String method, String path, int status, long bytes,
      long durationMicros, String remoteAddress) {}
}
