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

  private ErrorMapping() {}

  /** The JSON body of every error. */
  record ErrorBody(String error, String detail) {}

  static Answer answer(Throwable failure) {
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
        yield error(503, "storage unavailable", e.getMessage() + "; nothing was written, try again");
      }
      default -> {
        log.error("Unexpected failure while answering a request", failure);
        yield error(500, "internal error", failure.toString());
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
