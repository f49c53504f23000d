package dev.middleman.mysql;

import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.WorkerResult;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The columns of a queue's failure log, its DDL, and how a row becomes a {@link FailedJob}. */
final class FailureColumns {

  static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  static final Field<Long> JOB_ID = DSL.field(DSL.name("job_id"), SQLDataType.BIGINT);
  static final Field<String> CATEGORY = JobColumns.CATEGORY;
  static final Field<String> URL = JobColumns.URL;
  static final Field<String> PAYLOAD = JobColumns.PAYLOAD;
  static final Field<String> RESULT_STATUS = DSL.field(DSL.name("result_status"), SQLDataType.CLOB);
  static final Field<Integer> RESULT_CODE = DSL.field(DSL.name("result_code"), SQLDataType.INTEGER);
  static final Field<String> RESULT_MESSAGE = DSL.field(DSL.name("result_message"), SQLDataType.CLOB);
  static final Field<Integer> FAIL_COUNT = JobColumns.FAIL_COUNT;
  static final Field<Long> FAILED_AT = DSL.field(DSL.name("failed_at"), SQLDataType.BIGINT);
  static final Field<Long> CREATED_AT = JobColumns.CREATED_AT;

  private FailureColumns() {}

  static void createTable(DSLContext dsl, Name table) {
    dsl.createTableIfNotExists(table)
        .column(ID, SQLDataType.BIGINT.notNull().identity(true))
        .column(JOB_ID, SQLDataType.BIGINT.notNull())
        .column(CATEGORY, SQLDataType.CLOB.notNull())
        .column(URL, SQLDataType.CLOB.notNull())
        .column(PAYLOAD, SQLDataType.CLOB.null_())
        .column(RESULT_STATUS, SQLDataType.CLOB.null_())
        .column(RESULT_CODE, SQLDataType.INTEGER.notNull())
        .column(RESULT_MESSAGE, SQLDataType.CLOB.null_())
        .column(FAIL_COUNT, SQLDataType.INTEGER.notNull())
        .column(FAILED_AT, SQLDataType.BIGINT.notNull())
        .column(CREATED_AT, SQLDataType.BIGINT.notNull())
        .primaryKey(ID)
        .indexes(
            Schema.index("by_failed_at", table, FAILED_AT, ID),
            Schema.index("by_created_at", table, CREATED_AT, ID))
        .storage(Schema.TABLE_OPTIONS)
        .execute();
  }

  static FailedJob toFailedJob(Record row) {
    return new FailedJob(
        row.get(ID),
        row.get(JOB_ID),
        row.get(CATEGORY),
        row.get(URL),
        row.get(PAYLOAD),
        new WorkerResult(row.get(RESULT_STATUS), row.get(RESULT_CODE), row.get(RESULT_MESSAGE)),
        row.get(FAIL_COUNT),
        row.get(FAILED_AT),
        row.get(CREATED_AT));
  }
}
