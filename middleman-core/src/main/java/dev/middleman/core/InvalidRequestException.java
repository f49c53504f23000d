package dev.middleman.core;

/** A client's request is wrong; {@code field} names the part at fault. */
public class InvalidRequestException extends RuntimeException {

  private final String field;
  private final String detail;

  public InvalidRequestException(String field, String detail) {
    super(field + " " + detail);
    this.field = field;
    this.detail = detail;
  }

  public String field() {
    return field;
  }

  /** What is wrong with the field, without its name. */
  public String detail() {
    return detail;
  }
}
