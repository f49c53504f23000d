package dev.middleman.http;

/** A request the API refuses for a reason of HTTP itself: unknown path, wrong method, too large. */
class ApiException extends RuntimeException {

  private final int status;
  private final String error;

  ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not found", detail);
  }

  static ApiException tooLarge(long limit) {
    return new ApiException(413, "request body too large",
        "the body is larger than the limit of " + limit + " bytes");
  }

  static ApiException notImplemented(String detail) {
    return new ApiException(501, "not implemented", detail);
  }
}
