package dev.middleman.core.model;

/**
 * A stored job.
 *
 * @param queue the queue that holds it
 * @param id unique and increasing within its queue
 * @param createdAt epoch milliseconds
 * @param nextTry epoch milliseconds from which it may be dispatched
 * @param retryCount retries still allowed
 * @param failCount failed tries so far
 */
public record Job(
    String queue,
    long id,
    String category,
    String url,
    String payload,
    JobStatus status,
    long createdAt,
    long nextTry,
    int retryCount,
    int failCount,
    int maxRetries,
    long retryDelay,
    long timeout) {

  /** The job as it would be stored right after a push at {@code now}. */
  public static Job fresh(String queue, long id, NewJob job, long now) {
    return new Job(
        queue,
        id,
        job.category(),
        job.url(),
        job.payload(),
        JobStatus.CLAIMED,
        now,
        now + job.runAfter() * 1000,
        job.maxRetries(),
        0,
        job.maxRetries(),
        job.retryDelay(),
        job.timeout());
  }

  public Job withStatus(JobStatus newStatus) {
    return new Job(queue, id, category, url, payload, newStatus, createdAt, nextTry, retryCount,
        failCount, maxRetries, retryDelay, timeout);
  }

  /** The job put back after a failed try, to run again at {@code newNextTry}. */
  public Job rescheduled(long newNextTry) {
    return new Job(queue, id, category, url, payload, JobStatus.CLAIMED, createdAt, newNextTry,
        retryCount - 1, failCount + 1, maxRetries, retryDelay, timeout);
  }

  /** The job as it goes to the failure log: one more failed try. */
  public Job withFailureCounted() {
    return new Job(queue, id, category, url, payload, status, createdAt, nextTry, retryCount,
        failCount + 1, maxRetries, retryDelay, timeout);
  }

  public boolean hasRetriesLeft() {
    return retryCount > 0;
  }
}
