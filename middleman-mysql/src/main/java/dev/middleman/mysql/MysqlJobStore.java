package dev.middleman.mysql;

import static dev.middleman.mysql.JobColumns.CATEGORY;
import static dev.middleman.mysql.JobColumns.CHANGED_AT;
import static dev.middleman.mysql.JobColumns.CLAIMED;
import static dev.middleman.mysql.JobColumns.CREATED_AT;
import static dev.middleman.mysql.JobColumns.FAIL_COUNT;
import static dev.middleman.mysql.JobColumns.GRABBED;
import static dev.middleman.mysql.JobColumns.GRABBED_BY;
import static dev.middleman.mysql.JobColumns.ID;
import static dev.middleman.mysql.JobColumns.NEXT_TRY;
import static dev.middleman.mysql.JobColumns.PAYLOAD;
import static dev.middleman.mysql.JobColumns.RETRY_COUNT;
import static dev.middleman.mysql.JobColumns.STATUS;
import static dev.middleman.mysql.JobColumns.URL;

import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.Lease;
import dev.middleman.mysql.JobInsert.Push;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Jobs in one table per queue (and a failure log beside it); each change is one transaction. */
final class MysqlJobStore implements JobStore {

  /** Rows and bytes of one coalesced INSERT: well below the server's max_allowed_packet. */
  private static final int MAX_ROWS_PER_INSERT = 500;
  private static final long MAX_BYTES_PER_INSERT = 2L * 1024 * 1024;
  private static final int MAX_ROWS_PER_DELETE = 500;

  private final Database database;
  private final Set<String> preparedQueues = ConcurrentHashMap.newKeySet();
  private final Map<String, GroupCommit<Push, List<Long>>> pushCommits = new ConcurrentHashMap<>();
  private final Map<String, JobInsert> inserts = new ConcurrentHashMap<>();
  private final Map<String, JobGrab> grabs = new ConcurrentHashMap<>();
  private final Map<String, GroupCommit<Long, Boolean>> successCommits = new ConcurrentHashMap<>();

  MysqlJobStore(Database database) {
    this.database = database;
  }

  /** The queue's tables, created first if this process has not seen the queue yet. */
  QueueTables tables(String queue) {
    QueueTables tables = QueueTables.of(queue);
    if (!preparedQueues.contains(queue)) {
      database.run(dsl -> {
        JobColumns.createTable(dsl, tables.jobs());
        FailureColumns.createTable(dsl, tables.failures());
        return null;
      });
      preparedQueues.add(queue);
    }
    return tables;
  }

  static Table<Record> jobsOf(QueueTables tables) {
    return DSL.table(tables.jobs());
  }

  @Override
  public void prepareQueue(String queue) {
    tables(queue);
  }

  @Override
  public List<Job> push(List<Enqueue> jobs, long now) {
    Map<String, List<NewJob>> byQueue = new LinkedHashMap<>();
    for (Enqueue enqueue : jobs) {
      byQueue.computeIfAbsent(enqueue.queue(), queue -> new ArrayList<>()).add(enqueue.job());
    }
    Map<String, QueueTables> tables = new LinkedHashMap<>();
    byQueue.keySet().forEach(queue -> tables.put(queue, tables(queue)));
    Map<String, List<Long>> ids;
    if (byQueue.size() == 1) {
      // One INSERT is atomic and durable by itself, and may carry the jobs of concurrent pushes.
      String queue = jobs.getFirst().queue();
      ids = Map.of(queue, pushes(tables.get(queue)).submit(new Push(byQueue.get(queue), now)));
    } else {
      ids = database.transaction(dsl -> {
        Map<String, List<Long>> stored = new LinkedHashMap<>();
        byQueue.forEach((queue, newJobs) -> stored.put(queue,
            insert(dsl, tables.get(queue), List.of(new Push(newJobs, now))).getFirst()));
        return stored;
      });
    }
    Map<String, Integer> next = new LinkedHashMap<>();
    List<Job> result = new ArrayList<>(jobs.size());
    for (Enqueue enqueue : jobs) {
      int index = next.merge(enqueue.queue(), 1, Integer::sum) - 1;
      result.add(Job.fresh(enqueue.queue(), ids.get(enqueue.queue()).get(index), enqueue.job(), now));
    }
    return result;
  }

  private GroupCommit<Push, List<Long>> pushes(QueueTables tables) {
    return pushCommits.computeIfAbsent(tables.queue(), queue -> new GroupCommit<>(
        batch -> database.run(dsl -> insert(dsl, tables, batch)), PUSH_SIZE,
        MAX_ROWS_PER_INSERT, MAX_BYTES_PER_INSERT));
  }

  private static final GroupCommit.Size<Push> PUSH_SIZE = new GroupCommit.Size<>() {
    @Override
    public int rows(Push push) {
      return push.jobs().size();
    }

    @Override
    public long bytes(Push push) {
      long bytes = 0;
      for (NewJob job : push.jobs()) {
        bytes += job.category().length() + job.url().length()
            + (job.payload() == null ? 0 : job.payload().length());
      }
      return bytes;
    }
  };

