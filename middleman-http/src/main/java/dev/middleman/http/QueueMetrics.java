package dev.middleman.http;

import dev.middleman.core.JobListener;
import dev.middleman.core.Middleman;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-queue Prometheus meters fed by job events, plus gauges read from a running node.
 * CONTRACT STUB: the HTTP module fills it in.
 */
public final class QueueMetrics implements JobListener {

  public QueueMetrics(MeterRegistry registry) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Registers the gauges (in flight, outstanding, primary) that read from the node. */
  public void bindTo(Middleman middleman) {
    throw new UnsupportedOperationException("not yet");
  }
}
