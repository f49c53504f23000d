package dev.middleman.core.memory;

import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;
import java.util.Optional;

/** Keeps everything in this process: fast, always primary, and lost when the process ends. */
public final class InMemoryStorage implements StorageDriver {

  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final InMemoryDefinitionRepository definitions = new InMemoryDefinitionRepository();
  private final InMemoryLeaderElection election = new InMemoryLeaderElection();

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public JobStore jobs() {
    return jobs;
  }

  @Override
  public DefinitionRepository definitions() {
    return definitions;
  }

  @Override
  public LeaderElection election() {
    return election;
  }

  @Override
  public Optional<JobInspection> inspection() {
    return Optional.of(jobs);
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  public void close() {}
}
