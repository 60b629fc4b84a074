package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * A listening socket on 127.0.0.1 and a random port, and the loopback address it forwards to: what the
 * test proxies share. Forwarding is refused for anything but loopback, so no test traffic leaves the
 * machine.
 */
record LoopbackForward(ServerSocket server, InetSocketAddress target) {
    static LoopbackForward open(URI target, String what) throws IOException {
        InetAddress host = InetAddress.getByName(target.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException(what + " only forwards to loopback, not " + target);
        }
        return new LoopbackForward(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                new InetSocketAddress(host, target.getPort()));
    }
}
