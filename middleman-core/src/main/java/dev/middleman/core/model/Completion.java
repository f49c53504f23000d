package dev.middleman.core.model;

/** How a dispatched job ends its try; each is stored in one transaction. */
public sealed interface Completion {

  /** The worker succeeded: the job is deleted. */
  record Succeeded() implements Completion {}

  /** The try failed at {@code at} and retries remain: the job waits until {@code nextTry}. */
  record Retry(long nextTry, long at) implements Completion {}

  /** The job failed for good: it moves to the failure log. */
  record Failed(WorkerResult result, long failedAt) implements Completion {}
}
