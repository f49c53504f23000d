package dev.middleman.mysql;

import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;
import java.util.Optional;

/** The MySQL driver with this module's test election standing in for the real one. */
record DriverWithElection(MysqlStorage storage, GetLockElection election) implements StorageDriver {

  static DriverWithElection open(Dsn dsn, int maxPoolSize) {
    return new DriverWithElection(MysqlStorage.open(dsn, dsn, maxPoolSize), new GetLockElection(dsn));
  }

  @Override
  public String name() {
    return storage.name();
  }

  @Override
  public JobStore jobs() {
    return storage.jobs();
  }

  @Override
  public DefinitionRepository definitions() {
    return storage.definitions();
  }

  @Override
  public Optional<JobInspection> inspection() {
    return storage.inspection();
  }

  @Override
  public boolean isHealthy() {
    return storage.isHealthy();
  }

  @Override
  public void close() {
    election.close();
    storage.close();
  }
}
