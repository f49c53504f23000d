package dev.middleman.mysql;

import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.model.Throttle;
import dev.middleman.core.spi.DefinitionRepository;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Queues and routings in the repository database. Every change and the rise of the revision
 * happen in one transaction; the revision row also serialises concurrent changes.
 */
final class MysqlDefinitionRepository implements DefinitionRepository {

  private static final Table<Record> QUEUES = DSL.table(DSL.name("mm_queue"));
  private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR(64));
  private static final Field<Long> POLLING_INTERVAL =
      DSL.field(DSL.name("polling_interval"), SQLDataType.BIGINT);
  private static final Field<Integer> MAX_WORKERS =
      DSL.field(DSL.name("max_workers"), SQLDataType.INTEGER);
  private static final Field<Double> MAX_DISPATCHES_PER_SECOND =
      DSL.field(DSL.name("max_dispatches_per_second"), SQLDataType.DOUBLE);
  private static final Field<Integer> MAX_BURST_SIZE =
      DSL.field(DSL.name("max_burst_size"), SQLDataType.INTEGER);

  private static final Table<Record> ROUTINGS = DSL.table(DSL.name("mm_routing"));
  /** 768 characters of utf8mb4 are the most an InnoDB key can hold. */
  static final int MAX_CATEGORY_LENGTH = 768;
  private static final Field<String> JOB_CATEGORY =
      DSL.field(DSL.name("job_category"), SQLDataType.VARCHAR(MAX_CATEGORY_LENGTH));
  private static final Field<String> QUEUE_NAME =
      DSL.field(DSL.name("queue_name"), SQLDataType.VARCHAR(64));

  private static final Table<Record> REVISION = DSL.table(DSL.name("mm_revision"));
  private static final Field<Integer> REVISION_ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
  private static final Field<Long> REVISION_NUMBER =
      DSL.field(DSL.name("revision"), SQLDataType.BIGINT);
  private static final int THE_REVISION = 1;

  private final Database database;

  MysqlDefinitionRepository(Database database) {
    this.database = database;
  }

  static void createTables(DSLContext dsl) {
    dsl.createTableIfNotExists(QUEUES)
        .column(NAME, SQLDataType.VARCHAR(64).notNull())
        .column(POLLING_INTERVAL, SQLDataType.BIGINT.notNull())
        .column(MAX_WORKERS, SQLDataType.INTEGER.notNull())
        .column(MAX_DISPATCHES_PER_SECOND, SQLDataType.DOUBLE.null_())
        .column(MAX_BURST_SIZE, SQLDataType.INTEGER.null_())
        .primaryKey(NAME)
        .storage(Schema.TABLE_OPTIONS)
        .execute();
    dsl.createTableIfNotExists(ROUTINGS)
        .column(JOB_CATEGORY, SQLDataType.VARCHAR(MAX_CATEGORY_LENGTH).notNull())
        .column(QUEUE_NAME, SQLDataType.VARCHAR(64).notNull())
        .primaryKey(JOB_CATEGORY)
        .storage(Schema.TABLE_OPTIONS)
        .execute();
    dsl.createTableIfNotExists(REVISION)
        .column(REVISION_ID, SQLDataType.INTEGER.notNull())
        .column(REVISION_NUMBER, SQLDataType.BIGINT.notNull())
        .primaryKey(REVISION_ID)
        .storage(Schema.TABLE_OPTIONS)
        .execute();
  }

  @Override
  public long revision() {
    Long revision = database.run(dsl -> dsl.select(REVISION_NUMBER).from(REVISION)
        .where(REVISION_ID.eq(THE_REVISION)).fetchOne(REVISION_NUMBER));
    return revision == null ? 0 : revision;
  }

  @Override
  public List<QueueDefinition> queues() {
    return database.run(dsl -> dsl.selectFrom(QUEUES).orderBy(NAME).fetch(this::toQueue));
  }

  @Override
  public Optional<QueueDefinition> queue(String name) {
    return database.run(dsl -> dsl.selectFrom(QUEUES).where(NAME.eq(name)).fetchOptional(this::toQueue));
  }

  @Override
  public QueueDefinition saveQueue(QueueDefinition queue) {
    Optional<Throttle> throttle = queue.throttleIfAny();
    Double rate = throttle.map(Throttle::maxDispatchesPerSecond).orElse(null);
    Integer burst = throttle.map(Throttle::maxBurstSize).orElse(null);
    return database.transaction(dsl -> {
      raiseRevision(dsl);
      dsl.insertInto(QUEUES, NAME, POLLING_INTERVAL, MAX_WORKERS, MAX_DISPATCHES_PER_SECOND, MAX_BURST_SIZE)
          .values(queue.name(), queue.pollingInterval(), queue.maxWorkers(), rate, burst)
          .onDuplicateKeyUpdate()
          .set(POLLING_INTERVAL, queue.pollingInterval())
          .set(MAX_WORKERS, queue.maxWorkers())
          .set(MAX_DISPATCHES_PER_SECOND, rate)
          .set(MAX_BURST_SIZE, burst)
          .execute();
      return queue;
    });
  }

  @Override
  public Optional<QueueDefinition> deleteQueue(String name) {
    return database.transaction(dsl -> {
      Optional<QueueDefinition> found =
          dsl.selectFrom(QUEUES).where(NAME.eq(name)).forUpdate().fetchOptional(this::toQueue);
      if (found.isPresent()) {
        dsl.deleteFrom(QUEUES).where(NAME.eq(name)).execute();
        raiseRevision(dsl);
      }
      return found;
    });
  }

  @Override
  public List<Routing> routings() {
    return database.run(dsl -> dsl.selectFrom(ROUTINGS).orderBy(JOB_CATEGORY).fetch(this::toRouting));
  }

  @Override
  public Optional<Routing> routing(String jobCategory) {
    return database.run(dsl ->
        dsl.selectFrom(ROUTINGS).where(JOB_CATEGORY.eq(jobCategory)).fetchOptional(this::toRouting));
  }

  @Override
  public Routing saveRouting(Routing routing) {
    if (routing.jobCategory().length() > MAX_CATEGORY_LENGTH) {
      throw new InvalidRequestException("job_category", "must be at most "
          + MAX_CATEGORY_LENGTH + " characters to be routed, got " + routing.jobCategory().length());
    }
    return database.transaction(dsl -> {
      raiseRevision(dsl);
      dsl.insertInto(ROUTINGS, JOB_CATEGORY, QUEUE_NAME)
          .values(routing.jobCategory(), routing.queueName())
          .onDuplicateKeyUpdate()
          .set(QUEUE_NAME, routing.queueName())
          .execute();
      return routing;
    });
  }

  @Override
  public Optional<Routing> deleteRouting(String jobCategory) {
    return database.transaction(dsl -> {
      Optional<Routing> found = dsl.selectFrom(ROUTINGS).where(JOB_CATEGORY.eq(jobCategory))
          .forUpdate().fetchOptional(this::toRouting);
      if (found.isPresent()) {
        dsl.deleteFrom(ROUTINGS).where(JOB_CATEGORY.eq(jobCategory)).execute();
        raiseRevision(dsl);
      }
      return found;
    });
  }

  /** Upserts, so that the revision row comes back even if someone emptied the table. */
  private static void raiseRevision(DSLContext dsl) {
    dsl.insertInto(REVISION, REVISION_ID, REVISION_NUMBER)
        .values(THE_REVISION, 1L)
        .onDuplicateKeyUpdate()
        .set(REVISION_NUMBER, REVISION_NUMBER.plus(1))
        .execute();
  }

  private QueueDefinition toQueue(Record row) {
    Double rate = row.get(MAX_DISPATCHES_PER_SECOND);
    Throttle throttle = rate == null ? null : new Throttle(rate, row.get(MAX_BURST_SIZE));
    return new QueueDefinition(row.get(NAME), row.get(POLLING_INTERVAL), row.get(MAX_WORKERS), throttle);
  }

  private Routing toRouting(Record row) {
    return new Routing(row.get(JOB_CATEGORY), row.get(QUEUE_NAME));
  }
}
