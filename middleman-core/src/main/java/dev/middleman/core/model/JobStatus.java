package dev.middleman.core.model;

/** Where a stored job stands. */
public enum JobStatus {
  /** Waiting for its {@code next_try}, or ready to be grabbed. */
  CLAIMED,
  /** Taken by a dispatcher and being sent to its worker. */
  GRABBED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
