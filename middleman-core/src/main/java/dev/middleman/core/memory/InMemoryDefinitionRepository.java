package dev.middleman.core.memory;

import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.spi.DefinitionRepository;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

final class InMemoryDefinitionRepository implements DefinitionRepository {

  private final TreeMap<String, QueueDefinition> queues = new TreeMap<>();
  private final TreeMap<String, Routing> routings = new TreeMap<>();
  private long revision;

  @Override
  public synchronized long revision() {
    return revision;
  }

  @Override
  public synchronized List<QueueDefinition> queues() {
    return List.copyOf(queues.values());
  }

  @Override
  public synchronized Optional<QueueDefinition> queue(String name) {
    return Optional.ofNullable(queues.get(name));
  }

  @Override
  public synchronized QueueDefinition saveQueue(QueueDefinition queue) {
    queues.put(queue.name(), queue);
    revision++;
    return queue;
  }

  @Override
  public synchronized Optional<QueueDefinition> deleteQueue(String name) {
    return changed(Optional.ofNullable(queues.remove(name)));
  }

  @Override
  public synchronized List<Routing> routings() {
    return List.copyOf(routings.values());
  }

  @Override
  public synchronized Optional<Routing> routing(String jobCategory) {
    return Optional.ofNullable(routings.get(jobCategory));
  }

  @Override
  public synchronized Routing saveRouting(Routing routing) {
    routings.put(routing.jobCategory(), routing);
    revision++;
    return routing;
  }

  @Override
  public synchronized Optional<Routing> deleteRouting(String jobCategory) {
    return changed(Optional.ofNullable(routings.remove(jobCategory)));
  }

  private <T> Optional<T> changed(Optional<T> removed) {
    removed.ifPresent(value -> revision++);
    return removed;
  }
}
