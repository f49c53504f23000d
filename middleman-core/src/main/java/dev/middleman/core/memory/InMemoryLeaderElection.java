package dev.middleman.core.memory;

import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import java.util.Optional;

/** In one process there is nobody to compete with: this node is always primary. */
final class InMemoryLeaderElection implements LeaderElection {

  private static final Primary THIS_PROCESS =
      new Primary(String.valueOf(ProcessHandle.current().pid()), "localhost");

  @Override
  public Optional<Lease> tryAcquire(String queue, String nodeId) {
    return Optional.of(new AlwaysHeld(queue, nodeId));
  }

  @Override
  public void release(Lease lease) {}

  @Override
  public Optional<Primary> primaryOf(String queue) {
    return Optional.of(THIS_PROCESS);
  }

  private record AlwaysHeld(String queue, String nodeId) implements Lease {
    @Override
    public boolean isHeld() {
      return true;
    }
  }
}
