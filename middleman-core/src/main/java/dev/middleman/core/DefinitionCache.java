package dev.middleman.core;

import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.spi.DefinitionRepository;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * This node's copy of the definitions, so that a push needs no definition lookup in storage. It is
 * reloaded whenever the repository's revision moves.
 */
final class DefinitionCache {

  private final DefinitionRepository repository;
  private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of());

  DefinitionCache(DefinitionRepository repository) {
    this.repository = repository;
  }

  /** @return whether anything changed since the last reload */
  boolean reload() {
    long revision = repository.revision();
    if (revision == snapshot.revision()) {
      return false;
    }
    List<QueueDefinition> queues = repository.queues();
    List<Routing> routings = repository.routings();
    snapshot = new Snapshot(
        revision,
        queues.stream().collect(Collectors.toMap(QueueDefinition::name, Function.identity())),
        routings.stream().collect(Collectors.toMap(Routing::jobCategory, Routing::queueName)));
    return true;
  }

  List<QueueDefinition> queues() {
    return List.copyOf(snapshot.queues().values());
  }

  /** The queue a job of {@code category} goes to, or {@code defaultQueue} (possibly null). */
  String queueFor(String category, String defaultQueue) {
    return snapshot.routes().getOrDefault(category, defaultQueue);
  }

  boolean isDefined(String queue) {
    return snapshot.queues().containsKey(queue);
  }

  private record Snapshot(
      long revision, Map<String, QueueDefinition> queues, Map<String, String> routes) {}
}
