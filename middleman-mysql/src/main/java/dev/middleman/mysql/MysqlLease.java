package dev.middleman.mysql;

/**
 * Being primary for a queue on MySQL: the named lock {@code lockName} held by the connection
 * {@code connectionId}. A grab is fenced by checking {@code IS_USED_LOCK(lockName) =
 * connectionId} in its transaction.
 *
 * @param held whether this node still believes it holds the lock
 */
public record MysqlLease(String queue, String nodeId, String lockName, long connectionId,
    java.util.function.BooleanSupplier held) implements dev.middleman.core.spi.Lease {

  @Override
  public boolean isHeld() {
    return held.getAsBoolean();
  }
}
