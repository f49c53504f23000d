package dev.middleman.server.config;

import dev.middleman.server.logging.LogLevel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the three logs go and what they keep.
 *
 * @param errorLog a file for JSON lines, or {@code null} for standard error
 * @param accessLog a file, or {@code null} for standard output
 * @param queueLog a file, or {@code null} for standard output
 */
public record LogConfig(
    Path errorLog,
    LogLevel errorLevel,
    Path accessLog,
    String accessTag,
    Path queueLog,
    LogLevel queueLevel,
    String queueTag) {

  public Optional<Path> errorLogFile() {
    return Optional.ofNullable(errorLog);
  }

  public Optional<Path> accessLogFile() {
    return Optional.ofNullable(accessLog);
  }

  public Optional<Path> queueLogFile() {
    return Optional.ofNullable(queueLog);
  }
}
