package dev.middleman.mysql;

import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.Lease;
import dev.middleman.core.spi.StorageUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects a primary per queue with MySQL named locks, on two dedicated connections of this node.
 *
 * <p>The <em>queue lock</em> ({@link LockNames#queue}) names the primary, and every grab is fenced
 * on it. The <em>handover lock</em> ({@link LockNames#handover}) lives on the second connection.
 * A primary holds both. When it loses the queue lock while its process lives (its connection was
 * killed or broke), it keeps the handover lock until its calls in flight have finished and it
 * releases the lease; a node that wins the queue lock in the meantime cannot get the handover
 * lock, lets the queue lock go again and is not granted the queue. A node whose process dies
 * loses both connections, so a backup takes over at once.
 *
 * <p>Both connections are pinged every {@value #CHECK_INTERVAL_MILLIS} ms; one that fails is
 * replaced, and every lease that relied on it reads not held from then on.
 */
public final class MysqlLeaderElection implements LeaderElection, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MysqlLeaderElection.class);
  static final long CHECK_INTERVAL_MILLIS = 500;
  /** The host named for a holder the process list does not show (it has just gone). */
  private static final String UNKNOWN_HOST = "unknown";

  private final LockConnection queueLocks;
  private final LockConnection handoverLocks;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("middleman-election-check").factory());
  /** Per queue, the lease this election granted and has not had released; guarded by this. */
  private final Map<String, Grant> grants = new HashMap<>();

  public MysqlLeaderElection(DedicatedConnectionSource source) {
    this.queueLocks = new LockConnection("election queue locks", source);
    this.handoverLocks = new LockConnection("election handover locks", source);
    checker.scheduleWithFixedDelay(this::check, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A lease that was lost must be released before the queue can be won again. One election
   * serves one node, but it keeps node ids apart: until a lease it granted is released, another
   * node id asking for the same queue gets nothing.
   */
  @Override
  public synchronized Optional<Lease> tryAcquire(String queue, String nodeId) {
    Grant existing = grants.get(queue);
    if (existing != null) {
      boolean ours = existing.lease().nodeId().equals(nodeId) && existing.lease().isHeld();
      return ours ? Optional.of(existing.lease()) : Optional.empty();
    }
    LockSession queueSession = queueLocks.session();
    LockSession handoverSession = handoverLocks.session();
    if (queueSession == null || handoverSession == null) {
      return Optional.empty();
    }
    String queueLock = LockNames.queue(queue);
    String handoverLock = LockNames.handover(queue);
    Object queueToken = null;
    Object handoverToken = null;
    try {
      queueToken = queueSession.acquire(queueLock);
      if (queueToken == null) {
        return Optional.empty();
      }
      handoverToken = handoverSession.acquire(handoverLock);
      if (handoverToken == null) {
        log.debug("{} - won the queue lock, but the previous primary is still finishing its calls",
            queue);
        return Optional.empty();
      }
      Object heldQueue = queueToken;
      Object heldHandover = handoverToken;
      MysqlLease lease = new MysqlLease(queue, nodeId, queueLock, queueSession.connectionId(),
          () -> queueSession.holds(queueLock, heldQueue)
              && handoverSession.holds(handoverLock, heldHandover));
      grants.put(queue,
          new Grant(lease, queueSession, heldQueue, handoverSession, heldHandover));
      return Optional.of(lease);
    } catch (SQLException e) {
      // The session is dead; the checker reports it and reconnects.
      return Optional.empty();
    } finally {
      if (queueToken != null && handoverToken == null) {
        queueSession.release(queueLock, queueToken);
      }
    }
  }

  @Override
  public synchronized void release(Lease lease) {
    Grant grant = grants.get(lease.queue());
    if (grant == null || grant.lease() != lease) {
      return;
    }
    grants.remove(lease.queue());
    grant.queueSession().release(grant.lease().lockName(), grant.queueToken());
    grant.handoverSession().release(LockNames.handover(lease.queue()), grant.handoverToken());
  }

  /**
   * The holder of the queue lock: its connection id, and the host that connection comes from as
   * the server's process list shows it, without the port. Every node logs in as the same user,
   * and a user sees its own connections there without the PROCESS privilege.
   *
   * @throws StorageUnavailableException when this node cannot reach MySQL
   */
  @Override
  public Optional<Primary> primaryOf(String queue) {
    LockSession session = queueLocks.session();
    if (session == null) {
      session = handoverLocks.session();
    }
    if (session == null) {
      throw new StorageUnavailableException("the election has no connection to MySQL", null);
    }
    try {
      return session.use(connection -> {
        long holder;
        try (PreparedStatement statement = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
          statement.setString(1, LockNames.queue(queue));
          try (ResultSet row = statement.executeQuery()) {
            row.next();
            holder = row.getLong(1);
            if (row.wasNull()) {
              return Optional.empty();
            }
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = ?")) {
          statement.setLong(1, holder);
          try (ResultSet row = statement.executeQuery()) {
            String host = row.next() ? withoutPort(row.getString(1)) : UNKNOWN_HOST;
            return Optional.of(new Primary(String.valueOf(holder), host));
          }
        }
      });
    } catch (SQLException e) {
      throw new StorageUnavailableException("could not ask MySQL who holds " + queue, e);
    }
  }

  /** Closes both connections, which frees every lock this node holds. */
  @Override
  public void close() {
    checker.shutdownNow();
    try {
      checker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queueLocks.close();
    handoverLocks.close();
  }

  /** {@code 10.0.0.7:53122} → {@code 10.0.0.7}; a socket connection shows {@code localhost}. */
  static String withoutPort(String host) {
    if (host == null) {
      return UNKNOWN_HOST;
    }
    int colon = host.lastIndexOf(':');
    boolean portFollows = colon > 0 && colon < host.length() - 1
        && host.substring(colon + 1).chars().allMatch(Character::isDigit);
    return portFollows ? host.substring(0, colon) : host;
  }

  private void check() {
    try {
      queueLocks.maintain();
      handoverLocks.maintain();
    } catch (RuntimeException e) {
      log.warn("election check failed, trying again in {} ms: {}", CHECK_INTERVAL_MILLIS,
          e.toString());
    }
  }

  private record Grant(MysqlLease lease, LockSession queueSession, Object queueToken,
      LockSession handoverSession, Object handoverToken) {}
}
