package dev.middleman.server.config;

import java.net.InetSocketAddress;

/** Where the API listens: an address to bind, or a socket inherited from Server::Starter. */
public sealed interface Listen {

  /**
   * @param source how the address was given, for an error when it cannot be bound
   */
  record Bind(InetSocketAddress address, String source) implements Listen {}

  record Inherited(ServerStarterPort port) implements Listen {}
}
