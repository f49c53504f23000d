import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares the two table layouts for jobs on a real server: one table per queue, or one shared
 * table with a queue column. Each of QUEUES queues gets a pusher thread (one job per transaction)
 * and a dispatcher thread (grab up to 10 with FOR UPDATE SKIP LOCKED, mark them grabbed, then
 * delete each one in its own transaction) for SECONDS seconds.
 *
 * <p>Run: java -cp mysql-connector-j.jar LayoutBench.java 'jdbc:mysql://127.0.0.1:PORT/db' user password
 */
public class LayoutBench {

  static final int QUEUES = 4;
  static final int SECONDS = 15;
  static final int PREFILL = 20_000;

  public static void main(String[] args) throws Exception {
    String url = args[0] + "?rewriteBatchedStatements=true";
    for (String layout : new String[] {"per-queue", "shared", "per-queue", "shared"}) {
      try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
        createTables(c, layout);
        prefill(c, layout);
      }
      AtomicLong pushed = new AtomicLong();
      AtomicLong completed = new AtomicLong();
      long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int q = 0; q < QUEUES; q++) {
        String queue = "q" + q;
        threads.add(Thread.ofPlatform().start(() -> run(() -> push(url, args, layout, queue, deadline, pushed))));
        threads.add(Thread.ofPlatform().start(() -> run(() -> dispatch(url, args, layout, queue, deadline, completed))));
      }
      for (Thread t : threads) t.join();
      System.out.printf("%-9s push %6.0f/s  grab+complete %6.0f/s%n", layout,
          pushed.get() / (double) SECONDS, completed.get() / (double) SECONDS);
    }
  }

  interface Body { void run() throws Exception; }

  static void run(Body body) {
    try { body.run(); } catch (Exception e) { throw new RuntimeException(e); }
  }

  static String table(String layout, String queue) {
    return layout.equals("shared") ? "bench_shared" : "bench_q_" + queue;
  }

  static void createTables(Connection c, String layout) throws Exception {
    try (Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      if (layout.equals("shared")) tables.add("bench_shared"); else for (int q = 0; q < QUEUES; q++) tables.add("bench_q_q" + q);
      for (String t : tables) {
        s.execute("CREATE TABLE IF NOT EXISTS " + t + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " queue VARCHAR(64) NOT NULL, category VARCHAR(255) NOT NULL, url TEXT NOT NULL,"
            + " payload LONGTEXT, status ENUM('claimed','grabbed') NOT NULL, next_try BIGINT NOT NULL,"
            + " grabbed_by VARCHAR(255),"
            + (layout.equals("shared") ? " INDEX grab (queue, status, next_try, id))" : " INDEX grab (status, next_try, id))"));
        s.execute("DELETE FROM " + t);
      }
    }
  }

  static void prefill(Connection c, String layout) throws Exception {
    for (int q = 0; q < QUEUES; q++) {
      String queue = "q" + q;
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(layout, queue)
          + " (queue, category, url, payload, status, next_try) VALUES (?, 'c', 'http://x/', '{}', 'claimed', ?)")) {
        for (int i = 0; i < PREFILL; i++) {
          p.setString(1, queue);
          p.setLong(2, Long.MAX_VALUE / 2 + i); // deferred far ahead: present in the index, never grabbed
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  static void push(String url, String[] a, String layout, String queue, long deadline, AtomicLong n) throws Exception {
    try (Connection c = DriverManager.getConnection(url, a[1], a[2]);
        PreparedStatement p = c.prepareStatement("INSERT INTO " + table(layout, queue)
            + " (queue, category, url, payload, status, next_try) VALUES (?, 'c', 'http://x/', '{}', 'claimed', ?)")) {
      while (System.nanoTime() < deadline) {
        p.setString(1, queue);
        p.setLong(2, System.currentTimeMillis());
        p.executeUpdate();
        n.incrementAndGet();
      }
    }
  }

  static void dispatch(String url, String[] a, String layout, String queue, long deadline, AtomicLong n) throws Exception {
    String t = table(layout, queue);
    String where = layout.equals("shared") ? "queue = ? AND " : "? = ? AND ";
    try (Connection c = DriverManager.getConnection(url, a[1], a[2])) {
      PreparedStatement select = c.prepareStatement("SELECT id FROM " + t + " WHERE " + (layout.equals("shared") ? "queue = ?" : "? = ?")
          + " AND status = 'claimed' AND next_try <= ? ORDER BY next_try, id LIMIT 10 FOR UPDATE SKIP LOCKED");
      PreparedStatement mark = c.prepareStatement("UPDATE " + t + " SET status = 'grabbed', grabbed_by = 'n' WHERE id = ?");
      PreparedStatement delete = c.prepareStatement("DELETE FROM " + t + " WHERE id = ?");
      while (System.nanoTime() < deadline) {
        c.setAutoCommit(false);
        int p = 1;
        select.setString(p++, queue);
        if (!layout.equals("shared")) select.setString(p++, queue);
        select.setLong(p, System.currentTimeMillis());
        List<Long> ids = new ArrayList<>();
        try (ResultSet r = select.executeQuery()) { while (r.next()) ids.add(r.getLong(1)); }
        for (long id : ids) { mark.setLong(1, id); mark.addBatch(); }
        if (!ids.isEmpty()) mark.executeBatch();
        c.commit();
        c.setAutoCommit(true);
        for (long id : ids) { delete.setLong(1, id); delete.executeUpdate(); n.incrementAndGet(); }
      }
    }
  }
}
