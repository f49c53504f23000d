package dev.middleman.core.stats;

/**
 * A queue's figures as {@code GET /queue/{name}/stats} reports them. Counters cover this node's
 * work since it started.
 *
 * @param totalElapsed milliseconds of worker calls, summed over completed jobs
 * @param pushesPerSecond pushes in the last whole second
 * @param popsPerSecond dispatches in the last whole second
 * @param outstandingJobs jobs stored in the queue now
 * @param activeNodes 1 when some node is primary for the queue, else 0
 */
public record QueueStats(
    long totalPushes,
    long totalPops,
    long totalSuccesses,
    long totalFailures,
    long totalPermanentFailures,
    long totalCompletes,
    long totalElapsed,
    long pushesPerSecond,
    long popsPerSecond,
    long outstandingJobs,
    int totalWorkers,
    int idleWorkers,
    int activeNodes) {}
