package dev.middleman.mysql;

import dev.middleman.core.spi.Lease;
import java.util.function.BooleanSupplier;

/**
 * Being primary for a queue on MySQL: the named lock {@code lockName} is held by the dedicated
 * connection whose {@code CONNECTION_ID()} is {@code connectionId}. Grabs are fenced on exactly
 * that pair, in the grab's own transaction.
 *
 * @param held whether this node still believes it holds the lock
 */
public record MysqlLease(
    String queue, String nodeId, String lockName, long connectionId, BooleanSupplier held)
    implements Lease {

  @Override
  public boolean isHeld() {
    return held.getAsBoolean();
  }
}
