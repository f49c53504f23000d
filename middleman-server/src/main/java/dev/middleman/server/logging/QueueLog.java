package dev.middleman.server.logging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.middleman.core.JobListener;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The queue log: one line per push, retry and completion. A job that failed for good (the worker
 * said permanent-failure, or its retries ran out) is logged at warn so monitoring can alert on it.
 */
public final class QueueLog implements JobListener {

  private static final Logger log = LoggerFactory.getLogger(Logs.QUEUE_LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tag;

  public QueueLog(String tag) {
    this.tag = tag;
  }

  @Override
  public void pushed(Job job) {
    line(Level.INFO, "push", job, job.status().wireName(), 0, null).log();
  }

  @Override
  public void finished(Job job, WorkerResult result, Outcome outcome, long elapsedMillis) {
    switch (outcome) {
      case SUCCEEDED -> line(Level.INFO, "complete", job, result.status(), elapsedMillis,
          result.message()).log();
      case RETRIED -> line(Level.INFO, "retry", job, result.status(), elapsedMillis,
          result.message()).log();
      case FAILED_PERMANENTLY, RETRIES_EXHAUSTED -> line(Level.WARN, "complete", job,
          outcome == Outcome.RETRIES_EXHAUSTED ? WorkerResult.FAILURE : result.status(),
          elapsedMillis, result.message()).log();
    }
  }

  private LoggingEventBuilder line(Level level, String action, Job job, String status,
      long elapsedMillis, String message) {
    return log.atLevel(level)
        .addKeyValue("tag", tag)
        .addKeyValue("action", action)
        .addKeyValue("queue", job.queue())
        .addKeyValue("category", job.category())
        .addKeyValue("id", job.id())
        .addKeyValue("status", status)
        .addKeyValue("created_at", Rfc3339.ofEpochMilli(job.createdAt()))
        .addKeyValue("elapsed", elapsedMillis)
        .addKeyValue("url", job.url())
        .addKeyValue("payload", payload(job.payload()))
        .addKeyValue("next_try", Rfc3339.ofEpochMilli(job.nextTry()))
        .addKeyValue("retry_count", job.retryCount())
        .addKeyValue("retry_delay", job.retryDelay())
        .addKeyValue("fail_count", job.failCount())
        .addKeyValue("timeout", job.timeout())
        .addKeyValue("message", message);
  }

  /**
   * The payload as the JSON it is; text that is not JSON is logged as a string. JSON on one line is
   * copied as it is, after a streaming check, which costs far less than reading it into a tree and
   * writing that out again; JSON spread over lines is rewritten on one, as each entry is one line.
   */
  static Object payload(String payload) {
    if (payload == null) {
      return null;
    }
    boolean oneLine = payload.indexOf('\n') < 0 && payload.indexOf('\r') < 0;
    if (oneLine) {
      return isOneJsonValue(payload) ? new RawValue(payload) : payload;
    }
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return payload;
    }
  }

  private static boolean isOneJsonValue(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
