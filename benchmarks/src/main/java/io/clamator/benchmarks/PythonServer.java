package io.clamator.benchmarks;

import java.io.IOException;

/** The one Python clamator server process, shared by the systems that call it, started on first use. */
final class PythonServer {

    private final PythonPeer.PythonSetup python;
    private final String redisUrl;
    private final String keyPrefix;
    private PythonPeer peer;
    private int users;

    PythonServer(PythonPeer.PythonSetup python, String redisUrl, String keyPrefix) {
        this.python = python;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    synchronized void acquire() throws IOException {
        if (peer == null) {
            peer = PythonPeer.start(python, "server", redisUrl, keyPrefix);
        }
        users++;
    }

    synchronized ProcessHandle handle() {
        return peer.handle();
    }

    synchronized void release() {
        if (--users == 0 && peer != null) {
            peer.close();
            peer = null;
        }
    }
}
