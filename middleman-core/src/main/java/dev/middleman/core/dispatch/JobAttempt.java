package dev.middleman.core.dispatch;

import dev.middleman.core.JobListener;
import dev.middleman.core.JobListener.Outcome;
import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import dev.middleman.core.spi.JobStore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One try of a grabbed job: call the worker, then store the outcome until the store takes it. */
final class JobAttempt {

  private static final Logger log = LoggerFactory.getLogger(JobAttempt.class);
  private static final long FIRST_STORE_RETRY_MILLIS = 100;
  private static final long MAX_STORE_RETRY_MILLIS = 2000;

  private final JobStore store;
  private final WorkerClient worker;
  private final JobListener listener;
  private final Clock clock;

  JobAttempt(JobStore store, WorkerClient worker, JobListener listener, Clock clock) {
    this.store = store;
    this.worker = worker;
    this.listener = listener;
    this.clock = clock;
  }

  void run(Job job) {
    listener.dispatched(job);
    long started = System.nanoTime();
    WorkerResult result = worker.call(job);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Decision decision = decide(job, result, clock.millis());
    try {
      if (storeUntilTaken(job, decision.completion())) {
        listener.finished(decision.applyTo(job), result, decision.outcome(), elapsedMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("{} - job {} left grabbed at shutdown; the next primary will retry it",
          job.queue(), job.id());
    }
  }

  /** What a worker's answer means for the job, by the rules of SPEC §1. */
  static Decision decide(Job job, WorkerResult result, long now) {
    if (result.isSuccess()) {
      return new Decision(Outcome.SUCCEEDED, new Completion.Succeeded());
    }
    if (result.isPermanentFailure()) {
      return new Decision(Outcome.FAILED_PERMANENTLY, new Completion.Failed(result, now));
    }
    if (job.hasRetriesLeft()) {
      return new Decision(Outcome.RETRIED, new Completion.Retry(now + job.retryDelay() * 1000, now));
    }
    return new Decision(Outcome.RETRIES_EXHAUSTED, new Completion.Failed(result, now));
  }

  /**
   * The worker has done its part, so giving up here would send the job again: keep trying until
   * the store records the outcome or this node is stopped.
   *
   * @return false if the job was no longer stored
   */
  private boolean storeUntilTaken(Job job, Completion completion) throws InterruptedException {
    long backoff = FIRST_STORE_RETRY_MILLIS;
    while (true) {
      try {
        return store.complete(job, completion);
      } catch (RuntimeException e) {
        log.warn("{} - could not record the outcome of job {}, retrying in {} ms: {}",
            job.queue(), job.id(), backoff, e.toString());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_STORE_RETRY_MILLIS);
      }
    }
  }

  record Decision(Outcome outcome, Completion completion) {

    /** The job as the store records it after this try. */
    Job applyTo(Job job) {
      return switch (completion) {
        case Completion.Succeeded succeeded -> job;
        case Completion.Retry retry -> job.rescheduled(retry.nextTry());
        case Completion.Failed failed -> job.withFailureCounted();
      };
    }
  }
}
