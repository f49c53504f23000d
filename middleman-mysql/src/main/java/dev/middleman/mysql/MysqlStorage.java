package dev.middleman.mysql;

import com.zaxxer.hikari.HikariDataSource;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.core.spi.StorageUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The storage SPI on MySQL 8.0+ / MariaDB 10.6+, through bounded HikariCP pools and jOOQ. */
public final class MysqlStorage implements StorageDriver {

  private static final Logger log = LoggerFactory.getLogger(MysqlStorage.class);
  private static final long HEALTH_CHECK_MS = 1_000;

  static {
    // jOOQ greets with a banner and a tip of the day in the log unless told not to.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final Dsn queueDsn;
  private final List<HikariDataSource> pools;
  private final HikariDataSource queuePool;
  private final MysqlJobStore jobs;
  private final MysqlJobInspection inspection;
  private final MysqlDefinitionRepository definitions;
  private final MysqlLeaderElection election;

  private MysqlStorage(
      Dsn queueDsn, List<HikariDataSource> pools, Database queueDatabase, Database repositoryDatabase) {
    this.queueDsn = queueDsn;
    this.pools = pools;
    this.queuePool = pools.getFirst();
    this.jobs = new MysqlJobStore(queueDatabase);
    this.inspection = new MysqlJobInspection(queueDatabase, jobs);
    this.definitions = new MysqlDefinitionRepository(repositoryDatabase);
    this.election = new MysqlLeaderElection(DedicatedConnectionSource.of(queueDsn));
  }

  /**
   * Connects, creates or migrates the schema, and returns a ready driver.
   *
   * @param queueDsn where jobs and failure logs live (and the election locks)
   * @param repositoryDsn where queue definitions and routings live (may equal queueDsn)
   * @param maxPoolSize the most connections held to each database
   * @throws StorageUnavailableException if a database cannot be reached
   */
  public static MysqlStorage open(Dsn queueDsn, Dsn repositoryDsn, int maxPoolSize) {
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      HikariDataSource queuePool = connect("middleman-queue", queueDsn, maxPoolSize);
      pools.add(queuePool);
      HikariDataSource repositoryPool = queuePool;
      if (!repositoryDsn.equals(queueDsn)) {
        repositoryPool = connect("middleman-repository", repositoryDsn, maxPoolSize);
        pools.add(repositoryPool);
      }
      Database queueDatabase = database(queuePool, maxPoolSize, "queue");
      Database repositoryDatabase = repositoryPool == queuePool
          ? queueDatabase
          : database(repositoryPool, maxPoolSize, "repository");
      Schema.migrate(queueDatabase, "jobs", dsl -> {});
      Schema.migrate(repositoryDatabase, "definitions", MysqlDefinitionRepository::createTables);
      log.info("MySQL storage ready: jobs in {} ({}), definitions in {}, at most {} connections each",
          queueDsn.masked(), queueDatabase.dialect().describe(), repositoryDsn.masked(), maxPoolSize);
      return new MysqlStorage(queueDsn, pools, queueDatabase, repositoryDatabase);
    } catch (RuntimeException e) {
      pools.forEach(HikariDataSource::close);
      throw e;
    }
  }

  private static HikariDataSource connect(String poolName, Dsn dsn, int maxPoolSize) {
    try {
      return ConnectionPool.open(poolName, dsn, maxPoolSize);
    } catch (RuntimeException e) {
      throw new StorageUnavailableException("cannot connect to MySQL at " + dsn.masked() + ": "
          + firstLine(e), e);
    }
  }

  private static Database database(HikariDataSource pool, int poolSize, String label) {
    try {
      return new Database(pool, poolSize, ServerDialect.of(pool), label);
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot read the " + label + " server's version: "
          + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }

  @Override
  public String name() {
    return "mysql";
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
  public Optional<JobInspection> inspection() {
    return Optional.of(inspection);
  }

  @Override
  public LeaderElection election() {
    return election;
  }

  /** Where the jobs live: the election opens its dedicated lock connections there. */
  public Dsn queueDsn() {
    return queueDsn;
  }

  @Override
  public boolean isHealthy() {
    // The pool may wait for a connection longer than a health check should: give up after a second.
    CompletableFuture<Boolean> check = new CompletableFuture<>();
    Thread.ofVirtual().name("middleman-mysql-health")
        .start(() -> check.complete(ConnectionPool.answers(queuePool)));
    return check.completeOnTimeout(false, HEALTH_CHECK_MS, TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    election.close();
    pools.forEach(HikariDataSource::close);
  }
}
