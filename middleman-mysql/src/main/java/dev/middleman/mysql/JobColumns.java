package dev.middleman.mysql;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.JobStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The columns of a queue's job table, its DDL, and how a row becomes a {@link Job}. */
final class JobColumns {

  static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  static final Field<String> CATEGORY = DSL.field(DSL.name("category"), SQLDataType.CLOB);
  static final Field<String> URL = DSL.field(DSL.name("url"), SQLDataType.CLOB);
  static final Field<String> PAYLOAD = DSL.field(DSL.name("payload"), SQLDataType.CLOB);
  static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.VARCHAR(7));
  static final Field<Long> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.BIGINT);
  static final Field<Long> NEXT_TRY = DSL.field(DSL.name("next_try"), SQLDataType.BIGINT);
  static final Field<Integer> RETRY_COUNT = DSL.field(DSL.name("retry_count"), SQLDataType.INTEGER);
  static final Field<Integer> FAIL_COUNT = DSL.field(DSL.name("fail_count"), SQLDataType.INTEGER);
  static final Field<Integer> MAX_RETRIES = DSL.field(DSL.name("max_retries"), SQLDataType.INTEGER);
  static final Field<Long> RETRY_DELAY = DSL.field(DSL.name("retry_delay"), SQLDataType.BIGINT);
  static final Field<Long> TIMEOUT = DSL.field(DSL.name("timeout"), SQLDataType.BIGINT);
  /** The node that grabbed the job; null while it is claimed. */
  static final Field<String> GRABBED_BY = DSL.field(DSL.name("grabbed_by"), SQLDataType.VARCHAR(255));
  /** When the row last changed, in microseconds of the database's clock: inspection walks use it. */
  static final Field<Long> CHANGED_AT = DSL.field(DSL.name("changed_at"), SQLDataType.BIGINT);

  static final String CLAIMED = JobStatus.CLAIMED.wireName();
  static final String GRABBED = JobStatus.GRABBED.wireName();

  private JobColumns() {}

  static void createTable(DSLContext dsl, Name table) {
    dsl.createTableIfNotExists(table)
        .column(ID, SQLDataType.BIGINT.notNull().identity(true))
        .column(CATEGORY, SQLDataType.CLOB.notNull())
        .column(URL, SQLDataType.CLOB.notNull())
        .column(PAYLOAD, SQLDataType.CLOB.null_())
        .column(STATUS, SQLDataType.VARCHAR(7).notNull())
        .column(CREATED_AT, SQLDataType.BIGINT.notNull())
        .column(NEXT_TRY, SQLDataType.BIGINT.notNull())
        .column(RETRY_COUNT, SQLDataType.INTEGER.notNull())
        .column(FAIL_COUNT, SQLDataType.INTEGER.notNull())
        .column(MAX_RETRIES, SQLDataType.INTEGER.notNull())
        .column(RETRY_DELAY, SQLDataType.BIGINT.notNull())
        .column(TIMEOUT, SQLDataType.BIGINT.notNull())
        .column(GRABBED_BY, SQLDataType.VARCHAR(255).null_())
        .column(CHANGED_AT, SQLDataType.BIGINT.notNull())
        .primaryKey(ID)
        .indexes(Schema.index("by_status_next_try", table, STATUS, NEXT_TRY, ID))
        .storage(Schema.TABLE_OPTIONS)
        .execute();
  }

  static Job toJob(String queue, Record row) {
    return new Job(
        queue,
        row.get(ID),
        row.get(CATEGORY),
        row.get(URL),
        row.get(PAYLOAD),
        GRABBED.equals(row.get(STATUS)) ? JobStatus.GRABBED : JobStatus.CLAIMED,
        row.get(CREATED_AT),
        row.get(NEXT_TRY),
        row.get(RETRY_COUNT),
        row.get(FAIL_COUNT),
        row.get(MAX_RETRIES),
        row.get(RETRY_DELAY),
        row.get(TIMEOUT));
  }
}
