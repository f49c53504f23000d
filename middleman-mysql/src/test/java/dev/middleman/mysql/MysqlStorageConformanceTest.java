package dev.middleman.mysql;

import dev.middleman.core.spi.StorageDriver;
import dev.middleman.testkit.conformance.StorageConformanceTest;
import dev.middleman.testkit.mysql.MysqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class MysqlStorageConformanceTest extends StorageConformanceTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();

  @Override
  protected StorageDriver newEmptyStorage() {
    return DriverWithElection.open(Dsn.parse(mysql.dsn()), 8);
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities(true, true);
  }
}
