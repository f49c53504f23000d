package dev.middleman.mysql;

import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;

/** The storage SPI on MySQL 8.0+ / MariaDB 10.6+. CONTRACT STUB: the MySQL module fills it in. */
public final class MysqlStorage implements StorageDriver {

  /**
   * Connects, creates or migrates the schema, and returns a ready driver.
   *
   * @param queueDsn where jobs and failure logs live (and the election locks)
   * @param repositoryDsn where queue definitions and routings live (may equal queueDsn)
   * @param maxPoolSize the most connections held to each database
   */
  public static MysqlStorage open(Dsn queueDsn, Dsn repositoryDsn, int maxPoolSize) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public JobStore jobs() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public DefinitionRepository definitions() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public LeaderElection election() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean isHealthy() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
