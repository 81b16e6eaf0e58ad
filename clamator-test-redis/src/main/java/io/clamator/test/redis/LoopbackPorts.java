package io.clamator.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the IPv4 loopback address. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * The highest port handed out: a Redis Cluster node also listens on its port + 10000 (its
     * cluster bus), which must stay a valid port.
     */
    static final int HIGHEST = 55535;

    /** A port at most {@value #HIGHEST} that the operating system reports free right now. */
    static int findFree() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                if (socket.getLocalPort() <= HIGHEST) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("No free port up to " + HIGHEST + " on " + HOST);
    }
}
