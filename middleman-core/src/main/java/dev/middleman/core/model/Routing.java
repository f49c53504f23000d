package dev.middleman.core.model;

import dev.middleman.core.InvalidRequestException;

/** Sends jobs of {@code jobCategory} to the queue {@code queueName}. */
public record Routing(String jobCategory, String queueName) {

  public Routing {
    if (jobCategory == null || jobCategory.isEmpty()) {
      throw new InvalidRequestException("job_category", "must not be empty");
    }
    if (queueName == null || queueName.isEmpty()) {
      throw new InvalidRequestException("queue_name", "is required");
    }
    QueueDefinition.requireValidName(queueName);
  }
}
