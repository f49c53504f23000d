package dev.middleman.core;

/** The named queue, routing or job does not exist. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what) {
    super(what);
  }
}
