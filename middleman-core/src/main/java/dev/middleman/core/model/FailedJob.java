package dev.middleman.core.model;

/**
 * An entry of a queue's failure log.
 *
 * @param id the entry's own id
 * @param jobId the id the job had in its queue
 * @param failedAt epoch milliseconds
 * @param createdAt epoch milliseconds, when the job was pushed
 */
public record FailedJob(
    long id,
    long jobId,
    String category,
    String url,
    String payload,
    WorkerResult result,
    int failCount,
    long failedAt,
    long createdAt) {}