  private GroupCommit<Long, Boolean> successes(QueueTables tables) {
    return successCommits.computeIfAbsent(tables.queue(), queue -> {
      JobDelete delete = new JobDelete(DSL.using(database.dialect().dialect()), tables);
      return new GroupCommit<>(
          ids -> database.run(dsl -> dsl.connectionResult(connection -> delete.delete(connection, ids))),
          ID_SIZE, MAX_ROWS_PER_DELETE, Long.MAX_VALUE);
    });
  }

  private static final GroupCommit.Size<Long> ID_SIZE = new GroupCommit.Size<>() {
    @Override
    public int rows(Long id) {
      return 1;
    }

    @Override
    public long bytes(Long id) {
      return Long.BYTES;
    }
  };

  /** Inserts the pushes' jobs in one statement; returns each push's ids, in order. */
  private List<List<Long>> insert(DSLContext dsl, QueueTables tables, List<Push> pushes) {
    JobInsert insert = inserts.computeIfAbsent(tables.queue(),
        queue -> new JobInsert(DSL.using(database.dialect().dialect()), tables));
    return dsl.connectionResult(connection -> insert.insert(connection, pushes));
  }

  @Override
  public List<Job> grab(String queue, int limit, long now, Lease lease) {
    if (limit <= 0 || !lease.isHeld()) {
      return List.of();
    }
    QueueTables tables = tables(queue);
    JobGrab grab = grabs.computeIfAbsent(queue, name -> new JobGrab(
        DSL.using(database.dialect().dialect()), tables, database.dialect().skipLocked()));
    return database.run(dsl -> dsl.connectionResult(connection -> grab.grab(connection, limit, now, lease)));
  }

  @Override
  public boolean complete(Job job, Completion completion) {
    QueueTables tables = tables(job.queue());
    Table<Record> jobs = jobsOf(tables);
    Condition theGrabbedJob = ID.eq(job.id()).and(STATUS.eq(GRABBED));
    // Success and retry are one statement each, a transaction by themselves in autocommit mode;
    // successes that arrive together are deleted together, in one transaction.
    return switch (completion) {
      case Completion.Succeeded succeeded -> successes(tables).submit(job.id());
      case Completion.Retry retry -> database.run(dsl -> dsl.update(jobs)
          .set(STATUS, CLAIMED)
          .setNull(GRABBED_BY)
          .set(NEXT_TRY, retry.nextTry())
          .set(RETRY_COUNT, RETRY_COUNT.minus(1))
          .set(FAIL_COUNT, FAIL_COUNT.plus(1))
          .set(CHANGED_AT, Database.SERVER_MICROS)
          .where(theGrabbedJob)
          .execute() == 1);
      case Completion.Failed failed ->
          database.transaction(dsl -> moveToFailureLog(dsl, tables, theGrabbedJob, failed));
    };
  }

  private static boolean moveToFailureLog(
      DSLContext dsl, QueueTables tables, Condition theGrabbedJob, Completion.Failed failed) {
    Table<Record> jobs = jobsOf(tables);
    Record row = dsl.select().from(jobs).where(theGrabbedJob).forUpdate().fetchOne();
    if (row == null) {
      return false;
    }
    dsl.insertInto(DSL.table(tables.failures()), FailureColumns.JOB_ID, FailureColumns.CATEGORY,
            FailureColumns.URL, FailureColumns.PAYLOAD, FailureColumns.RESULT_STATUS,
            FailureColumns.RESULT_CODE, FailureColumns.RESULT_MESSAGE, FailureColumns.FAIL_COUNT,
            FailureColumns.FAILED_AT, FailureColumns.CREATED_AT)
        .values(row.get(ID), row.get(CATEGORY), row.get(URL), row.get(PAYLOAD),
            failed.result().status(), failed.result().code(), failed.result().message(),
            row.get(FAIL_COUNT) + 1, failed.failedAt(), row.get(CREATED_AT))
        .execute();
    dsl.deleteFrom(jobs).where(ID.eq(row.get(ID))).execute();
    return true;
  }

  @Override
  public int recoverGrabbed(String queue, String nodeId) {
    Table<Record> jobs = jobsOf(tables(queue));
    return database.run(dsl -> dsl.update(jobs)
        .set(STATUS, CLAIMED)
        .setNull(GRABBED_BY)
        .set(CHANGED_AT, Database.SERVER_MICROS)
        .where(STATUS.eq(GRABBED), GRABBED_BY.isDistinctFrom(nodeId))
        .execute());
  }

  @Override
  public long countJobs(String queue) {
    Table<Record> jobs = jobsOf(tables(queue));
    return database.run(dsl -> dsl.fetchCount(jobs));
  }
}
