package dev.middleman.mysql;

import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;

/**
 * Creates and migrates the tables of one part of the schema ({@code jobs} or {@code definitions})
 * at start. Only {@code CREATE TABLE IF NOT EXISTS}, inserts and updates are used, so several
 * daemons may start at once and the user needs no more than CREATE, INSERT, DELETE, UPDATE and
 * SELECT. The version reached is kept per part in {@code mm_schema}.
 */
final class Schema {

  static final String TABLE_OPTIONS = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  static final int CURRENT_VERSION = 1;

  private static final Name SCHEMA = DSL.name("mm_schema");
  private static final Field<String> PART = DSL.field(DSL.name("part"), SQLDataType.VARCHAR(32));
  private static final Field<Integer> VERSION = DSL.field(DSL.name("version"), SQLDataType.INTEGER);

  private Schema() {}

  /** An index to declare inside CREATE TABLE, where MySQL has no CREATE INDEX IF NOT EXISTS. */
  static Index index(String name, Name table, Field<?>... columns) {
    return Internal.createIndex(DSL.name(name), DSL.table(table), columns, false);
  }

  /**
   * @param createTables creates every table of the part that does not exist yet
   * @throws IllegalStateException if the database was migrated by a newer Middleman
   */
  static void migrate(Database database, String part, Consumer<DSLContext> createTables) {
    database.run(dsl -> {
      dsl.createTableIfNotExists(SCHEMA)
          .column(PART, SQLDataType.VARCHAR(32).notNull())
          .column(VERSION, SQLDataType.INTEGER.notNull())
          .primaryKey(PART)
          .storage(TABLE_OPTIONS)
          .execute();
      Integer found = dsl.select(VERSION).from(SCHEMA).where(PART.eq(part)).fetchOne(VERSION);
      if (found != null && found > CURRENT_VERSION) {
        throw new IllegalStateException("the " + part + " tables are at schema version " + found
            + ", newer than this Middleman knows (" + CURRENT_VERSION + "); upgrade Middleman");
      }
      createTables.accept(dsl);
      dsl.insertInto(DSL.table(SCHEMA), PART, VERSION)
          .values(part, CURRENT_VERSION)
          .onDuplicateKeyUpdate()
          .set(VERSION, DSL.greatest(VERSION, DSL.inline(CURRENT_VERSION)))
          .execute();
      return null;
    });
  }
}
