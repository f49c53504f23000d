package dev.middleman.core.spi;

/** One storage backend: where jobs and definitions live and how nodes elect a primary per queue. */
public interface StorageDriver extends AutoCloseable {

  /** A short name for logs and {@code /settings}, such as {@code in-memory} or {@code mysql}. */
  String name();

  JobStore jobs();

  DefinitionRepository definitions();

  LeaderElection election();

  /** The inspection API, if this driver offers it. */
  default java.util.Optional<JobInspection> inspection() {
    return java.util.Optional.empty();
  }

  /** Whether the storage answers right now; must not block for long. */
  boolean isHealthy();

  @Override
  void close();
}
