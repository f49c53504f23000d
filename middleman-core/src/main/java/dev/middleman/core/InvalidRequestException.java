package dev.middleman.core;

/** A client's request is wrong; {@code field} names the part at fault. */
public class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String detail) {
    super(field + " " + detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
