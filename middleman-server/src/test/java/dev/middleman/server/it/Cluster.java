package dev.middleman.server.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Daemons (the packaged jar) sharing one MySQL database and default queue. Each calls workers
 * with its own {@code User-Agent}, its name, so a worker can tell which node sent a call.
 */
final class Cluster implements AutoCloseable {

  private static final Pattern QUEUE_LOCK_CONNECTION =
      Pattern.compile("election queue locks - connected to MySQL(?: again)? as connection (\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, String> env;
  private final String queue;
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private int launched;

  /** One daemon of the cluster, named by its User-Agent. */
  record Node(String agent, MiddlemanProcess process) {

    /** The ids of every connection this node has held its queue locks on, from its log. */
    Set<Long> queueLockConnections() {
      Matcher matcher = QUEUE_LOCK_CONNECTION.matcher(process.stderrText());
      return matcher.results().map(match -> Long.parseLong(match.group(1))).collect(Collectors.toSet());
    }

    int port() {
      return process.port();
    }
  }

  /** The primary of the queue: the node, and the connection id it holds the queue lock on. */
  record Primary(Node node, long connectionId) {}

  Cluster(Path dir, Map<String, String> env, String queue) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.queue = queue;
  }

  /** Starts {@code count} nodes at once and waits until all answer. */
  List<Node> start(int count) {
    List<Node> started = IntStream.range(0, count).mapToObj(i -> launch()).toList();
    started.forEach(node -> node.process().awaitReady());
    return started;
  }

  /** Starts one more node without waiting for it; {@link MiddlemanProcess#awaitReady} does. */
  synchronized Node launch() {
    String agent = "node-" + (++launched);
    Map<String, String> nodeEnv = new HashMap<>(env);
    nodeEnv.put("MIDDLEMAN_QUEUE_DEFAULT", queue);
    nodeEnv.put("MIDDLEMAN_DISPATCH_USER_AGENT", agent);
    Node node = new Node(agent, MiddlemanProcess.launch(dir, nodeEnv));
    nodes.add(node);
    return node;
  }

  List<Node> live() {
    return nodes.stream().filter(node -> node.process().isAlive()).toList();
  }

  /** A live node other than {@code node}. */
  Node other(Node node) {
    return live().stream().filter(candidate -> candidate != node).findFirst().orElseThrow();
  }

  /** Kills the node with SIGKILL and waits until the process is gone. */
  void kill(Node node) throws InterruptedException {
    node.process().close();
    node.process().awaitExit(Duration.ofSeconds(10));
    nodes.remove(node);
  }

  /** Waits until some node is primary for the queue, as GET /queue/{name}/node tells. */
  Primary awaitPrimary(Duration within) {
    return await("a primary for " + queue).atMost(within).pollInterval(Duration.ofMillis(20))
        .until(this::primaryNow, Optional::isPresent).orElseThrow();
  }

  /** The primary now, if any node holds the queue lock and a live node is the holder. */
  Optional<Primary> primaryNow() throws IOException {
    for (Node asked : live()) {
      HttpResponse<String> response = asked.process().get("/queue/" + queue + "/node");
      if (response.statusCode() != 200) {
        continue;
      }
      long id = Long.parseLong(JSON.readTree(response.body()).get("id").asText());
      return live().stream().filter(node -> node.queueLockConnections().contains(id)).findFirst()
          .map(node -> new Primary(node, id));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    nodes.forEach(node -> node.process().close());
  }
}
