package dev.middleman.core.spi;

import java.util.Optional;

/** Decides, per queue, which node is primary and so dispatches it. */
public interface LeaderElection {

  /**
   * Tries once, without waiting, to become primary for the queue.
   *
   * <p>A lease is granted only when no other node may still be dispatching the queue: the
   * previous holder has released its lease (even one it had already lost, see {@link #release})
   * or is gone. So when this returns a lease, every job of the queue that another node grabbed
   * belongs to a node that will not finish it, and may be put back.
   *
   * @param nodeId this node's id, recorded on the jobs it grabs
   * @return the lease if this node is now primary
   */
  Optional<Lease> tryAcquire(String queue, String nodeId);

  /**
   * Gives the lease up so that another node can take over at once. A node whose lease was lost
   * (it reads not held) still releases it, once its calls in flight for the queue have finished:
   * until then no other node is granted the queue.
   */
  void release(Lease lease);

  /** The node that is primary for the queue now, as seen by the storage. */
  Optional<Primary> primaryOf(String queue);

  /** Who holds a queue's lease: {@code id} as the storage knows the holder, {@code host} where it runs. */
  record Primary(String id, String host) {}
}
