package dev.middleman.core.dispatch;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Throttle;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches one queue: while this node is primary for it, grabs ready jobs as workers free up and
 * hands each to a {@link JobAttempt}.
 */
final class QueueDispatcher {

  private static final Logger log = LoggerFactory.getLogger(QueueDispatcher.class);
  private static final long ELECTION_RETRY_MILLIS = 1000;
  private static final long ERROR_BACKOFF_MILLIS = 1000;

  private final String queue;
  private final String nodeId;
  private final JobStore store;
  private final LeaderElection election;
  private final JobAttempt attempt;
  private final ExecutorService calls;
  private final Clock clock;
  private final long handoverMillis;
  private final Wakeup wakeup = new Wakeup();
  private final InFlight inFlight = new InFlight();

  private volatile QueueDefinition definition;
  private volatile boolean running = true;
  private volatile Lease lease;
  private volatile boolean moreMayBeReady;
  /** Whether {@link #lease} was lost and not yet given back, and since when. */
  private boolean handingOver;
  private long lostAt;
  private Throttle appliedThrottle;
  private TokenBucket bucket;
  private Thread loop;

  QueueDispatcher(QueueDefinition definition, String nodeId, JobStore store,
      LeaderElection election, JobAttempt attempt, ExecutorService calls, Clock clock,
      Duration handoverTimeout) {
    this.queue = definition.name();
    this.definition = definition;
    this.nodeId = nodeId;
    this.store = store;
    this.election = election;
    this.attempt = attempt;
    this.calls = calls;
    this.clock = clock;
    this.handoverMillis = handoverTimeout.toMillis();
  }

  void start() {
    loop = Thread.ofVirtual().name("middleman-dispatch-" + queue).start(this::runLoop);
  }

  void reconfigure(QueueDefinition newDefinition) {
    definition = newDefinition;
    wakeUp();
  }

  QueueDefinition definition() {
    return definition;
  }

  void wakeUp() {
    wakeup.signal();
  }

  boolean isPrimary() {
    Lease current = lease;
    return current != null && current.isHeld();
  }

  int jobsInFlight() {
    return inFlight.count();
  }

  /** Stops grabbing; jobs in flight go on. */
  void stopGrabbing() throws InterruptedException {
    running = false;
    wakeUp();
    if (loop != null) {
      loop.join();
    }
  }

  /** @return whether every job in flight finished before the deadline */
  boolean awaitIdle(Instant deadline) throws InterruptedException {
    return inFlight.awaitZero(deadline);
  }

  /** Gives up being primary, so that another node can take over at once. */
  void resign() {
    Lease current = lease;
    lease = null;
    if (current != null) {
      try {
        election.release(current);
      } catch (RuntimeException e) {
        log.warn("{} - could not release the primary lease: {}", queue, e.toString());
      }
    }
  }

  private void runLoop() {
    while (running) {
      long waitMillis;
      try {
        waitMillis = step();
      } catch (RuntimeException e) {
        log.warn("{} - dispatch step failed, retrying in {} ms: {}", queue, ERROR_BACKOFF_MILLIS, e.toString());
        waitMillis = ERROR_BACKOFF_MILLIS;
      }
      try {
        wakeup.await(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** @return how long to wait before the next step, unless woken up */
  private long step() {
    if (!holdLease()) {
      return ELECTION_RETRY_MILLIS;
    }
    QueueDefinition current = definition;
    TokenBucket tokens = bucketFor(current.throttle());
    int slots = current.maxWorkers() - inFlight.count();
    if (tokens != null) {
      slots = Math.min(slots, tokens.available());
    }
    if (slots <= 0) {
      moreMayBeReady = true;
      boolean waitingForToken = tokens != null && inFlight.count() < current.maxWorkers();
      return waitingForToken ? tokens.millisUntilNextToken() : current.effectivePollingInterval();
    }
    List<Job> jobs = store.grab(queue, slots, clock.millis(), lease);
    if (tokens != null) {
      tokens.take(jobs.size());
    }
    moreMayBeReady = jobs.size() == slots;
    jobs.forEach(this::launch);
    if (moreMayBeReady && tokens != null && inFlight.count() < current.maxWorkers()) {
      return Math.max(1, tokens.millisUntilNextToken());
    }
    return current.effectivePollingInterval();
  }

  private boolean holdLease() {
    if (isPrimary()) {
      return true;
    }
    if (lease != null && !handOver()) {
      return false;
    }
    Optional<Lease> won = election.tryAcquire(queue, nodeId);
    if (won.isEmpty()) {
      return false;
    }
    lease = won.get();
    int recovered = store.recoverGrabbed(queue, nodeId);
    log.info("{} - this node is now primary; jobs of a gone primary put back: {}", queue, recovered);
    return true;
  }

  /**
   * Gives a lost lease back only once this node's calls for the queue have finished, or the
   * handover timeout has passed: the election makes the next primary wait for that release, so
   * that it never dispatches alongside calls still running here.
   *
   * @return whether the lease was given back
   */
  private boolean handOver() {
    long now = clock.millis();
    if (!handingOver) {
      handingOver = true;
      lostAt = now;
      log.warn("{} - lost the primary lease; no more grabs, {} calls in flight finish first",
          queue, inFlight.count());
    }
    int unfinished = inFlight.count();
    if (unfinished > 0 && now - lostAt < handoverMillis) {
      return false;
    }
    if (unfinished > 0) {
      log.warn("{} - {} calls still in flight after {} ms; handing the queue over anyway, so their"
          + " jobs may be dispatched again", queue, unfinished, handoverMillis);
    }
    resign();
    handingOver = false;
    return true;
  }

  private TokenBucket bucketFor(Throttle throttle) {
    if (!Objects.equals(throttle, appliedThrottle)) {
      appliedThrottle = throttle;
      bucket = throttle == null ? null : new TokenBucket(throttle, clock);
    }
    return bucket;
  }

  private void launch(Job job) {
    inFlight.increment();
    calls.execute(() -> {
      try {
        attempt.run(job);
      } finally {
        inFlight.decrement();
        if (moreMayBeReady || !isPrimary()) {
          wakeUp();
        }
      }
    });
  }
}
