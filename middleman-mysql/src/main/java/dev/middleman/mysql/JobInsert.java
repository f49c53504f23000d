package dev.middleman.mysql;

import static dev.middleman.mysql.JobColumns.CATEGORY;
import static dev.middleman.mysql.JobColumns.CHANGED_AT;
import static dev.middleman.mysql.JobColumns.CLAIMED;
import static dev.middleman.mysql.JobColumns.CREATED_AT;
import static dev.middleman.mysql.JobColumns.FAIL_COUNT;
import static dev.middleman.mysql.JobColumns.MAX_RETRIES;
import static dev.middleman.mysql.JobColumns.NEXT_TRY;
import static dev.middleman.mysql.JobColumns.PAYLOAD;
import static dev.middleman.mysql.JobColumns.RETRY_COUNT;
import static dev.middleman.mysql.JobColumns.RETRY_DELAY;
import static dev.middleman.mysql.JobColumns.STATUS;
import static dev.middleman.mysql.JobColumns.TIMEOUT;
import static dev.middleman.mysql.JobColumns.URL;

import dev.middleman.core.model.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * The multi-row INSERT of pushed jobs into one queue's table, in plain JDBC: it is the hottest
 * statement of the driver, and rendering it through jOOQ for every push cost more than the rest of
 * the push. Its text is made once per queue from names rendered (and quoted) by jOOQ; every value
 * is a bind parameter.
 */
final class JobInsert {

  private final String prefix;
  private final String row;

  JobInsert(DSLContext dsl, QueueTables tables) {
    this.prefix = "INSERT INTO " + dsl.render(tables.jobs()) + " ("
        + Stream.of(CATEGORY, URL, PAYLOAD, STATUS, CREATED_AT, NEXT_TRY, RETRY_COUNT, FAIL_COUNT,
                MAX_RETRIES, RETRY_DELAY, TIMEOUT, CHANGED_AT)
            .map(field -> dsl.render(field.getUnqualifiedName()))
            .collect(Collectors.joining(", "))
        + ") VALUES ";
    this.row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dsl.render(Database.SERVER_MICROS) + ")";
  }

  /** The jobs of each push, with the push's clock. */
  record Push(List<NewJob> jobs, long now) {}

  /**
   * Inserts every push's jobs in one statement.
   *
   * @return each push's new ids, in order
   */
  List<List<Long>> insert(Connection connection, List<Push> pushes) throws SQLException {
    int rows = pushes.stream().mapToInt(push -> push.jobs().size()).sum();
    String sql = prefix + row + (", " + row).repeat(rows - 1);
    try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      int parameter = 1;
      for (Push push : pushes) {
        for (NewJob job : push.jobs()) {
          insert.setString(parameter++, job.category());
          insert.setString(parameter++, job.url());
          if (job.payload() == null) {
            insert.setNull(parameter++, Types.VARCHAR);
          } else {
            insert.setString(parameter++, job.payload());
          }
          insert.setString(parameter++, CLAIMED);
          insert.setLong(parameter++, push.now());
          insert.setLong(parameter++, push.now() + job.runAfter() * 1000);
          insert.setInt(parameter++, job.maxRetries());
          insert.setInt(parameter++, 0);
          insert.setInt(parameter++, job.maxRetries());
          insert.setLong(parameter++, job.retryDelay());
          insert.setLong(parameter++, job.timeout());
        }
      }
      int inserted = insert.executeUpdate();
      if (inserted != rows) {
        throw new IllegalStateException("the database stored " + inserted + " of " + rows + " jobs");
      }
      // One multi-row INSERT takes its ids as one block: Connector/J reports the block's first
      // (LAST_INSERT_ID()) and steps by auto_increment_increment.
      List<List<Long>> ids = new ArrayList<>(pushes.size());
      try (ResultSet keys = insert.getGeneratedKeys()) {
        for (Push push : pushes) {
          List<Long> own = new ArrayList<>(push.jobs().size());
          for (int i = 0; i < push.jobs().size(); i++) {
            if (!keys.next()) {
              throw new IllegalStateException("the database returned fewer ids than rows");
            }
            own.add(keys.getLong(1));
          }
          ids.add(own);
        }
      }
      return ids;
    }
  }
}
