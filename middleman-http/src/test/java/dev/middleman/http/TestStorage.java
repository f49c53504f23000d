package dev.middleman.http;

import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.core.spi.StorageUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory driver with switches: pushes and counts can be made to fail as if the database
 * were down, pushes to wait for a gate or fail unexpectedly, counts to hang, and inspection can be
 * switched off as for a driver without it.
 */
final class TestStorage implements StorageDriver {

  private final InMemoryStorage memory = new InMemoryStorage();
  private final boolean inspection;
  private volatile boolean down;
  private volatile CountDownLatch gate;
  private final AtomicInteger atGate = new AtomicInteger();
  private volatile RuntimeException unexpected;
  private volatile CountDownLatch countGate;
  private volatile boolean nobodyPrimary;
  private final LeaderElection election = new LeaderElection() {
    @Override
    public Optional<Lease> tryAcquire(String queue, String nodeId) {
      return memory.election().tryAcquire(queue, nodeId);
    }

    @Override
    public void release(Lease lease) {
      memory.election().release(lease);
    }

    @Override
    public Optional<Primary> primaryOf(String queue) {
      return nobodyPrimary ? Optional.empty() : memory.election().primaryOf(queue);
    }
  };

  TestStorage(boolean inspection) {
    this.inspection = inspection;
  }

  /** While down, pushes and counts throw {@link StorageUnavailableException} and health is bad. */
  void down(boolean down) {
    this.down = down;
  }

  /** From now on storage names no node as primary, as when every node has lost the database. */
  void nobodyPrimary() {
    nobodyPrimary = true;
  }

  /** Pushes throw this, as a driver with a bug would. */
  void failPushesWith(RuntimeException failure) {
    this.unexpected = failure;
  }

  /** Counts wait, as for a pool connection that never comes, until {@link #releaseCounts()}. */
  void hangCounts() {
    countGate = new CountDownLatch(1);
  }

  void releaseCounts() {
    countGate.countDown();
  }

  /** Pushes wait until {@link #openGate()}. */
  void closeGate() {
    gate = new CountDownLatch(1);
  }

  void openGate() {
    gate.countDown();
  }

  /** Pushes waiting at the gate now. */
  int pushesAtGate() {
    return atGate.get();
  }

  @Override
  public String name() {
    return inspection ? "test" : "test-without-inspection";
  }

  @Override
  public JobStore jobs() {
    JobStore jobs = memory.jobs();
    return new JobStore() {
      @Override
      public void prepareQueue(String queue) {
        jobs.prepareQueue(queue);
      }

      @Override
      public List<Job> push(List<Enqueue> enqueues, long now) {
        requireUp();
        RuntimeException failure = unexpected;
        if (failure != null) {
          throw failure;
        }
        CountDownLatch current = gate;
        if (current != null) {
          atGate.incrementAndGet();
          try {
            current.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            atGate.decrementAndGet();
          }
        }
        return jobs.push(enqueues, now);
      }

      @Override
      public List<Job> grab(String queue, int limit, long now, Lease lease) {
        return jobs.grab(queue, limit, now, lease);
      }

      @Override
      public boolean complete(Job job, Completion completion) {
        return jobs.complete(job, completion);
      }

      @Override
      public int recoverGrabbed(String queue, String nodeId) {
        return jobs.recoverGrabbed(queue, nodeId);
      }

      @Override
      public long countJobs(String queue) {
        requireUp();
        CountDownLatch hang = countGate;
        if (hang != null) {
          try {
            hang.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the count", e);
          }
        }
        return jobs.countJobs(queue);
      }
    };
  }

  private void requireUp() {
    if (down) {
      throw new StorageUnavailableException("the test database is down", null);
    }
  }

  @Override
  public DefinitionRepository definitions() {
    return memory.definitions();
  }

  @Override
  public LeaderElection election() {
    return election;
  }

  @Override
  public Optional<JobInspection> inspection() {
    return inspection ? memory.inspection() : Optional.empty();
  }

  @Override
  public boolean isHealthy() {
    return !down;
  }

  @Override
  public void close() {
    memory.close();
  }
}
