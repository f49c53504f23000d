package dev.middleman.core.spi;

import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import java.util.List;
import java.util.Optional;

/**
 * Queue definitions and routings, shared by every node. Each change raises the revision, so that
 * nodes notice changes made elsewhere by comparing one number.
 */
public interface DefinitionRepository {

  long revision();

  List<QueueDefinition> queues();

  Optional<QueueDefinition> queue(String name);

  /** Creates or replaces. */
  QueueDefinition saveQueue(QueueDefinition queue);

  /** @return the removed definition, or empty if there was none */
  Optional<QueueDefinition> deleteQueue(String name);

  List<Routing> routings();

  Optional<Routing> routing(String jobCategory);

  /** Creates or replaces. */
  Routing saveRouting(Routing routing);

  /** @return the removed routing, or empty if there was none */
  Optional<Routing> deleteRouting(String jobCategory);
}
