package dev.middleman.core.spi;

import java.util.Optional;

/** Decides, per queue, which node is primary and so dispatches it. */
public interface LeaderElection {

  /**
   * Tries once, without waiting, to become primary for the queue.
   *
   * @param nodeId this node's id, recorded on the jobs it grabs
   * @return the lease if this node is now primary
   */
  Optional<Lease> tryAcquire(String queue, String nodeId);

  /** Gives the lease up so that another node can take over at once. */
  void release(Lease lease);

  /** The node that is primary for the queue now, as seen by the storage. */
  Optional<Primary> primaryOf(String queue);

  /** Who holds a queue's lease: {@code id} as the storage knows the holder, {@code host} where it runs. */
  record Primary(String id, String host) {}
}
