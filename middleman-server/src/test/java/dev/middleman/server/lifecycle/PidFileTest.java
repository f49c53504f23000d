package dev.middleman.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir
  Path dir;

  @Test
  void holds_this_process_id_until_closed() throws Exception {
    Path path = dir.resolve("middleman.pid");

    PidFile pidFile = PidFile.write(path);
    assertThat(path).hasContent(Long.toString(ProcessHandle.current().pid()));

    pidFile.close();
    assertThat(path).doesNotExist();
  }

  @Test
  void leaves_the_file_of_a_successor_that_wrote_its_own_pid() throws Exception {
    Path path = dir.resolve("middleman.pid");
    PidFile pidFile = PidFile.write(path);
    Files.writeString(path, "4242\n");

    pidFile.close();

    assertThat(path).hasContent("4242");
  }
}
