package dev.middleman.core.dispatch;

import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An election shared by several nodes in one process, which a test can cut: {@link #cut} makes
 * the holder's lease read not held while the queue stays its until it releases the lease, as
 * when only a primary's lock connection is killed; {@link #gone} frees the queue at once, as when
 * the primary's process dies.
 */
final class ScriptedElection implements LeaderElection {

  private final Map<String, ScriptedLease> holders = new HashMap<>();
  private final Set<String> shutOut = new HashSet<>();

  @Override
  public synchronized Optional<Lease> tryAcquire(String queue, String nodeId) {
    if (shutOut.contains(nodeId)) {
      return Optional.empty();
    }
    ScriptedLease holder = holders.get(queue);
    if (holder != null) {
      return holder.nodeId().equals(nodeId) && holder.isHeld() ? Optional.of(holder) : Optional.empty();
    }
    ScriptedLease lease = new ScriptedLease(queue, nodeId);
    holders.put(queue, lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized void release(Lease lease) {
    holders.remove(lease.queue(), lease);
    ((ScriptedLease) lease).held = false;
  }

  @Override
  public synchronized Optional<Primary> primaryOf(String queue) {
    ScriptedLease holder = holders.get(queue);
    return holder != null && holder.isHeld()
        ? Optional.of(new Primary(holder.nodeId(), "localhost"))
        : Optional.empty();
  }

  /** The holder's lease reads not held; nobody else gets the queue until the holder releases it. */
  synchronized void cut(String queue) {
    holders.get(queue).held = false;
  }

  /** The holder is gone: its lease reads not held and the queue is free. */
  synchronized void gone(String queue) {
    holders.remove(queue).held = false;
  }

  /** The node wins nothing from now on, as if it could not reach the storage. */
  synchronized void shutOut(String nodeId) {
    shutOut.add(nodeId);
  }

  synchronized boolean isFree(String queue) {
    return !holders.containsKey(queue);
  }

  private static final class ScriptedLease implements Lease {
    private final String queue;
    private final String nodeId;
    private volatile boolean held = true;

    ScriptedLease(String queue, String nodeId) {
      this.queue = queue;
      this.nodeId = nodeId;
    }

    @Override
    public String queue() {
      return queue;
    }

    @Override
    public String nodeId() {
      return nodeId;
    }

    @Override
    public boolean isHeld() {
      return held;
    }
  }
}
