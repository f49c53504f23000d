package dev.middleman.core.dispatch;

import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;

/** In-memory jobs and definitions that several nodes in one process share, with a test's election. */
record SharedStorage(InMemoryStorage memory, LeaderElection election) implements StorageDriver {

  @Override
  public String name() {
    return "shared-in-memory";
  }

  @Override
  public JobStore jobs() {
    return memory.jobs();
  }

  @Override
  public DefinitionRepository definitions() {
    return memory.definitions();
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  public void close() {}
}
