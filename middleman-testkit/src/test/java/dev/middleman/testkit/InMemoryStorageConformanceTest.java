package dev.middleman.testkit;

import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.testkit.conformance.StorageConformanceTest;

class InMemoryStorageConformanceTest extends StorageConformanceTest {

  @Override
  protected StorageDriver newEmptyStorage() {
    return new InMemoryStorage();
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities(false, true);
  }
}
