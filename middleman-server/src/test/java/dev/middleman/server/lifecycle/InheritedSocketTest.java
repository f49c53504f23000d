package dev.middleman.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

class InheritedSocketTest {

  @Test
  void adopts_a_listening_socket_by_its_descriptor_number_and_accepts_on_it() throws Exception {
    // Stands in for the socket start_server opens: a listening socket known only by its number.
    ServerSocketChannel parent = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int fd = descriptorOf(parent);

    ServerSocketChannel adopted = InheritedSocket.adopt(fd);

    assertThat(adopted.getLocalAddress()).isEqualTo(parent.getLocalAddress());
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(),
        ((InetSocketAddress) parent.getLocalAddress()).getPort());
        SocketChannel accepted = adopted.accept()) {
      assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalSocketAddress());
    }
    adopted.close(); // closes the shared descriptor; the parent object is left unused
  }

  @Test
  void refuses_a_descriptor_that_is_not_a_socket() {
    assertThatThrownBy(() -> InheritedSocket.adopt(0)).isInstanceOf(IOException.class);
  }

  private static int descriptorOf(ServerSocketChannel channel) throws Exception {
    Method getFdVal = Class.forName("sun.nio.ch.SelChImpl").getDeclaredMethod("getFDVal");
    getFdVal.setAccessible(true);
    return (int) getFdVal.invoke(channel);
  }
}
