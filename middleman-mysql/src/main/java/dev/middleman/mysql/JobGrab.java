package dev.middleman.mysql;

import static dev.middleman.mysql.JobColumns.CATEGORY;
import static dev.middleman.mysql.JobColumns.CHANGED_AT;
import static dev.middleman.mysql.JobColumns.CLAIMED;
import static dev.middleman.mysql.JobColumns.CREATED_AT;
import static dev.middleman.mysql.JobColumns.FAIL_COUNT;
import static dev.middleman.mysql.JobColumns.GRABBED;
import static dev.middleman.mysql.JobColumns.GRABBED_BY;
import static dev.middleman.mysql.JobColumns.ID;
import static dev.middleman.mysql.JobColumns.MAX_RETRIES;
import static dev.middleman.mysql.JobColumns.NEXT_TRY;
import static dev.middleman.mysql.JobColumns.PAYLOAD;
import static dev.middleman.mysql.JobColumns.RETRY_COUNT;
import static dev.middleman.mysql.JobColumns.RETRY_DELAY;
import static dev.middleman.mysql.JobColumns.STATUS;
import static dev.middleman.mysql.JobColumns.TIMEOUT;
import static dev.middleman.mysql.JobColumns.URL;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.JobStatus;
import dev.middleman.core.spi.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The grab of one queue in plain JDBC, as it runs on every dispatch round: in one transaction,
 * lock the oldest ready claimed rows ({@code FOR UPDATE SKIP LOCKED} where the server has it), then
 * mark them grabbed only while the lease's named lock is held by the lease's own connection, as
 * the database sees it at that moment. Its text is made once per queue from names rendered and
 * quoted by jOOQ; every value is a bind parameter.
 */
final class JobGrab {

  private final String queue;
  private final String select;
  private final String updatePrefix;
  private final String fence;

  JobGrab(DSLContext dsl, QueueTables tables, boolean skipLocked) {
    this.queue = tables.queue();
    String table = dsl.render(tables.jobs());
    this.select = "SELECT " + names(dsl, ID, CATEGORY, URL, PAYLOAD, CREATED_AT, NEXT_TRY,
            RETRY_COUNT, FAIL_COUNT, MAX_RETRIES, RETRY_DELAY, TIMEOUT)
        + " FROM " + table
        + " WHERE " + name(dsl, STATUS) + " = '" + CLAIMED + "' AND " + name(dsl, NEXT_TRY) + " <= ?"
        + " ORDER BY " + name(dsl, NEXT_TRY) + ", " + name(dsl, ID) + " LIMIT ? FOR UPDATE"
        + (skipLocked ? " SKIP LOCKED" : "");
    this.updatePrefix = "UPDATE " + table + " SET " + name(dsl, STATUS) + " = '" + GRABBED + "', "
        + name(dsl, GRABBED_BY) + " = ?, " + name(dsl, CHANGED_AT) + " = "
        + dsl.render(Database.SERVER_MICROS) + " WHERE " + name(dsl, ID) + " IN (";
    this.fence = " AND IS_USED_LOCK(?) = ?";
  }

  /**
   * Grabs up to {@code limit} ready jobs.
   *
   * @return the grabbed jobs; none if the fence found the lock elsewhere (then nothing was written)
   */
  List<Job> grab(Connection connection, int limit, long now, Lease lease) throws SQLException {
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      List<Job> ready = lockReady(connection, limit, now);
      if (!ready.isEmpty() && mark(connection, ready, lease) != ready.size()) {
        return List.of();
      }
      connection.commit();
      committed = true;
      return ready;
    } finally {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  private List<Job> lockReady(Connection connection, int limit, long now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setLong(1, now);
      statement.setInt(2, limit);
      try (ResultSet row = statement.executeQuery()) {
        List<Job> jobs = new ArrayList<>();
        while (row.next()) {
          jobs.add(new Job(queue, row.getLong(1), row.getString(2), row.getString(3),
              row.getString(4), JobStatus.GRABBED, row.getLong(5), row.getLong(6), row.getInt(7),
              row.getInt(8), row.getInt(9), row.getLong(10), row.getLong(11)));
        }
        return jobs;
      }
    }
  }

  private int mark(Connection connection, List<Job> jobs, Lease lease) throws SQLException {
    MysqlLease fenced = lease instanceof MysqlLease mysqlLease ? mysqlLease : null;
    String sql = updatePrefix + "?" + ", ?".repeat(jobs.size() - 1) + ")"
        + (fenced == null ? "" : fence);
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      int parameter = 1;
      update.setString(parameter++, lease.nodeId());
      for (Job job : jobs) {
        update.setLong(parameter++, job.id());
      }
      if (fenced != null) {
        update.setString(parameter++, fenced.lockName());
        update.setLong(parameter, fenced.connectionId());
      }
      return update.executeUpdate();
    }
  }

  private static String name(DSLContext dsl, Field<?> field) {
    return dsl.render(field.getUnqualifiedName());
  }

  private static String names(DSLContext dsl, Field<?>... fields) {
    return Stream.of(fields).map(field -> name(dsl, field)).collect(Collectors.joining(", "));
  }
}
