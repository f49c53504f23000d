package dev.middleman.core.dispatch;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;

/** Sends one job to its worker and reports the answer. Never throws: a failed call is a result. */
@FunctionalInterface
public interface WorkerClient {

  WorkerResult call(Job job);
}
