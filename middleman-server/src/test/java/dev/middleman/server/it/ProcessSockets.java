package dev.middleman.server.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP connections one process holds, read from Linux's {@code /proc}: its file descriptors
 * name socket inodes, and {@code /proc/<pid>/net/tcp} (and {@code tcp6}) give each inode's ports.
 */
final class ProcessSockets {

  private ProcessSockets() {}

  /** The local ports of the process's connections to {@code remotePort}. */
  static Set<Integer> localPortsConnectedTo(long pid, int remotePort) throws IOException {
    Set<String> inodes = socketInodes(pid);
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (port(fields[2]) == remotePort && inodes.contains(fields[9])) {
          ports.add(port(fields[1]));
        }
      }
    }
    return ports;
  }

  private static Set<String> socketInodes(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // The descriptor was closed while we looked: not a connection any more.
        }
      }
    }
    return inodes;
  }

  /** {@code 0100007F:0CEA} → 3306. */
  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
  }
}
