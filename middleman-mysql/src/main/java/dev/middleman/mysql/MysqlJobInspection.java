package dev.middleman.mysql;

import static dev.middleman.mysql.JobColumns.CHANGED_AT;
import static dev.middleman.mysql.JobColumns.CLAIMED;
import static dev.middleman.mysql.JobColumns.GRABBED;
import static dev.middleman.mysql.JobColumns.NEXT_TRY;
import static dev.middleman.mysql.JobColumns.STATUS;

import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.Job;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.PageCursor;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Looks into a queue's tables with keyset paging. A walk's mark is the database clock when its
 * first page was read; rows changed after it ({@code changed_at} later) are left out of the rest of
 * the walk, so a job that moves while the walk goes on is not met a second time.
 *
 * <p>Job pages are locking reads ({@code FOR SHARE}): a page waits for a write in flight on its rows
 * and then sees it, so it never returns the old place of a job whose move was stamped before the
 * mark but committed after the page was read.
 */
final class MysqlJobInspection implements JobInspection {

  private final Database database;
  private final MysqlJobStore store;

  MysqlJobInspection(Database database, MysqlJobStore store) {
    this.database = database;
    this.store = store;
  }

  @Override
  public Page<Job> jobs(String queue, JobState state, PageRequest request, long now) {
    Table<Record> jobs = MysqlJobStore.jobsOf(store.tables(queue));
    Condition inState = switch (state) {
      case GRABBED -> STATUS.eq(GRABBED);
      case WAITING -> STATUS.eq(CLAIMED).and(NEXT_TRY.le(now));
      case DEFERRED -> STATUS.eq(CLAIMED).and(NEXT_TRY.gt(now));
    };
    return database.transaction(dsl -> {
      long walkMark = request.after() == null
          ? dsl.select(Database.SERVER_MICROS).fetchSingle().value1()
          : request.after().walkMark();
      List<Record> rows = dsl.select().from(jobs)
          .where(inState, CHANGED_AT.le(walkMark), after(request, NEXT_TRY, JobColumns.ID))
          .orderBy(order(request, NEXT_TRY), order(request, JobColumns.ID))
          .limit(request.limit() + 1)
          .forShare()
          .fetch();
      return page(rows, request, walkMark, row -> JobColumns.toJob(queue, row), Job::nextTry, Job::id);
    });
  }

  @Override
  public Optional<Job> job(String queue, long id) {
    Table<Record> jobs = MysqlJobStore.jobsOf(store.tables(queue));
    return database.run(dsl -> dsl.select().from(jobs).where(JobColumns.ID.eq(id))
        .fetchOptional(row -> JobColumns.toJob(queue, row)));
  }

  @Override
  public boolean deleteJob(String queue, long id) {
    Table<Record> jobs = MysqlJobStore.jobsOf(store.tables(queue));
    return database.run(dsl -> dsl.deleteFrom(jobs).where(JobColumns.ID.eq(id)).execute() == 1);
  }

  @Override
  public Page<FailedJob> failedJobs(String queue, FailureOrder order, PageRequest request) {
    Table<Record> failures = DSL.table(store.tables(queue).failures());
    Field<Long> key = order == FailureOrder.FAILED ? FailureColumns.FAILED_AT : FailureColumns.CREATED_AT;
    return database.run(dsl -> {
      List<Record> rows = dsl.select().from(failures)
          .where(after(request, key, FailureColumns.ID))
          .orderBy(order(request, key), order(request, FailureColumns.ID))
          .limit(request.limit() + 1)
          .fetch();
      Function<FailedJob, Long> sortKey =
          order == FailureOrder.FAILED ? FailedJob::failedAt : FailedJob::createdAt;
      return page(rows, request, 0, FailureColumns::toFailedJob, sortKey, FailedJob::id);
    });
  }

  @Override
  public Optional<FailedJob> failedJob(String queue, long id) {
    Table<Record> failures = DSL.table(store.tables(queue).failures());
    return database.run(dsl -> dsl.select().from(failures).where(FailureColumns.ID.eq(id))
        .fetchOptional(FailureColumns::toFailedJob));
  }

  @Override
  public boolean deleteFailedJob(String queue, long id) {
    Table<Record> failures = DSL.table(store.tables(queue).failures());
    return database.run(dsl -> dsl.deleteFrom(failures).where(FailureColumns.ID.eq(id)).execute() == 1);
  }

  /** Rows past the cursor in the walk's direction, by sort key then id. */
  private static Condition after(PageRequest request, Field<Long> key, Field<Long> id) {
    PageCursor cursor = request.after();
    if (cursor == null) {
      return DSL.noCondition();
    }
    return request.ascending()
        ? key.gt(cursor.key()).or(key.eq(cursor.key()).and(id.gt(cursor.id())))
        : key.lt(cursor.key()).or(key.eq(cursor.key()).and(id.lt(cursor.id())));
  }

  private static org.jooq.SortField<Long> order(PageRequest request, Field<Long> field) {
    return request.ascending() ? field.asc() : field.desc();
  }

  /** Cuts {@code limit + 1} fetched rows into a page and, when there were more, a cursor. */
  private static <T> Page<T> page(List<Record> rows, PageRequest request, long walkMark,
      Function<Record, T> toItem, Function<T, Long> key, Function<T, Long> id) {
    List<T> items = rows.stream().limit(request.limit()).map(toItem).toList();
    if (rows.size() <= request.limit()) {
      return new Page<>(items, null);
    }
    T last = items.getLast();
    return new Page<>(items, new PageCursor(key.apply(last), id.apply(last), walkMark));
  }
}
