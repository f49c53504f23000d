package dev.middleman.http;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * Turns a listening socket inherited as a file descriptor number (as Server::Starter passes them,
 * in {@code SERVER_STARTER_PORT}) into a {@link ServerSocketChannel} for {@link
 * ApiServer#start(ServerSocketChannel)}.
 *
 * <p>The JDK has no public way to do this for any descriptor but 0 ({@link
 * System#inheritedChannel()}), so this builds the channel the way that method does, with the JDK's
 * own {@code sun.nio.ch} classes. The JVM must open that package to the application: {@code
 * --add-opens java.base/sun.nio.ch=ALL-UNNAMED} on the command line, or {@code Add-Opens:
 * java.base/sun.nio.ch} in the manifest of the jar started with {@code java -jar}.
 */
public final class InheritedSockets {

  private InheritedSockets() {}

  /**
   * @throws UncheckedIOException when the descriptor is not a bound socket
   * @throws IllegalStateException when the JVM does not open {@code sun.nio.ch}
   */
  public static ServerSocketChannel fromFileDescriptor(int fd) {
    try {
      FileDescriptor descriptor = (FileDescriptor) Class.forName("sun.nio.ch.IOUtil")
          .getMethod("newFD", int.class).invoke(null, fd);
      InetSocketAddress local = (InetSocketAddress) Class.forName("sun.nio.ch.Net")
          .getMethod("localAddress", FileDescriptor.class).invoke(null, descriptor);
      ProtocolFamily family = local.getAddress() instanceof Inet4Address
          ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
      Constructor<?> channel = Class.forName("sun.nio.ch.ServerSocketChannelImpl")
          .getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class,
              FileDescriptor.class, boolean.class);
      channel.setAccessible(true);
      return (ServerSocketChannel) channel.newInstance(
          SelectorProvider.provider(), family, descriptor, true);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException("file descriptor " + fd + " is not a bound socket: "
            + io.getMessage(), io);
      }
      throw new IllegalStateException("cannot use file descriptor " + fd, e.getCause());
    } catch (IllegalAccessException | InaccessibleObjectException e) {
      throw new IllegalStateException("an inherited socket needs the JVM option "
          + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED (or Add-Opens: java.base/sun.nio.ch "
          + "in the jar manifest)", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JDK cannot wrap an inherited socket", e);
    }
  }
}
