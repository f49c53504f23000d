package dev.middleman.server.logging;

import dev.middleman.http.AccessLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The access log: one line per answered API request. */
public final class AccessLogWriter implements AccessLog {

  private static final Logger log = LoggerFactory.getLogger(Logs.ACCESS_LOGGER);

  private final String tag;

  public AccessLogWriter(String tag) {
    this.tag = tag;
  }

  @Override
  public void record(Entry entry) {
    log.atInfo()
        .addKeyValue("tag", tag)
        .addKeyValue("method", entry.method())
        .addKeyValue("path", entry.path())
        .addKeyValue("status", entry.status())
        .addKeyValue("bytes", entry.bytes())
        .addKeyValue("duration", entry.durationMicros() / 1000.0)
        .addKeyValue("remote_addr", entry.remoteAddress())
        .log();
  }
}
