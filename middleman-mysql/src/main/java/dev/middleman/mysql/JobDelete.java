package dev.middleman.mysql;

import static dev.middleman.mysql.JobColumns.GRABBED;
import static dev.middleman.mysql.JobColumns.ID;
import static dev.middleman.mysql.JobColumns.STATUS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Deletes succeeded jobs of one queue, several in one statement, in plain JDBC (it runs once per
 * dispatched job; rendering it through jOOQ cost more than executing it). Its text is made from
 * names rendered and quoted by jOOQ; the ids are bind parameters.
 */
final class JobDelete {

  private final String prefix;

  JobDelete(DSLContext dsl, QueueTables tables) {
    this.prefix = "DELETE FROM " + dsl.render(tables.jobs()) + " WHERE "
        + dsl.render(STATUS.getUnqualifiedName()) + " = '" + GRABBED + "' AND "
        + dsl.render(ID.getUnqualifiedName()) + " IN (";
  }

  /**
   * Deletes the grabbed jobs of these ids. Several ids are deleted in one transaction, which is
   * committed only if every one of them was still there: otherwise it is rolled back and {@link
   * NotAllThere} is thrown, so that the caller can tell which were gone by deleting them one by one.
   *
   * @return for each id, whether it was deleted
   */
  List<Boolean> delete(Connection connection, List<Long> ids) throws SQLException {
    String sql = prefix + "?" + ", ?".repeat(ids.size() - 1) + ")";
    if (ids.size() == 1) {
      return List.of(execute(connection, sql, ids) == 1);
    }
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      if (execute(connection, sql, ids) != ids.size()) {
        throw new NotAllThere();
      }
      connection.commit();
      committed = true;
      return Collections.nCopies(ids.size(), true);
    } finally {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  private static int execute(Connection connection, String sql, List<Long> ids) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      for (int i = 0; i < ids.size(); i++) {
        delete.setLong(i + 1, ids.get(i));
      }
      return delete.executeUpdate();
    }
  }

  /** Some of the jobs were no longer stored; nothing was deleted. */
  static final class NotAllThere extends RuntimeException {
    NotAllThere() {
      super("some of the jobs were no longer stored", null, false, false);
    }
  }
}
