package dev.middleman.core.spi;

/** Being primary for one queue. Grabs are fenced on it: a lost lease grabs nothing. */
public interface Lease {

  String queue();

  /** The id of the node holding it. */
  String nodeId();

  /** Whether it is still held, as far as this node can tell without asking the storage. */
  boolean isHeld();
}
