package dev.middleman.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.NotFoundException;
import dev.middleman.core.spi.StorageUnavailableException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns exceptions into HTTP answers. */
final class ErrorMapping {

  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  /**
   * The connection to the database may break during the commit, after which nobody knows whether
   * it took effect; so a failed write promises only atomicity.
   */
  private static final String WRITE_OUTCOME = "; the request was stored whole or not at all,"
      + " and if the connection broke while committing it may have been stored: a retry may store"
      + " it twice (delivery is at-least-once)";
  private static final String READ_RETRY = "; try again later";

  private ErrorMapping() {}

  /** The JSON body of every error. */
  record ErrorBody(String error, String detail) {}

  /** For refusals made before any endpoint runs, which never involve storage. */
  static Answer answer(Throwable failure) {
    return answer(failure, false);
  }

  /**
   * @param write whether the request asked to change something, which decides what a 503 can
   *     promise about it
   */
  static Answer answer(Throwable failure, boolean write) {
    return switch (failure) {
      case MethodNotAllowedException e -> error(e.status(), e.error(), e.getMessage(),
          Map.of("Allow", e.allowHeader()));
      case ApiException e -> error(e.status(), e.error(), e.getMessage());
      case InvalidRequestException e -> error(400, "bad request", e.getMessage());
      case JsonProcessingException e ->
          error(400, "bad request", "body is not valid JSON: " + e.getOriginalMessage());
      case NotFoundException e -> error(404, "not found", e.getMessage() + " is not defined");
      case StorageUnavailableException e -> {
        log.warn("Storage unavailable: {}", e.toString());
        yield error(503, "storage unavailable", e.getMessage() + (write ? WRITE_OUTCOME : READ_RETRY));
      }
      default -> {
        // the exception can carry SQL or other internals: the log has it, the client does not
        log.error("Unexpected failure while answering a request", failure);
        yield error(500, "internal error", "an unexpected error; see the daemon's error log");
      }
    };
  }

  private static Answer error(int status, String error, String detail) {
    return error(status, error, detail, Map.of());
  }

  private static Answer error(int status, String error, String detail, Map<String, String> headers) {
    return new Answer(status, Answer.JSON, Json.bytes(new ErrorBody(error, detail)), headers);
  }
}
