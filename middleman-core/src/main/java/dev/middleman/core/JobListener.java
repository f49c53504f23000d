package dev.middleman.core;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;

/** Hears what happens to jobs, for logs and metrics. Listeners must be quick and must not throw. */
public interface JobListener {

  JobListener NONE = new JobListener() {};

  /** The job was stored. */
  default void pushed(Job job) {}

  /** The job was grabbed and is about to be sent to its worker. */
  default void dispatched(Job job) {}

  /**
   * A try of the job ended and its outcome was stored.
   *
   * @param job the job as this try left it: rescheduled (new {@code next_try}, one retry less, one
   *     more failure) for a retry, its failures counted for the failure log, unchanged on success
   * @param elapsedMillis how long the worker call took
   */
  default void finished(Job job, WorkerResult result, Outcome outcome, long elapsedMillis) {}

  /** The outcome of one try. */
  enum Outcome {
    SUCCEEDED,
    /** Failed, to be tried again. */
    RETRIED,
    /** The worker said permanent-failure. */
    FAILED_PERMANENTLY,
    /** Failed with no retries left. */
    RETRIES_EXHAUSTED;

    public boolean isFinal() {
      return this != RETRIED;
    }
  }
}
