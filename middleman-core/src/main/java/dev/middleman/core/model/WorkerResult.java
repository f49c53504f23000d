package dev.middleman.core.model;

/**
 * What a worker answered.
 *
 * @param status the {@code status} of the worker's JSON answer, or {@code "failure"} when the call
 *     itself failed
 * @param code the HTTP status code, or 0 when no response came
 * @param message the worker's {@code message}, or what went wrong with the call
 */
public record WorkerResult(String status, int code, String message) {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String PERMANENT_FAILURE = "permanent-failure";

  public static WorkerResult callFailed(String message) {
    return new WorkerResult(FAILURE, 0, message);
  }

  public boolean isSuccess() {
    return SUCCESS.equals(status);
  }

  public boolean isPermanentFailure() {
    return PERMANENT_FAILURE.equals(status);
  }
}
