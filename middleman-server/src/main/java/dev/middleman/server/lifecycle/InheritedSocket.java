package dev.middleman.server.lifecycle;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * Turns the number of a listening socket inherited from a parent process (Server::Starter) into a
 * {@link ServerSocketChannel}.
 *
 * <p>The JDK has no public way to wrap an arbitrary descriptor ({@code System.inheritedChannel()}
 * only looks at descriptor 0), so this uses the JDK's own socket classes in {@code sun.nio.ch}:
 * {@code IOUtil.newFD(int)} makes the descriptor, {@code Net.localAddress} asks the kernel which
 * address family it has, and {@code ServerSocketChannelImpl}'s constructor for an already bound
 * descriptor wraps it. That package must be open to this code: the jar's manifest says
 * {@code Add-Opens: java.base/sun.nio.ch}, which {@code java -jar} honours; otherwise run with
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}.
 */
public final class InheritedSocket {

  private InheritedSocket() {}

  /** @throws IOException when the descriptor is not a usable listening socket or the JDK refuses */
  public static ServerSocketChannel adopt(int fd) throws IOException {
    try {
      Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
      FileDescriptor descriptor = (FileDescriptor) call(ioUtil, "newFD", new Class<?>[] {int.class}, fd);
      Class<?> net = Class.forName("sun.nio.ch.Net");
      InetSocketAddress local = (InetSocketAddress)
          call(net, "localAddress", new Class<?>[] {FileDescriptor.class}, descriptor);
      ProtocolFamily family = local.getAddress() instanceof Inet4Address
          ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
      Constructor<?> constructor = Class.forName("sun.nio.ch.ServerSocketChannelImpl")
          .getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class,
              FileDescriptor.class, boolean.class);
      constructor.setAccessible(true);
      return (ServerSocketChannel) constructor.newInstance(
          SelectorProvider.provider(), family, descriptor, true);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof IOException io ? io
          : new IOException("cannot use file descriptor " + fd + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot adopt file descriptor " + fd + " (is java.base/sun.nio.ch"
          + " opened to Middleman? the jar's manifest does this for java -jar): " + e, e);
    }
  }

  private static Object call(Class<?> owner, String name, Class<?>[] types, Object... args)
      throws ReflectiveOperationException {
    Method method = owner.getDeclaredMethod(name, types);
    method.setAccessible(true);
    return method.invoke(null, args);
  }
}
