package dev.middleman.server.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The file holding this process's id while it runs. */
public final class PidFile implements AutoCloseable {

  private final Path path;

  private PidFile(Path path) {
    this.path = path;
  }

  /** Writes the pid; a reader never sees a half-written file. */
  public static PidFile write(Path path) {
    Path absolute = path.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the pid file " + absolute, e);
    }
    return new PidFile(absolute);
  }

  /**
   * Removes the file, unless another process has written its pid there since (under
   * Server::Starter, the daemon that replaces this one does).
   */
  @Override
  public void close() {
    try {
      if (Files.exists(path) && Files.readString(path, StandardCharsets.US_ASCII).strip()
          .equals(Long.toString(ProcessHandle.current().pid()))) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the pid file " + path, e);
    }
  }
}
